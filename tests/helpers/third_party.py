"""The scan of built files for anything fetched from another host (HTML, CSS, JavaScript)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

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


class FetchedUrls(HTMLParser):
    """Addresses an HTML page makes the browser fetch by itself."""

    def __init__(self) -> None:
        """Start with no address found."""
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        """Keep the addresses a tag loads by itself (src, srcset, styles, stylesheets and icons)."""
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
    """Every address on another host that a built HTML, CSS or JavaScript file would fetch, as `file: address`."""
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(site)
        if path.suffix == ".html":
            parser = FetchedUrls()
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
