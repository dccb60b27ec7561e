"""The download page: the opt-in copy kept on the phone, offline copies and their checksums, each way per device."""

from __future__ import annotations

from babel.dates import format_date

from ..bundles import EditionFile
from ..models.geo import area_name
from ..renderinput import RenderInput
from .pages import GeneratedPage, RenderContext, render_page


def _edition_order(edition: EditionFile) -> tuple:
    """The handbook first, then the pathway guides, then the pocket cards (worldwide first), each by name."""
    kind = edition.name.removeprefix("whrd-kb-")
    rank = 0 if kind.startswith("training") else 1 if kind.startswith("pathway-") else 2
    return rank, not kind.startswith("card-worldwide"), kind


def edition_title(ctx: RenderContext, name: str) -> str:
    """A PDF edition's title from its file name (whrd-kb-<kind>.<language>.pdf), in the page's language."""
    kind = name.split(".")[0].removeprefix("whrd-kb-")
    kb = ctx.kb
    if kind == "training":
        return ctx.plain(kb.ui.strings["training_title"])
    if kind.startswith("card-"):
        region = area_name(kind.removeprefix("card-"), ctx.language, kb.ui_text("worldwide", ctx.language).text)
        return f"{ctx.plain(kb.ui.strings['print_card_title'])} — {region}"
    pathway = next((p for p in kb.pathways.pathways if f"pathway-{p.id}" == kind), None)
    return ctx.plain(pathway.title) if pathway else name


def render_downloads(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """One download page per language; the zips themselves sit in /downloads/ of the online site."""
    kb, settings, published = render_input.kb, render_input.settings, render_input.published
    ctx = RenderContext(kb, language)
    # Raw links (the zips are copied in after the build): from /downloads/ or /<lang>/downloads/.
    base = "" if language == kb.languages[0] else "../../downloads/"
    bundles = [(b.name, f"{b.size / 1024 / 1024:.1f}", b.sha256, base + b.name) for b in published.bundles]
    pdf_base = "../pdf/" if language == kb.languages[0] else "../../pdf/"
    editions = [
        (edition_title(ctx, e.name), f"{max(1, round(e.size / 1024))}", pdf_base + e.name)
        for e in sorted(published.editions, key=_edition_order)
        if e.name.endswith(f".{language}.pdf")
    ]
    return [
        render_page(
            "downloads.md.j2",
            "downloads/index.md",
            ctx,
            ctx.plain(kb.ui.strings["downloads_title"]),
            "Makefile:1",
            # kb_keep: the theme loads the control's small script on this page only (overrides/main.html).
            meta={"kb_keep": not settings.offline},
            bundles=bundles,
            editions=editions,
            edition_date=format_date(settings.today, format="long", locale=language),
            offline=settings.offline,
            language=language,
            languages=" ".join(kb.languages),
        )
    ]
