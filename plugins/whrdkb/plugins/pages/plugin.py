"""`kb-pages`: generate the data-driven pages of every language before MkDocs reads the docs.

Design (see issue #263 of mkdocs-static-i18n): static-i18n only localises files
that exist under `docs_dir`, so pages are written as real files into git-ignored
folders `docs/<language>/<family>/` in `on_pre_build`, before MkDocs collects
files. static-i18n then pairs `docs/en/recommendations/1-3.md` with
`docs/fr/recommendations/1-3.md` like any hand-written page, so the language
switcher works unchanged.

static-i18n re-runs the whole build once per language, so `on_pre_build` runs
once per language: the data is loaded and rendered once per change of the data
files and reused by the later language builds. The languages are rendered in
forked processes, one per CPU core (`processes`), sharing the loaded data.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...core.builddate import build_date, date_in_words
from ...core.load import KnowledgeBase, load_knowledge_base
from ...core.models import SOURCE_LANGUAGE
from ...core.problems import DataError
from ...core.processes import process_count
from ...core.render import check_ui_strings
from ...core.render.home import CRISIS_MARKER, render_crisis_block
from ...core.render.printed import web_print_footer
from ...core.render.write import write_generated_pages
from ...core.renderinput import BuildSettings, Published, RenderInput
from ...core.sync import NotOwnedError, watched_paths
from ..site import is_offline_build, site_languages
from .config import PagesConfig

log = get_plugin_logger(__name__)


class PagesPlugin(BasePlugin[PagesConfig]):
    """Loads data/, renders every generated page in every language, exposes UI strings to templates."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.kb: KnowledgeBase | None = None
        self._rendered_for: tuple | None = None
        self.languages: list[str] = []
        self.data_dir = Path("data")
        self.project_dir = Path(".")
        self.offline = False
        self._ui_cache: dict[str, dict[str, Markup]] = {}
        # Per language: the printed pages' footer line (without a page address) and the footer's publication date.
        self._footer_cache: dict[str, tuple[Markup, dict[str, str]]] = {}

    # Resolve the data folder and the site's languages (from static-i18n, else the theme).
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.project_dir = Path(config.config_file_path).parent
        self.data_dir = self.project_dir / self.config.data_dir
        self.languages = site_languages(config)
        if self.languages[0] != SOURCE_LANGUAGE:
            raise PluginError(f"the default language must be '{SOURCE_LANGUAGE}', the language data is written in")
        return config

    # Before files are collected: (re)load data if it changed, and write every language's pages.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        offline = is_offline_build(config)
        settings = BuildSettings.from_environment(self.config.stale_after_days, offline, self.config.pdf)
        published = Published.in_project(self.project_dir, offline, self.config.editions_dir)
        signature = (data_signature(self.data_dir, self.languages), settings, published)
        if signature == self._rendered_for:
            return  # a later language build of the same run, or data unchanged under serve
        try:
            kb = load_knowledge_base(self.data_dir, self.languages)
            check_ui_strings(kb)
        except DataError as err:
            raise PluginError(f"{err}\nNothing was published; fix the lines above and build again.") from None
        processes = process_count(self.config.processes)
        try:
            docs = Path(config.docs_dir)
            render_input = RenderInput.for_docs(kb, settings, published, docs)
            written = write_generated_pages(render_input, self.languages, docs, processes=processes)
        except NotOwnedError as err:
            raise PluginError(str(err)) from None
        log.debug(f"generated pages: {written} files changed")
        self.kb, self._rendered_for, self.offline = kb, signature, offline
        self._ui_cache.clear()
        self._footer_cache.clear()

    # Under `mkdocs serve`: rebuild when a data file changes, but not when this plugin writes
    # generated pages (MkDocs watches all of docs/, which would start a second, useless rebuild).
    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.enabled:
            server.watch(str(self.data_dir))
            server.unwatch(config.docs_dir)
            for path, recursive in watched_paths(Path(config.docs_dir)):
                server.watch(str(path), recursive=recursive)
        return server

    # A language's home page: its marker becomes the crisis buttons, made from the pathways in that language.
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.kb is None or CRISIS_MARKER not in markdown:
            return markdown
        language = config.theme.get("language") or SOURCE_LANGUAGE
        return markdown.replace(CRISIS_MARKER, render_crisis_block(self.kb, language))

    # Give templates the UI strings of the page's language and its translation notice (HTML-escaped).
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:  # type: ignore[override]  # MkDocs' TemplateContext has no keys for the ones added here
        if not self.config.enabled or self.kb is None:
            return context
        language = config.theme.get("language") or SOURCE_LANGUAGE
        context["kb_ui"] = self.ui_strings(language)
        context["kb_offline"] = self.offline
        key = translation_notice(page, language)
        context["kb_notice"] = Markup(context["kb_ui"][key]) if key else None
        context["kb_source"] = page_source(page, config)
        address = config.site_url + page.url if config.site_url else None
        if language not in self._footer_cache:  # the same on every page of a language: made once
            self._footer_cache[language] = (web_print_footer(self.kb, language, None), self.published(language, config))
        footer, published = self._footer_cache[language]
        context["kb_print_footer"] = web_print_footer(self.kb, language, address) if address else footer
        context["kb_published"] = published
        return context

    # Templates that are not pages (404.html) get the UI strings too: the quick exit is on every page.
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:  # type: ignore[override]  # as on_page_context
        if self.config.enabled and self.kb is not None:
            context["kb_ui"] = self.ui_strings(config.theme.get("language") or SOURCE_LANGUAGE)
            context["kb_offline"] = self.offline
        return context

    def published(self, language: str, config: MkDocsConfig) -> dict[str, str]:
        """The footer's publication date (the build's: builddate.py) in `language`, and where to get a new copy."""
        day = build_date(self.project_dir)
        prefix = "" if language == self.languages[0] else f"{language}/"
        downloads = f"{prefix}downloads/" + ("" if config.use_directory_urls else "index.html")
        # The site's address when known (an old copy's own download page cannot list newer copies).
        renew = f"{config.site_url.rstrip('/')}/{downloads}" if config.site_url else downloads
        return {"iso": day.isoformat(), "text": date_in_words(day, language), "renew": renew}

    def ui_strings(self, language: str) -> dict[str, Markup]:
        """Every UI string in `language`, HTML-escaped for the theme (which does not autoescape).

        Made once per language and data change, not once per page.
        """
        assert self.kb is not None
        if language not in self._ui_cache:
            strings = self.kb.ui.strings.items()
            self._ui_cache[language] = {key: escape(text.in_language(language).text) for key, text in strings}
        return self._ui_cache[language]


