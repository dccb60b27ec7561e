"""The opt-in offline install ("Keep this site on this phone"): nothing before the reader's tap, a whole
language (pages, search, PDFs) without a connection after it, nothing left after "Remove from this phone".

The browser tests run on a copy of the session's built site with one real PDF per tested language
printed into it (as `whrdkb publish` copies the PDFs in) and the file lists written again, served
from 127.0.0.1 (service workers need https or localhost).
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.helpers import LANGUAGES, PREFIX, ROOT, read_html, search_on_page, serve
from whrdkb.core.builddate import build_date, build_epoch
from whrdkb.core.generated import PDF_FOLDER
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.offline_install import WORKER, copy_lists, language_of, write_copy_lists
from whrdkb.core.render.pdf import print_edition
from whrdkb.core.render.printed import PrintSettings, pathway_editions

TESTED = ("en", "ar", "ne")
# A word of each language's pages that the search finds.
QUERIES = {"en": "shelter", "ar": "المغادرة", "ne": "इतिहास"}
PAGES_OFFLINE = 10


# ---------------------------------------------------------------- the files the build writes


def test_each_language_list_holds_its_own_pages_and_the_shared_files_only(built_site):
    """Every page of the site is in exactly one language's list; shared assets in all; another language's index in none."""
    lists = copy_lists(built_site, LANGUAGES)
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    listed = [path for copy in lists.values() for path, _ in copy.files if path.endswith(".html")]
    assert sorted(listed) == sorted(pages)
    for language, copy in lists.items():
        paths = {path for path, _ in copy.files}
        assert "assets/kb.css" in paths and "assets/search/search.js" in paths
        assert f"assets/search/index.{language}.js" in paths
        assert not any(f"index.{other}.js" in path for path in paths for other in LANGUAGES if other != language)
        assert WORKER not in paths and not any(path.startswith("offline/files.") for path in paths)
        assert not any(path.startswith("downloads/") and not path.endswith(".html") for path in paths)
        assert all(language_of(path, LANGUAGES) in (None, language) for path in paths)
        assert copy.size == sum((built_site / path).stat().st_size for path in paths)


def test_file_lists_and_worker_carry_the_same_build_version(built_site):
    """sw.js holds the version of the lists, so a changed file gives the browser a new worker."""
    worker = (built_site / WORKER).read_text(encoding="utf-8")
    version = re.search(r'var VERSION = "([0-9a-f]{16})";', worker).group(1)
    assert f"var LANGUAGES = {json.dumps(LANGUAGES)};" in worker
    for language in LANGUAGES:
        listing = json.loads((built_site / "offline" / f"files.{language}.json").read_text(encoding="utf-8"))
        assert listing["version"] == version and listing["language"] == language
        assert listing["bytes"] == sum(size for _, size in listing["files"])
        assert (PREFIX[language] or "./") in [url for url, _ in listing["files"]]


def test_manifests_name_the_site_in_each_language_or_stay_neutral(built_site):
    """Two manifests per language: the site's name, or the neutral name with the plain icon; both start at its home."""
    for language in LANGUAGES:
        site = json.loads((built_site / "offline" / f"manifest.{language}.webmanifest").read_text(encoding="utf-8"))
        neutral = json.loads(
            (built_site / "offline" / f"manifest.neutral.{language}.webmanifest").read_text(encoding="utf-8")
        )
        for manifest in (site, neutral):
            assert manifest["start_url"] == "../" + PREFIX[language] and manifest["lang"] == language
            for icon in manifest["icons"]:
                assert (built_site / "offline" / icon["src"]).read_bytes().startswith(b"\x89PNG")
        assert site["dir"] == ("rtl" if language == "ar" else "ltr")
        assert "neutral" in neutral["icons"][0]["src"] and "neutral" not in site["icons"][0]["src"]
        assert neutral["name"] != site["name"] and "WHRD" not in neutral["name"]


def test_no_page_links_a_manifest_or_the_worker(built_site):
    """Before the reader's tap no browser may offer an install: no page names a manifest or sw.js."""
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'rel="manifest"' not in text and "sw.js" not in text, path


