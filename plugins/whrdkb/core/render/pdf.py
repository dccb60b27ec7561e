"""The PDF editions, per language: the training handbook, a guide per pathway, a pocket card per region.

Each is an HTML document made from the data by core/render/printed.py and
printed by WeasyPrint (core/render/paged.py): page numbers in contents and
cross-references, running headers with "N of M", fonts of the machine (Debian's
fonts-noto-core for Arabic and Devanagari, embedded as subsets), and nothing
fetched while printing (every URL is refused). `whrdkb pdf --site BUILD` writes
them into BUILD/pdf/ for the languages built there.

PDFs are reproducible: their dates (and XMP metadata and the trailer's /ID,
where there are any) are set with pikepdf from the build's time (builddate.py:
SOURCE_DATE_EPOCH, else the commit's date), so the same commit gives the same
bytes on any day.

Chromium no longer prints: its flags stay here for the browser tests and the
benchmark, which drive Debian's Chromium.
"""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import chain
from pathlib import Path

from ..builddate import build_date, build_epoch
from ..generated import PDF_FOLDER
from ..load import KnowledgeBase
from ..processes import can_fork, fork_map, process_count
from .paged import FetchRefused, page_count, write_pdf
from .printed import RTL, Edition, PrintSettings, print_editions


class PdfError(Exception):
    """A PDF could not be made (a card that cannot fit its page, a document asking for an outside resource)."""


# A4 in PDF points, and the A6 panels a pocket card's sheet is folded (or cut) into.
A4 = (595.28, 841.89)
PANELS = 4


def impose_panels(path: Path, right_to_left: bool = False) -> None:
    """Put a PDF's (up to four) A6 pages on one A4 sheet, two by two in reading order, with dashed fold lines."""
    import pikepdf

    width, height = A4[0] / 2, A4[1] / 2
    with pikepdf.open(path, allow_overwriting_input=True) as panels:
        sheet = pikepdf.new()
        page = sheet.add_blank_page(page_size=A4)
        for index, panel in enumerate(panels.pages):
            column = (1 - index % 2) if right_to_left else index % 2
            x, y = column * width, height if index < 2 else 0
            # As Page.add_overlay does, but with a fixed name (add_overlay draws a random one: not reproducible).
            formx = panel.as_form_xobject()
            name = page.add_resource(formx, pikepdf.Name.XObject, name=pikepdf.Name(f"/Panel{index}"))
            placed = page.calc_form_xobject_placement(
                formx,
                name,
                pikepdf.Rectangle(x, y, x + width, y + height),
                invert_transformations=True,
                allow_shrink=True,
                allow_expand=True,
            )
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(b"Q\n" + placed, prepend=False)
            page.contents_coalesce()
        vertical = f"{width:.2f} 0 m {width:.2f} {A4[1]} l S"
        horizontal = f"0 {height:.2f} m {A4[0]} {height:.2f} l S"
        folds = f"q 0.55 G [4 4] 0 d 0.4 w {vertical} {horizontal} Q"
        page.contents_add(pikepdf.Stream(sheet, folds.encode()), prepend=False)
        if "/Title" in panels.docinfo:
            sheet.docinfo["/Title"] = panels.docinfo["/Title"]
        sheet.save(path, deterministic_id=True)  # its /ID survives make_reproducible: not a random one


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


def print_documents(
    kb: KnowledgeBase,
    site: Path,
    site_url: str | None = None,
    out: Path | None = None,
    languages: list[str] | None = None,
) -> list[Path]:
    """Print the handbook, pathway guides and pocket cards of `languages` (default: those built into `site`) into `out`.

    `site` may be the project folder when `languages` and `out` are given: the editions are made from the
    data alone, and dated by the build's date (builddate.py, from the folder's commit).

    Languages are printed in forked processes, one per CPU core (on Linux; else in turn): the forks share
    the loaded data and send back the paths they wrote.
    """
    out = out or site / PDF_FOLDER
    settings = PrintSettings(edition=build_date(site), site_url=site_url or None)
    if languages is None:
        languages = [
            language for language in kb.languages if (site if language == kb.languages[0] else site / language).is_dir()
        ]
    epoch = build_epoch(site)

    def print_languages(share: list[str]) -> list[Path]:
        """Every edition of these languages, printed."""
        return [
            print_edition(edition, out, epoch)
            for language in share
            for edition in print_editions(kb, language, settings)
        ]

    processes = min(process_count(0), len(languages))
    if processes < 2 or not can_fork():
        return print_languages(languages)
    return [path for paths in fork_map(print_languages, languages, processes) for path in paths]


def print_edition(edition: Edition, out: Path, epoch: int) -> Path:
    """Print one edition into `out`, reproducibly; raise PdfError if it cannot.

    A pocket card is laid out on A6 pages and put on one A4 sheet as four panels (impose_panels), in the first
    of its layouts that four panels hold (printed.CARD_LAYOUTS): every entry, up to CARD_MOST_PER_SECTION per
    section, in the largest type that fits, else fewer (the same number in every section) in the smallest;
    the card says how many it leaves out.
    """
    html = edition.html
    if edition.refit is not None:
        # edition.html is already its first layout: the others are rendered only while none fits.
        layouts = chain([edition.html], map(edition.refit, range(1, edition.layouts)))
        fits = (h for h in layouts if page_count(h) <= PANELS)
        fitting = next(fits, None)
        if fitting is None:
            raise PdfError(f"{edition.name} does not fit on one page even with one entry per section")
        html = fitting
    try:
        write_pdf(html, out / edition.name)
    except FetchRefused as err:
        raise PdfError(str(err)) from None
    if edition.refit is not None:
        impose_panels(out / edition.name, right_to_left=edition.language in RTL)
    make_reproducible(out / edition.name, epoch)
    return out / edition.name