def page_source(page: Page, config: MkDocsConfig) -> dict:
    """Where a page comes from (the YAML entry for generated pages), with view and edit links if configured.

    `extra.repository` (for example https://github.com/ORG/REPO) and `extra.branch`
    give links to the line on the host; without them the file and line are shown as text.
    """
    generated = (page.meta or {}).get("kb_source")
    file, _, line = (generated or f"docs/{page.file.src_uri}").partition(":")
    repository = (config.extra.get("repository") or "").rstrip("/")
    branch = config.extra.get("branch") or "main"
    view = f"{repository}/blob/{branch}/{file}" + (f"#L{line}" if line else "") if repository else None
    edit = f"{repository}/edit/{branch}/{file}" if repository else None
    return {
        "file": escape(file),
        "line": escape(line),
        "view": escape(view) if view else None,
        "edit": escape(edit) if edit else None,
    }


def translation_notice(page: Page, language: str) -> str | None:
    """Key of the UI string that warns about the page's translation, if any."""
    if language == SOURCE_LANGUAGE:
        return None
    file_locale = getattr(page.file, "locale", language)
    if file_locale != language:
        return "fallback_whole_page"  # static-i18n served the default-language file
    state = (page.meta or {}).get("kb_translation", "draft")
    return {"fallback": "fallback_page", "draft": "draft_page"}.get(state)


def data_signature(data_dir: Path, languages: list[str]) -> tuple:
    """Changes whenever a data file or the language list changes."""
    files = sorted(data_dir.glob("*.yaml"))
    return tuple(languages), tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
