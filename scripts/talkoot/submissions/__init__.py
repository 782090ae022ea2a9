"""Submissions: issue forms, parsing and checking answers, the content files they become
and the Finnish messages sent back. Pure: strings in, values out.

May import: `talkoot.content`, `talkoot.vocabulary`. Never github3, requests or mkdocs.
"""
