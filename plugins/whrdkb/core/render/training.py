"""The training reference for mission staff: per theme a briefing sheet and a workshop page, a card, a print edition.

Everything is generated from the matrix and the mission pathways: a briefing's
checklist is the rows' "how to bridge the gap" items, a workshop's prompts are
asked about one row each and cite it, the card lists the mission pathways'
outcomes with their actions and referrals. The print edition puts the
briefings, the card and the whole matrix on one page: the PDF of each
language is printed from it (core/render/pdf.py).
"""

from __future__ import annotations

from ..directory import services_for_row
from ..generated import PDF_FOLDER
from ..load import KnowledgeBase
from ..models import COLUMNS, Pathway, Row, Theme
from ..pathway_graph import nodes
from ..renderinput import BuildSettings, RenderInput
from .markdown import slug
from .pages import LISTING, GeneratedPage, RenderContext, render_page, source_of

FOLDER = "training"


def render_training(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """Every page of the training reference in one language."""
    kb = render_input.kb
    pages = [render_index(kb, language, render_input.settings), render_card(kb, language), render_print(kb, language)]
    for theme in kb.recommendations.themes:
        pages += [render_briefing(kb, language, theme), render_workshop(kb, language, theme)]
    return pages


def pdf_name(kind: str, language: str) -> str:
    """File name of a PDF at the site's root folder pdf/: `whrd-kb-<kind>.<language>.pdf`."""
    return f"whrd-kb-{kind}.{language}.pdf"


def pdf_link(kb: KnowledgeBase, language: str, page_depth: int, kind: str) -> str:
    """Relative link from a page `page_depth` folders below its language's root to a PDF."""
    up = page_depth + (0 if language == kb.languages[0] else 1)
    return "../" * up + f"{PDF_FOLDER}/{pdf_name(kind, language)}"


def render_index(kb: KnowledgeBase, language: str, settings: BuildSettings) -> GeneratedPage:
    """What the training reference holds, and its PDF."""
    ctx = RenderContext(kb, language)
    return render_page(
        "training/index.md.j2",
        f"{FOLDER}/index.md",
        ctx,
        ctx.plain(kb.ui.strings["training_title"]),
        source_of(kb, "recommendations.yaml", ("themes",)),
        pdf=pdf_link(kb, language, 1, "training") if settings.pdf else None,
        meta=LISTING,
    )


def render_briefing(kb: KnowledgeBase, language: str, theme: Theme) -> GeneratedPage:
    """A theme for mission staff: the problem, the needs, today's action, and a checklist of next steps."""
    return _render_theme_page(kb, language, theme, "briefing")


def render_workshop(kb: KnowledgeBase, language: str, theme: Theme) -> GeneratedPage:
    """A facilitator's page: learning objectives and discussion prompts, each citing its row."""
    return _render_theme_page(kb, language, theme, "workshop")


def _render_theme_page(kb: KnowledgeBase, language: str, theme: Theme, kind: str) -> GeneratedPage:
    """`training/<kind>-<theme>.md`, titled by the interface string `<kind>_title` and the theme."""
    ctx = RenderContext(kb, language)
    return render_page(
        f"training/{kind}.md.j2",
        f"{FOLDER}/{kind}-{slug(theme.id)}.md",
        ctx,
        f"{ctx.plain(kb.ui.strings[f'{kind}_title'])} {theme.id}. {ctx.plain(theme.short_title)}",
        _theme_source(kb, theme),
        meta=LISTING,  # found by its title; the row pages carry the same text in full
        **theme_material(kb, theme),
    )


def render_card(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """One page for the desk: when a defender contacts the mission, from the mission pathways."""
    ctx = RenderContext(kb, language)
    return render_page(
        "training/card.md.j2",
        f"{FOLDER}/card.md",
        ctx,
        ctx.plain(kb.ui.strings["card_title"]),
        source_of(kb, "pathways.yaml", ("pathways",)),
        pathways=mission_pathways(kb),
        meta=LISTING,  # found by its title; the pathway pages carry the same text in full
    )


def render_print(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """The print edition: every briefing sheet, the card and the matrix on one page (printed to PDF)."""
    ctx = RenderContext(kb, language)
    return render_page(
        "training/print.md.j2",
        f"{FOLDER}/print.md",
        ctx,
        ctx.plain(kb.ui.strings["print_title"]),
        source_of(kb, "recommendations.yaml", ("themes",)),
        themes=[(theme, theme_material(kb, theme)) for theme in kb.recommendations.themes],
        pathways=mission_pathways(kb),
        columns=kb.recommendations.columns,
        meta={"search": {"exclude": True}},
    )


def theme_material(kb: KnowledgeBase, theme: Theme) -> dict:
    """What the briefing and the workshop of a theme draw on: rows, their pathways and kinds of support."""
    helpers: dict[str, tuple] = {}
    for row in theme.rows:
        for kind, services, more in services_for_row(kb, row):
            helpers.setdefault(kind, (kind, services, more))
    return dict(
        theme=theme,
        columns=kb.recommendations.columns,
        pathways_of={row.id: pathways_for_row(kb, row) for row in theme.rows},
        theme_pathways=[p for p in kb.pathways.pathways if set(pathway_rows(p)) & {r.id for r in theme.rows}],
        helpers=list(helpers.values()),
    )


def mission_pathways(kb: KnowledgeBase) -> list[Pathway]:
    """The pathways written for mission staff."""
    return [p for p in kb.pathways.pathways if p.audience == "mission-staff"]


def pathway_rows(pathway: Pathway) -> list[str]:
    """Matrix rows a pathway applies, on the pathway or on any of its outcomes."""
    found = list(pathway.rows)
    for node in nodes(pathway).values():
        found += [r for r in getattr(node, "rows", []) if r not in found]
    return found


def pathways_for_row(kb: KnowledgeBase, row: Row) -> list[Pathway]:
    """Pathways that apply a matrix row."""
    return [p for p in kb.pathways.pathways if row.id in pathway_rows(p)]


def _theme_source(kb: KnowledgeBase, theme: Theme) -> str:
    return source_of(kb, "recommendations.yaml", ("themes", kb.recommendations.themes.index(theme)))


__all__ = ["COLUMNS", "pdf_name", "render_training"]
