"""Interface strings of generated pages and theme overrides (`data/ui.yaml`).

Kept as data, with the same localized-text type as everything else, so a new
language is added by translating entries, never by editing code.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from .common import LocalizedText, Model, described

StringKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class UiFile(Model):
    """The whole of `data/ui.yaml`."""

    strings: dict[StringKey, LocalizedText] = described(
        "Strings",
        "Interface text by key; keys are used by templates and renderers.",
        {"sources": {"en": "Sources", "fr": {"text": "Sources", "status": "draft"}}},
    )
