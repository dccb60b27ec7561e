"""Facts about the MkDocs build that both plugins and the command line need."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig

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
