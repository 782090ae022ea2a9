# Two commands do everything on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve site test lint bench schemas forms screenshots clean

$(SITE_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(SITE_STAMP)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

serve: $(SITE_STAMP)
	TALKOOT_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

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

screenshots: $(DEV_STAMP)
	$(BIN)/python tests/screenshots.py screenshots

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
