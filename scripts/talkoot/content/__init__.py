"""The content model, loading and validation, publication and new editions.

May import: pydantic, PyYAML, `talkoot.exceptions` and `talkoot.vocabulary`. Never the
site, submissions or any edge (github3, requests, mkdocs).
"""
