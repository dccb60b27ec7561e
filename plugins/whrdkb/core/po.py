"""Translations exchanged as gettext PO files, the format of Weblate, Transifex, Crowdin and Poedit (polib).

    whrdkb translations export --language ne     # translations/ne.po and translations/messages.pot
    whrdkb translations import translations/ne.po [--reviewed]

One message per data text: `msgctxt` is the text's stable key (file, then the path with ids in
place of list positions: `services.yaml#services/shelter-city/summary`), `msgid` the English,
`msgstr` the current translation, `#:` where it is (data/FILE.yaml:LINE), `#.` what the text
is (the field's description in the models). A translation made from an older English is
exported `fuzzy`. The import writes each changed, non-fuzzy translation through the one YAML
writer as a draft stamped with the English it was made from (`reviewed` with --reviewed), and
writes nothing if any message is refused. The hand-written pages follow the data texts in the
same file, one message per paragraph (pagepo.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
from annotated_types import MaxLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo as PydanticField

from .load import KnowledgeBase
from .models import SOURCE_LANGUAGE
from .models.common import LocalizedText, fingerprint, iter_localized
from .pagepo import TITLE, PageText, is_page_context, page_entries, page_of, page_texts, write_page
from .translations import data_models
from .yamlwriter import edit_data_file, set_translation, translation_block

TEMPLATE = "messages.pot"
PROJECT = "whrd-kb data"
# Markup a translation must keep as the English has it: {placeholders}, HTML tags, Markdown link targets.
MARKUP = (
    ("placeholder", re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")),
    ("markup", re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")),
    ("link target", re.compile(r"\]\(([^()\s]+)\)")),
)


class PoError(Exception):
    """A PO file that cannot be imported as a whole (unreadable, unknown language)."""


@dataclass(frozen=True)
class Message:
    """One data text as a translator sees it."""

    key: str
    file: str
    path: tuple
    line: int
    text: LocalizedText
    note: str


def messages(kb: KnowledgeBase) -> list[Message]:
    """Every translatable data text, in file order, with its key, place and description."""
    found = []
    for name, model in data_models(kb):
        source = kb.sources[name]
        for path, text in iter_localized(model):
            line, _ = source.position(path)
            found.append(Message(f"{name}#{_key(source.data, path)}", name, path, line, text, _note(model, path)))
    return found


def _key(data: Any, path: tuple) -> str:
    """A path with list positions replaced by the ids of the entries, so keys survive reordering."""
    parts, node = [], data
    for step in path:
        node = node[step] if isinstance(node, (list, dict)) else None
        if isinstance(step, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            parts.append(node["id"])
        else:
            parts.append(str(step))
    return "/".join(parts)


def _note(model: BaseModel, path: tuple) -> str:
    """The description of the field that holds the text at `path` (and its length limit), from the models."""
    field: PydanticField | None = None
    node: Any = model
    for step in path:
        if isinstance(node, BaseModel) and isinstance(step, str):
            field = type(node).model_fields.get(step, field)
            node = getattr(node, step, None)
        elif isinstance(node, (list, dict)):
            node = node[step]
    if field is None:
        return ""
    note = f"{field.title}: {field.description}" if field.title else field.description or ""
    limit = next((m.max_length for m in field.metadata if isinstance(m, MaxLen)), None)
    return f"{note} At most {limit} characters." if limit else note


# --------------------------------------------------------------------------- export


def check_language(language: str, languages: list[str], where: str = "") -> None:
    """Refuse a language that is not one of the site's translation languages."""
    if language not in languages or language == SOURCE_LANGUAGE:
        others = ", ".join(code for code in languages if code != SOURCE_LANGUAGE)
        raise PoError(
            f"{where}'{language}' is not a translation language of this site. Use one of: {others} "
            "(the languages listed in mkdocs.yml)"
        )


