"""No traceback, ever: every file of a corpus of broken data files gives plain `file:line:col` messages (issue #24).

tests/fixtures/broken/FILE--CASE.yaml replaces data/FILE.yaml of the fixture data set (tests/fixtures/data);
tests/fixtures/broken/expected.txt names words each case's message must contain.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, mkdocs_build
from whrdkb.cli import main

FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = FIXTURES / "broken"
EXPECTED = dict(
    line.split(": ", 1)
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
)
MESSAGE = re.compile(r"^data/[a-z]+\.yaml:\d+:\d+: .+\.$")


def broken_project(tmp_path: Path, case: str) -> Path:
    """The fixture data with one file replaced by the broken case, and the site's mkdocs.yml."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "data", project / "data")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy2(BROKEN / f"{case}.yaml", project / "data" / f"{case.split('--')[0]}.yaml")
    return project


def test_the_corpus_is_complete():
    assert sorted(EXPECTED) == sorted(p.stem for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_every_broken_file_gets_located_messages_and_no_traceback(case, tmp_path, capsys):
    project = broken_project(tmp_path, case)
    assert main(["--root", str(project), "validate"]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    lines = captured.err.splitlines()
    assert re.match(r"^\d+ problems? in the data files:$", lines[0]), output
    for line in lines[1:]:
        assert MESSAGE.match(line), line[:500]
    assert EXPECTED[case] in output, output[:3000]


@pytest.mark.parametrize("case", ["services--deep-flow-nesting", "services--nul-byte"])
def test_the_command_and_the_build_stop_without_traceback(case, tmp_path):
    """The real `whrdkb validate` and `mkdocs build` (whose loader once ended in RecursionError)."""
    project = broken_project(tmp_path, case)
    validate = subprocess.run([str(BIN / "whrdkb"), "--root", str(project), "validate"], capture_output=True, text=True)
    assert validate.returncode == 1
    assert EXPECTED[case] in validate.stderr and "Traceback" not in validate.stdout + validate.stderr
    for part in ("docs", "overrides", "CONTRIBUTING.md"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("recommendations"))
        else:
            shutil.copy2(source, project / part)
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert EXPECTED[case] in build.stderr and "Traceback" not in build.stdout + build.stderr, build.stderr[-3000:]
