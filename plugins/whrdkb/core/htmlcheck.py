"""Find markup in rendered page content that could run script or load from elsewhere.

This is a check, not a sanitiser: generated pages escape all data text before
rendering, and hand-written pages are reviewed. The check makes the build fail
if anything slipped through either way (raw HTML, `javascript:` links,
`attr_list` event handlers), naming what it found.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements that run code, embed other documents or change how the page loads.
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "form",
    "style",
    "template",
    "portal",
}
# Attributes whose value is a URL the browser may follow or fetch.
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background", "cite"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel", "sms"}
# Attributes that load content by themselves: only the site's own files.
FETCHING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}> element")
        if "mermaid" in (dict(attrs).get("class") or "").split():
            self.found.append("a Mermaid diagram (Material loads Mermaid from a CDN for it)")
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.found.append(f"event handler attribute {name}= on <{tag}>")
            elif name == "style" and ("url(" in value.lower() or "expression(" in value.lower()):
                self.found.append(f"style attribute loading a resource on <{tag}>")
            elif name in URL_ATTRIBUTES:
                self._check_url(tag, name, value)

    def _check_url(self, tag: str, name: str, value: str) -> None:
        for candidate in value.split(",") if name == "srcset" else [value]:
            url = "".join(candidate.split())  # browsers ignore whitespace inside schemes
            scheme = urlsplit(url).scheme.lower() if ":" in url else ""
            if scheme not in SAFE_SCHEMES:
                self.found.append(f"{name}= with the '{scheme}:' scheme on <{tag}>")
            elif name in FETCHING_ATTRIBUTES and (scheme or url.startswith("//")):
                self.found.append(f"{name}= loading from another host on <{tag}>: {url}")


def find_unsafe_markup(html: str) -> list[str]:
    """Describe each unsafe element or attribute in an HTML fragment (empty if none)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


_EXTERNAL_A = re.compile(r"<a\s(?=[^>]*\bhref=\"(?:https?:)?//)(?![^>]*\brel=)([^>]*)>", re.IGNORECASE)


def add_external_rel(html: str) -> str:
    """Give every link to another host rel="noopener noreferrer" (no Referer, no window.opener)."""
    return _EXTERNAL_A.sub(lambda m: f'<a {m.group(1)} rel="noopener noreferrer">', html)


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.IGNORECASE)
# Only the site's own files; data: images are the icons inside Material's stylesheets (nothing is fetched).
# {own} is 'self' online; in the offline copy it is file:, because under file:// each file is an
# opaque origin that 'self' does not cover (file: allows local files only, never a network host).
CSP = (
    "default-src 'none'; script-src {own} {hashes}; style-src {own}; img-src {own} data:; font-src {own}; "
    "connect-src {own}; worker-src {own}; manifest-src {own}; base-uri 'none'; form-action 'none'; "
    "object-src 'none'"
)
ONLINE, OFFLINE = "'self'", "file:"


def add_content_security_policy(html: str, own: str = ONLINE) -> str:
    """Insert a CSP meta tag allowing the site's own files and exactly this page's inline scripts (by hash)."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
            for m in _INLINE_SCRIPT.finditer(html)
        }
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP.format(own=own, hashes=" ".join(hashes))}">'
    return _CHARSET.sub(lambda m: m.group(0) + meta, html, count=1)
