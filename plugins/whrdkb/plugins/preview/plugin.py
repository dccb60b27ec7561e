"""`kb-preview`: fast rebuilds under `make serve` (`mkdocs serve --dirty`).

A dirty rebuild renders only the pages whose Markdown is newer than their HTML.
kb-pages writes a generated page only when its Markdown changes, so an edit of
one YAML entry re-renders the pages that show it (in every language) and no
other. MkDocs's dirty builds are made for drafts, though; this plugin mends
what they would get wrong on this site:

- the navigation, rendered into every page, names pages by their titles, which
  MkDocs reads only from the pages it renders (the others were named "None");
- what every page shows besides its Markdown (the theme's templates, the interface
  strings, mkdocs.yml, the navigation) changes no page's Markdown: when it changes,
  the language's built pages are removed, so that the rebuild renders them all;
- MkDocs warns at every dirty rebuild, which stops every rebuild under `strict`
  (the warning is shown as information instead: it stays true for a new
  hand-written page, which appears in the navigation of the pages rendered after it).

kb-search keeps each page's text between rebuilds; kb-languages builds the languages
in forked processes, which hand back what they learned (`state_of`, `adopt_state`).
A test compares a dirty rebuild after an edit with a full build of the edited data,
page by page.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ..site import build_language, expect_dirty_builds
from .config import PreviewConfig


class PreviewPlugin(BasePlugin[PreviewConfig]):
    """Mends MkDocs's dirty rebuilds for this site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.dirty = False
        self.signatures: dict[str, tuple] = {}  # language -> what its pages showed at the last build

    # Whether this run's builds are dirty (mkdocs serve --dirty, mkdocs build --dirty).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        if dirty and self.config.enabled:
            expect_dirty_builds()

    # Every page in the navigation has its title, rendered this time or not; every page is rendered
    # again when what they all show changed (after static-i18n made the language's files and nav).
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not (self.dirty and self.config.enabled):
            return nav
        read_titles(nav, config)
        language = build_language(config)
        signature = every_page_signature(config, nav, self.config.every_page)
        if self.signatures.get(language, signature) != signature:
            forget_built_pages(files)
        self.signatures[language] = signature
        return nav

    # What this instance keeps between rebuilds about `languages` (a fork of kb-languages hands it back).
    def state_of(self, languages: list[str]) -> dict:
        return {language: signature for language, signature in self.signatures.items() if language in languages}

    # What a fork learned while it built its languages.
    def adopt_state(self, state: dict) -> None:
        self.signatures.update(state)


def read_titles(nav: Navigation, config: MkDocsConfig) -> None:
    """Read the source of every navigation page, for its title (MkDocs reads those it renders again, later)."""
    for page in nav.pages:
        if page.markdown is None:
            page.read_source(config)


def every_page_signature(config: MkDocsConfig, nav: Navigation, every_page: list[str]) -> tuple:
    """What every page of a language shows besides its Markdown: the navigation, and the files behind the rest."""
    base = Path(config.config_file_path).parent
    paths = [Path(config.config_file_path), *(base / name for name in every_page)]
    custom_dir = config.theme.custom_dir
    if custom_dir:
        paths += sorted(path for path in Path(custom_dir).rglob("*") if path.is_file())
    files = tuple((str(path), path.stat().st_mtime_ns if path.exists() else None) for path in paths)
    return files, tuple((page.title, page.url) for page in nav.pages)


def forget_built_pages(files: Files) -> None:
    """Remove the built HTML of this build's pages, so that the dirty rebuild renders each of them."""
    for file in files.documentation_pages():
        try:
            os.remove(file.abs_dest_path)
        except FileNotFoundError:
            pass
