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
from .copies import Copy, offline_copies

PREFIX = "whrd-kb"
CHECKSUMS = "SHA256SUMS"
_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry


@dataclass(frozen=True)
class Bundle:
    """One offline copy: file name, size in bytes, SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class EditionFile:
    """One printed edition (PDF) published beside the site: file name (whrd-kb-<kind>.<language>.pdf), size in bytes."""

    name: str
    size: int


def zip_time() -> tuple:
    """The fixed timestamp of every zip entry: the build's time (builddate.py), not before 1980."""
    return time.gmtime(max(build_epoch(), _EPOCH_MIN))[:6]


def make_bundles(site: Path, out: Path, languages: list[str]) -> list[Bundle]:
    """Write the zips and SHA256SUMS into `out`; `languages[0]` is the default, at the site's root."""
    return write_zips(offline_copies(site, languages), out)


def write_zips(copies: list[Copy], out: Path) -> list[Bundle]:
    """Write one zip per copy (core/copies.py) and their SHA256SUMS into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{PREFIX}-*.zip"):
        old.unlink()
    bundles = []
    for copy in copies:
        top = f"{PREFIX}-{copy.language or 'all'}"
        extra = {name: _redirect(target) for name, target in copy.redirects.items()}
        bundles.append(_write_zip(copy.files, out / f"{top}.zip", top, extra))
    write_checksums(out, bundles)
    return bundles


def write_checksums(out: Path, bundles: list[Bundle]) -> None:
    """Write `out/SHA256SUMS` listing `bundles` (the zips, and the ZIM files when there are some)."""
    (out / CHECKSUMS).write_text("".join(f"{b.sha256}  {b.name}\n" for b in bundles), encoding="utf-8")


def file_bundle(path: Path) -> Bundle:
    """The name, size and SHA-256 of a written file."""
    return Bundle(path.name, path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())


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


def printed_editions(folder: Path) -> list[EditionFile]:
    """The PDF editions published in `folder` (pdfs/), by name; empty if none."""
    if not folder.is_dir():
        return []
    return [EditionFile(path.name, path.stat().st_size) for path in sorted(folder.glob("*.pdf"))]


def _write_zip(content: dict[str, bytes], path: Path, top: str, extra: dict[str, bytes]) -> Bundle:
    """Write `content` and `extra` (name -> bytes) under the folder `top` of a reproducible zip at `path`."""
    stamp = zip_time()
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted({*content, *extra}):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            data = extra[name] if name in extra else content[name]
            archive.writestr(info, data, compresslevel=9)
    return file_bundle(path)


def _redirect(target: str) -> bytes:
    """A page that opens `target` at once (the root of a copy of one language other than the default)."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
        f'<meta http-equiv="refresh" content="0; url={target}"><title>WHRD Protection Knowledge Base</title></head>'
        f'<body><p><a href="{target}">{target}</a></p></body></html>\n'
    ).encode()
