"""Translation worksheets: every text still to translate into one language, in one file.

A translator who does not want to find their way through five data files runs

    whrdkb translations export --language es      # writes translations/es.yaml

fills in each `text:` of that worksheet, and a maintainer runs

    whrdkb translations import translations/es.yaml

which writes each filled-in text into the data file it belongs to, as a draft
tied to the English text it was made from (`of:`). Comments and layout of the
data files are kept: only the translated values are inserted. An entry whose
English text changed after the export is refused (translate it again), so a
worksheet never attaches a translation to text it was not made from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .load import KnowledgeBase
from .models import SOURCE_LANGUAGE
from .models.common import fingerprint, iter_localized
from .translations import data_models

HEADER = """\
# Translation worksheet for "{language}": {count} texts to translate.
#
# For each entry, write the translation in `text:` (keep the quotes), leave the
# other lines as they are, then run:  whrdkb translations import {path}
# Entries left empty are skipped. `previous:` is an earlier translation whose
# English text has changed since (update it). Translations are imported as drafts
# until a native speaker reviews them (then change `status: draft` to `reviewed`).
"""


@dataclass
class Entry:
    """One text to translate: where it is, the English, the fingerprint of that English, the translation."""

    key: str  # file#path with ids in place of list positions: services.yaml#services/shelter-city/summary
    at: str  # data/FILE.yaml:LINE, for people
    of: str
    en: str
    text: str = ""
    previous: str = ""


# --------------------------------------------------------------------------- export


def worksheet_entries(kb: KnowledgeBase, language: str) -> list[Entry]:
    """Every text without a current translation into `language` (missing or stale), in file order."""
    entries = []
    for key, name, path, text in _keyed_texts(kb):
        rendition = text.in_language(language)
        if rendition.state not in ("missing", "stale"):
            continue
        line, _ = kb.sources[name].position(path)
        previous = text.translations[language].text if rendition.state == "stale" else ""
        entries.append(Entry(key, f"data/{name}:{line}", fingerprint(text.en), text.en, "", previous))
    return entries


def render_worksheet(entries: list[Entry], language: str, path: str) -> str:
    """The worksheet as YAML text, one block per entry."""
    out = [HEADER.format(language=language, count=len(entries), path=path), f"language: {language}"]
    out.append("entries:" if entries else "entries: []")
    for entry in entries:
        out.append(f"  - key: {_quote(entry.key)}")
        out.append(f"    at: {_quote(entry.at)}")
        out.append(f"    of: {_quote(entry.of)}")
        out.append(f"    en: {_quote(entry.en)}")
        if entry.previous:
            out.append(f"    previous: {_quote(entry.previous)}")
        out.append('    text: ""')
    return "\n".join(out) + "\n"


def _keyed_texts(kb: KnowledgeBase):
    """(key, file name, path, LocalizedText) of every translatable text, in file order."""
    for name, model in data_models(kb):
        data = kb.sources[name].data
        for path, text in iter_localized(model):
            yield f"{name}#{_key(data, path)}", name, path, text


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


def _quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted string.
    return json.dumps(text, ensure_ascii=False)


# --------------------------------------------------------------------------- import


class WorksheetError(Exception):
    """A worksheet that cannot be imported as a whole (not YAML, wrong shape, unknown language)."""


def check_language(language: str, languages: list[str], where: str = "") -> None:
    """Refuse a language that is not one of the site's translation languages."""
    if language not in languages or language == SOURCE_LANGUAGE:
        others = ", ".join(code for code in languages if code != SOURCE_LANGUAGE)
        raise WorksheetError(f"{where}'{language}' is not a translation language of this site ({others})")


