"""The PDF editions: pathway guides and pocket cards (WeasyPrint, core/paged.py) and the training reference (Chromium).

Pathway guides and pocket cards are documents made from the data by
core/render/printed.py and printed by WeasyPrint (page numbers, no network);
the training reference is still printed from the built site by Chromium, as below.

Printed from a finished build (the offline one, made for file://) with the
site's own print stylesheet, by Debian's Chromium driven through Playwright.
Fonts come from the machine (Debian's fonts-noto-core for Arabic and
Devanagari); Chromium embeds only the glyphs used. While printing, every
request that leaves the build folder is refused, so a PDF can contain
nothing fetched from elsewhere; links to pages of the site are turned into
plain text (on paper, and in a PDF passed around, a link to a file on the
printing machine would lead nowhere and would reveal its folders).

PDFs are reproducible: Chromium writes the time of printing into each PDF, so
its dates (and XMP metadata, and the trailer's /ID, where there are any) are
rewritten with pikepdf from the build's time (builddate.py: SOURCE_DATE_EPOCH,
else the commit's date), and the same commit gives the same bytes on any day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from .builddate import build_date, build_epoch
from .load import KnowledgeBase
from .paged import FetchRefused, page_count, write_pdf
from .render.printed import CARD_MOST_PER_SECTION, Edition, PrintSettings, print_editions
from .render.training import PDF_FOLDER, pdf_name

CHROMIUM = "/usr/bin/chromium"
# Flags for a headless Chromium that makes no connection of its own (see the machine notes in the README).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Runs in the page before printing: open closed <details>, drop links to the site's other pages
# (links within the printed page, `#...`, stay and work in the PDF).
_PREPARE = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (!/^(https?:|mailto:|tel:|sms:|#)/i.test(href)) a.removeAttribute('href');
  }
}"""
# Page numbers in the footer; header and footer templates are rendered by Chromium itself.
_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444">'
    '<span class="title"></span> · <span class="pageNumber"></span>/<span class="totalPages"></span></div>'
)


class PdfError(Exception):
    """A PDF could not be made (a page missing from the build, Chromium missing or failing)."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF: the built page it is printed from, and the file it becomes."""

    page: Path
    pdf: Path
    language: str


def pdf_jobs(kb: KnowledgeBase, site: Path, out: Path | None = None) -> list[PdfJob]:
    """The PDFs Chromium prints from `site`, in every language built into it: the training reference.

    Works on the offline build (`training/print.html`) and on the online one (`training/print/index.html`);
    a language configured but not built (`build: false`) has no folder and no PDFs.
    PDFs go to `out`, by default the build's own pdf/ folder.
    """
    out = out or site / PDF_FOLDER
    jobs = []
    for language in kb.languages:
        root = site if language == kb.languages[0] else site / language
        if not root.is_dir():
            continue
        pages = {"training": _page(root / "training" / "print")}
        jobs += [PdfJob(page, out / pdf_name(kind, language), language) for kind, page in pages.items()]
    return jobs


def _page(stem: Path) -> Path:
    """A page's HTML file with or without directory URLs."""
    flat = stem.with_suffix(".html")
    return flat if flat.is_file() else stem / "index.html"


def print_pdfs(jobs: list[PdfJob], site: Path, chromium: str = CHROMIUM, browser=None) -> list[Path]:
    """Print each job's page to its PDF in one Chromium; raise PdfError naming what went wrong.

    `browser`: a Playwright browser already running (tests share theirs), else Chromium is started here.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    missing = [str(job.page) for job in jobs if not job.page.is_file()]
    if missing:
        raise PdfError("pages to print are missing from the build: " + ", ".join(missing[:5]))
    try:
        if browser is not None:
            return _print_all(browser, jobs, site)
        if not Path(chromium).is_file():
            raise PdfError(f"Chromium is not installed at {chromium} (Debian: apt-get install chromium)")
        with sync_playwright() as playwright:
            started = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                return _print_all(started, jobs, site)
            finally:
                started.close()
    except PlaywrightError as err:
        raise PdfError(f"Chromium failed while printing: {err.message.splitlines()[0]}") from None


def _print_all(browser, jobs: list[PdfJob], site: Path) -> list[Path]:
    """Print the jobs in one browser context that can load nothing from outside the build folder."""
    own = site.resolve().as_uri() + "/"
    context = browser.new_context(service_workers="block")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(own) else route.abort())
    page = context.new_page()
    written = []
    try:
        for job in jobs:
            job.pdf.parent.mkdir(parents=True, exist_ok=True)
            page.goto(job.page.resolve().as_uri(), wait_until="load")
            page.evaluate(_PREPARE)
            page.emulate_media(media="print")
            page.pdf(
                path=str(job.pdf),
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=_FOOTER,
                tagged=True,
                outline=True,
            )
            make_reproducible(job.pdf, build_epoch(site))
            written.append(job.pdf)
    finally:
        context.close()
    return written


def make_reproducible(path: Path, epoch: int) -> None:
    """Rewrite a PDF's dates from `epoch` (the build's time) and give it an /ID made from its content."""
    import pikepdf

    when = dt.datetime.fromtimestamp(epoch, dt.UTC)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'")
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                pdf.docinfo[key] = stamp
        if "/Metadata" in pdf.Root:
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                    if key in xmp:
                        xmp[key] = when.isoformat()
                for key in ("xmpMM:DocumentID", "xmpMM:InstanceID"):
                    if key in xmp:
                        xmp[key] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, path.name + str(epoch))}"
        pdf.save(path, deterministic_id=True)


def print_documents(kb: KnowledgeBase, site: Path, site_url: str | None = None, out: Path | None = None) -> list[Path]:
    """Print the pathway guides and pocket cards of every language built into `site` (WeasyPrint) into `out`.

    A pocket card lists at most CARD_MOST_PER_SECTION entries per section, fewer (the same number in every
    section) when that does not fit on one page; the card says how many it leaves out. Raise PdfError when
    a card cannot fit even one entry per section, or a document asks for anything from outside.
    """
    out = out or site / PDF_FOLDER
    settings = PrintSettings(edition=build_date(site), site_url=site_url or None)
    written = []
    for language in kb.languages:
        if not (site if language == kb.languages[0] else site / language).is_dir():
            continue
        for edition in print_editions(kb, language, settings):
            print_edition(edition, out, build_epoch(site))
            written.append(out / edition.name)
    return written


def print_edition(edition: Edition, out: Path, epoch: int) -> Path:
    """Print one edition into `out` (a pocket card refitted to one page), reproducibly; raise PdfError if it cannot."""
    html = edition.html
    if edition.refit is not None:
        html = next((h for h in map(edition.refit, range(CARD_MOST_PER_SECTION, 0, -1)) if page_count(h) == 1), None)
        if html is None:
            raise PdfError(f"{edition.name} does not fit on one page even with one entry per section")
    try:
        write_pdf(html, out / edition.name)
    except FetchRefused as err:
        raise PdfError(str(err)) from None
    make_reproducible(out / edition.name, epoch)
    return out / edition.name
