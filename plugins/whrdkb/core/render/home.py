"""The home page's crisis block: one large button per defenders' pathway, then the directory and search.

The home pages are written by hand in every language; each holds the marker
`CRISIS_MARKER` where the kb-pages plugin puts this block, made from
data/pathways.yaml, so the buttons stay the same in every language and open
each pathway's first question directly.
"""

from __future__ import annotations

from ..load import KnowledgeBase
from .pages import RenderContext, render_fragment

CRISIS_MARKER = "<!-- kb-crisis-buttons -->"


def render_crisis_block(kb: KnowledgeBase, language: str) -> str:
    """Markdown of the crisis buttons (links relative to the language's home page)."""
    ctx = RenderContext(kb, language)
    pathways = [p for p in kb.pathways.pathways if p.audience == "defenders"]
    return render_fragment("home/crisis.md.j2", ctx, pathways=pathways)
