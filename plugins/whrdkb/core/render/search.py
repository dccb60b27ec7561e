"""The search page of each language: the form lives in the theme (overrides/kb-search.html);
this page carries its title and what a reader without JavaScript gets instead."""

from __future__ import annotations

from ..directory import RenderOptions
from ..load import KnowledgeBase
from .pages import GeneratedPage, RenderContext, render_ui_page

# The theme template that adds the search form and scripts, and where the page is.
TEMPLATE = "kb-search.html"
PATH = "search/index.md"


def render_search(kb: KnowledgeBase, language: str, options: RenderOptions) -> list[GeneratedPage]:
    """One search page per language (not itself searchable)."""
    ctx = RenderContext(kb, language)
    return [
        render_ui_page(
            "search.md.j2",
            PATH,
            ctx,
            "search_title",
            meta={"template": TEMPLATE, "search": {"exclude": True}},
        )
    ]
