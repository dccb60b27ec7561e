"""Pages of the recommendation matrix: overview, one per theme, one per row, by tag, by actor."""

from __future__ import annotations

from ..directory import services_for_row
from ..load import KnowledgeBase
from ..models import COLUMNS, Row, Theme
from ..renderinput import RenderInput
from .markdown import slug
from .pages import LISTING, GeneratedPage, RenderContext, render_page, search_meta, source_of

FOLDER = "recommendations"


def render_matrix(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """Every page of the matrix in one language."""
    kb = render_input.kb
    pages = [render_overview(kb, language)]
    pages += [render_theme(kb, language, theme) for theme in kb.recommendations.themes]
    pages += [render_row(kb, language, theme, row) for theme, row in kb.rows()]
    pages += [render_by_tag(kb, language), render_by_actor(kb, language)]
    return pages


def render_overview(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """The matrix at a glance: themes, and per row its problem and what answers it."""
    ctx = RenderContext(kb, language)
    title = ctx.plain(kb.ui.strings["matrix_title"])
    return render_page(
        "matrix/overview.md.j2",
        f"{FOLDER}/index.md",
        ctx,
        title,
        source_of(kb, "recommendations.yaml", ("themes",)),
        columns=kb.recommendations.columns,
        meta=LISTING,
    )


def render_theme(kb: KnowledgeBase, language: str, theme: Theme) -> GeneratedPage:
    """One theme: its heading row and every row with all four columns stacked."""
    ctx = RenderContext(kb, language)
    title = f"{theme.id}. {ctx.plain(theme.short_title)}"
    index = kb.recommendations.themes.index(theme)
    return render_page(
        "matrix/theme.md.j2",
        f"{FOLDER}/theme-{slug(theme.id)}.md",
        ctx,
        title,
        source_of(kb, "recommendations.yaml", ("themes", index)),
        theme=theme,
        columns=kb.recommendations.columns,
        meta=LISTING,
    )


def render_row(kb: KnowledgeBase, language: str, theme: Theme, row: Row) -> GeneratedPage:
    """One row: problem, needs, today's actions, the gap, tags, sources, related rows."""
    ctx = RenderContext(kb, language)
    title = f"{row.id} {ctx.plain(row.short_title)}"
    t_index = kb.recommendations.themes.index(theme)
    r_index = theme.rows.index(row)
    return render_page(
        "matrix/row.md.j2",
        f"{FOLDER}/{slug(row.id)}.md",
        ctx,
        title,
        source_of(kb, "recommendations.yaml", ("themes", t_index, "rows", r_index)),
        theme=theme,
        row=row,
        columns=kb.recommendations.columns,
        related=related_rows(kb, row),
        helpers=services_for_row(kb, row),
        citations=[(kb.source_document(c.source), c) for c in row.sources],
        column_names=COLUMNS,
        meta=search_meta(ctx, row.keywords),
    )


def render_by_tag(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """Index of rows by tag, one section per tag with a stable anchor (the tag id)."""
    ctx = RenderContext(kb, language)
    groups = [(tag, [(t, r) for t, r in kb.rows() if tag.id in r.tags]) for tag in kb.vocabularies.tags]
    return render_page(
        "matrix/by_tag.md.j2",
        f"{FOLDER}/tags.md",
        ctx,
        ctx.plain(kb.ui.strings["by_tag"]),
        source_of(kb, "recommendations.yaml", ("themes",)),
        groups=[g for g in groups if g[1]],
        meta=LISTING,
    )


def render_by_actor(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """Index of items by the actor they address, grouped by row."""
    ctx = RenderContext(kb, language)
    groups = []
    for actor in kb.vocabularies.actors:
        rows = []
        for _, row in kb.rows():
            items = [
                (column, item) for column in COLUMNS[1:] for item in getattr(row, column) if actor.id in item.actors
            ]
            if items:
                rows.append((row, items))
        if rows:
            groups.append((actor, rows))
    return render_page(
        "matrix/by_actor.md.j2",
        f"{FOLDER}/actors.md",
        ctx,
        ctx.plain(kb.ui.strings["by_actor"]),
        source_of(kb, "recommendations.yaml", ("themes",)),
        groups=groups,
        columns=kb.recommendations.columns,
        meta=LISTING,
    )


def related_rows(kb: KnowledgeBase, row: Row, limit: int = 5) -> list[Row]:
    """Rows sharing the most tags with `row` (ties in printed order)."""
    others = [
        (len(set(row.tags) & set(other.tags)), n, other) for n, (_, other) in enumerate(kb.rows()) if other.id != row.id
    ]
    ranked = sorted((o for o in others if o[0] > 0), key=lambda o: (-o[0], o[1]))
    return [other for _, _, other in ranked[:limit]]
