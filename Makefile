# Civic CX — the two quick-start commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := src/civiccx/core/static/vendor/.built
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export CIVICCX_HOME := $(CURDIR)

.PHONY: install assets browser demo serve test test-sqlite test-postgres bench lint messages clean

$(INSTALLED): pyproject.toml
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "Installing Debian's Pango (WeasyPrint lays out the progress report PDFs)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(ASSETS): node_modules/.package-lock.json scripts/build_assets.py
	$(PYTHON) scripts/build_assets.py
	touch $@

assets: $(ASSETS)

messages: $(INSTALLED)
	cd src/civiccx && ../../$(BIN)/django-admin compilemessages --ignore '.venv' -v 0

# Browser tests drive Debian's chromium (Playwright's own browser downloads are not used).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v pdftoppm >/dev/null || { \
	  echo "Installing Debian's poppler-utils (pdftoppm renders the report PDFs in tests)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

demo: install assets messages
	$(BIN)/civiccx demo

serve: install assets messages
	$(BIN)/civiccx serve

test: install assets messages browser
	bash scripts/run_tests.sh

bench: install
	@command -v wrk >/dev/null || { \
	  echo "Installing Debian's wrk for the API load benchmark..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	bash scripts/run_bench.sh

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules var src/civiccx/core/static/vendor
