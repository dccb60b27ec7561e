"""The repository's data as the loader reads it, and its answers to broken data: the problems and their lines."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from whrdkb.core.load import KnowledgeBase, load_knowledge_base
from whrdkb.core.problems import DataError

from .project import LANGUAGES, ROOT


def problems_of(data: Path, languages: list[str] = LANGUAGES) -> list[str]:
    """Every reported problem as its printed line (fails if the data loads)."""
    with pytest.raises(DataError) as caught:
        load_knowledge_base(data, languages)
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `needle`."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


@functools.cache
def repository_kb() -> KnowledgeBase:
    """The repository's data in every language of the site, loaded once per test process (do not change it)."""
    return load_knowledge_base(ROOT / "data", LANGUAGES)
