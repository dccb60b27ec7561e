"""`make site` builds elsewhere and swaps: broken data fails with file:line and keeps the published site; it
survives any stop and gives the same bytes for the same commit (issue #24).

Two full builds in all, shared by every test of this file: the first (`published`) and the second of the same
commit (`rebuilt`: the same bytes, and it replaces the site); the broken-data and recovery tests fail fast on
broken data, the stop test stops the first build step.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from tests.helpers import edit, make_command, makefile_project
from whrdkb.core.publish import BUILD_FOLDERS, OFFLINE_BUILD

LEFTOVERS = (*BUILD_FOLDERS.values(), OFFLINE_BUILD, "site.old", "bundles.old", "pdfs.old")
# A file put into the published site/: a build that replaced the site takes it away.
MARKER = "published-marker"


def make(project: Path, **kwargs) -> subprocess.Popen:
    """`make site`, its build's date the commit's (SOURCE_DATE_EPOCH unset)."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.Popen(
        make_command(), cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


def files(folder: Path) -> dict[str, str]:
    """Every file below `folder` -> its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def outputs(project: Path) -> dict[str, str]:
    """The offline copies, their checksums and the PDFs, as published and as copied into the site."""
    found = {}
    for folder in ("bundles", "pdfs", "site/downloads", "site/pdf"):
        found |= {f"{folder}/{name}": digest for name, digest in files(project / folder).items()}
    return found


def processes_in(project: Path) -> list[tuple[int, str]]:
    """(pid, command line) of every process working in the project folder (mkdocs, its forks, the printer)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = (entry / "cwd").resolve()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cwd == project.resolve() or str(project) in command:
            found.append((int(entry.name), command))
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A project copy in a git checkout of its own (the build's date is the commit's), built once by make site."""
    project = makefile_project(tmp_path_factory.mktemp("publish"))
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    dated = {**os.environ, "GIT_COMMITTER_DATE": "2026-06-01T12:00:00+00:00"}
    subprocess.run([*git, "commit", "-qm", "fixture"], cwd=project, check=True, env=dated)
    result = make(project)
    out, err = result.communicate()
    assert result.returncode == 0, out + err
    return project


@dataclasses.dataclass
class Rebuild:
    """A second make site of the same commit over a published site marked so a swap shows, and what it left."""

    before: dict[str, str]
    after: dict[str, str]
    returncode: int
    output: str
    marker_left: bool
    leftovers: list[str]


@pytest.fixture(scope="module")
def rebuilt(published) -> Rebuild:
    """make site run again on the published project (one build shared by the tests that need a second one)."""
    before = outputs(published)
    (published / "site" / MARKER).write_text("the good build")
    time.sleep(3)  # a PDF printer that wrote the time of printing into a PDF would show here
    again = make(published)
    out, err = again.communicate()
    return Rebuild(
        before,
        outputs(published),
        again.returncode,
        out + err,
        (published / "site" / MARKER).exists(),
        [name for name in LEFTOVERS if (published / name).exists()],
    )


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
    marker = published / "site" / MARKER
    marker.write_text("the good build")
    try:
        edit(rec, old, new)
        expected_line = next(
            n
            for n, line in enumerate(rec.read_text().splitlines(), 1)
            if line in new.split("\n")[1:] or line == new.split("\n")[-1]
        )
        result = make(published)
        out, err = result.communicate()
        output = out + err
        assert result.returncode != 0
        assert f"data/recommendations.yaml:{expected_line}:" in output and message in output, output
        assert "Traceback" not in output
        assert marker.read_text() == "the good build"
        assert (published / "site" / "recommendations" / "1-2" / "index.html").is_file()
    finally:
        rec.write_text(good)
        marker.unlink(missing_ok=True)


def test_a_good_build_replaces_the_site(published, rebuilt):
    assert rebuilt.returncode == 0, rebuilt.output
    assert not rebuilt.marker_left
    assert not rebuilt.leftovers
    assert (published / "site" / "fr" / "recommendations" / "3-5" / "index.html").is_file()


def test_two_builds_of_the_same_commit_give_the_same_bytes(rebuilt):
    first = rebuilt.before
    assert any(name.endswith(".zip") for name in first) and any(name.endswith(".pdf") for name in first)
    assert "bundles/SHA256SUMS" in first
    assert rebuilt.returncode == 0, rebuilt.output
    assert rebuilt.after == first
    assert not rebuilt.leftovers


def test_a_stop_during_the_swap_is_recovered_before_anything_else(published):
    """The state a stop between the two renames of a swap leaves: no site/, the old site beside it, a half-written
    build folder. The next make site puts the old site back first, even though it then fails on broken data."""
    before = files(published / "site")
    (published / "site").rename(published / "site.old")
    (published / ".site-build" / "assets").mkdir(parents=True)
    (published / ".site-build" / "assets" / "half.js").write_text("half-writ")
    rec = published / "data" / "recommendations.yaml"
    good = rec.read_text(encoding="utf-8")
    try:
        edit(rec, "        tags: [psychosocial]", "        tags: [psychosocial]\n        colour: red")
        line = next(n for n, text in enumerate(rec.read_text().splitlines(), 1) if text == "        colour: red")
        result = make(published)
        out, err = result.communicate()
    finally:
        rec.write_text(good, encoding="utf-8")
    assert result.returncode != 0
    assert f"data/recommendations.yaml:{line}:9:" in err and "Unknown field 'colour'" in err, err[-3000:]
    assert "put back site/ from site.old/" in out
    assert "Traceback" not in out + err
    assert files(published / "site") == before
    assert not [name for name in LEFTOVERS if (published / name).exists()]


def test_sigterm_during_the_build_stops_every_build_and_keeps_the_site(published):
    before = files(published / "site")
    running = make(published, start_new_session=True)  # its own session: nothing else of this test run is hit
    try:
        deadline = time.monotonic() + 120
        while not (published / OFFLINE_BUILD).exists() and running.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert running.poll() is None, running.communicate()
        time.sleep(2)  # mkdocs has forked its language builds
        assert any("mkdocs" in command for _, command in processes_in(published))
        running.send_signal(signal.SIGTERM)  # to make only, as a CI timeout or `kill` does
        out, err = running.communicate(timeout=60)
        time.sleep(1)
        left = processes_in(published)
        assert not left, left
    finally:
        for pid, _ in processes_in(published):  # only processes of this test's project folder
            os.kill(pid, signal.SIGKILL)
    assert running.returncode != 0
    assert "stopped by SIGTERM" in out, out + err
    assert "Traceback" not in out + err
    assert not [name for name in LEFTOVERS if (published / name).exists()]
    assert files(published / "site") == before


def test_the_offline_copies_list_the_editions_they_carry(published):
    """make site prints the PDFs first, so each zip's download page lists the editions it holds, with their size."""
    with zipfile.ZipFile(published / "bundles" / "whrd-kb-fr.zip") as copy:
        names = copy.namelist()
        top = names[0].split("/")[0]
        carried = sorted(
            name.rsplit("/", 1)[1] for name in names if name.startswith(f"{top}/pdf/") and name.endswith(".fr.pdf")
        )
        page = copy.read(f"{top}/fr/downloads/index.html").decode("utf-8")
    assert carried, "the French copy carries its PDF editions"
    listed = re.findall(r'href="[^"]*pdf/([^"]+\.fr\.pdf)"', page)
    assert sorted(set(listed)) == carried
    assert "KB</td>" in page  # with their size
