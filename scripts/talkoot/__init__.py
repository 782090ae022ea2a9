"""talkoot: the public site and the submission workflow of a city's yearly planning event.

The package is laid out by layer; each subpackage says what it may import, and the
import contracts in pyproject.toml (`lint-imports`, in `make lint`) and
`tests/test_layers.py` keep them to it:

- `vocabulary`: one place for each fact (page paths and URLs, file and form names, labels,
  branch names, the Finnish words for values, Finnish formatting).
- `content`: the content model, loading and validation, publication, new editions.
- `site`: pages, feeds, calendars, charts and open data made from content.
- `submissions`: issue forms, parsing and checking submissions, the files they become and
  the messages sent back.
- `github`: the GitHub edge (github3.py): the session, the repository, the Action.
- `mkdocs`: the MkDocs edge (the plugin); `export` writes the site for any engine.
- `cli`: the command line.
"""
