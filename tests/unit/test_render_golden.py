"""Rendered Markdown of the matrix pages against golden files.

Set UPDATE_GOLDENS=1 to rewrite the golden files after an intended change,
then review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from tests.helpers import ROOT
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.render import BuildSettings, RenderInput, render_all
from whrdkb.core.render.matrix import render_matrix

FIXTURES = ROOT / "tests" / "fixtures" / "data"
SETTINGS = BuildSettings(today=dt.date(2026, 11, 21), stale_after_days=365)
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(FIXTURES, ["en", "fr"])


@pytest.mark.parametrize(
    "language,page,golden",
    [
        ("en", "recommendations/1-1.md", "row-1-1.en.md"),
        ("fr", "recommendations/1-1.md", "row-1-1.fr.md"),
        ("en", "recommendations/1-2.md", "row-1-2.en.md"),
        ("en", "recommendations/theme-1.md", "theme-1.en.md"),
        ("en", "recommendations/index.md", "overview.en.md"),
        ("fr", "recommendations/tags.md", "tags.fr.md"),
        ("en", "recommendations/actors.md", "actors.en.md"),
        ("en", "directory/test-legal-aid.md", "service.en.md"),
        ("fr", "directory/test-legal-aid.md", "service.fr.md"),
        ("en", "directory/index.md", "directory.en.md"),
        ("en", "directory/kind-legal-aid.md", "kind-legal-aid.en.md"),
        ("fr", "directory/area-ke.md", "area-ke.fr.md"),
        ("en", "pathways/test-path/start.md", "pathway-step.en.md"),
        ("fr", "pathways/test-path/later.md", "pathway-step.fr.md"),
        ("en", "pathways/test-path/lawyer.md", "pathway-outcome.en.md"),
        ("en", "pathways/test-path/lawyer/ke.md", "pathway-place.en.md"),
        ("en", "pathways/test-path/index.md", "pathway-overview.en.md"),
        ("fr", "pathways/index.md", "pathways.fr.md"),
    ],
)
def test_page_matches_golden(kb, language, page, golden):
    pages = {p.path: p.markdown for p in render_all(RenderInput(kb, SETTINGS), language)}
    expected = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDENS"):
        expected.write_text(pages[page], encoding="utf-8")
    assert pages[page] == expected.read_text(encoding="utf-8")


def test_translation_state_is_recorded_per_page(kb):
    fr = {p.path: p.markdown for p in render_matrix(RenderInput(kb, SETTINGS), "fr")}
    en = {p.path: p.markdown for p in render_matrix(RenderInput(kb, SETTINGS), "en")}
    assert 'kb_translation: "fallback"' in fr["recommendations/1-1.md"]  # "NO" has no French text
    assert 'kb_translation: "source"' in en["recommendations/1-1.md"]
    assert 'kb_source: "data/recommendations.yaml:' in en["recommendations/1-2.md"]
