"""The MkDocs edge: a thin plugin that adds the core's pages to a MkDocs build.

May import: mkdocs, `talkoot.content`, `talkoot.site`. Never github3 or `talkoot.github`.
"""
