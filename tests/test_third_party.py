"""Nothing is fetched from another host: a scan of every built file, and pages of every type loaded in Chromium."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import LANGUAGES, sample_pages
from test_offline import bundles, offline_build  # noqa: F401  (session fixtures)

ABSOLUTE = re.compile(r"""^(?:[a-z][a-z0-9+.-]*:)?//""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
# An absolute address inside a string literal of code (comments are removed first).
JS_URL = re.compile(r"""["'`](https?://[A-Za-z0-9.-]+[^\s"'`)\\]*)""")
JS_COMMENTS = re.compile(r"/\*.*?\*/|(?<![:\\\w\"'])//[^\n]*", re.S)

# Absolute addresses inside the shipped JavaScript, reviewed: none is fetched in this site.
JS_ALLOWLIST = {
    "http://www.w3.org/2000/svg": "SVG namespace name, never fetched",
    "https://unpkg.com/resize-observer-polyfill": "Material's fallback; a local copy is loaded first (polyfills)",
    "https://unpkg.com/mermaid": "Material loads it for .mermaid elements, which kb-safety refuses",
    "https://api.github.com/repos/": "Material's repository facts, only with repo_url, which kb-safety refuses",
    "https://api.github.com/users/": "as above",
}
# Addresses in strings that are messages or licence texts, never requested.
JS_COMMENT_HOSTS = ("mozilla.org/MPL", "fontawesome.com", "bit.ly/")


class _Fetched(HTMLParser):
    """Addresses an HTML page makes the browser fetch by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("src", "poster", "data", "background"):
            if values.get(name):
                self.urls.append(values[name])
        for candidate in (values.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])
        rel = (values.get("rel") or "").lower()
        if tag == "link" and values.get("href") and not {"alternate", "canonical"} & set(rel.split()):
            self.urls.append(values["href"])
        for found in CSS_URL.findall(values.get("style") or ""):
            self.urls.append(found[0] or found[1])


def fetched_from_elsewhere(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(site)
        if path.suffix == ".html":
            parser = _Fetched()
            parser.feed(text)
            problems += [f"{name}: {url}" for url in parser.urls if ABSOLUTE.match(url)]
            for block in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S):
                problems += [f"{name}: {u or i}" for u, i in CSS_URL.findall(block) if ABSOLUTE.match(u or i)]
        elif path.suffix == ".css":
            problems += [f"{name}: {u or i}" for u, i in CSS_URL.findall(text) if ABSOLUTE.match(u or i)]
        else:
            if re.fullmatch(r"assets/search/index\.[a-z-]+\.js", name.as_posix()):
                continue  # search data: page text (sources' addresses among it), not code
            for url in JS_URL.findall(JS_COMMENTS.sub("", text)):
                if not url.startswith(tuple(JS_ALLOWLIST)) and not any(host in url for host in JS_COMMENT_HOSTS):
                    problems.append(f"{name}: {url}")
    return problems


def test_online_build_fetches_nothing_from_another_host(built_site):
    assert fetched_from_elsewhere(built_site) == []


def test_offline_build_fetches_nothing_from_another_host(offline_build):  # noqa: F811
    assert fetched_from_elsewhere(offline_build) == []


def test_the_scan_can_fail(tmp_path):
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//t.example/p.gif">'
    )
    (tmp_path / "b.css").write_text("@import 'https://cdn.example/x.css'; p{background:url(https://t.example/x.png)}")
    (tmp_path / "c.js").write_text('fetch("https://tracker.example/collect")')
    assert len(fetched_from_elsewhere(tmp_path)) == 5


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


@pytest.mark.parametrize("markup", ['<div class="mermaid">graph TD; A-->B</div>'])
def test_markup_that_loads_from_a_cdn_is_refused(markup):
    from whrdkb.core.htmlcheck import find_unsafe_markup

    assert find_unsafe_markup(markup)


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
