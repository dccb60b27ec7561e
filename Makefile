# The two commands for a fresh clone:
#   make site   set up .venv from the pinned requirements and build the site into site/
#   make test   install what the tests need and run every test
# Also: make serve (preview with live reload), make validate, make schema, make lock.

# Material prints an end-of-life banner on every build; it is noted in the README instead.
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
# Browser tests drive Debian's Chromium (browsers cannot be downloaded by test tools here).
CHROMIUM   := /usr/bin/chromium

.PHONY: site bundles serve test validate schema stamp report lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==24.3.1"

# Pinned, hash-checked dependencies, then the project's own plugins (editable).
$(SITE_STAMP): requirements/site.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): requirements/test.txt $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	touch $@

# Offline copies: a build for file:// (no directory URLs, search inlined), zipped
# reproducibly per language and with all languages, with SHA256SUMS.
bundles: $(SITE_STAMP)
	rm -rf .offline-build
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir .offline-build
	$(BIN)/whrdkb bundles --site .offline-build --out bundles
	rm -rf .offline-build

# Build elsewhere, then swap: a failed build leaves the previous site/ untouched.
# The download page lists the offline copies and their checksums, so they are made first.
site: bundles
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	mkdir -p .site-build/downloads && cp bundles/*.zip bundles/SHA256SUMS .site-build/downloads/
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv .site-build site
	rm -rf site.old
	@echo "The site is in site/ (open site/index.html, or run: make serve); offline copies in bundles/"

serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve --strict

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	 else echo "Browser tests need Debian's chromium package: install it as root (apt-get install chromium)"; exit 1; fi; \
	 $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

# Two workers: the suite builds sites and drives a browser; CI machines have two cores.
TEST_WORKERS ?= 2
test: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope

validate: $(SITE_STAMP)
	$(BIN)/whrdkb validate

schema: $(SITE_STAMP)
	$(BIN)/whrdkb schema

# After translating: tie each new translation to the English text it was made from.
stamp: $(SITE_STAMP)
	$(BIN)/whrdkb stamp

# Stale directory entries, translation state and broken links (needs make site first).
report: $(SITE_STAMP)
	$(BIN)/whrdkb report --site site

# Re-pin every dependency (with hashes) after editing requirements/*.in.
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet "pip-tools==7.6.2"
	cd requirements && for f in site test; do \
	  ../.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links -o $$f.txt $$f.in; done
	rm -rf .lock-venv

clean:
	rm -rf .site-build .offline-build site.old .pytest_cache
