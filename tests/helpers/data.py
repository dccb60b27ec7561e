"""Reading the loader's answers to broken data: the problems it reports and the lines they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from whrdkb.core.load import load_knowledge_base
from whrdkb.core.problems import DataError

from .project import LANGUAGES


def problems_of(data: Path, languages: list[str] = LANGUAGES) -> list[str]:
    """Every reported problem as its printed line (fails if the data loads)."""
    with pytest.raises(DataError) as caught:
        load_knowledge_base(data, languages)
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `needle`."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return hits[occurrence - 1]
