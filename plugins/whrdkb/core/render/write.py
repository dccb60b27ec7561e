"""Every generated file of the site written into a docs folder: the one code path of kb-pages and `whrdkb pages`.

kb-pages calls it before MkDocs collects files; `whrdkb pages --out DIR` calls it without MkDocs, so
another site generator can build the same pages (see the README, "Moving to another generator").
"""

from __future__ import annotations

from pathlib import Path

from ..export import export_files
from ..renderinput import RenderInput
from ..sync import sync_pages
from . import render_languages


def write_generated_pages(
    render_input: RenderInput, languages: list[str], docs: Path, out: Path | None = None, processes: int = 1
) -> int:
    """Render every language's pages into `out` (default `docs`) and return how many files changed.

    Pages go to `out/<language>/<family>/`, the language-neutral exports to `out/exports/`. The
    translation status page counts the hand-written pages of `docs` (`RenderInput.for_docs`).
    Raises sync.NotOwnedError rather than overwrite a folder of hand-written files.
    """
    out = docs if out is None else out
    rendered = render_languages(render_input, languages, processes)
    changed = 0
    for language in languages:
        report = sync_pages(out / language, rendered[language])
        changed += len(report.written) + len(report.removed)
    report = sync_pages(out, export_files(render_input.kb))
    return changed + len(report.written) + len(report.removed)
