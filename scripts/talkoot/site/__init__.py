"""The site: pages, feeds, calendars, charts and open data made from published content.

May import: Jinja2, MarkupSafe, icalendar, pydantic, `talkoot.content`, `talkoot.vocabulary`
and `talkoot.submissions.issueform` (prefilled issue-form links). Never github3, requests,
mkdocs or the edges (`talkoot.github`, `talkoot.mkdocs`, `talkoot.cli`).
"""
