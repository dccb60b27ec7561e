"""Nothing is fetched from another host: a scan of every built file, and pages of every type loaded in Chromium."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.helpers import LANGUAGES, sample_pages
from tests.helpers.third_party import (
    fetched_from_elsewhere,
)


def test_online_build_fetches_nothing_from_another_host(built_site):
    assert fetched_from_elsewhere(built_site) == []


def test_offline_build_fetches_nothing_from_another_host(offline_build):  # noqa: F811
    assert fetched_from_elsewhere(offline_build) == []


def _pages(site: Path) -> list[str]:
    """Pages of every type in every language (loading all of them grew with the site: 7 of the suite's 12 minutes);
    the scan above reads every file."""
    return sample_pages([p.relative_to(site).as_posix() for p in site.rglob("*.html")])


def _load_all(browser, urls: list[str], own: str) -> tuple[list[str], list[str], list[str]]:
    """(requests to other hosts, console errors, own addresses that failed) of loading every page of `urls`."""
    context = browser.new_context()
    outside, console, failed = [], [], []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(own)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("response", lambda r: failed.append(f"{page.url}: {r.status} {r.url}") if r.status >= 400 else None)
    for url in urls:
        page.goto(url, wait_until="load")
    context.close()
    return outside, console, failed


def test_hosted_pages_of_every_type_request_only_their_own_host(browser, built_site, site_url):
    urls = [site_url + page for page in _pages(built_site)]
    outside, console, failed = _load_all(browser, urls, site_url)
    assert outside == []
    # Nothing a page asks for is missing (Material's script asked for a sitemap.xml beside each
    # hreflang link: five error pages per page load on a reader's slow link), and no script fails.
    assert failed == []
    assert console == []


def test_pages_of_every_type_from_file_request_only_files(browser, bundles, tmp_path):  # noqa: F811
    zipfile.ZipFile(bundles / "whrd-kb-all.zip").extractall(tmp_path)
    root = tmp_path / "whrd-kb-all"
    outside, _, _ = _load_all(browser, [(root / page).as_uri() for page in _pages(root)], "file://")
    assert outside == []


def test_the_sample_keeps_every_type_of_page_in_every_language(built_site):
    pages = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")]
    sample = sample_pages(pages)
    assert len(sample) < len(pages) / 3

    def folders(found):  # (language, first folder) of each page
        return {
            (lang, p.removeprefix(lang + "/").split("/")[0])
            for p in found
            for lang in LANGUAGES
            if p.startswith(lang + "/") or (lang == LANGUAGES[0] and p.split("/")[0] not in LANGUAGES)
        }

    assert folders(pages) == folders(sample)
    for prefix in ("", "ar/", "ne/"):
        assert any(p.startswith(f"{prefix}directory/kind-") for p in sample)
        assert any(p.startswith(f"{prefix}directory/area-") for p in sample)
        assert f"{prefix}index.html" in sample
