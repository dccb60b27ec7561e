"""Project copies for tests and the benchmark: what a build reads, cut to a few languages, built for real."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def site_languages(config: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The languages a project's mkdocs.yml lists, default first."""
    from whrdkb.cli import languages_from_mkdocs_yml

    return languages_from_mkdocs_yml(config)


# The site's languages, default first, as mkdocs.yml lists them.
LANGUAGES = site_languages()
PREFIX = {language: "" if i == 0 else f"{language}/" for i, language in enumerate(LANGUAGES)}
# What a site build reads; generated folders under docs/ are left out (the build recreates them).
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "overrides", "CONTRIBUTING.md")
# The folders a build writes into docs/<language>/ (gitignored), left out of a copy as from a clean clone.
GENERATED = ("recommendations", "directory", "pathways", "training", "evidence", "downloads", "search", "translations")

_STAMP = re.compile(r', of: "[0-9a-f]{8}"')


def build_only(project: Path, languages: tuple[str, ...] | list[str]) -> None:
    """Keep every language configured (so the data stays valid) but build only `languages` (faster tests)."""
    config = project / "mkdocs.yml"
    lines, current = [], None
    for line in config.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^\s+- locale: (\S+)", line)
        current = found.group(1) if found else current
        if current and re.match(r"^\s+build: true$", line) and current not in languages:
            line = line.replace("build: true", "build: false")
        lines.append(line)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_project(dest: Path, stamps: bool = True) -> Path:
    """Copy what a build needs into `dest` (no site/, no generated pages, no venv).

    With `stamps=False` the translations lose their `of:` fingerprints, so tests can
    edit translation lines as a maintainer types them.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=generated_folders)
        else:
            shutil.copy2(src, dest / part)
    if not stamps:
        for data_file in (dest / "data").glob("*.yaml"):
            data_file.write_text(_STAMP.sub("", data_file.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def generated_folders(folder: str, names: list[str]) -> set[str]:
    """Folders the build writes (docs/<language>/recommendations/, docs/exports/...) and caches: not copied."""
    parent = Path(folder)
    if parent.parent.name == "docs" and parent.name != "assets":
        return {name for name in names if name in GENERATED}
    return {"exports", "__pycache__"} & set(names) if parent.name == "docs" else {"__pycache__"} & set(names)


def makefile_project(dest: Path) -> Path:
    """A project copy (building en and fr) where `make site` runs with this test run's virtual environment."""
    project = copy_project(dest)
    build_only(project, ("en", "fr"))
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / "pyproject.toml").write_text("")  # make's prerequisite; the install step is skipped
    (project / "requirements").mkdir()
    (project / "requirements" / "site.txt").write_text("")
    return project


def make_command(target: str = "site") -> list[str]:
    """`make TARGET` as the README says, with this test run's virtual environment (no reinstall)."""
    venv = Path(sys.prefix)
    return ["make", target, f"VENV={venv}", "-o", f"{venv}/.site-installed"]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file, failing loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def mkdocs_build(project: Path, site: str = "site") -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in a project copy."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", site],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a command of this virtual environment (whrdkb, mkdocs, ruff...) and capture what it prints."""
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, check=False)


def site_files(site: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file of a built site (path from its root -> bytes), but those whose name starts with one of `leave_out`."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith(leave_out)
    }
