"""The search page of each language: the form lives in the theme (overrides/kb-search.html);
this page carries its title and what a reader without JavaScript gets instead."""

from __future__ import annotations

from ..renderinput import RenderInput
from .pages import GeneratedPage, RenderContext, render_ui_page

# The theme template that adds the search form and scripts, and where the page is.
TEMPLATE = "kb-search.html"
PATH = "search/index.md"


def render_search(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """One search page per language (not itself searchable)."""
    ctx = RenderContext(render_input.kb, language)
    return [
        render_ui_page(
            "search.md.j2",
            PATH,
            ctx,
            "search_title",
            meta={"template": TEMPLATE, "search": {"exclude": True}},
        )
    ]
