"""Read a YAML data file strictly, remembering where every value came from.

PyYAML's defaults are unsafe for volunteer-edited data: `NO` becomes False,
`0123` an octal number, `17:30` the integer 1050, and a repeated key silently
replaces the first. Here every scalar is kept as the text the maintainer typed
(typed fields are parsed later by the models), duplicate keys are errors, and
anchors, aliases and custom tags are rejected. Positions are kept per path so
that model errors can point at `file:line:column`.

Speed: libyaml (PyYAML's C extension) reads the text into events; the node tree is
composed in Python, where aliases and anchors are caught. This is about five times
faster than PyYAML's pure-Python reader, which is used where the C extension is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .problems import Problem

Path_ = tuple  # a path into the data: ("themes", 0, "rows", 2, "id")

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_LEADING_TAB = re.compile(r"^[ ]*\t")


@dataclass
class Source:
    """A parsed data file: plain Python values plus where each one stands."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    # Position of the value at `path`, or of its nearest ancestor that has one.
    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    # A Problem located at `path` in this file.
    def problem(self, path: Path_, message: str, hint: str = "", *, key: bool = False) -> Problem:
        line, column = self.position(path, key=key)
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


def describe_path(data: Any, path: Path_) -> str:
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


try:  # libyaml's event reader; PyYAML's wheels include it
    from yaml._yaml import CParser as _EventReader
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    _EventReader = _PythonEventReader


def _strict_loader(reader: type) -> type:
    """A strict node reader on top of `reader` (libyaml's or PyYAML's events)."""

    class StrictLoader(Composer, reader, Resolver):
        """Composes nodes in Python, resolves every plain scalar to a string and records misuse."""

        # No implicit typing at all: `NO`, `on`, `0123`, `17:30`, `2021-10-01`, `~` stay text.
        yaml_implicit_resolvers: dict = {}

        def __init__(self, stream: str) -> None:
            reader.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self.misuse: list[tuple[Any, str, str]] = []  # (mark, message, hint)

        # Aliases (*name) would silently copy data: report, and go on with an empty value.
        def compose_node(self, parent: Node | None, index: Any) -> Node:
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
            if getattr(event, "anchor", None):
                self.misuse.append(
                    (
                        event.start_mark,
                        f"the anchor '&{event.anchor}' is not allowed in data files",
                        "remove '&" + event.anchor + "'; write repeated values out in full",
                    )
                )
            return Composer.compose_node(self, parent, index)

    return StrictLoader


_StrictLoader = _strict_loader(_EventReader)


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
    problems = _find_tab_indentation(text, display_name)
    if problems:
        return None, problems
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, display_name)]
    except yaml.YAMLError as err:  # errors without a position
        return None, [
            Problem(
                display_name, 1, 1, "", f"the file is not valid YAML: {err}", "check the file against a working example"
            )
        ]
    finally:
        loader.dispose()
    problems = [Problem(display_name, m.line + 1, m.column + 1, "", msg, hint) for m, msg, hint in loader.misuse]
    if root is None:
        problems.append(
            Problem(display_name, 1, 1, "", "the file is empty", "restore the file's content from the repository")
        )
        return None, problems
    source = Source(display_name, None)
    source.data = _to_python(root, (), source, problems)
    return source, problems


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
def _syntax_problem(err: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = (err.problem or err.context or "unreadable YAML").strip()
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


# Convert a node tree to dicts/lists/strings while recording positions and misuse.
def _to_python(node: Node, path: Path_, source: Source, problems: list[Problem]) -> Any:
    source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
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
