"""Maintainers on Windows or macOS: the dev container, and `make site` where Debian's apt-get is absent."""

from __future__ import annotations

import subprocess

from tests.helpers import makefile_project


def test_make_site_without_apt_get_stops_at_once_with_one_sentence(tmp_path):
    project = makefile_project(tmp_path / "project")
    no_apt = tmp_path / "bin"  # a PATH with the shell's tools but no apt-get (nor sudo)
    no_apt.mkdir()
    for tool in ("id", "env"):
        (no_apt / tool).symlink_to(f"/usr/bin/{tool}")
    venv = tmp_path / "venv"  # not there: make must stop before setting anything up
    result = subprocess.run(
        [
            "/usr/bin/make",
            "site",
            f"VENV={venv}",
            f"CHROMIUM={tmp_path}/missing/chromium",
            f"NOTO={tmp_path}/missing/NotoSansDevanagari-Regular.ttf",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": str(no_apt), "HOME": str(tmp_path)},
    )
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode != 0
    assert len(lines) == 1, lines
    assert "no apt-get to install Debian's package chromium" in lines[0]
    assert "dev container" in lines[0] and lines[0].count(". ") <= 1  # one sentence (and make's "Stop.")
    assert not venv.exists() and not (project / "site").exists()
