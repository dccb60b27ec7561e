"""Hand-written pages (docs/en/*.md) as PO messages, one per paragraph, heading or list item (mdpo).

A translator never edits Markdown syntax by hand: mdpo cuts each English page into messages
(inline markup such as **bold** and [links](target) stays in the message, block syntax does not),
and puts a translated page together from the English page and the translated messages.
The messages of a page share the `msgctxt` `docs/PAGE.md` (its title: `docs/PAGE.md#title`).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from mdpo.md2po import Md2Po
from mdpo.po2md import Po2Md

from .models import SOURCE_LANGUAGE
from .models.common import fingerprint
from .pagefiles import FRONT_MATTER, hand_written_pages, split_page
from .yamlwriter import edit_yaml_text, quoted

CONTEXT = "docs/"
TITLE = "#title"
NOTE = (
    "A paragraph, heading or list item of the hand-written page {page}. Keep the Markdown inside it as it is: "
    "**bold**, `code`, and the target in [text](target) (translate the text in the brackets only)."
)
# A line that includes another file (pymdownx.snippets: `--8<-- "CONTRIBUTING.md"`): nothing to translate.
INCLUDE = re.compile(r"^-{1,2}8<-{1,2}\s")
# A translated page's paragraphs are not wrapped: mdpo's wrapping can put a closing `**` at the start
# of a line, where Markdown no longer reads it as the end of the bold text.
WRAP = 0


@dataclass
class PageText:
    """One hand-written English page cut into messages, and its current translation into one language."""

    name: str  # contribute/index.md
    title: str
    body: str  # the English without front matter
    messages: list[str]
    translated_title: str = ""
    translations: list[str] | None = None  # paired with `messages`, when the translated page has the same shape
    stale: bool = False


def _messages(markdown: str) -> list[str]:
    """The msgids mdpo cuts a Markdown text into, in order (not the lines that include another file)."""
    return [entry.msgid for entry in Md2Po(markdown).extract(wrapwidth=0) if not INCLUDE.match(entry.msgid)]


def page_texts(docs_dir: Path, language: str) -> list[PageText]:
    """Every hand-written English page with its messages and, where they line up, its translation's."""
    pages = []
    for name in hand_written_pages(docs_dir / SOURCE_LANGUAGE):
        meta, body = split_page((docs_dir / SOURCE_LANGUAGE / name).read_text(encoding="utf-8"))
        page = PageText(name, str(meta.get("title") or ""), body, _messages(body))
        translated = docs_dir / language / name
        if translated.is_file():
            their_meta, their_body = split_page(translated.read_text(encoding="utf-8"))
            theirs = _messages(their_body)
            page.translated_title = str(their_meta.get("title") or "")
            page.translations = theirs if len(theirs) == len(page.messages) else None
            made_of = their_meta.get("kb_translation_of")
            page.stale = made_of is not None and str(made_of) != fingerprint(body)
        pages.append(page)
    return pages


def page_entries(docs_dir: Path, language: str | None) -> list[polib.POEntry]:
    """The PO messages of the hand-written pages (empty translations without a language: the template)."""
    entries = []
    for page in page_texts(docs_dir, language or SOURCE_LANGUAGE):
        context = f"{CONTEXT}{page.name}"
        where = [(f"docs/{SOURCE_LANGUAGE}/{page.name}", "1")]
        translations = page.translations if language is not None else None
        fuzzy = ["fuzzy"] if translations is not None and page.stale else []
        if page.title:
            title = page.translated_title if language else ""
            entries.append(
                polib.POEntry(
                    msgctxt=context + TITLE,
                    msgid=page.title,
                    msgstr=title,
                    occurrences=where,
                    comment=f"The title of the hand-written page {page.name} (menus and the browser tab).",
                    flags=list(fuzzy) if title else [],
                )
            )
        for index, message in enumerate(page.messages):
            entries.append(
                polib.POEntry(
                    msgctxt=context,
                    msgid=message,
                    msgstr=translations[index] if translations is not None else "",
                    occurrences=where,
                    comment=NOTE.format(page=page.name),
                    flags=list(fuzzy),
                )
            )
    return entries


def is_page_context(context: str | None) -> bool:
    """Whether a msgctxt names a hand-written page (or its title)."""
    return context is not None and context.startswith(CONTEXT)


def page_of(context: str) -> str:
    """The page name a page msgctxt stands for (docs/about.md#title -> about.md)."""
    return context[len(CONTEXT) :].removesuffix(TITLE)


def write_page(
    docs_dir: Path, language: str, page: PageText, title: str, translations: dict[str, str], status: str
) -> Path:
    """Put the translated page together from the English and the translated messages; return its path."""
    with tempfile.TemporaryDirectory() as folder:
        po_path = Path(folder) / f"{language}.po"
        po = polib.POFile(wrapwidth=0)
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for msgid, msgstr in translations.items():
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
        po.save(str(po_path))
        body = Po2Md([str(po_path)], wrapwidth=WRAP).translate(page.body)
    target = docs_dir / language / page.name
    # The front matter: the translated page's own if there is one (its search keywords...), else the English's.
    source = target if target.is_file() else docs_dir / SOURCE_LANGUAGE / page.name
    found = FRONT_MATTER.match(source.read_text(encoding="utf-8"))

    def mark(front) -> None:
        if title:
            front["title"] = title
        front["kb_translation"] = status
        front["kb_translation_of"] = quoted(fingerprint(page.body))

    head = edit_yaml_text(found.group(1) + "\n" if found else "", mark)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{head.rstrip()}\n---\n\n{body.strip()}\n", encoding="utf-8")
    return target
