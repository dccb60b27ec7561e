"""What each offline copy holds: the files of one language (or of all), with a language menu that fits it.

The offline build is made once for every language. Each copy (a zip, a ZIM) takes from it
the files of its language, and its pages' language menus are resolved: the offline build
writes each language's link with a "not in this copy" label beside it, between
`<!--kb-copy:LANG-->` markers (overrides/partials/alternate.html); a copy keeps the link
where it holds that language, the label where it does not. The same build gives the same
copies, byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# HTML files at the root that every copy needs (the quick exit's blank target), not pages of one language.
SHARED_PAGES = ("neutral.html",)
# Pages only a web server shows (its "not found" page, with links from the server's root): no copy needs them.
SERVER_ONLY = ("404.html",)
# One language's entry of the menu as the offline build writes it: the link, then the label.
_MENU_ENTRY = re.compile(rb"<!--kb-copy:([a-z-]+)-->(.*?)<!--kb-copy-else-->(.*?)<!--kb-copy-end-->", re.DOTALL)


@dataclass(frozen=True)
class Copy:
    """One offline copy: its language (None: every language), its files, its home page, the redirects it adds."""

    language: str | None
    files: dict[str, bytes]
    home: str
    # Pages that only send the reader on (the root index.html of a copy of another language than the default).
    redirects: dict[str, str]


def offline_copies(site: Path, languages: list[str]) -> list[Copy]:
    """The copy with every language, then one per language (`languages[0]`, the default, sits at the root)."""
    # Source maps are for developers' tools only; nothing a reader opens needs them.
    found = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix != ".map")
    files = sorted(name for name in found if name not in SERVER_ONLY)
    content = {name: (site / name).read_bytes() for name in files}  # shared files go into every copy: read once
    folders = tuple(f"{language}/" for language in languages[1:])
    default_pages = [f for f in files if f.endswith(".html") and not f.startswith(folders) and f not in SHARED_PAGES]
    shared = [f for f in files if (not f.endswith(".html") or f in SHARED_PAGES) and not f.startswith(folders)]
    copies = [Copy(None, _with_menus(content, files, set(languages)), "index.html", {})]
    for language in languages:
        # Shared files of one language only (its search index and stemmer: NAME.<lang>.js, its PDFs).
        own_shared = [f for f in shared if language_of_file(f, languages) in (None, language)]
        if language == languages[0]:
            chosen, home, redirects = default_pages + own_shared, "index.html", {}
        else:
            # This language's folder and the shared assets; the root opens this language's home.
            chosen = [f for f in files if f.startswith(f"{language}/")] + own_shared
            home, redirects = f"{language}/index.html", {"index.html": f"{language}/index.html"}
        copies.append(Copy(language, _with_menus(content, sorted(chosen), {language}), home, redirects))
    return copies


def language_of_file(name: str, languages: list[str]) -> str | None:
    """The language a shared file belongs to, when its name says so (assets/search/index.fr.js, pdf/NAME.fr.pdf)."""
    parts = name.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and parts[2] in ("js", "pdf") and parts[1] in languages else None


def _with_menus(content: dict[str, bytes], names: list[str], held: set[str]) -> dict[str, bytes]:
    """The files `names`, each HTML page's language menu resolved for a copy holding the languages `held`."""
    return {
        name: resolve_language_menu(content[name], held) if name.endswith(".html") else content[name] for name in names
    }


def resolve_language_menu(page: bytes, held: set[str]) -> bytes:
    """A page whose language menu links the languages `held` and labels the others "not in this copy"."""
    if b"<!--kb-copy:" not in page:
        return page
    return _MENU_ENTRY.sub(lambda m: m.group(2) if m.group(1).decode() in held else m.group(3), page)
