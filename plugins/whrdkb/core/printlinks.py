"""On paper a link to another page of the site cannot be followed: print its title instead (print CSS shows it).

`titled_links` gives each link of a page's article that leads to another page of the site a
`data-kb-title` attribute with that page's title; the print stylesheet (docs/assets/kb.css) writes
it after the link's text. Outside links print their address instead (also kb.css).
"""

from __future__ import annotations

import html
import posixpath
import re

_ARTICLE = re.compile(r"(<article\b.*?</article>)", re.S)
_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]+)"([^>]*)>')
_ELSEWHERE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#|/)")  # another host, a place on the page, a root path


def page_key(url: str) -> str:
    """A page's address as a key: `fr/directory/x/`, `fr/directory/x.html` and `.../index.html` alike."""
    url = url.split("#", 1)[0]
    for ending in ("index.html", ".html"):
        if url.endswith(ending):
            url = url[: -len(ending)] + ("" if ending == "index.html" else "/")
    return url.strip("/")


def titled_links(page_html: str, page_url: str, titles: dict[str, str]) -> str:
    """The page with `data-kb-title` on each article link to another page whose title is known (keys: page_key)."""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    own = page_key(page_url)

    def titled(link: re.Match) -> str:
        before, href, after = link.groups()
        if "data-kb-title" in before + after:
            return link.group(0)
        target = page_key(
            posixpath.normpath(posixpath.join(here, html.unescape(href))) + ("/" if href.endswith("/") else "")
        )
        title = titles.get(target)
        if not title or target == own:
            return link.group(0)
        return f'<a{before}href="{href}"{after} data-kb-title="{html.escape(title, quote=True)}">'

    return _ARTICLE.sub(lambda article: _LINK.sub(titled, article.group(1)), page_html)
