"""Offline copies: reproducible zips per language, the download page, and the copy working from file://."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import os
import posixpath
import re
import socket
import subprocess
import time
import urllib.parse
import uuid
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from libzim.reader import Archive
from libzim.search import Query, Searcher

from tests.helpers import LANGUAGES, PREFIX, ROOT, read_html, search_on_page
from tests.helpers.offline import EPOCH
from whrdkb.core.builddate import build_date, date_in_words
from whrdkb.core.bundles import make_bundles, read_checksums
from whrdkb.core.copies import Copy, offline_copies
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.zim import ISO_639_3, make_zim, zim_name, zim_text


# The build's date for these copies: today at midnight (UTC). A fixed date would fall behind the data,
# whose sources may not be dated after the build (the build refuses future dates).
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


# ---------------------------------------------------------------- issue 26: single-language copies, dates, Kiwix

_LINK = re.compile(r"""\s(?:href|src)="([^"]*)\"""")
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)  # https:, mailto:, tel:, data:, a fragment


def test_every_link_of_every_page_of_every_zip_names_a_file_of_that_zip(bundles):
    """All pages of all six zips, every href and src (outside links, mailto: and fragments aside)."""
    checked = 0
    for path in sorted(bundles.glob("whrd-kb-*.zip")):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            missing = []
            for name in sorted(n for n in names if n.endswith(".html")):
                folder = posixpath.dirname(name)
                for target in _LINK.findall(archive.read(name).decode("utf-8")):
                    target = html.unescape(target)
                    if _OUTSIDE.match(target):
                        continue
                    file = urllib.parse.unquote(target.split("#")[0].split("?")[0])
                    if file and posixpath.normpath(posixpath.join(folder, file)) not in names:
                        missing.append(f"{name}: {target}")
                    checked += 1
        assert missing == [], f"{path.name}: {len(missing)} links to files not in the zip, e.g. {missing[:5]}"
    assert checked > 100_000  # every page's links were read (the seed: some hundred thousand)


def test_a_single_language_copy_says_other_languages_are_not_in_it(bundles):
    with zipfile.ZipFile(bundles / "whrd-kb-ar.zip") as archive:
        menu = BeautifulSoup(archive.read("whrd-kb-ar/ar/directory/index.html"), "html.parser").select_one(
            ".md-select__list"
        )
    assert [a["hreflang"] for a in menu.select("a")] == ["ar"]
    absent = menu.select(".kb-not-in-copy")
    assert [span["lang"] for span in absent] == ["en", "fr", "es", "ne"]
    assert all("ليست في هذه النسخة" in span.get_text() for span in absent)
    assert "<!--kb-copy" not in str(menu)
    with zipfile.ZipFile(bundles / "whrd-kb-all.zip") as archive:
        page = archive.read("whrd-kb-all/fr/index.html").decode()
    assert "kb-not-in-copy" not in page and "<!--kb-copy" not in page  # the copy of every language links them all


def _footer_date(page: bytes | str) -> tuple[str, str]:
    """The footer's publication date of a page: (datetime attribute, text)."""
    time_ = BeautifulSoup(page, "html.parser").select_one(".kb-published time")
    return time_["datetime"], time_.get_text()


def test_every_page_says_when_its_data_was_published_in_its_language(offline_build):
    day = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()
    months = {"en": "December", "fr": "décembre", "es": "diciembre", "ar": "ديسمبر", "ne": "डिसेम्बर"}
    for language in LANGUAGES:
        for page in ("index.html", "directory/index.html", "search/index.html"):
            iso, text = _footer_date((offline_build / PREFIX[language] / page).read_bytes())
            assert iso == day.isoformat()
            assert text == date_in_words(day, language)
        if day.month == 12:
            assert months[language] in text
    # Every page, but the quick exit's blank page (neutral.html) and the 404 page that no copy holds.
    pages = [p for p in offline_build.rglob("*.html") if p.name not in ("404.html", "neutral.html")]
    without = [p for p in pages if b'class="kb-published"' not in p.read_bytes()]
    assert len(pages) > 1000 and without == [], without[:5]


def test_the_build_date_is_the_commit_date_without_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    committed = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True, text=True)
    if committed.returncode:
        pytest.skip("not a git checkout")
    assert build_date(ROOT).isoformat() == committed.stdout.strip()


# Chromium writes the number as the page's language does (Latin digits in Arabic, as the footer's date does).
@pytest.mark.parametrize("language,months", [("en", "6 months old"), ("ar", "6 من الأشهر"), ("ne", "महिना पुरानो")])
def test_an_old_copy_says_how_old_it_is(browser, bundles, tmp_path, language, months):
    """Past 180 days (the browser's clock moved on), the footer says how many months old the copy is."""
    zipfile.ZipFile(bundles / f"whrd-kb-{language}.zip").extractall(tmp_path)
    page_file = tmp_path / f"whrd-kb-{language}" / PREFIX[language] / "directory" / "index.html"
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(_file_url(page_file))
    assert page.locator(".kb-copy-age").is_hidden()  # a new copy says nothing more
    page.clock.set_fixed_time(dt.datetime.fromtimestamp(int(EPOCH) + 200 * 86400, dt.UTC))
    page.reload()
    age = page.locator(".kb-copy-age")
    assert age.is_visible() and months in age.inner_text() and re.search("[6६]", age.inner_text())
    page.click(".kb-copy-age a")
    assert page.url.endswith(f"/{PREFIX[language]}downloads/index.html")
    context.close()


