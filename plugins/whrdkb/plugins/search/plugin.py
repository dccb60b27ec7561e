"""`kb-search`: one prebuilt lunr index per language, read only by that language's search page.

Each language's index is one script (`index_path`), fetched whole by the search page at
the first keystroke; inside it, shards of terms that start alike and blocks of result
lines, which the page parses only when a query needs them (`whrdkb.core.search`).

Replaces Material's search, whose worker rebuilds one index of every language on
every page load. Pages are collected as they are rendered; at the end of each
language build (static-i18n runs one build per language, with this same plugin
instance) that language's index is written, in the build's own process (about
0.15 s per language at the seed). The pipeline and the query live in
`whrdkb.core.search`, shared with the tests.

Under `mkdocs serve --dirty` (make serve), a rebuild renders only the pages whose
Markdown changed, so each page's text is kept between rebuilds (this instance lives
as long as the server: it has `on_startup`; a fork of kb-languages hands back what it
learned, `state_of`), and a language's index is written again only when one of its
pages' text changed.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...core.render.search_page import PATH as SEARCH_PAGE
from ...core.render.search_page import TEMPLATE as SEARCH_TEMPLATE
from ...core.search.index import SearchDocument
from ...core.search.pagetext import page_text
from ...core.search.pipeline import SNOWBALL
from ...core.search.script import write_index
from ..site import build_language, site_languages
from .config import SearchConfig

log = get_plugin_logger(__name__)


class SearchPlugin(BasePlugin[SearchConfig]):
    """Collects each page's text, writes the language's index, links every page to its search page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        # (language, page URL from the site root) -> the page's text, or None for a page left out;
        # kept between rebuilds, since a dirty rebuild renders only the pages that changed.
        self.texts: dict[tuple[str, str], SearchDocument | None] = {}
        self.page_urls: list[str] = []  # this build's pages
        self.indexed: dict[str, list[SearchDocument]] = {}  # language -> what its index file holds
        self.default_language = "en"

    # Remember the default language (its pages have no language prefix in their URLs).
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled:
            self.default_language = site_languages(config)[0]
        return config

    # Present so that MkDocs keeps this instance, and the pages' texts, between rebuilds under serve.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        pass

    # Material's own search (its worker and stemmers) is not used: leave its files out of the site.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.config.enabled:
            for file in list(files):
                if file.src_uri.startswith(MATERIAL_SEARCH_ASSETS):
                    files.remove(file)
        return files

    # Collect the page's visible text; front matter `search: {exclude: true}` leaves a page out,
    # `search: {listing: true}` makes it findable by its title only, `search: {keywords: ...}` adds
    # words readers use that the page does not, `search: {summary: ...}` is its result line
    # (else its first paragraph).
    def on_page_content(self, html_content: str, page: Page, config: MkDocsConfig, files) -> str | None:
        options = (page.meta or {}).get("search") or {}
        if not self.config.enabled:
            return html_content
        key = (build_language(config), page.url)
        if options.get("exclude"):
            self.texts[key] = None
        else:
            title = html.unescape(page.title or "")
            read = page_text(html_content)
            self.texts[key] = SearchDocument(
                page.url,
                title,
                read.text,
                listing=bool(options.get("listing")),
                keywords=str(options.get("keywords") or ""),
                summary=str(options.get("summary") or read.summary),
            )
        return html_content

    # The pages of this build (of this language), whether or not a dirty rebuild renders them.
    def on_env(self, env, config: MkDocsConfig, files: Files):
        self.page_urls = [file.page.url for file in files.documentation_pages() if file.page is not None]
        return env

    # Every page links to this language's search page; the search page also gets its index and stemmer.
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:  # type: ignore[override]  # MkDocs' TemplateContext has no keys for the ones added here
        if not self.config.enabled:
            return context
        language = build_language(config)
        context["kb_search_url"] = get_relative_url(self.search_url(config, language), page.url)
        if (page.meta or {}).get("template") == SEARCH_TEMPLATE:
            context["kb_search_index"] = self.config.index_path.format(lang=language)
            context["kb_search_stemmer"] = (
                f"assets/search/vendor/stemmer.{language}.js" if language in SNOWBALL else None
            )
        return context

    # Write the language's index (before static-i18n's on_post_build, priority -100, builds the next language).
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        language = build_language(config)
        search_url = self.search_url(config, language)
        target = Path(config.site_dir) / self.config.index_path.format(lang=language)
        unread = [url for url in self.page_urls if (language, url) not in self.texts]
        if unread and target.exists():
            # `mkdocs build --dirty` in a new process: the pages it did not render are unknown here.
            log.info(f"search index for {language} kept as it was: {len(unread)} pages were not rendered")
            return
        texts = (self.texts.get((language, url)) for url in self.page_urls)
        documents = [
            replace(doc, url=get_relative_url(doc.url, search_url))
            for doc in sorted((doc for doc in texts if doc is not None), key=lambda doc: doc.url)
        ]
        if self.indexed.get(language) == documents and target.exists():
            return  # a rebuild under serve that changed no page's text in this language
        self.indexed[language] = documents
        size = write_index(language, documents, target)
        log.debug(f"search index for {language}: {size} bytes")

    # What this instance keeps between rebuilds about `languages` (a fork of kb-languages hands it back).
    def state_of(self, languages: list[str]) -> dict:
        texts = {key: doc for key, doc in self.texts.items() if key[0] in languages}
        return {"texts": texts, "indexed": {lang: docs for lang, docs in self.indexed.items() if lang in languages}}

    # What a fork learned while it built its languages.
    def adopt_state(self, state: dict) -> None:
        self.texts.update(state["texts"])
        self.indexed.update(state["indexed"])

    # A failed build writes every index again at the next build.
    def on_build_error(self, error: Exception) -> None:
        self.indexed = {}

    def search_url(self, config: MkDocsConfig, language: str) -> str:
        """URL of the language's search page, as MkDocs writes page URLs."""
        prefix = "" if language == self.default_language else f"{language}/"
        page = SEARCH_PAGE.removesuffix(".md")  # search/index
        return prefix + (page.removesuffix("index") if config.use_directory_urls else f"{page}.html")


# Material's theme ships the assets of its own search (not used here) with every build.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