def _po_file(language: str | None) -> polib.POFile:
    """An empty PO (or, without a language, POT) file with the header every gettext tool expects."""
    po = polib.POFile(wrapwidth=0)  # one line per text; gettext_layout then wraps them as gettext does
    po.metadata = {
        "Project-Id-Version": PROJECT,
        "Language": language or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    po.header = (
        f"Translations of the knowledge base's data texts and hand-written pages into '{language}'."
        if language
        else "Template: every data text and hand-written page of the knowledge base, in English."
    )
    po.header += "\nExported by `whrdkb translations export`; import with `whrdkb translations import`."
    return po


def _entry(message: Message, msgstr: str = "", fuzzy: bool = False) -> polib.POEntry:
    """The PO message of one text."""
    flags = ["fuzzy"] if fuzzy else []
    if MARKUP[0][1].search(message.text.en):
        flags.append("python-brace-format")  # msgfmt and translation tools check the {placeholders}
    return polib.POEntry(
        msgctxt=message.key,
        msgid=message.text.en,
        msgstr=msgstr,
        occurrences=[(f"data/{message.file}", str(message.line))],
        comment=message.note,
        flags=flags,
    )


def export_po(kb: KnowledgeBase, docs_dir: Path, language: str) -> tuple[polib.POFile, polib.POFile]:
    """(the language's PO file, the template): data texts then hand-written pages; stale translations fuzzy."""
    po, pot = _po_file(language), _po_file(None)
    for message in messages(kb):
        pot.append(_entry(message))
        translation = message.text.translations.get(language)
        stale = message.text.in_language(language).state == "stale"
        po.append(_entry(message, translation.text if translation else "", fuzzy=stale))
    po.extend(page_entries(docs_dir, language))
    pot.extend(page_entries(docs_dir, None))
    return po, pot


@dataclass(frozen=True)
class Export:
    """What an export wrote: the PO file's path and content, and whether gettext laid the files out."""

    path: Path
    po: polib.POFile
    gettext_layout: bool


def write_po(kb: KnowledgeBase, docs_dir: Path, language: str, folder: Path) -> Export:
    """Write folder/LANGUAGE.po and folder/messages.pot, laid out by gettext where it is installed."""
    po, pot = export_po(kb, docs_dir, language)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{language}.po"
    po.save(str(target))
    pot.save(str(folder / TEMPLATE))
    return Export(target, po, gettext_layout((target, folder / TEMPLATE)))


def gettext_layout(paths: tuple[Path, ...]) -> bool:
    """Lay PO files out with GNU gettext's msgcat (its line wrapping), as powrap does; False without gettext.

    Every gettext tool re-wraps long texts at 79 columns by its own rules of Unicode line breaking,
    which no Python library reproduces exactly (polib's and translate-toolkit's wrapping differ on
    Arabic, brackets and quotes), so the reference implementation does it: `msgcat` then gives the
    file back unchanged, and a translator's round trip through gettext tools shows no noise.
    """
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        return False
    for path in paths:
        laid_out = path.with_name(path.name + ".msgcat")
        done = subprocess.run([msgcat, "--output-file", str(laid_out), str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            laid_out.unlink(missing_ok=True)
            raise PoError(f"{path}: gettext's msgcat refused the exported file: {done.stderr.strip()}")
        laid_out.replace(path)
    return True


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class Accepted:
    """A translation to write: which text, the new text, and the English it was made from."""

    message: Message
    text: str


def read_po(path: Path, languages: list[str]) -> tuple[str, polib.POFile]:
    """(language, parsed file) of a PO file; the language from its header, else from its name."""
    try:
        po = polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError) as err:
        raise PoError(f"{path}: not readable as a PO file ({err}). Export a new one and translate in it") from None
    language = (po.metadata.get("Language") or path.stem).strip().replace("-", "_").split("_")[0]
    check_language(language, languages, f"{path}: ")
    return language, po


@dataclass
class ImportPlan:
    """What an import writes (data texts and whole pages), what it leaves (notes) and what it refuses."""

    texts: list[Accepted] = field(default_factory=list)
    pages: list[PageWrite] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@dataclass
class PageWrite:
    """A hand-written page to put together in the language: its English, title and translated messages."""

    page: PageText
    title: str
    translations: dict[str, str]


def check_po(
    kb: KnowledgeBase, docs_dir: Path, path: Path, language: str, po: polib.POFile, reviewed: bool = False
) -> ImportPlan:
    """What the file's translations would change, and the refusals as `FILE:LINE: what is wrong. How to fix it.`.

    A translation is written when it differs from the current one or the current one is stale
    (a translator who clears the fuzzy flag confirms it); with `reviewed`, every translated,
    non-fuzzy message (the reviewer's word that she has read it).
    """
    known = {message.key: message for message in messages(kb)}
    pages = {page.name: page for page in page_texts(docs_dir, language)}
    page_messages: dict[str, dict[str, str]] = {}
    plan = ImportPlan()
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{path}:{entry.linenum}"
        context = entry.msgctxt or ""
        page = pages.get(page_of(context)) if is_page_context(context) else None
        message = known.get(context)
        if page is None and message is None:
            what = "hand-written page" if is_page_context(context) else "text in the data"
            plan.refused.append(
                f"{where}: there is no {what} '{context}' (it was removed or renamed). "
                "Export a new file and translate the text under its new key"
            )
            continue
        if entry.fuzzy or not entry.msgstr.strip():
            continue
        if message is not None:
            english = message.text.en
        else:
            assert page is not None  # one of the two was found (above)
            english = page.title if context.endswith(TITLE) else entry.msgid
        if fingerprint(entry.msgid) != fingerprint(english) or (page and english not in (page.title, *page.messages)):
            plan.refused.append(
                f"{where}: the English of '{context}' changed after this file was exported. "
                "Export a new file and translate the new English"
            )
            continue
        problem = markup_problem(english, entry.msgstr)
        if problem:
            plan.refused.append(f"{where}: {problem}")
            continue
        text = " ".join(entry.msgstr.split())
        if page is not None:
            page_messages.setdefault(page.name, {})[context + "\0" + entry.msgid] = text
            continue
        assert message is not None  # a data text (not a page's)
        current = message.text.translations.get(language)
        state = message.text.in_language(language).state
        if current is None or current.text != text or state == "stale" or reviewed:
            plan.texts.append(Accepted(message, text))
    for name, found in page_messages.items():
        _plan_page(plan, pages[name], found, language, reviewed)
    return plan


def _plan_page(plan: ImportPlan, page: PageText, found: dict[str, str], language: str, reviewed: bool) -> None:
    """Write a page whose every message is translated (and differs from the page as it is); note the others."""
    context = f"docs/{page.name}"
    title = found.get(f"{context}{TITLE}\0{page.title}", "")
    body = {msgid: found[f"{context}\0{msgid}"] for msgid in page.messages if f"{context}\0{msgid}" in found}
    untranslated = len(page.messages) - len(body) + (1 if page.title and not title else 0)
    if untranslated:
        plan.notes.append(
            f"docs/{language}/{page.name} is not written: {untranslated} of its messages are not translated "
            "(or are fuzzy). Translate them all, then import again"
        )
        return
    current = dict(zip(page.messages, page.translations or [], strict=False))
    if current == body and title == page.translated_title and not page.stale and not reviewed:
        return
    plan.pages.append(PageWrite(page, title, body))


def markup_problem(english: str, translation: str) -> str:
    """Why the translation's placeholders, tags or link targets differ from the English's ('' when they agree)."""
    for what, pattern in MARKUP:
        wanted, found = Counter(pattern.findall(english)), Counter(pattern.findall(translation))
        if wanted != found:
            missing = ", ".join(sorted((wanted - found).elements()))
            extra = ", ".join(sorted((found - wanted).elements()))
            parts = (missing and f"lacks {missing}", extra and f"has {extra} that the English has not")
            said = "; ".join(part for part in parts if part)
            return (
                f"the translation {said} ({what}). Keep every {what} exactly as the English writes it "
                "(translate the words around it)"
            )
    return ""


def import_po(
    kb: KnowledgeBase, data_dir: Path, docs_dir: Path, path: Path, *, reviewed: bool = False
) -> tuple[str, ImportPlan]:
    """Check the whole file, then (if nothing is refused) write its translations: (language, plan)."""
    language, po = read_po(path, kb.languages)
    plan = check_po(kb, docs_dir, path, language, po, reviewed)
    if plan.refused:
        return language, plan
    status = "reviewed" if reviewed else "draft"
    by_file: dict[str, list[Accepted]] = {}
    for item in plan.texts:
        by_file.setdefault(item.message.file, []).append(item)
    for name, items in by_file.items():

        def write(document, items=items) -> None:
            for item in items:
                block = translation_block(item.text, status, fingerprint(item.message.text.en))
                set_translation(document, item.message.path, language, block, kb.languages)

        edit_data_file(data_dir / name, write)
    for page_write in plan.pages:
        write_page(docs_dir, language, page_write.page, page_write.title, page_write.translations, status)
    return language, plan
