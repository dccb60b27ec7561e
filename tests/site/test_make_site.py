"""`make site` builds elsewhere and swaps: broken data fails with file:line and keeps the published site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import edit, make_command, makefile_project


def make_site(project: Path) -> subprocess.CompletedProcess:
    """The README's build command, with this test run's virtual environment (no reinstall)."""
    return subprocess.run(make_command(), cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A project copy with a good build in site/, marked so a swap would be noticed."""
    project = makefile_project(tmp_path_factory.mktemp("make"))
    result = make_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "site" / "published-marker").write_text("the good build")
    return project


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("        tags: [psychosocial]", "        tags: [psychosocial]\n        tags: [legal]", "appears twice"),
        ("        tags: [psychosocial]", "        tags: [psychosocial]\n        colour: red", "Unknown field 'colour'"),
        (
            "        tags: [psychosocial]",
            "        tags: [psychosocial, no-such-tag]",
            "no tag with the id 'no-such-tag'",
        ),
    ],
)
def test_broken_data_fails_with_file_and_line_and_keeps_the_site(published, old, new, message):
    rec = published / "data" / "recommendations.yaml"
    good = rec.read_text()
    try:
        edit(rec, old, new)
        expected_line = next(
            n
            for n, line in enumerate(rec.read_text().splitlines(), 1)
            if line in new.split("\n")[1:] or line == new.split("\n")[-1]
        )
        result = make_site(published)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert f"data/recommendations.yaml:{expected_line}:" in output and message in output, output
        assert "Traceback" not in output
        assert (published / "site" / "published-marker").read_text() == "the good build"
        assert (published / "site" / "recommendations" / "1-2" / "index.html").is_file()
    finally:
        rec.write_text(good)


def test_a_good_build_replaces_the_site(published):
    result = make_site(published)
    assert result.returncode == 0, result.stderr
    assert not (published / "site" / "published-marker").exists()
    assert not (published / ".site-build").exists()
    assert (published / "site" / "fr" / "recommendations" / "3-5" / "index.html").is_file()
