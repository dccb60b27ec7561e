"""What the theme and static-i18n do wrong for this site, put right (kb-theme's event handlers call these).

- 404.html comes from the default language's build only;
- no sitemap.xml without the site's address;
- no `<link rel="alternate" hreflang>` in the head (Material fetches a sitemap beside each);
- the language switcher links each page's own translations, relatively (file:// and sub-paths).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..site import build_language, site_languages


def default_language_templates(config: MkDocsConfig) -> None:
    """404.html comes from the default language's build only.

    Every language's build writes into the same site folder: otherwise the last language
    built (Nepali) would write the 404 page every reader gets.
    """
    templates = config.theme.static_templates
    if build_language(config) == site_languages(config)[0]:
        templates.add("404.html")
    else:
        templates.discard("404.html")


SITEMAP = "sitemap.xml"


def without_sitemap(files: Files, config: MkDocsConfig) -> Files:
    """Leave the sitemap out when the site's address is unknown (no `site_url`).

    MkDocs would write `None./` URLs that help no crawler, while Material's script downloads
    the file on a first visit of each home page (half a megabyte for the seed data). It is not
    rendered as a template any more; a theme file that is no template is copied as it is, so
    from the second language's build on (when the theme's files include it) it is removed too.
    """
    if not config.site_url:
        config.theme.static_templates.discard(SITEMAP)
        for file in [f for f in files if f.src_uri == SITEMAP and not f.is_documentation_page()]:
            files.remove(file)
    return files


# A <link> with an hreflang attribute, and the line break before it (Material writes one per line).
_HREFLANG_LINK = re.compile(r"\n?[ \t]*<link\b[^>]*\bhreflang=[^>]*>")


def without_hreflang_links(head: str) -> str:
    """The theme's head without its `<link rel="alternate" hreflang>` tags (a template filter).

    Material's script fetches a `sitemap.xml` beside each of them on every page load, to map
    a page to its translation when the reader switches language; static-i18n points them at
    the page's own translations, so each fetch asks for a file that does not exist (five
    requests per page and five error pages, on the slow links of the site's readers). The
    language switcher links each translation itself; search engines would need absolute
    addresses in these tags, which the site, published without `site_url`, cannot give.
    """
    return _HREFLANG_LINK.sub("", head)


def relative_alternates(config: MkDocsConfig, page: Page) -> None:
    """Point the language switcher at the page's own alternates.

    static-i18n leaves home pages with the configured absolute links (`/fr/`),
    which break from `file://` and under a sub-path; every page has
    `file.alternates` (set by static-i18n), so use their page-relative URLs.
    Runs after static-i18n's on_page_context (priority 50), which resets the list per page.
    """
    alternates = getattr(page.file, "alternates", {})
    # static-i18n assigns the attribute (config.extra.alternate = ...), which the dict API does not see.
    for entry in getattr(config.extra, "alternate", None) or []:
        target = alternates.get(entry.get("lang"))
        if target is not None:
            entry["link"] = target.url or "./"
