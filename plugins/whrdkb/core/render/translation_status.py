"""The translation status page: per language, how much of each data file and of the pages is translated."""

from __future__ import annotations

from ..renderinput import RenderInput
from ..translations import coverage
from .pages import GeneratedPage, RenderContext, render_ui_page

PATH = "translations/index.md"


def file_label(name: str) -> str:
    """How the status page names a row of the translation table: docs/ for the pages, else data/FILE."""
    return "docs/" if name == "pages" else f"data/{name}"


def render_translations(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """One status page per language (left out of search: it is for translators)."""
    if not render_input.translations:
        return []
    kb = render_input.kb
    ctx = RenderContext(kb, language)
    totals = coverage(render_input.translations)
    return [
        render_ui_page(
            "translations.md.j2",
            PATH,
            ctx,
            "translations_title",
            meta={"search": {"exclude": True}},
            languages=kb.languages[1:],
            table=[(file_label(name), languages) for name, languages in render_input.translations.items()],
            totals={code: {key: str(value) for key, value in total.items()} for code, total in totals.items()},
        )
    ]
