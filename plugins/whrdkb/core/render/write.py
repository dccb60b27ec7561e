"""Every generated file of the site written into a docs folder: the one code path of kb-pages and `whrdkb pages`.

kb-pages calls it before MkDocs collects files; `whrdkb pages --out DIR` calls it without MkDocs, so
another site generator can build the same pages (see the README, "Moving to another generator").
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..directory import RenderOptions
from ..export import export_files
from ..load import KnowledgeBase
from ..sync import sync_pages
from ..translations import translation_table
from . import render_languages
from .translations import translation_rows


def write_generated_pages(
    kb: KnowledgeBase,
    languages: list[str],
    options: RenderOptions,
    docs: Path,
    out: Path | None = None,
    processes: int = 1,
) -> int:
    """Render every language's pages into `out` (default `docs`) and return how many files changed.

    Pages go to `out/<language>/<family>/`, the language-neutral exports to `out/exports/`. The
    translation status page counts the hand-written pages of `docs` too. Raises sync.NotOwnedError
    rather than overwrite a folder of hand-written files.
    """
    out = docs if out is None else out
    page_options = replace(options, translations=translation_rows(translation_table(kb, docs)))
    rendered = render_languages(kb, languages, page_options, processes)
    changed = 0
    for language in languages:
        report = sync_pages(out / language, rendered[language])
        changed += len(report.written) + len(report.removed)
    report = sync_pages(out, export_files(kb))
    return changed + len(report.written) + len(report.removed)
