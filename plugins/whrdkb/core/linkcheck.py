"""Broken internal links and anchors in a built site, including pages the plugins generate.

MkDocs checks links written in Markdown files on disk; this reads the HTML that
was actually published, so links inside generated pages, theme overrides and
raw HTML are checked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    page: str
    href: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.problem})"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])


def check_site(site: Path) -> list[BrokenLink]:
    """Every internal link that points to a missing file or a missing anchor."""
    pages: dict[Path, _Page] = {}
    for html in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(html.read_text(encoding="utf-8", errors="replace"))
        pages[html.resolve()] = parser
    broken = []
    for html, parser in pages.items():
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue  # external, mailto:, tel:
            base = site.resolve() if parts.path.startswith("/") else html.parent  # /x: from the site root (404 page)
            target = html if not parts.path else (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            name = str(html.relative_to(site.resolve()))
            if target not in pages and not target.is_file():
                broken.append(BrokenLink(name, href, "no such page or file"))
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(BrokenLink(name, href, f"no anchor '{parts.fragment}' on that page"))
    return broken
