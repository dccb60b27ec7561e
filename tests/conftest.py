"""Shared test helpers: temporary copies of the project, and real site builds in them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What a site build reads; generated folders under docs/ are left out (the build recreates them).
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "overrides")


def copy_project(dest: Path) -> Path:
    """Copy what a build needs into `dest` (no site/, no generated pages, no venv)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("recommendations", "__pycache__")
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        else:
            shutil.copy2(src, dest / part)
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file, failing loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def mkdocs_build(project: Path, site: str = "site") -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in a project copy."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", site],
        cwd=project, capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session from the repository's data."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")
