"""Fixtures shared by the fast and the slow tests: project copies to break on purpose, the loaded data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.helpers import LANGUAGES, ROOT, build_only, copy_project
from whrdkb.core.load import KnowledgeBase, load_knowledge_base


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project to break on purpose (translations without fingerprints).

    It builds English and French only: enough for what these tests check, and
    two and a half times faster than all five languages (which built_site covers).
    """
    copy = copy_project(tmp_path / "project", stamps=False)
    build_only(copy, ("en", "fr"))
    return copy


@pytest.fixture
def stamped_project(tmp_path) -> Path:
    """A fresh copy of the project with the translations' fingerprints, as committed (builds en and fr)."""
    copy = copy_project(tmp_path / "project")
    build_only(copy, ("en", "fr"))
    return copy


@pytest.fixture
def pathways(project) -> Path:
    """The pathways file of a fresh project copy, to break on purpose."""
    return project / "data" / "pathways.yaml"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The repository's data, loaded in every language of the site."""
    return load_knowledge_base(ROOT / "data", LANGUAGES)


@pytest.fixture(scope="module")
def report(kb):
    """The seed's evidence report (DHRTNS 2024-2025)."""
    return next(r for r in kb.evidence.reports if r.id == "dhrtns-2024-2025")


@pytest.fixture(scope="module")
def bench():
    """bench/run.py loaded as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]
