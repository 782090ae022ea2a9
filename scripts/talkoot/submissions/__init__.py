"""Submissions: issue forms, parsing and checking answers, the content files they become
and the Finnish messages sent back. Pure: strings in, values out; `talkoot.github` does
the I/O around it.

One module a job: `forms` (the issue forms), `issueform` (the pure parser) and
`formproblems` (its problems as values), `values` (an issue as data, checked values,
labels), `checks` (a submission against its form), `proposals` (a proposal as a content
file), `registrations` (the queue), `messages`, `notices` and `pullbodies` (what the bot
writes), `wording` (shared Finnish and inert user text), and the guards `contactdata`,
`personalid`, `businessid`.

Rules that shape the texts: every problem names the form's label in bold; nothing the
sender typed is echoed into a comment (problems describe the spot by the form's own
labels); user text that must appear elsewhere (a pull request's title or body) goes
through `wording.plain` or `wording.code_span`, which keep Markdown, HTML and @mentions
inert; content files are written by the project's one YAML writer and re-validated with
the model.

May import: `talkoot.content`, `talkoot.vocabulary`. Never github3, requests or mkdocs.
"""
