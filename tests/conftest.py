"""Shared test helpers: temporary copies of the project, and real site builds in them."""

from __future__ import annotations

import functools
import http.server
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from whrdkb.core.render import pdf

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _site_languages() -> list[str]:
    from whrdkb.cli import languages_from_mkdocs_yml

    return languages_from_mkdocs_yml(ROOT / "mkdocs.yml")


# The site's languages, default first, as mkdocs.yml lists them.
LANGUAGES = _site_languages()
PREFIX = {language: "" if i == 0 else f"{language}/" for i, language in enumerate(LANGUAGES)}
# What a site build reads; generated folders under docs/ are left out (the build recreates them).
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "overrides", "CONTRIBUTING.md")


_STAMP = re.compile(r', of: "[0-9a-f]{8}"')


def build_only(project: Path, languages: tuple[str, ...]) -> None:
    """Keep every language configured (so the data stays valid) but build only `languages` (faster tests)."""
    config = project / "mkdocs.yml"
    lines, current = [], None
    for line in config.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^\s+- locale: (\S+)", line)
        current = found.group(1) if found else current
        if current and re.match(r"^\s+build: true$", line) and current not in languages:
            line = line.replace("build: true", "build: false")
        lines.append(line)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_project(dest: Path, stamps: bool = True) -> Path:
    """Copy what a build needs into `dest` (no site/, no generated pages, no venv).

    With `stamps=False` the translations lose their `of:` fingerprints, so tests can
    edit translation lines as a maintainer types them.
    """
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("recommendations", "__pycache__")
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        else:
            shutil.copy2(src, dest / part)
    if not stamps:
        for data_file in (dest / "data").glob("*.yaml"):
            data_file.write_text(_STAMP.sub("", data_file.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def makefile_project(dest: Path) -> Path:
    """A project copy (building en and fr) where `make site` runs with this test run's virtual environment."""
    project = copy_project(dest)
    build_only(project, ("en", "fr"))
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / "pyproject.toml").write_text("")  # make's prerequisite; the install step is skipped
    (project / "requirements").mkdir()
    (project / "requirements" / "site.txt").write_text("")
    return project


def make_command(target: str = "site") -> list[str]:
    """`make TARGET` as the README says, with this test run's virtual environment (no reinstall)."""
    venv = Path(sys.prefix)
    return ["make", target, f"VENV={venv}", "-o", f"{venv}/.site-installed"]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file, failing loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def mkdocs_build(project: Path, site: str = "site") -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in a project copy."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", site],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def site_files(site: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file of a built site (path from its root -> bytes), but those whose name starts with one of `leave_out`."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith(leave_out)
    }


def sample_pages(pages: list[str], every: int = 15) -> list[str]:
    """Pages to load in a browser where loading all grows with the site: every type in every language kept.

    A page's type is its language, its first folder (or file), its depth, and the first word of its name
    where several share it (`fr/directory/kind-legal-aid/`: a kind listing); of each type the first page
    is kept and one in `every` after it.
    """
    typed: list[tuple[tuple[str, str, int], str, str]] = []
    for page in sorted(pages):
        parts = page.split("/")
        language = parts[0] if PREFIX.get(parts[0]) else LANGUAGES[0]
        rest = parts[1:] if PREFIX[language] else parts
        typed.append(
            (
                (language, rest[0], len(rest)),  # a file at a language's root is a type of its own
                rest[1].split("-")[0] if len(rest) > 2 else "",
                page,
            )
        )
    shared = Counter((kind, word) for kind, word, _ in typed)
    groups: dict[tuple, list[str]] = {}
    for kind, word, page in typed:
        groups.setdefault((kind, word if shared[kind, word] >= 3 else ""), []).append(page)
    kept = {page for group in groups.values() for page in group[::every]}
    return sorted(kept)


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session from the repository's data."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project to break on purpose (translations without fingerprints).

    It builds English and French only: enough for what these tests check, and
    two and a half times faster than all five languages (which built_site covers).
    """
    copy = copy_project(tmp_path / "project", stamps=False)
    build_only(copy, ("en", "fr"))
    return copy


@pytest.fixture
def stamped_project(tmp_path) -> Path:
    """A fresh copy of the project with the translations' fingerprints, as committed (builds en and fr)."""
    copy = copy_project(tmp_path / "project")
    build_only(copy, ("en", "fr"))
    return copy


# ---------------------------------------------------------------- browser tests

# One page of each type, as a path from a language's home (shared by the browser tests).
PAGE_TYPES = {
    "home": "",
    "matrix overview": "recommendations/",
    "matrix row": "recommendations/1-3/",
    "matrix theme": "recommendations/theme-2/",
    "by tag": "recommendations/tags/",
    "directory": "directory/",
    "directory listing": "directory/area-ke/",
    "service": "directory/front-line-defenders/",
    "pathway step": "pathways/physical-danger/start/",
    "pathway outcome": "pathways/physical-danger/emergency-now/",
    "pathway place question": "pathways/physical-danger/relocate-abroad/",
    "pathway outcome for a place": "pathways/physical-danger/shelter-region/142/",
    "pathway overview": "pathways/physical-danger/",
    "briefing sheet": "training/briefing-1/",
    "workshop": "training/workshop-1/",
    "desk card": "training/card/",
    "evidence report": "evidence/dhrtns-2024-2025/",
    "network meeting": "evidence/madhesh-network-meeting/",
    "downloads": "downloads/",
    "browsing safely": "safety/",
}

CHROMIUM = Path(pdf.CHROMIUM)
# Flags for a closed network and a root user: no background calls home, no sandbox (shared with the PDF printer).
CHROMIUM_ARGS = pdf.CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: make test installs the Debian package 'chromium'")
        pytest.skip("Chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser drops connections it no longer needs (aborted routes, new navigations).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served from 127.0.0.1 on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def search_on_page(page, query: str) -> list[str]:
    """Type `query` on a search page, submit it, return the result links (absolute URLs), best first."""
    page.fill("#kb-search-input", query)
    page.press("#kb-search-input", "Enter")
    # The first search fetches the index; results are shown once it has loaded. (A selector, not
    # wait_for_function: its polling can evaluate a string, which the pages' CSP refuses.)
    page.wait_for_selector(".kb-search__status[data-state='results']", state="attached")
    return page.eval_on_selector_all(".kb-search__results a", "links => links.map(a => a.href)")


def index_file(site: Path, language: str) -> Path:
    """The search index a build writes for `language`."""
    return site / "assets" / "search" / f"index.{language}.js"


def result_path(language: str, url: str) -> str:
    """A search result's URL (relative to the language's search page) as a folder path from the site root."""
    path = posixpath.normpath(posixpath.join(PREFIX[language] + "search/", url))
    return "" if path == "." else path + "/"
