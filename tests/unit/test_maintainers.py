"""Tooling for maintainers: pull request checks, linters, edit links, translation state, the report."""

from __future__ import annotations

import yaml

from tests.helpers import LANGUAGES, ROOT, edit
from whrdkb.core.load import load_knowledge_base


def test_pull_request_workflow_validates_builds_and_tests():
    steps = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())["jobs"]["check"]["steps"]
    commands = [s.get("run") for s in steps if s.get("run")]
    assert commands == ["make validate", "make site", "make test"]


def test_codeowners_separates_data_from_code_and_configuration():
    rules = dict(
        line.split(None, 1)
        for line in (ROOT / ".github/CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert "data-reviewers" in rules["/data/"]
    for code in ("/mkdocs.yml", "/plugins/", "/overrides/", "/.github/", "/data/schema/"):
        assert rules[code].strip() == "@whrd-kb/developers", code


def test_pull_request_template_asks_for_sources_and_conflicts_of_interest():
    text = (ROOT / ".github/pull_request_template.md").read_text().lower()
    assert "- [ ] every new or changed fact names its source" in text
    assert "conflict of interest" in text


def test_pre_commit_runs_yamllint_ruff_and_the_validator():
    hooks = [
        hook["id"]
        for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
        for hook in repo["hooks"]
    ]
    assert hooks == ["yamllint", "ruff", "validate-data"]


# ---------------------------------------------------------------- translation state and the report


def test_editing_the_english_makes_its_translation_stale(stamped_project):
    data = stamped_project / "data"
    edit(data / "recommendations.yaml", 'en: "Rapid response funding"', 'en: "Rapid response funding for WHRDs"')
    kb = load_knowledge_base(data, LANGUAGES)
    row = next(r for _, r in kb.rows() if r.id == "1.3")
    assert row.needs[1].text.in_language("fr").state == "stale"
    assert row.needs[0].text.in_language("fr").state == "draft"
