"""Offline copies of the site as zip files: one per language and one with every language.

Zips are reproducible: entries sorted, timestamps fixed (the build's time:
SOURCE_DATE_EPOCH, else the commit's date), permissions fixed, so the same site gives the same bytes and the
SHA-256 checksums published online let anyone verify a copy received from
someone else.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .builddate import build_epoch

PREFIX = "whrd-kb"
# HTML files at the root that every copy needs (the quick exit's blank target), not pages of one language.
SHARED_PAGES = ("neutral.html",)
CHECKSUMS = "SHA256SUMS"
_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry


@dataclass(frozen=True)
class Bundle:
    """One offline copy: file name, size in bytes, SHA-256."""

    name: str
    size: int
    sha256: str


def zip_time() -> tuple:
    """The fixed timestamp of every zip entry: the build's time (builddate.py), not before 1980."""
    return time.gmtime(max(build_epoch(), _EPOCH_MIN))[:6]


def make_bundles(site: Path, out: Path, languages: list[str]) -> list[Bundle]:
    """Write the zips and SHA256SUMS into `out`; `languages[0]` is the default, at the site's root."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{PREFIX}-*.zip"):
        old.unlink()
    # Source maps are for developers' tools only; nothing a reader opens needs them.
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix != ".map")
    folders = tuple(f"{language}/" for language in languages[1:])
    default_pages = [f for f in files if f.endswith(".html") and not f.startswith(folders) and f not in SHARED_PAGES]
    shared = [f for f in files if (not f.endswith(".html") or f in SHARED_PAGES) and not f.startswith(folders)]
    content = {name: (site / name).read_bytes() for name in files}  # shared files go into every zip: read once
    bundles = [_write_zip(content, out / f"{PREFIX}-all.zip", f"{PREFIX}-all", files, {})]
    for language in languages:
        # Shared files of one language only (its search index and stemmer: NAME.<lang>.js).
        own_shared = [f for f in shared if _language_of(f, languages) in (None, language)]
        if language == languages[0]:
            chosen, extra = default_pages + own_shared, {}
        else:
            # This language's folder and the shared assets; the root opens this language's home.
            chosen = [f for f in files if f.startswith(f"{language}/")] + own_shared
            extra = {"index.html": _redirect(f"{language}/index.html")}
        bundles.append(_write_zip(content, out / f"{PREFIX}-{language}.zip", f"{PREFIX}-{language}", chosen, extra))
    (out / CHECKSUMS).write_text("".join(f"{b.sha256}  {b.name}\n" for b in bundles), encoding="utf-8")
    return bundles


def _language_of(name: str, languages: list[str]) -> str | None:
    """The language a shared file belongs to, when its name says so (assets/search/index.fr.js, pdf/NAME.fr.pdf)."""
    parts = name.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and parts[2] in ("js", "pdf") and parts[1] in languages else None


def read_checksums(out: Path) -> list[Bundle]:
    """Bundles listed in `out/SHA256SUMS` (empty if there are none)."""
    path = out / CHECKSUMS
    if not path.is_file():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if (out / name).is_file():
            found.append(Bundle(name, (out / name).stat().st_size, digest))
    return found


def printed_editions(folder: Path) -> list[tuple[str, int]]:
    """The PDF editions published in `folder` (pdfs/): (file name, size in bytes), by name; empty if none."""
    if not folder.is_dir():
        return []
    return [(path.name, path.stat().st_size) for path in sorted(folder.glob("*.pdf"))]


def _write_zip(content: dict[str, bytes], path: Path, top: str, files: list[str], extra: dict[str, bytes]) -> Bundle:
    stamp = zip_time()
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted({*files, *extra}):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            data = extra[name] if name in extra else content[name]
            archive.writestr(info, data, compresslevel=9)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Bundle(path.name, path.stat().st_size, digest)


def _redirect(target: str) -> bytes:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
        f'<meta http-equiv="refresh" content="0; url={target}"><title>WHRD Protection Knowledge Base</title></head>'
        f'<body><p><a href="{target}">{target}</a></p></body></html>\n'
    ).encode()
