"""Build optimisations keep the output byte for byte: the same site with and without them."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import build_only, copy_project, edit, mkdocs_build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_indexes_built_in_a_worker_process_are_the_same_bytes(tmp_path):
    """kb-search builds each language's index in a worker while the next language is built (workers: 1)."""
    sites = {}
    for workers in (0, 1):
        project = copy_project(tmp_path / f"workers-{workers}")
        build_only(project, ("en", "fr"))
        edit(project / "mkdocs.yml", "  - kb-search\n", f"  - kb-search:\n      workers: {workers}\n")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        sites[workers] = project / "site"
    serial, parallel = _files(sites[0]), _files(sites[1])
    assert serial.keys() == parallel.keys()
    assert {"assets/search/index.en.js", "assets/search/index.fr.js"} <= serial.keys()
    different = [name for name in serial if serial[name] != parallel[name]]
    assert different == [], different[:10]
    assert not filecmp.dircmp(sites[0], sites[1]).diff_files
