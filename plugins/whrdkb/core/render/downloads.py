"""The download page: the opt-in copy kept on the phone, offline copies and their checksums, each way per device."""

from __future__ import annotations

from ..directory import RenderOptions
from ..load import KnowledgeBase
from .pages import GeneratedPage, RenderContext, render_page


def render_downloads(kb: KnowledgeBase, language: str, options: RenderOptions) -> list[GeneratedPage]:
    """One download page per language; the zips themselves sit in /downloads/ of the online site."""
    ctx = RenderContext(kb, language)
    # Raw links (the zips are copied in after the build): from /downloads/ or /<lang>/downloads/.
    base = "" if language == kb.languages[0] else "../../downloads/"
    bundles = [(name, f"{size / 1024 / 1024:.1f}", digest, base + name) for name, size, digest in options.bundles]
    return [
        render_page(
            "downloads.md.j2",
            "downloads/index.md",
            ctx,
            ctx.plain(kb.ui.strings["downloads_title"]),
            "Makefile:1",
            # kb_keep: the theme loads the control's small script on this page only (overrides/main.html).
            meta={"kb_keep": not options.offline},
            bundles=bundles,
            offline=options.offline,
            language=language,
            languages=" ".join(kb.languages),
        )
    ]
