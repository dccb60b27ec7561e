"""A language's search data as one classic script for the browser (it loads from file://), and read back."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .index import SearchDocument, build_index

# Name of the JavaScript global the index file assigns (a script, because file:// blocks fetch).
GLOBAL_NAME = "kbSearchData"


# The result lines are written DOCS_PER_PART to a part of the script.
DOCS_PER_PART = 100


def index_script(data: dict) -> str:
    """A language's search data as one classic script (it loads from file://), UTF-8 rather than \\u escapes.

    The first line sets window.kbSearchData to the manifest (pipeline, fields, shard keys);
    the second adds its parts, each a JSON text in a string: shard n is part `t<n>`, the
    result lines of documents 100c..100c+99 are part `d<c>`. The browser parses only the
    parts a query needs. Every part travels with the first query, whatever it is: which
    parts a reader fetched would tell the server, and anyone watching the line, the first
    letters of what they searched for.
    """
    docs = data["docs"]
    chunks = [docs[start : start + DOCS_PER_PART] for start in range(0, len(docs), DOCS_PER_PART)]
    manifest = {key: value for key, value in data.items() if key not in ("shards", "docs")}
    manifest.update(docs=len(docs), docs_per_part=DOCS_PER_PART)
    parts = [(f"t{n}", shard) for n, shard in enumerate(data["shards"])] + [
        (f"d{c}", chunk) for c, chunk in enumerate(chunks)
    ]
    listed = ",".join(f"\"{name}\":'{_js_string(_json(item))}'" for name, item in parts)
    return (
        f"window.{GLOBAL_NAME}=JSON.parse('{_js_string(_json(manifest))}');\nwindow.{GLOBAL_NAME}.parts={{{listed}}};\n"
    )


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _js_string(text: str) -> str:
    """Text for a single-quoted JavaScript string.

    JSON goes into scripts as strings handed to JSON.parse, rather than written as JavaScript
    objects: browsers parse JSON several times faster (seed: 50-80 ms to 9 ms on a 4x throttled CPU).
    """
    return _JS_ESCAPE.sub(lambda m: _JS_ESCAPES[m[0]], text)


# What a single-quoted JavaScript string cannot hold as it is (and its escape), and back.
_JS_ESCAPES = {"\\": "\\\\", "'": "\\'", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_ESCAPE = re.compile("[\\\\'\u2028\u2029]")
_JS_UNESCAPE = re.compile(r"\\(\\|'|u2028|u2029)")
_JS_UNESCAPES = {"\\": "\\", "'": "'", "u2028": "\u2028", "u2029": "\u2029"}
_STRING = r"'((?:[^'\\]|\\.)*)'"
_MANIFEST = re.compile(rf"window\.{GLOBAL_NAME}=JSON\.parse\({_STRING}\);")
_PART = re.compile(rf'"([td]\d+)":{_STRING}')


def _unescape(text: str) -> str:
    return _JS_UNESCAPE.sub(lambda m: _JS_UNESCAPES[m[1]], text)


def write_index(language: str, documents: list[SearchDocument], target: Path) -> int:
    """Build one language's search data and write it as a script; return its size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(build_index(language, documents)), encoding="utf-8")
    return target.stat().st_size


def read_index_script(path: Path) -> dict:
    """A language's search data as `build_index` made it, read back from its script (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    match = _MANIFEST.fullmatch(first)
    if match is None or not rest.startswith(f"window.{GLOBAL_NAME}.parts="):
        raise ValueError(f"{path} is not a search index written by whrdkb")
    manifest = json.loads(_unescape(match[1]))
    parts = {name: json.loads(_unescape(body)) for name, body in _PART.findall(rest)}
    count, per_part = manifest.pop("docs"), manifest.pop("docs_per_part")
    shards = [parts[f"t{n}"] for n in range(len(manifest["keys"]))]
    docs = [doc for c in range(-(-count // per_part)) for doc in parts[f"d{c}"]]
    return {**manifest, "shards": shards, "docs": docs}
