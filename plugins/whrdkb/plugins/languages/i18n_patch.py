"""The one place where mkdocs-static-i18n is patched: its `build` function, replaced while it builds the languages.

static-i18n 1.3 builds every language after the default one from its own `on_post_build`, by
calling the module function `mkdocs_static_i18n.plugin.build(config, dirty)` once per language
with `current_language` set on the plugin. kb-languages replaces that function for the length
of the loop. Another version may build its languages another way, so the plugin checks the
installed version when the build starts and refuses any other, with what to do instead.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import mkdocs_static_i18n.plugin as i18n_module
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# The versions of mkdocs-static-i18n whose build loop this patch knows.
KNOWN_VERSIONS = "1.3."

Build = Callable[..., None]  # static-i18n's build(config, dirty=False)


def check_version() -> None:
    """Raise PluginError unless the installed mkdocs-static-i18n is one whose build loop the patch knows."""
    installed = version("mkdocs-static-i18n")
    if not installed.startswith(KNOWN_VERSIONS):
        raise PluginError(
            f"kb-languages builds languages in parallel by replacing a function of mkdocs-static-i18n "
            f"{KNOWN_VERSIONS}x, but {installed} is installed. Set 'enabled: false' under kb-languages in "
            f"mkdocs.yml (the languages are then built one after the other), or install the pinned version "
            f"(make site installs requirements/site.txt)."
        )


def current_language(config: MkDocsConfig) -> str:
    """The language static-i18n is building (it sets `current_language` on its plugin before each build)."""
    return typing.cast(Any, config.plugins["i18n"]).current_language


class BuildPatch:
    """static-i18n's build function, replaced by `install` and given back by `restore`."""

    def __init__(self) -> None:
        self.original: Build | None = None

    def install(self, replacement: Build) -> Build:
        """Put `replacement` in place of static-i18n's build; return static-i18n's own (to call from it)."""
        if self.original is None:
            self.original = i18n_module.build
        i18n_module.build = replacement
        return self.original

    def restore(self) -> None:
        """Give static-i18n its own build function back (nothing to do if it was not replaced)."""
        if self.original is not None:
            i18n_module.build = self.original
            self.original = None
