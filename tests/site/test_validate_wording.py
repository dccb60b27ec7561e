"""`make validate` on a copy of the data with ten typical mistakes: ten readable messages, no traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, copy_project, edit

VENV = Path(sys.prefix)
MESSAGE = re.compile(r"^data/[a-z]+\.yaml:\d+:\d+: .+\. .+\.$")

# (file, text before, text after, words the message must contain)
MISTAKES = [
    (
        "pathways.yaml",
        '    audience: defenders\n    title:\n      en: "I am in physical',
        '    audience: defenders\n     title:\n      en: "I am in physical',
        "indentation",
    ),
    ("ui.yaml", '  theme:\n    en: "Theme"', '  theme:\n\ten: "Theme"', "indented with a tab"),
    (
        "vocabularies.yaml",
        "\nactors:\n",
        '  - id: legal\n    label: "Legal aid"\n    description: "Copied, id not changed."\n\nactors:\n',
        "is used twice",
    ),
    ("recommendations.yaml", "tags: [psychosocial]", "tags: [psychosocail]", "Did you mean 'psychosocial'"),
    (
        "recommendations.yaml",
        '      fr: {text: "Sécurité des FDDH en tant que personnes", status: draft}',
        '      fr: {text: "Sécurité des FDDH en tant que personnes", status: draft}\n      de: {text: "Sicherheit", status: draft}',
        "'de' is not a language of this site",
    ),
    ("services.yaml", "        source: guidelines\n", "", "required field 'source' is missing"),
    ("services.yaml", "    kinds: [temporary-relocation]\n", "    kinds: [relocation-grant]\n", "no kind of support"),
    (
        "services.yaml",
        '    eligibility:\n      en: "Open to all human rights defenders who work',
        '    eligibilty:\n      en: "Open to all human rights defenders who work',
        "Did you mean 'eligibility'",
    ),
    ("services.yaml", 'value: "+442070650775"', 'value: "+44 20 7065"', "not a valid international phone number"),
    ("services.yaml", "        date: 2023-10-20", "        date: 20/10/2023", "write dates as YYYY-MM-DD"),
]


def test_ten_typical_mistakes_give_ten_readable_messages(tmp_path):
    project = copy_project(tmp_path / "project", stamps=False)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    for name, before, after, _ in MISTAKES:
        edit(project / "data" / name, before, after)
    result = subprocess.run(
        ["make", "-s", "validate", f"VENV={VENV}", "-o", f"{VENV}/.site-installed"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.startswith("data/")]
    assert len(lines) == len(MISTAKES), "\n".join(lines)
    for line in lines:
        assert MESSAGE.match(line), line
    for name, _, _, words in MISTAKES:
        assert any(line.startswith(f"data/{name}:") and words.lower() in line.lower() for line in lines), (words, lines)
