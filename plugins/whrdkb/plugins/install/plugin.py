"""`kb-install`: the files of the opt-in offline install, written once every language is built.

The hosted site gets `sw.js`, each language's file list with sizes, and the web app manifests
with their icons (`whrdkb.core.offline_install`); nothing links them until the reader asks on
the downloads page. The offline copy (file://, where no service worker can run) gets none.
`whrdkb publish` writes the file lists again after it copies the PDFs in, so they are listed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ...core.offline_install import write_copy_lists, write_manifests
from ..site import building_other_languages, is_offline_build, site_languages
from .config import InstallConfig

log = get_plugin_logger(__name__)


class InstallPlugin(BasePlugin[InstallConfig]):
    """Writes the worker, file lists and manifests after the last language's build."""

    def __init__(self) -> None:
        self.site_name = ""  # mkdocs.yml's, before static-i18n sets each language's in turn

    # The default language's name: by the end of the build, config.site_name is the last language's.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not building_other_languages(config):
            self.site_name = config.site_name
        return config

    # After static-i18n (-100) built the other languages and kb-languages (-120) waited for its forks.
    @event_priority(-150)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or building_other_languages(config) or is_offline_build(config):
            return
        languages = site_languages(config, built_only=True)
        site = Path(config.site_dir)
        write_manifests(site, languages, app_names(config, languages, self.site_name))
        lists = write_copy_lists(site, languages)
        log.debug("offline install: " + ", ".join(f"{lang} {c.size // 1024} KiB" for lang, c in lists.items()))


def app_names(config: MkDocsConfig, languages: list[str], site_name: str) -> dict[str, tuple[str, str, str]]:
    """Each language's (site name, short name, neutral name): static-i18n's site names, kb-pages' interface strings."""
    i18n = config.plugins.get("i18n")
    full = {lang.locale: lang.site_name for lang in (i18n.config.languages if i18n else [])}
    kb = getattr(config.plugins.get("kb-pages"), "kb", None)
    names = {}
    for language in languages:
        name = full.get(language) or site_name
        if kb is None:
            names[language] = (name, name, "Notes")
            continue
        strings = kb.ui.strings
        short = strings["site_name_short"].in_language(language).text
        names[language] = (name, short, strings["keep_neutral_name"].in_language(language).text)
    return names
