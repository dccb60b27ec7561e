"""Build optimisations keep the output byte for byte: the same site with and without them."""

from __future__ import annotations

import filecmp

from tests.helpers import LANGUAGES, ROOT, build_only, copy_project, edit, mkdocs_build, site_files
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.render import render_languages
from whrdkb.core.renderinput import BuildSettings, RenderInput


def test_parallel_builds_write_the_same_bytes_as_one_step_after_the_other(tmp_path):
    """kb-pages renders the languages' pages and kb-languages builds the languages after the
    default one in forked processes (processes: 2); with processes: 1, everything happens in
    turn in the build's own process."""
    sites, logs = {}, {}
    for name, processes in (("serial", 1), ("parallel", 2)):
        project = copy_project(tmp_path / name)
        build_only(project, ("en", "fr", "es"))
        edit(project / "mkdocs.yml", "  - kb-languages\n", f"  - kb-languages:\n      processes: {processes}\n")
        edit(project / "mkdocs.yml", "      data_dir: data\n", f"      data_dir: data\n      processes: {processes}\n")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        sites[name], logs[name] = project / "site", result.stderr
    assert "in process" in logs["parallel"] and "in process" not in logs["serial"]
    serial, parallel = site_files(sites["serial"]), site_files(sites["parallel"])
    assert serial.keys() == parallel.keys()
    assert {"assets/search/index.en.js", "assets/search/index.fr.js", "assets/search/index.es.js"} <= serial.keys()
    assert {"fr/index.html", "es/index.html", "es/directory/index.html"} <= serial.keys()
    different = [name for name in serial if serial[name] != parallel[name]]
    assert different == [], different[:10]
    assert not filecmp.dircmp(sites["serial"], sites["parallel"]).diff_files


def test_a_language_that_fails_in_a_forked_process_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    build_only(project, ("en", "fr", "es"))
    edit(project / "mkdocs.yml", "  - kb-languages\n", "  - kb-languages:\n      processes: 2\n")
    # A broken link in a hand-written Spanish page: a warning, which --strict turns into a failure.
    page = project / "docs" / "es" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[roto](no-existe.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "no-existe.md" in result.stderr
    assert "the build of es failed" in result.stderr
    assert "Traceback" not in result.stderr


def test_languages_rendered_in_forked_processes_are_the_pages_rendered_in_turn():
    """kb-pages' render_languages: the same pages, in the same order, with and without forks."""
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    render_input = RenderInput(kb, BuildSettings.from_environment())
    in_turn = render_languages(render_input, LANGUAGES, processes=1)
    forked = render_languages(render_input, LANGUAGES, processes=2)
    assert list(forked) == list(in_turn) == LANGUAGES
    assert forked == in_turn
    assert all(len(pages) > 100 for pages in forked.values())
