"""Paged documents: HTML made by our own renderers (core/render/printed.py) printed to PDF by WeasyPrint.

WeasyPrint lays out CSS Paged Media: page numbers in a table of contents and in
"go to 3, page 5" (`target-counter()`), running headers with "N of M", PDF
bookmarks from headings, and Pango with HarfBuzz shapes Arabic and Devanagari.
Fonts come from the machine (Debian's fonts-noto-core, found through
fontconfig) and are embedded as subsets. Nothing is fetched: the documents
carry their stylesheet and pictures (QR codes as inline SVG) in the HTML, and
the URL fetcher refuses every address, so a PDF cannot hold anything from
elsewhere nor make a request while printing.

PDFs are reproducible: WeasyPrint writes no date unless asked, and
`pdf.make_reproducible` (core/render/pdf.py) then sets the dates and the /ID from the build's time.
"""

from __future__ import annotations

from pathlib import Path


class FetchRefused(Exception):
    """A printed document asked for an outside resource."""


def refuse_every_url(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher for our documents: nothing is loaded (they carry all they show)."""
    from weasyprint.urls import FatalURLFetchingError

    raise FatalURLFetchingError(f"a print edition may not load {url[:80]!r}: it must carry everything it shows")


def write_pdf(html: str, out: Path) -> Path:
    """Print one HTML document to `out` (A4 unless its CSS says otherwise)."""
    document = render(html)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(out, pdf_tags=True)
    return out


def render(html: str):
    """Lay out an HTML document into pages (a weasyprint Document), loading nothing."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    try:
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=refuse_every_url).render()
    except FatalURLFetchingError as err:
        raise FetchRefused(str(err)) from None


def page_count(html: str) -> int:
    """How many pages an HTML document takes once laid out."""
    return len(render(html).pages)