def read_worksheet(path: Path, languages: list[str]) -> tuple[str, list[Entry]]:
    """(language, filled-in entries) of a worksheet file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise WorksheetError(f"{path}: not readable as YAML: {err}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise WorksheetError(f"{path}: a worksheet has `language:` and a list of `entries:`")
    language = str(raw.get("language", ""))
    check_language(language, languages, f"{path}: ")
    entries = []
    for number, item in enumerate(raw["entries"], 1):
        if not isinstance(item, dict) or not {"key", "of", "en"} <= item.keys():
            raise WorksheetError(f"{path}: entry {number} lacks key, of or en: do not edit those lines")
        text = " ".join(str(item.get("text") or "").split())
        if text:
            entries.append(Entry(str(item["key"]), str(item.get("at", "")), str(item["of"]), str(item["en"]), text))
    return language, entries


def import_worksheet(kb: KnowledgeBase, data_dir: Path, language: str, entries: list[Entry]) -> tuple[int, list[str]]:
    """Write the entries into the data files as drafts; return (how many were written, why others were not)."""
    texts = {key: (name, path, text) for key, name, path, text in _keyed_texts(kb)}
    by_file: dict[str, list[tuple[tuple, Entry]]] = {}
    refused = []
    for entry in entries:
        found = texts.get(entry.key)
        if found is None:
            refused.append(f"{entry.key}: no such text in the data any more (was it removed or renamed?)")
            continue
        name, path, current = found
        if fingerprint(current.en) != entry.of:
            refused.append(
                f"{entry.key}: the English text changed after the worksheet was made; export a new worksheet"
            )
            continue
        by_file.setdefault(name, []).append((path, entry))
    written = 0
    for name, items in by_file.items():
        file = data_dir / name
        text = file.read_text(encoding="utf-8")
        root = yaml.compose(text)
        assert root is not None, "a data file that loaded is not empty"
        edits = []
        for path, entry in items:
            edit = _edit_for(text, root, path, language, entry, kb.languages)
            if isinstance(edit, str):
                refused.append(f"{entry.key} ({entry.at}): {edit}")
            else:
                edits.append(edit)
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        file.write_text(text, encoding="utf-8")
        written += len(edits)
    return written, refused


def _translation(entry: Entry) -> str:
    return f"{{text: {_quote(entry.text)}, status: draft, of: {_quote(entry.of)}}}"


def _edit_for(
    text: str, root: Node, path: tuple, language: str, entry: Entry, order: list[str]
) -> tuple[int, int, str] | str:
    """(start, end, replacement) that puts the translation in place, or why it cannot be done safely.

    In a block, the translation goes after the languages that come before it in the
    site's order (mkdocs.yml), so blocks read en, fr, es, ar, ne whatever the import order.
    """
    key_node: Any = None
    parent, node = None, root
    for step in path:
        parent = node
        if isinstance(node, MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            if pair is None:
                return "not found in the file"
            key_node, node = pair
        elif isinstance(node, SequenceNode):
            key_node, node = None, node.value[step]
        else:
            return "not found in the file"
    if isinstance(node, ScalarNode):
        english = text[node.start_mark.index : node.end_mark.index]
        if node.start_mark.line != node.end_mark.line or node.style in ("|", ">"):
            english = _quote(node.value)  # same value, on one line
        start = node.start_mark.index
        if isinstance(parent, MappingNode):  # "key: text" becomes "key:" and an indented block
            indent = " " * (key_node.start_mark.column + 2)
            while text[start - 1] == " ":  # no trailing space after "key:"
                start -= 1
            block = f"\n{indent}{SOURCE_LANGUAGE}: {english}"
        else:  # a list item: "- en: ..." with the translation under it
            indent = " " * node.start_mark.column
            block = f"{SOURCE_LANGUAGE}: {english}"
        return start, node.end_mark.index, f"{block}\n{indent}{language}: {_translation(entry)}"
    if isinstance(node, MappingNode):
        existing = next((v for k, v in node.value if k.value == language), None)
        if existing is not None:  # a stale translation: replace it
            if not (isinstance(existing, MappingNode) and existing.flow_style):
                return f"the old '{language}' translation is not on one line; update it by hand"
            return existing.start_mark.index, existing.end_mark.index, _translation(entry)
        if node.flow_style:  # {en: "..."}: add the translation before the closing brace
            closing = node.end_mark.index - 1
            return closing, closing, f", {language}: {_translation(entry)}"
        indent = " " * node.value[0][0].start_mark.column
        rank = {code: i for i, code in enumerate(order)}
        before = [v for k, v in node.value if rank.get(k.value, -1) < rank.get(language, len(order))]
        last = (before or [node.value[-1][1]])[-1].end_mark.index
        end_of_line = text.find("\n", last)
        end_of_line = len(text) if end_of_line < 0 else end_of_line
        return end_of_line, end_of_line, f"\n{indent}{language}: {_translation(entry)}"
    return "written in a layout the importer does not change; add the translation by hand"