def test_every_downloads_page_warns_before_the_choice_and_works_without_javascript(built_site):
    """Each language: the warning before the choice (after the button that opens it), the no-JS explanation,
    the footer link to the section."""
    for language in LANGUAGES:
        soup = read_html(built_site / PREFIX[language] / "downloads" / "index.html")
        keep = soup.select_one("#kb-keep")
        warning = keep.select_one(".admonition.warning") if keep else None
        assert keep is not None and warning is not None
        assert str(keep).index(str(warning)) < str(keep).index('data-for="choice"')
        assert keep["data-language"] == language and not keep.select_one(".kb-keep__nojs").has_attr("hidden")
        assert keep.select_one(".kb-keep__control").has_attr("hidden")
        footer = soup.select_one(".md-copyright a.kb-keep-link")
        assert footer is not None and footer["href"] == "./#keep"
        scripts = [s.get("src", "") for s in soup.select("script")]
        assert any(s.endswith("assets/keep/control.js") for s in scripts)
        assert not any("install.js" in s for s in scripts)


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def install_site(built_site, tmp_path_factory):
    """A copy of the built site with one pathway PDF per tested language, listed, served from 127.0.0.1."""
    site = tmp_path_factory.mktemp("install") / "site"
    shutil.copytree(built_site, site)
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    settings = PrintSettings(edition=build_date(site))
    pdfs = {
        language: print_edition(pathway_editions(kb, language, settings)[0], site / PDF_FOLDER, build_epoch(site))
        for language in TESTED
    }
    write_copy_lists(site, LANGUAGES)  # as `whrdkb publish` does once the PDFs are in
    with serve(site) as url:
        yield url, site, pdfs


def _saved_state(page) -> tuple[int, list[str]]:
    """(service workers registered, Cache Storage names) as the page sees them."""
    registrations = page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)")
    return registrations, page.evaluate("caches.keys()")


@pytest.mark.parametrize("language", TESTED)
def test_keep_on_this_phone_then_read_offline_then_remove(browser, install_site, language):
    url, site, pdfs = install_site
    home = url + PREFIX[language]
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        # A first visit (a page, then the downloads page) registers nothing and saves nothing.
        page.goto(home)
        page.goto(home + "downloads/")
        assert _saved_state(page) == (0, [])
        assert page.locator('link[rel="manifest"]').count() == 0
        assert not any(u.endswith(("install.js", "sw.js")) or "/offline/" in u for u in requested)
        assert page.locator(".kb-keep__nojs").is_hidden() and page.locator(".kb-keep__control").is_visible()

        # The reader asks: the sizes come first, then the copy is saved with the PDFs.
        page.click('[data-keep="start"]')
        page.wait_for_selector('[data-size="total"]:not(:empty)')
        assert url + "assets/keep/install.js" in requested and _saved_state(page) == (0, [])
        page.check('input[name="kb-keep-pdfs"]')
        page.click('[data-keep="install"]')
        page.wait_for_selector('[data-for="done"]:not([hidden])', timeout=60_000)
        registrations, names = _saved_state(page)
        assert registrations == 1 and len(names) == 1 and names[0].startswith("whrdkb-")

        # No connection at all: ten pages of the language, its search, its PDF.
        context.set_offline(True)
        listing = json.loads((site / "offline" / f"files.{language}.json").read_text(encoding="utf-8"))
        pages = [u for u, _ in listing["files"] if u.endswith("/") and u.startswith(PREFIX[language])]
        step = max(1, len(pages) // PAGES_OFFLINE)
        for path in pages[::step][:PAGES_OFFLINE]:
            response = page.goto(url + (path if path != "./" else ""))
            assert response is not None and response.ok, path
            assert page.locator("html").get_attribute("lang") == language and page.title(), path
            assert page.locator('link[rel="manifest"]').count() == 1  # the worker offers "Add to Home screen"
        page.goto(home + "search/")
        results = search_on_page(page, QUERIES[language])
        assert results
        pdf = url + pdfs[language].relative_to(site).as_posix()
        head = page.evaluate(
            "u => fetch(u).then(r => r.arrayBuffer().then(b => [r.status, new TextDecoder().decode(b.slice(0, 5))]))",
            pdf,
        )
        assert head == [200, "%PDF-"]

        # "Remove from this phone": nothing kept, and the site no longer opens without a connection.
        page.goto(home + "downloads/")
        page.click('[data-keep="remove"]')
        page.wait_for_selector('[data-for="removed"]:not([hidden])')
        assert _saved_state(page) == (0, [])
        with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
            page.reload()
    finally:
        context.close()


def test_the_default_language_app_is_named_as_in_mkdocs_yml(built_site):
    """The English manifest names the site as mkdocs.yml does, not the language built last."""
    manifest = json.loads((built_site / "offline" / "manifest.en.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "WHRD Protection Knowledge Base" and manifest["short_name"] == "WHRD Help"
