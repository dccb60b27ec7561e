"""What every renderer reads, built once per build (by kb-pages or the command line): `RenderInput`.

The knowledge base, the build's settings, the files published beside the site (offline copies,
printed editions) and the translation state, as typed objects: renderers never read a file or
the environment themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .builddate import build_date
from .bundles import Bundle, EditionFile, printed_editions, read_checksums
from .load import KnowledgeBase
from .translations import LanguageState, translation_table

# The translation state: {data file name, or "pages" for the hand-written pages: {language: LanguageState}}.
TranslationTable = dict[str, dict[str, LanguageState]]


@dataclass(frozen=True)
class BuildSettings:
    """Settings that change generated pages but are not data: kb-pages' options and the build's date."""

    today: dt.date
    stale_after_days: int = 365  # a directory entry whose newest source is older is shown as needing a check
    offline: bool = False  # building the offline copy itself (it cannot list its own checksum)
    pdf: bool = False  # PDFs are printed with the site (make site): pages link them

    @classmethod
    def from_environment(cls, stale_after_days: int = 365, offline: bool = False, pdf: bool = False) -> BuildSettings:
        """These settings on the build's date (builddate.py: SOURCE_DATE_EPOCH, else the commit's date, else today)."""
        return cls(build_date(), stale_after_days, offline, pdf)


@dataclass(frozen=True)
class Published:
    """The files published beside the site that its pages list: offline copies (zips) and printed editions (PDFs)."""

    bundles: tuple[Bundle, ...] = ()
    editions: tuple[EditionFile, ...] = ()

    @classmethod
    def in_project(cls, project: Path, offline: bool, editions_dir: str = "pdfs") -> Published:
        """What a build of `project` lists: the PDFs of `editions_dir` and, online, the published zips.

        `whrdkb publish` prints the PDFs first, so the offline copy lists the ones it carries (`.pdfs-build`).
        """
        bundles = () if offline else tuple(read_checksums(project / "bundles"))
        return cls(bundles, tuple(printed_editions(project / editions_dir)))


@dataclass(frozen=True)
class RenderInput:
    """Everything the renderers read: the knowledge base, the settings, the published files, the translation state."""

    kb: KnowledgeBase
    settings: BuildSettings
    published: Published = field(default_factory=Published)
    translations: TranslationTable = field(default_factory=dict)

    @classmethod
    def for_docs(cls, kb: KnowledgeBase, settings: BuildSettings, published: Published, docs: Path) -> RenderInput:
        """The input of a build whose hand-written pages are in `docs` (the status page counts them too)."""
        return cls(kb, settings, published, translation_table(kb, docs))
