"""Read a YAML data file strictly, remembering where every value came from.

PyYAML's defaults are unsafe for volunteer-edited data: `NO` becomes False,
`0123` an octal number, `17:30` the integer 1050, and a repeated key silently
replaces the first. Here every scalar is kept as the text the maintainer typed
(typed fields are parsed later by the models), duplicate keys are errors, and
anchors, aliases and custom tags are rejected. Positions are kept per path so
that model errors can point at `file:line:column`, down to the character at fault.

Limits are checked here, before the models run: no text longer than MAX_TEXT
characters, no value nested deeper than MAX_DEPTH levels (the data needs six), and
no character YAML refuses (NUL and other control bytes, each reported at its place).

Speed: libyaml (PyYAML's C extension) reads the text into events; the node tree is
composed in Python, where aliases and anchors are caught. This is about five times
faster than PyYAML's pure-Python reader, which is used where the C extension is missing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .problems import Problem

DataPath = tuple  # a path into the data: ("themes", 0, "rows", 2, "id")

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_LEADING_TAB = re.compile(r"^[ ]*\t")
# Characters YAML does not allow in a file (its reader's own rule: NUL and other control bytes).
_NOT_YAML = yaml.reader.Reader.NON_PRINTABLE
MAX_TEXT = 20_000  # characters in one text (the longest in the data has about 700)
MAX_DEPTH = 50  # levels of nesting (the data needs six)


@dataclass
class Source:
    """A parsed data file: plain Python values plus where each one stands."""

    file: str
    data: Any
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    ends: dict[DataPath, tuple[int, int]] = field(default_factory=dict)  # where each value's text ends
    text: str = ""  # the file as read

    # Position of the value at `path`, or of its nearest ancestor that has one.
    def position(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    # Where the n-th `fragment` stands inside the value at `path` (the value's start if it is not written as such).
    def fragment_position(self, path: DataPath, fragment: str, occurrence: int = 1) -> tuple[int, int]:
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        start, end = self.positions.get(path, (1, 1)), self.ends.get(path)
        if end is None:
            return start
        lines = self.text.split("\n")
        offset = sum(len(line) + 1 for line in lines[: start[0] - 1]) + start[1] - 1
        stop = sum(len(line) + 1 for line in lines[: end[0] - 1]) + end[1] - 1
        found = offset - 1
        for _ in range(occurrence):
            found = self.text.find(fragment, found + 1, stop)
            if found < 0:
                return start  # written with an escape such as "\u202e": the value's start
        line = self.text.count("\n", 0, found) + 1
        return line, found - (self.text.rfind("\n", 0, found) + 1) + 1

    # A Problem located at `path` in this file (at `fragment` inside the value, when given).
    def problem(
        self,
        path: DataPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        fragment: tuple[str, int] | None = None,
    ) -> Problem:
        line, column = self.fragment_position(path, *fragment) if fragment else self.position(path, key=key)
        return Problem(self.file, line, column, describe_path(self.data, path), message, hint)


# How a list's entry is called, where dropping the final "s" is not enough.
_ENTRY_NAMES = {
    "bridge": "bridge item",
    "current_actions": "current action",
    "support_kinds": "kind",
    "falls_back_in": "language",
    "countries": "country",
    "strings": "string",
    "covers": "column",
    "in_seeds": "seed mention",
    "costs": "cost",
    "offers": "offer",
    "conflicts": "conflict note",
    "activities": "activity",
    "strengthening": "area",
    "guideline_priorities": "priority",
}


def describe_path(data: Any, path: DataPath) -> str:
    """Where a value stands, in the data's own words: theme 1 › row 1.2 › needs › need 2 › text."""
    parts: list[str] = []
    node, container = data, ""
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            name = _ENTRY_NAMES.get(container, container.removesuffix("s"))
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else step + 1
            if parts and parts[-1] == container:
                parts.pop()
            parts.append(f"{name} {label}")
            node = item
        else:
            parts.append(str(step))
            container = str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return " › ".join(parts)


class _PythonEventReader(Reader, Scanner, Parser):
    """PyYAML's pure-Python event reader (where libyaml is missing, and to check libyaml against)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


def _event_reader() -> type:
    """libyaml's event reader (PyYAML's wheels include it), else PyYAML's own in Python."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - a PyYAML built without libyaml
        return _PythonEventReader
    return CParser


