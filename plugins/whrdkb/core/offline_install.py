"""The opt-in offline install of the hosted site: what each language's copy holds, its worker, its app manifests.

Nothing here runs in a reader's browser by itself: the files are written at build time,
and the reader's tap on the downloads page (assets/keep/install.js) registers the worker.

- `offline/files.<lang>.json`: every file a saved copy of that language needs (its pages,
  the shared assets, its search index and stemmer), with sizes, and its PDFs apart (the
  reader chooses them); the downloads page shows the sum before the reader decides.
- `sw.js` at the site's root: the same-origin service worker (core/offline_worker.js), with the
  build's version written in, so that any change to a listed file gives the browser a new worker,
  which saves the new copy and deletes the old.
- `offline/manifest.<lang>.webmanifest` (the site's name in that language) and
  `offline/manifest.neutral.<lang>.webmanifest` (a neutral name, a plain icon), with PNG icons
  drawn here (nothing fetched). No page links a manifest: the worker adds the chosen one to the
  pages it serves, so no browser offers an install before the reader asked.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path

from .generated import PDF_FOLDER as PDF_EDITIONS

FOLDER = "offline"
WORKER = "sw.js"
PDF_FOLDER = f"{PDF_EDITIONS}/"  # the PDF editions (whrd-kb-<kind>.<lang>.pdf), chosen apart
# Not part of any saved copy: the zips, ZIM files and their sums beside the English downloads page
# (downloaded, not browsed), the worker itself (the browser keeps it), this folder's file lists (read
# while saving), developers' source maps.
DOWNLOADS = "downloads/"
LISTS = f"{FOLDER}/files."
# For search engines only (written when site_url is set; its dates change with every build).
SITEMAP = "sitemap.xml"
ICON_SIZES = (192, 512)
# The site's colour (docs/assets/kb.css --md-primary-fg-color) and a neutral grey.
SITE_COLOUR = (0x4A, 0x1D, 0x6B)
NEUTRAL_COLOUR = (0xEC, 0xEF, 0xF1)
RIGHT_TO_LEFT = {"ar"}


@dataclass(frozen=True)
class CopyList:
    """What a saved copy of one language holds: (path from the site's root, bytes) of its files and of its PDFs."""

    language: str
    files: tuple[tuple[str, int], ...]
    pdfs: tuple[tuple[str, int], ...]

    @property
    def size(self) -> int:
        """Bytes of the copy without its PDFs."""
        return sum(size for _, size in self.files)

    @property
    def pdf_size(self) -> int:
        """Bytes of its PDFs."""
        return sum(size for _, size in self.pdfs)


def page_url(path: str) -> str:
    """The address a page is opened at: a folder's index.html is the folder (the site's root is './')."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def language_of(path: str, languages: list[str]) -> str | None:
    """The language of a file: its folder (fr/...) or name (index.fr.js, NAME.fr.pdf, manifest.fr.webmanifest)."""
    top = path.split("/", 1)[0]
    if "/" in path and top in languages[1:]:
        return top
    parts = path.rsplit(".", 2)
    if len(parts) == 3 and parts[2] in ("js", "pdf", "webmanifest") and parts[1] in languages:
        return parts[1]
    return None


def in_a_copy(path: str) -> bool:
    """False for the files no saved copy holds (see DOWNLOADS, LISTS, WORKER, SITEMAP)."""
    offered = path.startswith(DOWNLOADS) and not path.endswith(".html")
    return path != WORKER and not offered and not path.startswith((LISTS, SITEMAP))


def copy_lists(site: Path, languages: list[str]) -> dict[str, CopyList]:
    """Each language's copy: its own pages and files, the shared files, its PDFs (pdf/NAME.<lang>.pdf)."""
    found = sorted(
        (p.relative_to(site).as_posix(), p.stat().st_size)
        for p in site.rglob("*")
        if p.is_file() and p.suffix != ".map"
    )
    found = [(path, size) for path, size in found if in_a_copy(path)]
    lists = {}
    for language in languages:
        mine = [(path, size) for path, size in found if language_of(path, languages) in (None, language)]
        if language != languages[0]:
            # The default language's pages sit at the root: another language's copy leaves them out.
            mine = [(p, s) for p, s in mine if not p.endswith(".html") or p.startswith(f"{language}/")]
        pdfs = tuple((p, s) for p, s in mine if p.startswith(PDF_FOLDER))
        files = tuple((p, s) for p, s in mine if not p.startswith(PDF_FOLDER))
        lists[language] = CopyList(language, files, pdfs)
    return lists


def build_version(site: Path, lists: dict[str, CopyList]) -> str:
    """A short fingerprint of every listed file's bytes: it changes when any of them changes."""
    digest = hashlib.sha256()
    for path in sorted({path for copy in lists.values() for path, _ in (*copy.files, *copy.pdfs)}):
        digest.update(path.encode() + b"\0" + hashlib.sha256((site / path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_copy_lists(site: Path, languages: list[str]) -> dict[str, CopyList]:
    """Write offline/files.<lang>.json and sw.js (versioned by the listed files); return the lists.

    Languages configured but not built (no folder of their own) get no list.
    """
    languages = [code for i, code in enumerate(languages) if i == 0 or (site / code).is_dir()]
    lists = copy_lists(site, languages)
    version = build_version(site, lists)
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    for language, copy in lists.items():
        listing = {
            "version": version,
            "language": language,
            "bytes": copy.size,
            "pdf_bytes": copy.pdf_size,
            "files": [[page_url(path), size] for path, size in copy.files],
            "pdfs": [[path, size] for path, size in copy.pdfs],
        }
        text = json.dumps(listing, ensure_ascii=False, separators=(",", ":"))
        (folder / f"files.{language}.json").write_text(text + "\n", encoding="utf-8")
    (site / WORKER).write_text(worker_script(version, languages), encoding="utf-8")
    return lists


def worker_script(version: str, languages: list[str]) -> str:
    """The service worker with this build's version and languages written in."""
    template = package_files("whrdkb.core").joinpath("offline_worker.js").read_text(encoding="utf-8")
    return template.replace('"__VERSION__"', json.dumps(version)).replace('["__LANGUAGES__"]', json.dumps(languages))


def app_manifest(language: str, name: str, short_name: str, neutral: bool, home: str) -> dict:
    """A web app manifest (its URLs relative to offline/): that language's home as start, the whole site as scope."""
    icon = "neutral" if neutral else "icon"
    colour = "#%02x%02x%02x" % (NEUTRAL_COLOUR if neutral else SITE_COLOUR)
    return {
        "id": f"../?app={'neutral' if neutral else 'site'}-{language}",
        "name": name,
        "short_name": short_name,
        "lang": language,
        "dir": "rtl" if language in RIGHT_TO_LEFT else "ltr",
        "start_url": "../" + home,
        "scope": "../",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": colour,
        "icons": [
            {"src": f"{icon}-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for size in ICON_SIZES
        ],
    }


def write_manifests(site: Path, languages: list[str], names: dict[str, tuple[str, str, str]]) -> None:
    """Each language's two manifests and the icons; `names`: language -> (name, short name, neutral name)."""
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    for i, language in enumerate(languages):
        home = "" if i == 0 else f"{language}/"
        name, short, neutral = names[language]
        manifests = {
            f"manifest.{language}.webmanifest": app_manifest(language, name, short, False, home),
            f"manifest.neutral.{language}.webmanifest": app_manifest(language, neutral, neutral, True, home),
        }
        for file_name, manifest in manifests.items():
            text = json.dumps(manifest, ensure_ascii=False, indent=1)
            (folder / file_name).write_text(text + "\n", encoding="utf-8")
    for size in ICON_SIZES:
        (folder / f"icon-{size}.png").write_bytes(png(size, site_icon_pixel))
        (folder / f"neutral-{size}.png").write_bytes(png(size, neutral_icon_pixel))


def site_icon_pixel(x: float, y: float) -> tuple[int, int, int]:
    """The site's icon at (x, y) in 0..1: a white ring on the site's colour."""
    distance = ((x - 0.5) ** 2 + (y - 0.5) ** 2) ** 0.5
    return (255, 255, 255) if 0.22 <= distance <= 0.32 else SITE_COLOUR


def neutral_icon_pixel(x: float, y: float) -> tuple[int, int, int]:
    """The neutral icon at (x, y) in 0..1: three grey lines on a light page, like any notes app."""
    on_line = 0.2 <= x <= 0.8 and any(abs(y - line) <= 0.035 for line in (0.33, 0.5, 0.67))
    return (0x60, 0x6B, 0x75) if on_line else NEUTRAL_COLOUR


def png(size: int, pixel) -> bytes:
    """A square RGB PNG of `size` pixels drawn by `pixel(x, y)` (same bytes every build)."""
    rows = []
    for row in range(size):
        line = bytearray(b"\0")  # no filter
        for column in range(size):
            line.extend(pixel((column + 0.5) / size, (row + 0.5) / size))
        rows.append(bytes(line))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )
