"""A generated file: what every renderer returns and what sync.py writes (a leaf: it imports nothing of ours)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page (or an export file) to write at `path`, relative to the folder it is synced into."""

    path: str
    markdown: str
