"""What search reads of a rendered page: its text (without the page's controls) and its summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

SNIPPET_CHARS = 180


_SPACE = re.compile(r"\s+")


def snippet(text: str) -> str:
    """The start of a page's text, cut at a word boundary."""
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


class _TextExtractor(HTMLParser):
    """What a reader sees of rendered page content, and its paragraphs.

    Left out: scripts, styles, drawings, permalink signs, and the page's controls
    (navigation, buttons, download links, "shown in English" notes), whose words would
    make every page look alike to search and fill the result lines. The paragraphs of
    notices (admonitions, details) are read but are not the page's summary.
    """

    SKIP = {"script", "style", "svg", "template", "noscript", "nav", "button", "footer"}
    SKIP_CLASSES = {"headerlink", "md-button", "kb-noprint", "kb-fallback-note", "kb-nojs-note"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.paragraphs: list[tuple[str, int]] = []  # after the heading: (text, its words outside links)
        self.after_heading: int | None = None  # how many parts came before the end of the first <h1>
        self._skip_tag: str | None = None
        self._depth = 0
        self._paragraph: list[str] | None = None
        self._outside_links: list[str] = []
        self._links = 0
        self._notice: tuple[str, int] | None = None  # a notice's tag, and how many of that tag are open

    def handle_starttag(self, tag, attrs):
        if self._skip_tag is not None:
            self._depth += tag == self._skip_tag
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in self.SKIP or classes & self.SKIP_CLASSES:
            self._skip_tag, self._depth = tag, 1
            return
        if tag == "a":
            self._links += 1
        if self._notice is not None:
            self._notice = (self._notice[0], self._notice[1] + (tag == self._notice[0]))
        elif tag == "details" or "admonition" in classes:
            self._notice = (tag, 1)
        elif tag == "p":
            self._paragraph, self._outside_links = [], []

    def handle_endtag(self, tag):
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._depth -= 1
                if self._depth == 0:
                    self._skip_tag = None
        elif tag == "a" and self._links:
            self._links -= 1
        elif self._notice is not None and tag == self._notice[0]:
            self._notice = (tag, self._notice[1] - 1) if self._notice[1] > 1 else None
        elif tag == "h1" and self.after_heading is None:
            self.after_heading, self.paragraphs = len(self.parts), []
        elif tag == "p" and self._paragraph is not None:
            outside = len(_clean(" ".join(self._outside_links)).split())
            self.paragraphs.append((_clean(" ".join(self._paragraph)), outside))
            self._paragraph = None

    def handle_data(self, data):
        if self._skip_tag is None:
            self.parts.append(data)
            if self._paragraph is not None:
                self._paragraph.append(data)
                if not self._links:
                    self._outside_links.append(data)


# A paragraph with fewer words than this outside its links is a row of links, not a summary.
_SUMMARY_WORDS = 4


@dataclass(frozen=True)
class PageText:
    """A rendered page as search reads it: all its text, and its summary for the result line."""

    text: str
    summary: str


def page_text(html: str) -> PageText:
    """The text of a page's content HTML, and its first paragraph after the heading (else what follows the heading)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = _clean(" ".join(parser.parts))
    paragraph = next((p for p, outside in parser.paragraphs if outside >= _SUMMARY_WORDS), None)
    after = _clean(" ".join(parser.parts[parser.after_heading or 0 :]))
    return PageText(text, paragraph or after)


def text_of_html(html: str) -> str:
    """Plain text of a page's content HTML, white space collapsed."""
    return page_text(html).text


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
