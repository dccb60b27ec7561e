"""Generated files: what every renderer returns and sync.py writes, and where the PDF editions go (a leaf module)."""

from __future__ import annotations

from dataclasses import dataclass

# The folder of a built site that holds the PDF editions (pdf/whrd-kb-<kind>.<language>.pdf).
PDF_FOLDER = "pdf"


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page (or an export file) to write at `path`, relative to the folder it is synced into."""

    path: str
    markdown: str
