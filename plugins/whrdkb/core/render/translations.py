"""The translation status page: per language, how much of each data file and of the pages is translated."""

from __future__ import annotations

from ..directory import RenderOptions
from ..load import KnowledgeBase
from ..translations import LanguageState
from .pages import GeneratedPage, RenderContext, render_ui_page

PATH = "translations/index.md"


def translation_rows(table: dict[str, dict[str, LanguageState]]) -> tuple:
    """The table of `translations.translation_table` as plain rows for RenderOptions."""
    rows = []
    for name, languages in table.items():
        label = "docs/" if name == "pages" else f"data/{name}"
        for language, state in languages.items():
            c = state.counts
            rows.append(
                (label, language, c["reviewed"], c["draft"], c["stale"], c["missing"], state.words, tuple(state.stale))
            )
    return tuple(rows)


def language_totals(rows: tuple) -> dict[str, dict[str, str]]:
    """{language: translated, reviewed, fuzzy, missing, words} summed over the rows (as text, for ui_fill)."""
    totals: dict[str, dict[str, int]] = {}
    for _, language, reviewed, draft, stale, missing, words, _ in rows:
        total = totals.setdefault(language, dict.fromkeys(("translated", "reviewed", "fuzzy", "missing", "words"), 0))
        total["translated"] += reviewed + draft
        total["reviewed"] += reviewed
        total["fuzzy"] += stale
        total["missing"] += missing
        total["words"] += words
    return {language: {key: str(value) for key, value in total.items()} for language, total in totals.items()}


def render_translations(kb: KnowledgeBase, language: str, options: RenderOptions) -> list[GeneratedPage]:
    """One status page per language (left out of search: it is for translators)."""
    if not options.translations:
        return []
    ctx = RenderContext(kb, language)
    return [
        render_ui_page(
            "translations.md.j2",
            PATH,
            ctx,
            "translations_title",
            meta={"search": {"exclude": True}},
            languages=kb.languages[1:],
            rows=options.translations,
            totals=language_totals(options.translations),
        )
    ]
