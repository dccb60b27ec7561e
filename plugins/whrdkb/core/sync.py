"""Write generated pages as real files, touching only what changed.

Generated pages are real Markdown files (not in-memory pages) because
mkdocs-static-i18n localises only files that exist under `docs_dir`. Each
top-level folder of generated pages is owned by the generator and carries a
marker file; a folder without the marker that holds files is never written to,
so hand-written pages cannot be overwritten. Files are rewritten only when
their content changed, and `mkdocs serve` watches only the hand-written files
(`watched_paths`), so writing generated pages does not start another rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .generated import GeneratedPage

MARKER = ".generated"
MARKER_TEXT = "Every file in this folder is generated from data/ at build time and is overwritten.\n"


class NotOwnedError(Exception):
    """A folder we would write into holds files we did not generate."""


@dataclass
class SyncReport:
    """What a sync changed on disk."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def sync_pages(root: Path, pages: Iterable[GeneratedPage]) -> SyncReport:
    """Make the owned folders under `root` hold exactly `pages`."""
    report = SyncReport()
    wanted: dict[Path, str] = {root / page.path: page.markdown for page in pages}
    folders = {root / Path(page).relative_to(root).parts[0] for page in wanted}
    for folder in folders:
        _claim(folder)
    for path, content in wanted.items():
        if _read(path) != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            report.written.append(path)
    for folder in folders:
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path.name != MARKER and path not in wanted:
                path.unlink()
                report.removed.append(path)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report


# Create the folder with its marker, or refuse if it holds someone else's files.
def _claim(folder: Path) -> None:
    marker = folder / MARKER
    if marker.exists():
        return
    if folder.exists() and any(folder.iterdir()):
        raise NotOwnedError(
            f"{folder} holds files that were not generated; move them elsewhere "
            f"(generated pages own this folder), or add {MARKER} if they may be deleted"
        )
    folder.mkdir(parents=True, exist_ok=True)
    marker.write_text(MARKER_TEXT, encoding="utf-8")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def watched_paths(docs: Path) -> list[tuple[Path, bool]]:
    """What `mkdocs serve` should watch under `docs`: every path but the generated folders.

    Returns (path, recursive) pairs: a folder holding no generated folder is watched whole;
    a folder holding one is watched for its own files, and its other subfolders in turn.
    """
    generated = {marker.parent for marker in docs.rglob(MARKER)}

    def walk(folder: Path) -> list[tuple[Path, bool]]:
        if folder in generated:
            return []
        if not any(folder in owned.parents for owned in generated):
            return [(folder, True)]
        subfolders = sorted(path for path in folder.iterdir() if path.is_dir())
        return [(folder, False)] + [pair for sub in subfolders for pair in walk(sub)]

    return walk(docs)
