"""`kb-theme`: thin event handlers that put right what the theme and static-i18n do wrong for this site (fixes.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...core.printlinks import page_key, titled_links
from .config import ThemeConfig
from .fixes import default_language_templates, relative_alternates, without_hreflang_links, without_sitemap


class ThemePlugin(BasePlugin[ThemeConfig]):
    """404 per default language, no sitemap without site_url, no hreflang links, a relative language switcher."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}  # page_key(url) -> title, of this build's pages

    # Each language's build: only the default language's writes 404.html.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.config.enabled:
            default_language_templates(config)

    # Every page has been read (its title known) before the theme renders any: note each page's title.
    def on_env(self, env, config: MkDocsConfig, files: Files):
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        for page in pages:
            if page.markdown is None:  # a dirty rebuild (make serve) reads only the pages it renders again
                page.read_source(config)  # the title is in the front matter or the first heading
        self.titles = {page_key(page.url): page.title for page in pages if page.title}
        # The theme override (overrides/main.html) filters its head through this, with or without the fixes.
        env.filters["kb_without_hreflang_links"] = (
            without_hreflang_links if self.config.enabled else (lambda head: head)
        )
        return env

    # No sitemap without the site's address (see `without_sitemap`).
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        return without_sitemap(files, config) if self.config.enabled else files

    # After static-i18n's on_page_context (priority 50), which resets the switcher's links per page.
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:  # type: ignore[override]  # MkDocs' TemplateContext type
        if self.config.enabled:
            relative_alternates(config, page)
        return context

    # On paper, a link to another page of the site prints that page's title (see core/printlinks.py).
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        return titled_links(output, page.url, self.titles) if self.config.enabled else output
