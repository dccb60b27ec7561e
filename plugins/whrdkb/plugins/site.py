"""Facts about the MkDocs build that both plugins and the command line need."""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig


def default_first(entries: Iterable[tuple[str, bool]]) -> list[str]:
    """Language codes, the default one first: from (locale, is_default) pairs in configuration order."""
    entries = list(entries)
    return [code for code, default in entries if default] + [code for code, default in entries if not default]


def is_offline_build(config: MkDocsConfig) -> bool:
    """True when Material's offline plugin is on (the copy for file://, made by make bundles)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)
