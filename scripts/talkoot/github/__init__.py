"""The GitHub edge: the retrying github3.py session, the repository, the Action.

May import: github3, requests, `talkoot.content`, `talkoot.submissions`,
`talkoot.vocabulary`. Never mkdocs or `talkoot.mkdocs`.
"""
