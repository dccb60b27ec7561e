"""Tooling for maintainers: pull request checks, linters, edit links, translation state, the report."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import BIN, LANGUAGES, ROOT, edit, mkdocs_build, read_html, run
from whrdkb.core.load import load_knowledge_base

# ---------------------------------------------------------------- pull request checks


def test_workflows_pass_the_github_workflow_schema():
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail():
    broken = ROOT / ".github" / "workflows" / "pull-request.yml"
    data = yaml.safe_load(broken.read_text())
    data["jobs"]["check"]["runs-on"] = {"bogus": True}
    path = Path(shutil.os.environ.get("TMPDIR", "/tmp")) / "kb-broken-workflow.yml"
    path.write_text(yaml.safe_dump(data))
    assert run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)).returncode != 0


# ---------------------------------------------------------------- linters


def test_yamllint_accepts_the_data():
    result = run("yamllint", "-c", str(ROOT / ".yamllint.yml"), "data")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "snippet,rule",
    [
        ("answered: yes\n", "truthy"),
        ("code: 0123\n", "octal-values"),
        ("a: 1\na: 2\n", "key-duplicates"),
        ("a: &x 1\nb: *y\n", "anchors"),
    ],
)
def test_yamllint_catches_the_yaml_traps(tmp_path, snippet, rule):
    path = tmp_path / "data.yaml"
    path.write_text(snippet)
    result = run("yamllint", "-c", str(ROOT / ".yamllint.yml"), str(path))
    assert result.returncode != 0 and f"({rule})" in result.stdout, result.stdout


def test_ruff_accepts_the_code():
    result = run("ruff", "check", "plugins", "tests", "bench")
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- edit links


def test_every_generated_page_names_its_yaml_source(built_site):
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    checked = 0
    for folder in ("recommendations", "directory", "pathways"):
        for page in (built_site / folder).rglob("index.html"):
            source = read_html(page).select_one(".kb-correction code").get_text()
            assert source.startswith("data/") and source.endswith(".yaml"), page
            checked += 1
    assert checked > 100
    pbi = read_html(built_site / "directory/pbi/index.html").select_one(".kb-correction").get_text()
    line, _ = kb.sources["services.yaml"].position(("services", 1))
    assert f"data/services.yaml, line {line}" in " ".join(pbi.split())


def test_with_a_repository_the_source_becomes_view_and_edit_links(project):
    edit(project / "mkdocs.yml", '  repository: ""', "  repository: https://github.com/example/whrd-kb")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    links = [a["href"] for a in read_html(project / "site/recommendations/1-3/index.html").select(".kb-correction a")]
    kb = load_knowledge_base(project / "data", LANGUAGES)
    line, _ = kb.sources["recommendations.yaml"].position(("themes", 0, "rows", 2))
    assert links == [
        f"https://github.com/example/whrd-kb/blob/main/data/recommendations.yaml#L{line}",
        "https://github.com/example/whrd-kb/edit/main/data/recommendations.yaml",
    ]
    hand = [a["href"] for a in read_html(project / "site/fr/about/index.html").select(".kb-correction a")]
    assert hand[0] == "https://github.com/example/whrd-kb/blob/main/docs/fr/about.md"


def test_report_lists_stale_translations_and_broken_links(stamped_project):
    project = stamped_project
    edit(
        project / "data" / "recommendations.yaml",
        'en: "Rapid response funding"',
        'en: "Rapid response funding for WHRDs"',
    )
    edit(
        project / "docs" / "en" / "about.md",
        "# About and sources",
        "# About and sources\n\n[broken](recommendations/9-9.md)",
    )
    # Not --strict: MkDocs would stop at the broken link; the report is what must find it in the HTML.
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "--site-dir", "site"], cwd=project, check=True, capture_output=True
    )
    report = run("whrdkb", "--root", str(project), "report", "--site", str(project / "site"))
    assert report.returncode == 1
    assert "data/recommendations.yaml [fr]: reviewed 0, draft" in report.stdout
    assert "stale 1," in report.stdout and "stale translation" in report.stdout
    assert "about/index.html: recommendations/9-9.md (no such page or file)" in report.stdout
    assert "\n1 broken links" in report.stdout


def test_stamp_ties_new_translations_to_the_english(project):
    data = project / "data"  # translations without fingerprints, as after a maintainer's edit
    result = run("whrdkb", "--root", str(project), "stamp")
    committed = sum(p.read_text().count(', of: "') for p in (ROOT / "data").glob("*.yaml"))
    assert result.returncode == 0 and f"stamped {committed} translations" in result.stdout, (
        result.stdout + result.stderr
    )
    assert run("whrdkb", "--root", str(project), "stamp").stdout.startswith("stamped 0 ")
    assert load_knowledge_base(data, LANGUAGES).ui.strings["theme"].translations["fr"].of is not None
