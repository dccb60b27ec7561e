"""make serve (`mkdocs serve --dirty --strict`) renders only what an edit changed, and gives the site a full build gives."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.helpers import BIN, build_only, copy_project, edit, mkdocs_build, site_files

FLD = 'name: "Front Line Defenders (FLD)"'


# The sitemap exists only with a site address, which this test sets for serve; it is left out.
NO_SITEMAP = ("sitemap.xml",)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Serve:
    """`mkdocs serve --dirty --strict`, as make serve runs it, with its log and the folder it builds into."""

    def __init__(self, project: Path, port: int, tmp: Path):
        tmp.mkdir()
        self.log_path = project.parent / "serve.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # MkDocs builds into a new temporary folder: under this test's own.
            env={**os.environ, "TMPDIR": str(tmp), "PYTHONDONTWRITEBYTECODE": "1"},
        )

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_for_builds(self, count: int, timeout: float = 180) -> None:
        """Wait until `count` builds have ended (MkDocs logs each one) and the server watches the files."""
        deadline = time.monotonic() + timeout
        while self.text().count("Documentation built in") < count or "Serving on" not in self.text():
            assert self.process.poll() is None, self.text()
            assert "ERROR" not in self.text(), self.text()
            assert time.monotonic() < deadline, self.text()
            time.sleep(0.2)

    def site(self) -> Path:
        found = re.search(r"Building 'en' documentation to directory: (\S+)", self.text())
        assert found, self.text()
        return Path(found.group(1))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def _same_as_a_full_build(served: Path, project: Path, name: str) -> None:
    """The served folder holds the same files, byte for byte, as `mkdocs build` of the project as it is now."""
    result = mkdocs_build(project, site=name)
    assert result.returncode == 0, result.stderr
    full, dirty = site_files(project / name, NO_SITEMAP), site_files(served, NO_SITEMAP)
    assert full.keys() == dirty.keys(), sorted(full.keys() ^ dirty.keys())[:10]
    different = [path for path in full if full[path] != dirty[path]]
    assert different == [], different[:10]


def test_make_serve_rebuilds_only_what_an_edit_changed_and_gives_the_same_site_as_a_full_build(tmp_path):
    project = copy_project(tmp_path / "project")
    build_only(project, ("en", "fr", "ne"))
    port = _free_port()
    # The same site address in both builds (serve sets it; it is in the sitemap and canonical links).
    edit(
        project / "mkdocs.yml",
        "use_directory_urls: true",
        f"site_url: http://127.0.0.1:{port}/\nuse_directory_urls: true",
    )
    serve = Serve(project, port, tmp_path / "tmp")
    try:
        serve.wait_for_builds(1)
        site = serve.site()
        assert site.is_relative_to(tmp_path)
        untouched = site / "about" / "index.html"
        before = untouched.stat().st_mtime_ns

        # A YAML edit: the entry's page and the pages that name it, in every language; nothing else.
        edit(project / "data" / "services.yaml", FLD, 'name: "Front Line Defenders (FLD) Preview edit"')
        serve.wait_for_builds(2)
        assert "Preview edit" in (site / "ne" / "directory" / "front-line-defenders" / "index.html").read_text()
        assert untouched.stat().st_mtime_ns == before, "a page the edit did not change was rendered again"
        # MkDocs's warning about dirty builds would abort every rebuild under --strict: it is information.
        assert "WARNING" not in serve.text(), serve.text()
        assert "A 'dirty' build is being performed" in serve.text()
        _same_as_a_full_build(site, project, "full-after-data-edit")

        # An interface string is on every page, outside its Markdown: every page is rendered again.
        edit(project / "data" / "ui.yaml", 'fr: {text: "Quitter cette page",', 'fr: {text: "Quitter la page",')
        serve.wait_for_builds(3)
        assert "Quitter la page" in (site / "fr" / "about" / "index.html").read_text()
        _same_as_a_full_build(site, project, "full-after-ui-edit")
    finally:
        serve.stop()
    shutil.rmtree(tmp_path / "tmp", ignore_errors=True)