def _strict_loader(reader: type) -> type:
    """A strict node reader on top of `reader` (libyaml's or PyYAML's events)."""

    class StrictLoader(Composer, reader, Resolver):
        """Composes nodes in Python, resolves every plain scalar to a string and records misuse."""

        # No implicit typing at all: `NO`, `on`, `0123`, `17:30`, `2021-10-01`, `~` stay text.
        yaml_implicit_resolvers: dict = {}

        def __init__(self, stream: str) -> None:
            reader.__init__(self, stream)  # type: ignore[misc]  # `reader` is a class chosen at run time
            Composer.__init__(self)
            Resolver.__init__(self)
            self.misuse: list[tuple[Any, str, str]] = []  # (mark, message, hint)
            self.over_limits: list[tuple[Any, str, str]] = []  # (mark, message, hint): the models must not run
            self.depth = 0

        # Aliases (*name) would silently copy data: report, and go on with an empty value.
        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            if self.check_event(AliasEvent):
                event = self.get_event()
                self.misuse.append(
                    (
                        event.start_mark,
                        f"the alias '*{event.anchor}' copies data from elsewhere in the file",
                        "write the value out in full; aliases are not allowed in data files",
                    )
                )
                return ScalarNode(_STR, "", event.start_mark, event.end_mark, style="'")
            event = self.peek_event()
            marks: tuple[Any, Any] = (event.start_mark, event.end_mark)  # libyaml's or PyYAML's marks
            if getattr(event, "anchor", None):
                self.misuse.append(
                    (
                        event.start_mark,
                        f"the anchor '&{event.anchor}' is not allowed in data files",
                        "remove '&" + event.anchor + "'; write repeated values out in full",
                    )
                )
            if isinstance(event, ScalarEvent) and len(event.value) > MAX_TEXT:
                self.over_limits.append(
                    (
                        event.start_mark,
                        f"this text has {len(event.value):,} characters; a text may have at most {MAX_TEXT:,}",
                        "shorten it: a long document belongs in shared/seeds or a hand-written page, cited from here",
                    )
                )
            if isinstance(event, CollectionStartEvent) and self.depth >= MAX_DEPTH:
                self.over_limits.append(
                    (
                        event.start_mark,
                        f"the data is nested more than {MAX_DEPTH} levels deep here",
                        "data files need far fewer levels: look for a '[' or '{' that is never closed, "
                        "or lines indented further and further",
                    )
                )
                self._skip_collection()
                return ScalarNode(_STR, "", *marks, style="'")
            self.depth += 1
            try:
                return Composer.compose_node(self, parent, index)
            finally:
                self.depth -= 1

        # Read past a whole list or block without composing it (without recursion, however deep it is).
        def _skip_collection(self) -> None:
            level = 0
            while True:
                event = self.get_event()
                level += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
                if level == 0:
                    return

    return StrictLoader


_StrictLoader = _strict_loader(_event_reader())


def read_yaml(path: Path, display_name: str) -> tuple[Source | None, list[Problem]]:
    """Parse one data file; return its Source (None if unreadable) and problems found."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(display_name, 1, 1, "", "the file does not exist", f"create {display_name}")]
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return None, [
            Problem(display_name, line, 1, "", "the file is not valid UTF-8 text", "save the file with UTF-8 encoding")
        ]
    return parse_yaml(text, display_name)


def parse_yaml(
    text: str, display_name: str, *, loader_class: type = _StrictLoader
) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text strictly; see the module docstring for the rules."""
    problems = _find_characters_yaml_refuses(text, display_name) + _find_tab_indentation(text, display_name)
    if problems:
        return None, problems
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, display_name, text)]
    except yaml.YAMLError as err:  # errors without a position
        return None, [
            Problem(
                display_name, 1, 1, "", f"the file is not valid YAML: {err}", "check the file against a working example"
            )
        ]
    finally:
        loader.dispose()
    problems = [Problem(display_name, m.line + 1, m.column + 1, "", msg, hint) for m, msg, hint in loader.misuse]
    if loader.over_limits:
        return None, problems + [
            Problem(display_name, m.line + 1, m.column + 1, "", msg, hint) for m, msg, hint in loader.over_limits
        ]
    if root is None:
        problems.append(
            Problem(display_name, 1, 1, "", "the file is empty", "restore the file's content from the repository")
        )
        return None, problems
    source = Source(display_name, None, text=text)
    source.data = _to_python(root, (), source, problems)
    return source, problems


# NUL and other control bytes: YAML's reader stops at the first with no line; name each one's place.
def _find_characters_yaml_refuses(text: str, name: str) -> list[Problem]:
    found = []
    for match in _NOT_YAML.finditer(text):
        char = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        label = "NUL" if char == "\0" else unicodedata.name(char, "CONTROL CHARACTER")
        found.append(
            Problem(
                name,
                line,
                column,
                "",
                f"the file contains U+{ord(char):04X} {label}, an invisible control character that YAML does not allow",
                "delete it (it is invisible in most editors: delete the characters around this column and retype "
                "them); such characters come from copying out of a PDF, a word processor or a binary file",
            )
        )
    return found


