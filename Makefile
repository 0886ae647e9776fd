# TA-HSB practice handbook — one entry point for people and CI.
#   make serve   serve the handbook on http://127.0.0.1:8000 with live reload
#   make test    lint, type check, strict build, all tests (browser included), link check, HTML check
#   make test-quick   unit tests and one PDF-less build, for the edit loop (not for CI)
#   make build   strict build into site/ (web pages + PDFs)
#   make dist    offline package: dist/ta-hsb-handbook-<version>-offline.zip
#   make check LOCAL=areas/north.yml   check an overlay without building: every problem, one line each
#   make edition [LOCAL=…]   keep this version's guidance as editions/<version>.json (when it is published)
#   make release [LOCAL=…]   release bundle in dist/: site .tar.gz, offline zip, SBOM, guidance snapshot, notes, SHA256SUMS
#   make verify-release RELEASE=dist/…   check a release byte for byte against its source
#   make bench   benchmark report: bench/results/report.md
#   make deploy-configs   rewrite deploy/ (nginx, Apache) from macros/hooks/security.py
#   make lock    regenerate requirements.lock and requirements-runtime.lock after changing pyproject.toml
#   ENGINE=properdocs   build, serve and release with ProperDocs instead of MkDocs (guides/it-teams.md, "Support and maintenance")
# Browser and hosting tests need Debian packages: `make system-deps` (as root) installs them.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME_STAMP := $(VENV)/.installed-runtime
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
export NO_MKDOCS_2_WARNING := 1
# Bytecode goes to .cache/pycache, not into the watched macros/ folder: compiled
# once, our modules no longer cost ~30 ms of compiling on every build.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
SYSTEM_PACKAGES := chromium chromium-driver nginx fonts-dejavu-core default-jre-headless libnginx-mod-http-brotli-static apache2 poppler-utils hyperfine
NODE_STAMP := node_modules/.installed
# The site builder: MkDocs, or ProperDocs (its maintained fork, the same build byte for byte
# apart from the generator tag: tests/build/test_engines.py). Tools read HANDBOOK_ENGINE.
ENGINE ?= mkdocs
ifeq ($(filter $(ENGINE),mkdocs properdocs),)
$(error ENGINE=$(ENGINE): use mkdocs (the default) or properdocs)
endif
export HANDBOOK_ENGINE := $(ENGINE)
# pip installs only uv (pinned with its hashes in requirements-uv.lock); uv installs the locks,
# in parallel and without compiling (Python compiles what it imports, on first use, into
# .cache/pycache): a fresh clone's `make serve` answers in seconds, not after pip's 20 s.
UV_VERSION := 0.13.9
# The venv is made without pip (ensurepip costs 3 s); the machine's own pip installs uv into it.
PIP_INSTALL := $(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check --require-hashes --no-deps --no-compile
UV_PIP := $(BIN)/uv pip
UV_INSTALL := $(UV_PIP) install --quiet --python $(BIN)/python --require-hashes --no-deps

.PHONY: help install install-runtime lock serve build check edition release verify-release test test-quick lint typecheck pytest linkcheck vnu dist bench system-deps clean a11y-results deploy-configs

help:
	@sed -n 's/^#   //p' Makefile

# Every package pinned with its hashes (pip and uv refuse a file whose hash differs); the project
# itself is not installed (see pyproject.toml). requirements-runtime.lock holds what building
# and serving need, so `make serve` starts sooner; requirements.lock adds the tools that test,
# lint and release (the same pins: tests/unit/test_lock.py).
$(RUNTIME_STAMP): requirements-runtime.lock requirements-uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	$(PIP_INSTALL) -r requirements-uv.lock
	$(UV_INSTALL) -r requirements-runtime.lock
	$(UV_PIP) check --quiet --python $(BIN)/python
	touch $@

$(STAMP): requirements.lock $(RUNTIME_STAMP)
	$(UV_INSTALL) -r requirements.lock
	$(UV_PIP) check --quiet --python $(BIN)/python
	touch $@

install: $(STAMP)
install-runtime: $(RUNTIME_STAMP)

# Regenerate both locks after changing pyproject.toml (pip-tools). The runtime lock starts
# from the full one, so pip-compile keeps its pins and drops what only the dev extra needs.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(PIP_COMPILE) --extra dev --output-file requirements.lock pyproject.toml
	cp requirements.lock requirements-runtime.lock
	$(PIP_COMPILE) --output-file requirements-runtime.lock pyproject.toml
	echo "uv==$(UV_VERSION)" | $(PIP_COMPILE) --output-file requirements-uv.lock -

ADDR ?= 127.0.0.1:8000
serve: $(RUNTIME_STAMP)
	HANDBOOK_PDF=background $(BIN)/$(ENGINE) serve -f mkdocs.yml --dev-addr $(ADDR) --livereload

LOCAL ?=
SITE ?= site
COPY_NAME := $(if $(LOCAL),-$(basename $(notdir $(LOCAL))),)
build: $(RUNTIME_STAMP)
	HANDBOOK_LOCAL=$(LOCAL) $(BIN)/$(ENGINE) build -f mkdocs.yml --strict --clean --site-dir $(SITE)
	chmod -R a+rX $(SITE)

# Check an overlay (its pages, notes, checklist items, review dates) without building:
# every problem, one line each.
check: $(RUNTIME_STAMP)
	$(BIN)/python -m tools.check $(LOCAL)

lint: $(STAMP)
	$(BIN)/ruff check macros tests tools
	$(BIN)/ruff format --check macros tests tools

typecheck: $(STAMP)
	$(BIN)/mypy

# In PYTEST_WORKERS processes (pytest-xdist), each test module in one of them but for a few
# long tests that each get their own (tests/conftest.py, ALONE); each site variant is built
# once and shared (tests/conftest.py). Most tests wait on a browser or a
# server, so there are more workers than cores.
PYTEST_WORKERS ?= 4
pytest: $(STAMP) $(NODE_STAMP) build
	HANDBOOK_SITE_DIR=site $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=20

linkcheck: $(STAMP) build
	$(BIN)/python -m tools.linkcheck site

# Node tools pinned in package-lock.json: vnu-jar (W3C Nu HTML checker, runs offline with
# Java) for `make test`, Lighthouse CI (@lhci/cli, Debian's Chromium) for `make bench`.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# Every error fails it (vnu's exit status) but those tools/vnu-filter.txt names (tests/build/test_hostile.py).
VNU := java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html --filterfile tools/vnu-filter.txt
vnu: $(STAMP) $(NODE_STAMP) build
	$(VNU) site && echo "Nu HTML checker: site: no errors"

# The checks run side by side (make -j); each one's output is printed whole when it ends.
test:
	@$(MAKE) --no-print-directory -j 3 --output-sync=target lint typecheck build pytest linkcheck vnu

# The edit loop: unit tests and one strict build without PDFs, in under a minute.
test-quick: $(STAMP)
	$(BIN)/pytest -q -n auto -m "not slow" tests/unit
	HANDBOOK_PDF=false $(BIN)/$(ENGINE) build -f mkdocs.yml --strict --quiet --clean --site-dir build/quick

dist: $(RUNTIME_STAMP)
	HANDBOOK_LOCAL=$(LOCAL) $(BIN)/python -m tools.dist --out dist/ta-hsb-handbook-$(VERSION)$(COPY_NAME)-offline.zip

deploy-configs: $(RUNTIME_STAMP)
	$(BIN)/python -m tools.deploy

# The guidance of this version as a snapshot (guides/content.md, "What changed in the guidance"):
# editions/<version>.json, or with LOCAL the overlay's own <folder>/editions/<version>.json.
edition: $(STAMP)
	$(BIN)/python -m tools.edition $(LOCAL)

# A release in dist/ta-hsb-handbook-<version>[-<overlay>]/: the site as a .tar.gz, the
# offline zip, the SBOM, the release notes and SHA256SUMS, reproducible from the commit
# (tools/release). `make verify-release RELEASE=dist/…` checks one against its source.
release: $(STAMP)
	HANDBOOK_LOCAL=$(LOCAL) $(BIN)/python -m tools.release build --out dist

RELEASE ?=
verify-release: $(STAMP)
	$(BIN)/python -m tools.release verify $(RELEASE) $(if $(LOCAL),--local $(LOCAL),)

bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.bench --out bench/results

system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES)

clean:
	rm -rf site dist build test-artifacts bench/results .pytest_cache .mypy_cache .ruff_cache node_modules

# Refresh the accessibility statement's figures from a real axe run on the pages
# (tests/browser/test_a11y.py) and the PDF/UA check of the PDFs (tests/site/test_pdf_accessibility.py).
a11y-results: $(STAMP) build
	HANDBOOK_SITE_DIR=site $(BIN)/pytest -q tests/browser/test_a11y.py tests/site/test_pdf_accessibility.py
	cp test-artifacts/accessibility-results.json data/accessibility-results.json
