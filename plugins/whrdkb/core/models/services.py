"""The service directory (`data/services.yaml`).

Only the core of the model is here; the contact channels and their safety
rules are added with the directory itself. Every fact must name its source.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .common import Id, LocalizedText, Model, Text, described, rule_error


class WebSource(Model):
    """A public page, or a seed file, where a fact was read."""

    url: Text = described(
        "Address or seed", "The https address of the page, or the seed file name.", "https://sheltercity.org/apply/",
        pattern=r"^(https?://\S+|\d{3}_[0-9a-f]{16}\.txt)$",
    )
    date: dt.date = described("Date read", "The date of the page (or when it was read), YYYY-MM-DD.", "2026-11-21")
    quote: Text | None = described(
        "Quote", "A short quote from the source supporting the entry.",
        "Shelter City provides human rights defenders at risk a temporary place for three months", default=None,
    )


class Service(Model):
    """An organisation or programme that supports defenders."""

    id: Id = described("Id", "Short id, also the page address.", "shelter-city")
    name: Text = described("Name", "The organisation's or programme's own name.", "Shelter City (Justice & Peace Netherlands)")
    kinds: list[Id] = described(
        "Kinds of support", "Ids from vocabularies.yaml `support_kinds`.", ["temporary-relocation"], min_length=1,
    )
    summary: LocalizedText = described(
        "What it offers", "One or two sentences, in the source's words where possible.",
        "A temporary place for three months for human rights defenders at risk.",
    )
    status: Literal["active", "changed", "stopped"] = described(
        "Status", "Whether the service runs as described.", "active", default="active",
    )
    sources: list[WebSource] = described("Sources", "Where every fact in the entry was read.", [], min_length=1)
    last_verified: dt.date = described(
        "Last verified", "The date of the newest source, never the build date.", "2025-12-05",
    )

    @model_validator(mode="after")
    def _verified_is_newest_source(self) -> "Service":
        newest = max(s.date for s in self.sources)
        if self.last_verified != newest:
            raise rule_error(
                f"last_verified is {self.last_verified}, but the newest source is dated {newest}",
                f"set last_verified: {newest}",
            )
        return self


class ServicesFile(Model):
    """The whole of `data/services.yaml`."""

    services: list[Service] = Field(
        default_factory=list, title="Services", description="The directory's entries.", examples=[[]],
    )