@pytest.fixture(scope="module")
def zims(offline_build, tmp_path_factory) -> tuple[Path, list[Copy]]:
    """The six ZIM files of this build, as make site writes them."""
    out = tmp_path_factory.mktemp("zims")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        copies = offline_copies(offline_build, LANGUAGES)
        kb = load_knowledge_base(ROOT / "data", LANGUAGES)
        for copy in copies:
            make_zim(copy, zim_text(kb, copy.language, "WHRD Protection Knowledge Base"), LANGUAGES, out)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out, copies


def _zim_paths(archive: Archive) -> set[str]:
    """Every entry's path in a ZIM."""
    return {archive._get_entry_by_id(i).path for i in range(archive.entry_count)}


def test_each_zim_opens_on_its_home_with_the_metadata_kiwix_needs(zims):
    out, copies = zims
    day = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date().isoformat()
    for copy in copies:
        archive = Archive(out / zim_name(copy))
        assert archive.check()  # the MD5 checksum, written again after the UUIDs were fixed
        assert archive.main_entry.get_item().path == copy.home
        metadata = {key: bytes(archive.get_metadata(key)) for key in archive.metadata_keys}
        expected = ISO_639_3[copy.language] if copy.language else "eng,fra,spa,ara,nep"
        assert metadata["Language"].decode() == expected
        assert metadata["Date"].decode() == day
        assert 0 < len(metadata["Title"].decode()) <= 30 and 0 < len(metadata["Description"].decode()) <= 80
        assert metadata["Creator"] and metadata["Publisher"] and metadata["Name"]
        assert bytes(archive.get_illustration_item(48).content).startswith(b"\x89PNG")
        assert archive.has_fulltext_index and archive.has_title_index


def test_each_zim_holds_every_page_and_file_of_its_language(zims, offline_build):
    out, copies = zims
    for copy in copies:
        paths = _zim_paths(Archive(out / zim_name(copy)))
        assert set(copy.files) <= paths
        if copy.language and copy.language != LANGUAGES[0]:
            pages = {p.relative_to(offline_build).as_posix() for p in (offline_build / copy.language).rglob("*.html")}
            assert pages and pages <= paths
            assert f"assets/search/index.{copy.language}.js" in paths
    all_pages = {p.relative_to(offline_build).as_posix() for p in offline_build.rglob("*.html")} - {"404.html"}
    assert all_pages <= _zim_paths(Archive(out / "whrd-kb-all.zim"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_zim_full_text_search_finds_a_directory_entry(zims, language):
    out, _ = zims
    archive = Archive(out / f"whrd-kb-{language}.zim")
    search = Searcher(archive).search(Query().set_query("Front Line Defenders"))
    assert f"{PREFIX[language]}directory/front-line-defenders.html" in list(search.getResults(0, 10))


def test_zim_pages_allow_their_own_files_where_kiwix_serves_them(zims):
    out, _ = zims
    page = bytes(Archive(out / "whrd-kb-fr.zim").get_entry_by_path("fr/index.html").get_item().content).decode()
    policy = BeautifulSoup(page, "html.parser").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "script-src 'self' 'sha256-" in policy and "file:" not in policy


def test_the_same_build_gives_the_same_zim_bytes(zims, tmp_path, monkeypatch):
    out, copies = zims
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    copy = next(c for c in copies if c.language == "fr")
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    again = make_zim(copy, zim_text(kb, "fr", "WHRD Protection Knowledge Base"), LANGUAGES, tmp_path)
    first = (out / "whrd-kb-fr.zim").read_bytes()
    assert hashlib.sha256(first).hexdigest() == again.sha256
    assert Archive(out / "whrd-kb-fr.zim").uuid != uuid.UUID(int=0)


KIWIX_SERVE = Path("/usr/bin/kiwix-serve")


@pytest.fixture
def kiwix_url(zims):
    """One ZIM (Nepali) served by Debian's kiwix-serve on 127.0.0.1."""
    if not KIWIX_SERVE.exists():
        pytest.skip("kiwix-serve is not installed (make test installs Debian's kiwix-tools)")
    out, _ = zims
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(KIWIX_SERVE), "--address", "127.0.0.1", "--port", str(port), "--nosearchbar", str(out / "whrd-kb-ne.zim")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
        server.poll()
        assert server.returncode is None, "kiwix-serve stopped"
        time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_kiwix_serve_shows_three_pages_and_searches(browser, kiwix_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(kiwix_url + "whrd-kb-ne/")
    assert page.url.endswith("/whrd-kb-ne/ne/index.html") and page.locator("html").get_attribute("lang") == "ne"
    page.click("a.kb-crisis >> nth=0")
    assert "/ne/pathways/" in page.url and page.locator("h1").is_visible()
    page.goto(kiwix_url + "whrd-kb-ne/ne/directory/front-line-defenders.html")
    assert "Front Line Defenders" in page.inner_text("h1")
    assert page.locator(".kb-published time").is_visible()
    page.goto(kiwix_url + "search?content=whrd-kb-ne&pattern=Front+Line+Defenders")
    assert page.locator('a[href$="/ne/directory/front-line-defenders.html"]').count() >= 1
    assert [m for m in messages if "Content Security Policy" in m] == []
    context.close()
