"""The repository's setup that must not be missed: labels, and submissions without theirs.

GitHub applies an issue form's labels only if they already exist in the repository, and
the submissions workflow runs only for issues labelled `ehdotus` or `ilmoittautuminen`.
On a repository where nobody ran `talkoot labels`, proposals and registrations would
arrive and nothing would happen. So `talkoot sync` (daily, or run by hand) first

1. creates the labels that are missing (the set `talkoot labels` creates; existing ones
   are left as they are, colours and all), and
2. finds the open issues that were made with a form but have neither form label
   (`talkoot.submissions.recognition`), says so on the issue in Finnish and adds the
   label; the rest of the sync then handles them like any other submission.

An issue that already has the Action's bot comment was handled as a submission before:
if it has lost its label since, someone removed it on purpose, and it is left alone.
The notice is a comment of its own (marker `NOTICE_MARKER`), made once and never edited.
Everything reads before it writes, so a second run changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Final

from talkoot.github.session import Repo
from talkoot.submissions.issueform import Form
from talkoot.submissions.recognition import missing_label_notice, recognise
from talkoot.submissions.values import LABELS
from talkoot.vocabulary import names

log = logging.getLogger("talkoot.github")

NOTICE_MARKER: Final = "<!-- talkoot:missing-label -->"
#: The labels that make an issue a submission.
FORM_LABELS: Final = frozenset({names.PROPOSAL_LABEL, names.REGISTRATION_LABEL})


def create_missing_labels(repo: Repo) -> list[str]:
    """Create the project's labels that the repository lacks; the names created."""
    existing = repo.label_names()
    created = []
    for spec in LABELS:
        if spec.name.lower() not in existing:
            repo.ensure_label(spec.name, spec.color, spec.description)
            created.append(spec.name)
    if created:
        log.info("Repositoriosta puuttui tunnisteita; luotiin %s", ", ".join(created))
    return created


def label_unlabelled_submissions(repo: Repo, forms: Mapping[str, Form]) -> list[int]:
    """Label the open issues made with a form that lack the form's label (see the module
    docstring); the numbers of the issues labelled."""
    if not forms:
        return []
    labelled = []
    for issue in repo.open_issues():
        if {name.lower() for name in repo.labels_of(issue)} & FORM_LABELS:
            continue
        label = recognise(issue.body, forms)
        if label is None:
            continue
        if adopt(repo, issue, label, forms[label]):
            labelled.append(int(issue.number))
    return labelled


def adopt(repo: Repo, issue: Any, label: str, form: Form) -> bool:
    """Give a form-made issue its label, with the notice first (so that a run that fails
    in between leaves the issue to be found again); False if it is left alone."""
    number = int(issue.number)
    if repo.bot_comment(issue) is not None:
        log.info("#%d: lomakkeella tehty, tunniste %s poistettu käsittelyn jälkeen", number, label)
        return False
    log.info("#%d: lomakkeella tehty, mutta tunniste %s puuttui; lisätään", number, label)
    repo.comment_once(issue, NOTICE_MARKER, missing_label_notice(label, form.name))
    repo.add_label(issue, label)
    return True


def prepare_repository(repo: Repo, forms: Mapping[str, Form]) -> None:
    """Both steps, in the order that makes them work: labels before labelling."""
    create_missing_labels(repo)
    label_unlabelled_submissions(repo, forms)
