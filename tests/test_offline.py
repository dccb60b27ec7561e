"""Offline copies: reproducible zips per language, the download page, and the copy working from file://."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from conftest import BIN, LANGUAGES, copy_project, read_html, search_on_page
from whrdkb.core.bundles import make_bundles, read_checksums

# The build's date for these copies: today at midnight (UTC). A fixed date would fall behind the data,
# whose sources may not be dated after the build (the build refuses future dates).
EPOCH = str(int(time.time()) // 86400 * 86400)


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
    out = tmp_path_factory.mktemp("bundles")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        make_bundles(offline_build, out, LANGUAGES)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out


def test_the_same_site_gives_the_same_bytes(offline_build, bundles, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = make_bundles(offline_build, tmp_path, LANGUAGES)
    assert [(b.name, b.sha256) for b in again] == [(b.name, b.sha256) for b in read_checksums(bundles)]
    for bundle in again:
        assert hashlib.sha256((tmp_path / bundle.name).read_bytes()).hexdigest() == bundle.sha256


def test_each_language_copy_holds_its_own_pages_and_the_shared_files(bundles):
    names = {lang: zipfile.ZipFile(bundles / f"whrd-kb-{lang}.zip").namelist() for lang in ("en", "fr", "all")}
    assert "whrd-kb-fr/fr/recommendations/1-3.html" in names["fr"]
    assert "whrd-kb-fr/recommendations/1-3.html" not in names["fr"]  # no English pages in the French copy
    assert "whrd-kb-fr/assets/javascripts/iframe-worker/shim.js" in names["fr"]
    assert "whrd-kb-fr/assets/search/index.fr.js" in names["fr"]
    assert "whrd-kb-fr/assets/search/index.en.js" not in names["fr"]  # each copy has its own language's index
    assert "whrd-kb-fr/assets/search/vendor/stemmer.ar.js" not in names["fr"]
    assert "whrd-kb-all/assets/search/index.ne.js" in names["all"]
    assert not [n for n in names["en"] if n.startswith("whrd-kb-en/fr/")]
    assert "whrd-kb-all/fr/index.html" in names["all"] and "whrd-kb-all/index.html" in names["all"]
    assert not [n for names_ in names.values() for n in names_ if n.endswith(".map")]
    entry = zipfile.ZipFile(bundles / "whrd-kb-all.zip").getinfo("whrd-kb-all/index.html")
    assert entry.date_time == (*time.gmtime(int(EPOCH))[:3], 0, 0, 0)
    redirect = zipfile.ZipFile(bundles / "whrd-kb-fr.zip").read("whrd-kb-fr/index.html").decode()
    assert "url=fr/index.html" in redirect


def test_the_offline_copy_links_files_not_folders(offline_build):
    links = [a["href"] for a in read_html(offline_build / "recommendations/index.html").select("article a[href]")]
    assert "1-3.html" in links and not [h for h in links if h.endswith("/")]
    assert "can only" not in (offline_build / "downloads/index.html").read_text()
    note = read_html(offline_build / "fr/downloads/index.html").select_one(".admonition.info")
    assert note is not None and "hors ligne" in note.get_text()


def _file_url(path: Path) -> str:
    return path.resolve().as_uri()


@pytest.fixture
def offline_page(browser, bundles, tmp_path):
    """A page on the unzipped all-languages copy; every request to anything but a local file is blocked and kept."""
    zipfile.ZipFile(bundles / "whrd-kb-all.zip").extractall(tmp_path)
    context = browser.new_context()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page, tmp_path / "whrd-kb-all", outside
    context.close()


def test_from_file_the_copy_navigates_and_fetches_nothing_else(offline_page):
    page, root, outside = offline_page
    page.goto(_file_url(root / "index.html"))
    page.click('a.kb-crisis[href="pathways/online-attack/start.html"]')  # the home page's crisis button
    page.click("ul.kb-options >> text=An account or device is hacked, lost or acting strangely")
    assert page.url.endswith("/pathways/online-attack/device.html")
    page.click('li.kb-service a[href$="directory/access-now-helpline.html"]')
    assert "Access Now" in page.inner_text("h1")
    page.hover(".md-header .md-select")  # the language menu opens on hover or focus
    page.click('a.md-select__link[hreflang="fr"]')
    assert page.url.endswith("/fr/directory/access-now-helpline.html")
    assert outside == []


def test_from_file_search_works(offline_page):
    page, root, outside = offline_page
    page.goto(_file_url(root / "fr" / "index.html"))
    page.click("a.kb-search-link")
    assert page.url.endswith("/fr/search/index.html")
    results = search_on_page(page, "psychosocial")
    assert results and all("/fr/" in url for url in results), results
    assert "psychosocial" not in page.url and outside == []


@pytest.mark.parametrize("language,query", [("ar", "المغادرة"), ("ne", "इतिहास")])
def test_from_file_search_in_arabic_and_nepali_finds_a_page_of_that_language(offline_page, language, query):
    page, root, outside = offline_page
    page.goto(_file_url(root / language / "search" / "index.html"))
    results = search_on_page(page, query)
    assert results and all(f"/{language}/" in url for url in results), results
    page.click(".kb-search__results a >> nth=0")
    assert f"/{language}/" in page.url and page.locator("html").get_attribute("lang") == language
    assert outside == []


def test_from_file_pages_have_a_csp_and_break_none_of_it(offline_page):
    """The offline copy's CSP allows local files (file:) and the page's hashed inline scripts only."""
    page, root, outside = offline_page
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    for path in ("index.html", "ar/search/index.html", "pathways/online-attack/device.html", "fr/directory/index.html"):
        page.goto(_file_url(root / path))
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert policy and "script-src file: 'sha256-" in policy and "'self'" not in policy
    page.goto(_file_url(root / "ar" / "search" / "index.html"))
    assert search_on_page(page, "المغادرة")
    page.goto(_file_url(root / "directory" / "index.html"))
    page.select_option("select[data-filter=kinds]", "legal-aid")
    assert [m for m in messages if "Content Security Policy" in m] == []
    assert outside == []
