"""The loader closes YAML's traps and reports every problem with file, line and a hint."""

from __future__ import annotations

import re
import subprocess

from tests.helpers import BIN, ROOT, edit


def test_the_validate_command_prints_problems_without_traceback(project):
    edit(project / "data" / "recommendations.yaml", "tags: [psychosocial]", "tags: [psychosocail]")
    result = subprocess.run([str(BIN / "whrdkb"), "--root", str(project), "validate"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(r"^data/recommendations\.yaml:\d+:\d+: .*psychosocail", result.stderr, re.MULTILINE), result.stderr


def test_the_validate_command_accepts_the_real_data():
    result = subprocess.run([str(BIN / "whrdkb"), "--root", str(ROOT), "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "15 matrix rows" in result.stdout
