"""The one writer of data files: ruamel.yaml's round trip, so comments, order, quoting and layout are kept.

Stamping (`make stamp`) and the import of translations (`whrdkb translations import`) both
change data files through `edit_data_file`: it loads a file as a round-trip document, lets
the caller change it, and writes back only the lines that changed. ruamel.yaml keeps nearly
every layout; where it would re-lay a part the caller did not touch (a flow list wrapped by
hand over several lines), the lines outside the caller's change are kept as they were.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .models import SOURCE_LANGUAGE


def round_trip_yaml() -> YAML:
    """A ruamel.yaml reader and writer set to the data files' layout (2-space maps, '- ' lists indented by 2)."""
    yaml = YAML()  # round trip ("rt"): comments, key order and styles are kept
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap a long text onto a second line
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump_text(yaml: YAML, document: Any) -> str:
    """The document as YAML text."""
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def edit_yaml_text(original: str, change: Callable[[Any], Any]) -> str:
    """The YAML text after `change` is applied to its round-trip document (an empty text is an empty mapping)."""
    yaml = round_trip_yaml()
    document = yaml.load(original) if original.strip() else CommentedMap()
    untouched = dump_text(yaml, document)
    change(document)
    changed = dump_text(yaml, document)
    return original if changed == untouched else _keep_untouched_lines(original, untouched, changed)


def edit_data_file(path: Path, change: Callable[[Any], Any]) -> bool:
    """Load `path`, apply `change` to the round-trip document, write it back if it changed; True if it did."""
    original = path.read_text(encoding="utf-8")
    changed = edit_yaml_text(original, change)
    if changed == original:
        return False
    path.write_text(changed, encoding="utf-8")
    return True


def _keep_untouched_lines(original: str, untouched: str, changed: str) -> str:
    """The original text with only the writer's changes applied (the whole new text if they cannot be placed).

    `untouched` is how the writer lays out the unchanged document; where it equals the original
    (nearly everywhere), each changed block of lines is put into the original at the same place.
    """
    if untouched == original:
        return changed
    source, laid_out, wanted = original.splitlines(True), untouched.splitlines(True), changed.splitlines(True)
    same_line: dict[int, int] = {}  # line of `untouched` -> the same line of `original`
    for block in difflib.SequenceMatcher(None, laid_out, source, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            same_line[block.a + offset] = block.b + offset
    result, taken = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, laid_out, wanted, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        where = _original_span(same_line, i1, i2)
        if where is None or where[0] < taken:
            return changed
        result += source[taken : where[0]] + wanted[j1:j2]
        taken = where[1]
    return "".join(result + source[taken:])


def _original_span(same_line: dict[int, int], start: int, end: int) -> tuple[int, int] | None:
    """Lines of the original that lines start..end of the writer's layout stand for, if they are the same lines."""
    if start == end:  # an insertion: after the line before it
        if start == 0:
            return 0, 0
        before = same_line.get(start - 1)
        return None if before is None else (before + 1, before + 1)
    found = [same_line.get(line) for line in range(start, end)]
    lines = [line for line in found if line is not None]
    if len(lines) != len(found) or lines != list(range(lines[0], lines[0] + len(lines))):
        return None
    return lines[0], lines[-1] + 1


# --------------------------------------------------------------------------- texts and their translations


def quoted(text: str) -> DoubleQuotedScalarString:
    """A string written in double quotes, as the data files write texts."""
    return DoubleQuotedScalarString(text)


def node_at(document: Any, path: Iterable) -> Any:
    """The round-trip node at a data path (keys and list positions)."""
    node = document
    for step in path:
        node = node[step]
    return node


def translation_block(text: str, status: str, of: str) -> CommentedMap:
    """`{text: "...", status: draft, of: "..."}` on one line."""
    block = CommentedMap([("text", quoted(text)), ("status", status), ("of", quoted(of))])
    block.fa.set_flow_style()
    return block


def set_translation(document: Any, path: tuple, language: str, block: CommentedMap, order: list[str]) -> None:
    """Put `language`'s translation block into the text at `path`, after the languages before it in `order`.

    A text written as a plain string becomes a block: `en:` with the same string, then the translation.
    """
    parent, key = node_at(document, path[:-1]), path[-1]
    text = parent[key]
    if not isinstance(text, CommentedMap):
        english = text if isinstance(text, DoubleQuotedScalarString) else quoted(str(text))
        text = CommentedMap([(SOURCE_LANGUAGE, english)])
        parent[key] = text
    if language in text:
        text[language] = block
        return
    rank = {code: i for i, code in enumerate(order)}
    position = sum(1 for code in text if rank.get(code, -1) < rank.get(language, len(order)))
    text.insert(position, language, block)


def set_fingerprint(document: Any, path: tuple, language: str, of: str) -> None:
    """Add `of: "<fingerprint>"` to the translation into `language` of the text at `path`."""
    node_at(document, (*path, language))["of"] = quoted(of)
