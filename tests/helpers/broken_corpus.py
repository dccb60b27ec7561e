"""The corpus of broken data files (tests/fixtures/broken) and the project that loads one of them."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = FIXTURES / "broken"
EXPECTED = dict(
    line.split(": ", 1)
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
)


def broken_project(tmp_path: Path, case: str) -> Path:
    """The fixture data with one file replaced by the broken case, and the site's mkdocs.yml."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "data", project / "data")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy2(BROKEN / f"{case}.yaml", project / "data" / f"{case.split('--')[0]}.yaml")
    return project
