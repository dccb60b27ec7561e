"""Reading a built site: its pages as HTML trees, a sample of them by type, its search index files."""

from __future__ import annotations

import posixpath
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from .project import LANGUAGES, PREFIX

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


def read_html(path: Path) -> BeautifulSoup:
    """A built page parsed as HTML."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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


def index_file(site: Path, language: str) -> Path:
    """The search index a build writes for `language`."""
    return site / "assets" / "search" / f"index.{language}.js"


def result_path(language: str, url: str) -> str:
    """A search result's URL (relative to the language's search page) as a folder path from the site root."""
    path = posixpath.normpath(posixpath.join(PREFIX[language] + "search/", url))
    return "" if path == "." else path + "/"
