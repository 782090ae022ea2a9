# Two commands do everything on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
# Where `make serve` answers; e.g. `make serve SERVE_ADDR=127.0.0.1:8001`.
SERVE_ADDR ?= 127.0.0.1:8000
DEV_STAMP := $(VENV)/.dev-installed
# Every dependency, the installer and the build backend, pinned with hashes (`make lock`).
SITE_LOCK := requirements/site.txt
DEV_LOCK := requirements/dev.txt
LOCK_INPUTS := pyproject.toml requirements/tools.in
# Pins that hold on every Python from requires-python up (3.11 and later), on any platform.
UV_COMPILE := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--upgrade

.PHONY: serve site site-zensical test lint bench schemas forms lock screenshots clean

# The locked dependencies first, then the project itself: nothing more to download.
$(SITE_STAMP): $(SITE_LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r $(SITE_LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): $(DEV_LOCK) $(SITE_STAMP)
	$(BIN)/python -m pip install -q --require-hashes -r $(DEV_LOCK)
	touch $@

# exec: make passes SIGTERM on to its child only, so the child must be mkdocs itself (not a
# shell that would leave it running); the talkoot plugin makes SIGTERM shut it down cleanly.
serve: $(SITE_STAMP)
	exec env TALKOOT_SITE_URL=http://$(SERVE_ADDR)/ $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

site: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The same site built by Zensical, which runs no MkDocs plugins: `talkoot export` writes the
# pages and a mkdocs.yml for it into build/zensical/ (Zensical writes only inside the
# folder of its configuration file), and the result is moved to site-zensical/.
ZENSICAL_BUILD := build/zensical

site-zensical: $(DEV_STAMP)
	rm -rf site-zensical
	$(BIN)/talkoot export $(ZENSICAL_BUILD)
	$(BIN)/zensical build --strict --clean --config-file $(ZENSICAL_BUILD)/mkdocs.yml
	mv $(ZENSICAL_BUILD)/site site-zensical

lint: $(DEV_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

bench: $(DEV_STAMP)
	$(BIN)/python -m talkoot.cli.bench

schemas: $(SITE_STAMP)
	$(BIN)/talkoot schemas --write

forms: $(SITE_STAMP)
	$(BIN)/talkoot forms --write

# Resolves both lock files again from pyproject.toml and requirements/tools.in, taking the
# newest versions allowed. The site's lock takes its pins from the dev lock, so the two
# always agree.
lock: $(DEV_STAMP)
	$(UV_COMPILE) $(LOCK_INPUTS) --extra dev --output-file $(DEV_LOCK)
	$(UV_COMPILE) $(LOCK_INPUTS) --constraint $(DEV_LOCK) --output-file $(SITE_LOCK)

screenshots: $(DEV_STAMP)
	$(BIN)/python tests/screenshots.py screenshots

clean:
	rm -rf site site-zensical $(ZENSICAL_BUILD) .pytest_cache .mypy_cache .ruff_cache
