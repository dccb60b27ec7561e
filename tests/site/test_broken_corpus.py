"""No traceback, ever: every file of a corpus of broken data files gives plain `file:line:col` messages (issue #24).

tests/fixtures/broken/FILE--CASE.yaml replaces data/FILE.yaml of the fixture data set (tests/fixtures/data);
tests/fixtures/broken/expected.txt names words each case's message must contain.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import BIN, ROOT, mkdocs_build
from tests.helpers.broken_corpus import EXPECTED, broken_project


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
