"""Kiwix editions: one ZIM file per offline copy (core/copies.py), written with python-libzim.

Each ZIM holds every page, asset and PDF of its copy, the copy's home as main page, a
full-text index in its language and the metadata Kiwix shows in its library. Pages are the
offline build's: their Content-Security-Policy names `file:` as the site's own source, which
becomes 'self' in a ZIM, since Kiwix serves it over http (kiwix-serve) or its own scheme.

Reproducible: libzim writes a random UUID into the ZIM header and into the two Xapian
indexes it embeds (title and full text), and no API sets them. Everything else is the same
for the same files (one writer thread keeps the order). So each UUID is rewritten to one
derived from the file's other bytes, and the MD5 checksum at the end is computed again:
the same commit gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import mimetypes
import os
import re
import struct
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from libzim.writer import Creator, Hint, Item, StringProvider

from .builddate import build_date
from .bundles import PREFIX, Bundle, file_bundle
from .copies import Copy
from .load import KnowledgeBase

# Kiwix wants ISO 639-3 codes.
ISO_639_3 = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "ne": "nep"}
ILLUSTRATION = "assets/images/favicon.png"  # Material's icon, 48 x 48 PNG
_TITLE = re.compile(rb"<title>(.*?)</title>", re.DOTALL)
_CSP = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_XAPIAN = b"\x0f\x0dXapian Glass"  # a Glass database's version record: magic, 2 bytes of version, then the UUID
_MIME = {".js": "application/javascript", ".woff2": "font/woff2", ".json": "application/json"}


@dataclass(frozen=True)
class ZimText:
    """What a ZIM says about itself in its language: title (Kiwix: at most 30 characters), description (80)."""

    title: str
    description: str
    creator: str
    publisher: str
    date: str  # YYYY-MM-DD, the build's date


def zim_text(kb: KnowledgeBase, language: str | None, site_name: str) -> ZimText:
    """A copy's metadata in its language (the default language's for the copy of every language)."""
    language = language or kb.languages[0]
    return ZimText(
        title=kb.ui_text("site_name_short", language).text,
        description=kb.ui_text("zim_description", language).text,
        creator=site_name,
        publisher=site_name,
        date=build_date().isoformat(),
    )


def zim_name(copy: Copy) -> str:
    """The file name of a copy's ZIM: whrd-kb-fr.zim, whrd-kb-all.zim."""
    return f"{PREFIX}-{copy.language or 'all'}.zim"


def make_zim(copy: Copy, text: ZimText, languages: list[str], out: Path) -> Bundle:
    """Write `copy` as a reproducible ZIM into `out`; its name, size and SHA-256."""
    path = out / zim_name(copy)
    path.unlink(missing_ok=True)
    codes = [ISO_639_3.get(code, code) for code in ([copy.language] if copy.language else languages)]
    # A stemmer only for a copy of one language ("mul" picks none: words are indexed as they are written).
    index_language = codes[0] if copy.language else "mul"
    creator = Creator(str(path)).config_indexing(True, index_language).config_nbworkers(1)
    with _quiet_stdout(), creator:
        creator.set_mainpath(copy.home)
        for name, data in copy.files.items():
            creator.add_item(_File(name, data))
        creator.add_metadata("Name", f"{PREFIX}_{copy.language or 'mul'}_all")
        creator.add_metadata("Title", text.title)
        creator.add_metadata("Description", text.description)
        creator.add_metadata("Language", ",".join(codes))
        creator.add_metadata("Creator", text.creator)
        creator.add_metadata("Publisher", text.publisher)
        creator.add_metadata("Date", text.date)
        creator.add_metadata("Tags", "_category:other;_pictures:yes;_videos:no;_details:yes;_ftindex:yes")
        creator.add_metadata("Flavour", "all")
        creator.add_illustration(48, copy.files[ILLUSTRATION])
    _fix_uuids(path)
    return file_bundle(path)


class _File(Item):
    """One file of the copy as a ZIM entry; HTML pages are front articles, indexed, with a CSP for Kiwix."""

    def __init__(self, path: str, data: bytes) -> None:
        super().__init__()
        self.path = path
        self.is_page = path.endswith(".html")
        self.data = for_kiwix(data) if self.is_page else data

    def get_path(self) -> str:
        """The entry's path: the file's path in the copy, so relative links keep working."""
        return self.path

    def get_title(self) -> str:
        """The page's <title> (Kiwix lists and suggests pages by it); empty for other files."""
        found = _TITLE.search(self.data) if self.is_page else None
        return html.unescape(found.group(1).decode("utf-8")).strip() if found else ""

    def get_mimetype(self) -> str:
        """The file's media type, from its extension."""
        suffix = Path(self.path).suffix.lower()
        return _MIME.get(suffix) or mimetypes.guess_type(self.path)[0] or "application/octet-stream"

    def get_contentprovider(self) -> StringProvider:
        """The file's bytes."""
        return StringProvider(self.data)

    def get_hints(self) -> dict:
        """Pages are articles (searched, listed); already compressed files are stored as they are."""
        packed = self.path.endswith((".pdf", ".png", ".jpg", ".woff", ".woff2", ".zip"))
        return {Hint.FRONT_ARTICLE: self.is_page, Hint.COMPRESS: not packed}


def for_kiwix(page: bytes) -> bytes:
    """A page of the offline build whose CSP allows its own files where Kiwix serves them ('self', not file:)."""
    return _CSP.sub(lambda m: m.group(1) + m.group(2).replace(b"file:", b"'self'") + m.group(3), page, count=1)


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence libzim's progress lines (printed by its C++ code, whatever config_verbose says)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _fix_uuids(path: Path) -> None:
    """Replace the random UUIDs of the header and the Xapian indexes by one derived from the rest; checksum again."""
    data = bytearray(path.read_bytes())
    (checksum_at,) = struct.unpack_from("<Q", data, 72)
    spots = [8] + [m.end() + 2 for m in re.finditer(re.escape(_XAPIAN), data[:checksum_at])]
    for spot in spots:
        data[spot : spot + 16] = bytes(16)
    derived = uuid.UUID(bytes=hashlib.sha256(data[:checksum_at]).digest()[:16], version=5).bytes
    for spot in spots:
        data[spot : spot + 16] = derived
    data[checksum_at : checksum_at + 16] = hashlib.md5(data[:checksum_at], usedforsecurity=False).digest()
    path.write_bytes(bytes(data))