# Tabs in indentation give cryptic scanner errors; name the line instead.
def _find_tab_indentation(text: str, name: str) -> list[Problem]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _LEADING_TAB.match(line):
            column = line.index("\t") + 1
            found.append(
                Problem(
                    name,
                    number,
                    column,
                    "",
                    "this line is indented with a tab character",
                    "indent with spaces only (two spaces per level)",
                )
            )
    return found


# Turn PyYAML's scanner/parser message into a maintainer-friendly one.
def _syntax_problem(err: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = (err.problem or err.context or "unreadable YAML").strip()
    if "expected a single document" in (err.context or ""):
        return Problem(
            name,
            line,
            column,
            "",
            "a line '---' starts a second document here, and a data file holds one",
            "delete the '---' line (if a second file was pasted in, move its entries into the lists above)",
        )
    opened = _open_quote_before(text, line)
    if opened:
        quote_line, quote_column, quote = opened
        twice = "write it twice ('')" if quote == "'" else 'write it as \\"'
        other = '"' if quote == "'" else "'"
        return Problem(
            name,
            quote_line,
            quote_column,
            "",
            f"the text that starts here with {quote} is not closed on its line"
            + (f" (the YAML reader only stumbles on line {line})" if line != quote_line else ""),
            f"end the text with {quote}; to write {quote} inside it, {twice} or put the whole text in {other} quotes",
        )
    hint = (
        "check the indentation of this line and the one above it; "
        "values that contain ': ' or start with a quote must be quoted as a whole"
    )
    # The messages are libyaml's (and, where it is missing, PyYAML's own wording).
    if any(text in detail for text in ("expected <block end>", "did not find expected key", "mapping values")):
        hint = (
            "the indentation does not line up, or a value contains ': ' and must be quoted; "
            "align this line with its siblings (spaces only) or put the value in double quotes"
        )
    elif "could not find expected ':'" in detail:
        hint = "a line is missing the ':' after its field name, or a text value spans lines without quotes"
    elif "found undefined tag handle" in detail or "found unknown escape" in detail:
        hint = "put the value in double quotes and do not start it with '!' or use backslashes"
    return Problem(name, line, column, "", f"the YAML cannot be read: {detail}", hint)


# A quoted text that is not closed on the line it starts, and runs on to `error_line` (still open there,
# or closed only there by the opening quote of another value): (line, column, quote) of its start, or None.
def _open_quote_before(text: str, error_line: int) -> tuple[int, int, str] | None:
    opened: tuple[int, int, str] | None = None
    for number, line in enumerate(text.split("\n")[:error_line], start=1):
        column = 0
        while column < len(line):
            char = line[column]
            if opened:
                if char == "\\" and opened[2] == '"':
                    column += 1
                elif char == opened[2] and line[column : column + 2] == "''" and char == "'":
                    column += 1
                elif char == opened[2]:
                    if number == error_line and opened[0] < number:
                        return opened
                    opened = None
            elif char == "#" and (column == 0 or line[column - 1] == " "):
                break
            elif char in "'\"" and line[:column].rstrip()[-1:] in ("", ":", "-", "[", "{", ","):
                opened = (number, column + 1, char)
            column += 1
    return opened if opened and opened[0] < error_line else None


# Convert a node tree to dicts/lists/strings while recording positions and misuse.
def _to_python(node: Node, path: DataPath, source: Source, problems: list[Problem]) -> Any:
    source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    source.ends[path] = (node.end_mark.line + 1, node.end_mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.tag != _STR:
            problems.append(
                source.problem(
                    path,
                    f"the tag '{node.tag}' is not allowed in data files",
                    "remove the '!' tag and write the plain value",
                )
            )
            return node.value
        # An empty plain value (`key:`) means "nothing"; a quoted '' is an empty text.
        if node.style is None and node.value == "":
            return None
        return node.value
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            problems.append(
                source.problem(path, f"the tag '{node.tag}' is not allowed in data files", "remove the '!' tag")
            )
        return [_to_python(item, (*path, i), source, problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            problems.append(
                source.problem(path, f"the tag '{node.tag}' is not allowed in data files", "remove the '!' tag")
            )
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key_col = key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                problems.append(
                    Problem(
                        source.file,
                        key_line,
                        key_col,
                        describe_path(source.data, path),
                        "a field name must be plain text",
                        "write the field name as a word followed by ':'",
                    )
                )
                continue
            key = key_node.value
            if key in first_seen:
                problems.append(
                    Problem(
                        source.file,
                        key_line,
                        key_col,
                        describe_path(source.data, (*path, key)),
                        f"the field '{key}' appears twice in the same block (first on line {first_seen[key]})",
                        "keep one of the two and delete the other; YAML would silently keep only the last",
                    )
                )
                continue
            first_seen[key] = key_line
            source.key_positions[(*path, key)] = (key_line, key_col)
            result[key] = _to_python(value_node, (*path, key), source, problems)
        return result
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - PyYAML has no other kinds
