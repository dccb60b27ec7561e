"""Facts about the MkDocs build that both plugins and the command line need."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..core.models import SOURCE_LANGUAGE


def default_first(entries: Iterable[tuple[str, bool]]) -> list[str]:
    """Language codes, the default one first: from (locale, is_default) pairs in configuration order."""
    entries = list(entries)
    return [code for code, default in entries if default] + [code for code, default in entries if not default]


def is_offline_build(config: MkDocsConfig) -> bool:
    """True when Material's offline plugin is on (the copy for file://, made by make bundles)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def site_languages(config: MkDocsConfig, built_only: bool = False) -> list[str]:
    """The site's languages, default first: static-i18n's list, or the theme's language.

    `built_only`: the languages this run builds, in static-i18n's order (`build: false` left out).
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme.get("language") or SOURCE_LANGUAGE]
    languages = [lang for lang in i18n.config.languages if lang.build or not built_only]
    return default_first((lang.locale, lang.default) for lang in languages)


def build_language(config: MkDocsConfig) -> str:
    """The language of the build in progress (static-i18n sets the theme's language per build)."""
    return config.theme.get("language") or SOURCE_LANGUAGE


def building_other_languages(config: MkDocsConfig) -> bool:
    """True inside static-i18n's builds of the other languages (run from the default language's on_post_build)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def default_language_templates(config: MkDocsConfig) -> None:
    """404.html comes from the default language's build only.

    Every language's build writes into the same site folder: otherwise the last language
    built (Nepali) would write the 404 page every reader gets.
    """
    templates = config.theme.static_templates
    if build_language(config) == site_languages(config)[0]:
        templates.add("404.html")
    else:
        templates.discard("404.html")


SITEMAP = "sitemap.xml"


def without_sitemap(files: Files, config: MkDocsConfig) -> Files:
    """Leave the sitemap out when the site's address is unknown (no `site_url`).

    MkDocs would write `None./` URLs that help no crawler, while Material's script downloads
    the file on a first visit of each home page (half a megabyte for the seed data). It is not
    rendered as a template any more; a theme file that is no template is copied as it is, so
    from the second language's build on (when the theme's files include it) it is removed too.
    """
    if not config.site_url:
        config.theme.static_templates.discard(SITEMAP)
        for file in [f for f in files if f.src_uri == SITEMAP and not f.is_documentation_page()]:
            files.remove(file)
    return files


# A <link> with an hreflang attribute, and the line break before it (Material writes one per line).
_HREFLANG_LINK = re.compile(r"\n?[ \t]*<link\b[^>]*\bhreflang=[^>]*>")


def without_hreflang_links(head: str) -> str:
    """The theme's head without its `<link rel="alternate" hreflang>` tags (a template filter).

    Material's script fetches a `sitemap.xml` beside each of them on every page load, to map
    a page to its translation when the reader switches language; static-i18n points them at
    the page's own translations, so each fetch asks for a file that does not exist (five
    requests per page and five error pages, on the slow links of the site's readers). The
    language switcher links each translation itself; search engines would need absolute
    addresses in these tags, which the site, published without `site_url`, cannot give.
    """
    return _HREFLANG_LINK.sub("", head)


class DirtyBuildNotice(logging.Filter):
    """MkDocs's warning that a dirty build may leave navigation stale, as information instead.

    `make serve` runs `mkdocs serve --dirty` with `strict: true`: the warning, printed at
    every rebuild, would abort every one. It stays true for hand-written pages (a new page
    is in the navigation of the pages rendered after it only), so it is still shown.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def expect_dirty_builds() -> None:
    """Show MkDocs's dirty-build warning as information, once per process (see `DirtyBuildNotice`)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyBuildNotice) for f in logger.filters):
        logger.addFilter(DirtyBuildNotice())
