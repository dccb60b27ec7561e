"""Markdown output that cannot carry markup from data.

Text from YAML is plain text. `escape_text` turns it into Markdown that renders
as exactly those characters: HTML is entity-escaped (so `<script>` shows as
text), Markdown and extension syntax (`[x](javascript:..)`, `{: onclick=..}`,
`*`, `_`, backticks, a leading `#`, `-` or `1.`) is neutralised with numeric
character references. The Jinja environment applies it to every `{{ }}` by
default; only values wrapped in `Safe` (built by our own code) pass unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

# Characters with a meaning in Markdown or in the extensions we enable.
_SPECIAL = {c: f"&#{ord(c)};" for c in '\\`*_{}[]<>|~^=$!#&"'}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
# "1. " or "1) " opens an ordered list; a leading "-" or "+" a list or a rule.
_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+])")
_WHITESPACE = re.compile(r"\s+")


class Safe(str):
    """Markdown built by our own code from escaped parts; passes the finalizer unchanged."""


def escape_text(text: object) -> Safe:
    """Plain text → Markdown that renders as the same characters, on one line.

    Whitespace runs become one space; ends are kept (the models already trim
    data text, and templates rely on literal separators such as ", ").
    """
    value = _WHITESPACE.sub(" ", str(text))
    value = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], value)
    # A leading "1." or "-" would start a list when the text opens a paragraph.
    value = _LINE_START.sub(
        lambda m: f"{m.group(1)}&#{ord(m.group(2))};" if m.group(1) else f"&#{ord(m.group(3))};", value
    )
    return Safe(value)


_URL_SCHEMES = ("https://", "http://", "mailto:", "tel:", "sms:")
# Characters that would end or break a Markdown link destination.
_URL_BREAKERS = {c: f"%{ord(c):02X}" for c in " ()<>[]\"'`\\"}


class UnsafeURLError(ValueError):
    """A URL with a scheme readers must not be sent to."""


def escape_url(url: object) -> Safe:
    """A URL for a Markdown link destination: allowed schemes only, link-breaking characters percent-encoded."""
    value = str(url).strip()
    if not value.lower().startswith(_URL_SCHEMES):
        raise UnsafeURLError(f"refusing to link {value!r}: only https, http, mailto, tel and sms links are generated")
    return Safe("".join(_URL_BREAKERS.get(c, c) for c in value))


def escape_html(text: object) -> str:
    """Plain text → HTML text (for front matter titles rendered raw by the theme)."""
    value = _WHITESPACE.sub(" ", str(text)).strip()
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def front_matter(fields: dict[str, str]) -> Safe:
    """A YAML front matter block; values are JSON strings, which YAML reads verbatim."""
    lines = ["---", *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()), "---"]
    return Safe("\n".join(lines) + "\n")


def slug(identifier: str) -> str:
    """Page name for an id: 1.3 → 1-3."""
    return identifier.replace(".", "-")


def _finalize(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Safe):
        return value
    return escape_text(value)


def make_environment() -> jinja2.Environment:
    """Jinja environment for Markdown templates: escaping on by default, strict undefined."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: escaping is done by _finalize
    )
