# Two commands do everything on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
# Where `make serve` answers; e.g. `make serve SERVE_ADDR=127.0.0.1:8001`.
SERVE_ADDR ?= 127.0.0.1:8000
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve site test lint bench schemas forms clean

$(SITE_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(SITE_STAMP)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# exec: make passes SIGTERM on to its child only, so the child must be mkdocs itself (not a
# shell that would leave it running); the talkoot plugin makes SIGTERM shut it down cleanly.
serve: $(SITE_STAMP)
	exec env TALKOOT_SITE_URL=http://$(SERVE_ADDR)/ $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

site: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

lint: $(DEV_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: $(DEV_STAMP)
	$(BIN)/python -m talkoot.cli.bench

schemas: $(SITE_STAMP)
	$(BIN)/talkoot schemas --write

forms: $(SITE_STAMP)
	$(BIN)/talkoot forms --write

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
