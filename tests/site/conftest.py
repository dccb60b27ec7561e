"""Session fixtures of the slow tests: the real site and its offline copies, built once; Chromium; a local server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import BIN, CHROMIUM, CHROMIUM_ARGS, LANGUAGES, copy_project, mkdocs_build, serve
from tests.helpers.offline import EPOCH
from whrdkb.core.bundles import make_bundles


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session from the repository's data."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory) -> Path:
    """The real offline build (OFFLINE=true), as make bundles makes it."""
    project = copy_project(tmp_path_factory.mktemp("offline"))
    env = {**os.environ, "OFFLINE": "true", "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def bundles(offline_build, tmp_path_factory) -> Path:
    """The offline build zipped per language and with all languages, with SHA256SUMS (make bundles' zips)."""
    out = tmp_path_factory.mktemp("bundles")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        make_bundles(offline_build, out, LANGUAGES)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: make test installs the Debian package 'chromium'")
        pytest.skip("Chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served from 127.0.0.1 on a free port."""
    with serve(built_site) as url:
        yield url
