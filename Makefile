# The two commands for a fresh clone:
#   make site   set up .venv from the pinned requirements and build the site into site/
#   make test   install what the tests need and run every test
#   make test-fast  only tests/unit (no build, no browser: under a minute)
# Also: make serve (preview with live reload), make validate, make schema, make lock.

# Material prints an end-of-life banner on every build; it is noted in the README instead.
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Marker files: what pip installed from the pinned requirements (remade when those change).
SITE_INSTALLED := $(VENV)/.site-installed
TEST_INSTALLED := $(VENV)/.test-installed
# Debian packages: Chromium drives the browser tests (browsers cannot be downloaded by test tools
# here); WeasyPrint (pathway guides, pocket cards) lays text out with Pango
# (HarfBuzz shaping for Arabic and Devanagari); Noto fonts give the PDFs Arabic and Devanagari glyphs
# (embedded, subset); poppler's pdftoppm lets the tests look at the PDFs' pages.
CHROMIUM   := /usr/bin/chromium
PANGO      := /usr/share/doc/libpangoft2-1.0-0/copyright
NOTO       := /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf
PDFTOPPM   := /usr/bin/pdftoppm
KIWIX_SERVE := /usr/bin/kiwix-serve
# GNU gettext: msgfmt checks the translators' PO files (tests), msgcat lays exported ones out as every gettext tool does.
MSGFMT     := /usr/bin/msgfmt

.PHONY: site bundles serve test test-fast validate schema stamp report po lock clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==24.3.1"

# Pinned, hash-checked dependencies, then the project's own plugins (editable).
$(SITE_INSTALLED): requirements/site.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_INSTALLED): requirements/test.txt $(SITE_INSTALLED)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	touch $@

# Offline copies: the PDF editions printed from the data (kept in pdfs/ for the online site), then a
# build for file:// (no directory URLs, search inlined) that lists and carries them, zipped reproducibly
# per language and with all languages, written as Kiwix editions (ZIM files, core/zim.py) the same way,
# with SHA256SUMS.
# Then (make site) the online build, with the zips, ZIMs and PDFs copied in.
# `whrdkb publish` (plugins/whrdkb/core/publish.py) builds each into a folder of its own and swaps it
# into place when complete, so a failed or stopped build never replaces or breaks site/, bundles/ or
# pdfs/; it first puts back what an earlier stopped run left half-swapped, and a stop (SIGTERM, Ctrl-C)
# stops the builds it started and removes their folders.
# The Debian packages come first: where they cannot be installed, make stops before anything else.
bundles: $(CHROMIUM) $(PANGO) $(NOTO) $(SITE_INSTALLED)
	$(BIN)/whrdkb publish --only-bundles

site: $(CHROMIUM) $(PANGO) $(NOTO) $(SITE_INSTALLED)
	$(BIN)/whrdkb publish

# Rebuilds only the pages an edit changed (kb-preview makes them the same as a full build's).
serve: $(SITE_INSTALLED)
	$(BIN)/mkdocs serve --dirty --strict

# Install a Debian package as root (or with sudo): $(call apt,PACKAGE). Without apt-get (Windows, macOS,
# another Linux), make stops at once with one sentence: install the package, or use the dev container.
apt = $(if $(shell command -v apt-get),,$(error This computer has no apt-get to install Debian's package $(1): \
	open the project in its dev container (.devcontainer/, see the README), or install $(1) yourself and run make again)) \
	@if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	 else echo "The build needs Debian's package $(1): install it as root (apt-get install $(1)), or open the project in its dev container (see the README)" >&2; exit 1; fi; \
	 $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(1) >/dev/null

$(CHROMIUM):
	$(call apt,chromium)

$(PANGO):
	$(call apt,libpangoft2-1.0-0)

$(NOTO):
	$(call apt,fonts-noto-core)

$(PDFTOPPM):
	$(call apt,poppler-utils)

$(MSGFMT):
	$(call apt,gettext)

$(KIWIX_SERVE):
	$(call apt,kiwix-tools)

# Two workers: the suite builds sites and drives a browser; CI machines have two cores. tests/unit and
# tests/site run in one session, so the site built once (tests/site/conftest.py) serves every test;
# loadscope keeps a module's tests (and its module fixtures: printed PDFs, ZIMs) on one worker.
TEST_WORKERS ?= 2
test: $(CHROMIUM) $(PANGO) $(NOTO) $(PDFTOPPM) $(MSGFMT) $(KIWIX_SERVE) $(TEST_INSTALLED)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --durations=15

# The fast half: tests/unit (pure functions and data checks; WeasyPrint lays out the print editions' text).
test-fast: $(PANGO) $(NOTO) $(TEST_INSTALLED)
	$(BIN)/python -m pytest tests/unit -n $(TEST_WORKERS) --durations=5

validate: $(SITE_INSTALLED)
	$(BIN)/whrdkb validate

schema: $(SITE_INSTALLED)
	$(BIN)/whrdkb schema

# After translating: tie each new translation to the English text it was made from.
stamp: $(SITE_INSTALLED)
	$(BIN)/whrdkb stamp

# A translator's files for one language: make po LANGUAGE=ne writes translations/ne.po and
# translations/messages.pot (for Poedit, Weblate, Transifex, Crowdin), laid out by gettext.
po: $(MSGFMT) $(SITE_INSTALLED)
	@test -n "$(LANGUAGE)" || { echo "Say which language: make po LANGUAGE=ne (fr, es, ar, ne)" >&2; exit 1; }
	$(BIN)/whrdkb translations export --language $(LANGUAGE)

# Stale directory entries, translation state and broken links (needs make site first).
report: $(SITE_INSTALLED)
	$(BIN)/whrdkb report --site site

# The performance benchmark (long: up to 5,000 synthetic entries in every language); writes
# its figures into docs/en/contribute/performance.md. Not part of make test.
bench: $(TEST_INSTALLED) $(CHROMIUM)
	$(BIN)/python bench/run.py --write

# Re-pin every dependency (with hashes) after editing requirements/*.in.
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet "pip-tools==7.6.2"
	cd requirements && for f in site test; do \
	  ../.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links -o $$f.txt $$f.in; done
	rm -rf .lock-venv

clean:
	rm -rf .site-build .offline-build .bundles-build .pdfs-build site.old bundles.old pdfs.old .pytest_cache pdfs
