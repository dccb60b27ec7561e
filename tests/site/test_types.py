"""The type checker passes on core/ and plugins/ (configuration: [tool.mypy] in pyproject.toml)."""

import re
import subprocess
import sys

from tests.helpers import ROOT


def test_mypy_passes_on_the_code():
    """mypy finds no error; a `type: ignore` must name its code and say why on the same line."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    ignores = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "plugins").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line and not re.search(r"type: ignore\[[a-z-, ]+\]\s+#\s*\S", line)
    ]
    assert not ignores, f"a type: ignore without its code and reason: {ignores}"
