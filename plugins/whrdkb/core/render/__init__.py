"""Pure renderers: (knowledge base, language) -> Markdown pages."""

from .matrix import render_matrix
from .pages import GeneratedPage

# Every page family, in the order pages are written.
RENDERERS = (render_matrix,)


def render_all(kb, language: str) -> list[GeneratedPage]:
    """All generated pages of the site in one language."""
    return [page for renderer in RENDERERS for page in renderer(kb, language)]


__all__ = ["GeneratedPage", "RENDERERS", "render_all"]
