"""Referral pathways (`data/pathways.yaml`): from "what is happening to me" to what to do and who can help.

A pathway is a small graph: a start step, question steps whose options lead to
another step or to an outcome, and outcomes with ordered actions, referrals to
the directory and the matrix rows that apply. Every action says what it is
based on (a matrix row, a directory entry or a seed), so no procedure is
invented. Graph rules (no dead option, no unreachable step, no cycle) are
checked by the loader with the file and line of the problem.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Annotated, Literal

from pydantic import StringConstraints, model_validator

from .common import (
    SOURCE_LANGUAGE,
    Id,
    KindRef,
    LocalizedText,
    Model,
    RowRef,
    ServiceRef,
    described,
    iter_localized,
    rule_error,
    search_keywords,
)
from .geo import AreaCode, LanguageCode

SeedName = Annotated[str, StringConstraints(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")]


class Option(Model):
    """One answer to a question, leading to the next step or to an outcome."""

    label: LocalizedText = described("Label", "The answer as the reader sees it.", "Yes, I am in danger right now")
    next: Id = described("Leads to", "Id of a step or an outcome of the same pathway.", "emergency-now")


class Step(Model):
    """A question with its answers."""

    id: Id = described("Id", "Unique within the pathway; also the page address.", "start")
    question: LocalizedText = described("Question", "What the reader is asked.", "Are you in danger right now?")
    help: LocalizedText | None = described(
        "Help text",
        "A sentence that helps answer the question.",
        "Choose the answer closest to your situation.",
        default=None,
    )
    options: list[Option] = described("Options", "The possible answers, at least two.", [], min_length=2)


class Action(Model):
    """One thing to do, with what it is based on."""

    text: LocalizedText = described(
        "Text",
        "What to do, worded from the source it is based on.",
        "Contact a 24-hour emergency line for human rights defenders.",
    )
    rows: list[RowRef] = described(
        "Matrix rows", "Rows of the matrix this action comes from.", ["1.3"], default_factory=list
    )
    services: list[ServiceRef] = described(
        "Directory entries",
        "Entries whose sourced facts this action states.",
        ["front-line-defenders"],
        default_factory=list,
    )
    seeds: list[SeedName] = described(
        "Seeds",
        "Seed documents this action comes from.",
        ["003_a191a315273ca827.txt"],
        default_factory=list,
    )

    @model_validator(mode="after")
    def _based_on_something(self) -> Action:
        if not (self.rows or self.services or self.seeds):
            raise rule_error(
                "an action must say what it is based on",
                "add 'rows:', 'services:' or 'seeds:' naming the source of this advice; do not invent procedures",
            )
        return self


class Referral(Model):
    """Who can help: every directory entry of a kind of support (optionally narrowed), or one named entry."""

    kind: KindRef | None = described(
        "Kind of support", "An id of vocabularies.yaml support_kinds.", "emergency-line", default=None
    )
    service: ServiceRef | None = described(
        "Directory entry", "The id of one entry of services.yaml.", "shelter-city", default=None
    )
    areas: list[AreaCode] = described(
        "Only for areas",
        "With a kind: only entries that work in one of these areas.",
        ["002"],
        default_factory=list,
    )
    languages: list[LanguageCode] = described(
        "Only in languages",
        "With a kind: only entries that work in one of these languages.",
        ["es"],
        default_factory=list,
    )

    @model_validator(mode="after")
    def _kind_or_service(self) -> Referral:
        if (self.kind is None) == (self.service is None):
            raise rule_error(
                "a referral names either a kind of support or one directory entry",
                "write 'kind: emergency-line' or 'service: front-line-defenders', not both or neither",
                at=("service",) if self.service else (),
            )
        if self.service and (self.areas or self.languages):
            raise rule_error(
                "areas and languages narrow a kind of support, not a named entry",
                "remove 'areas:'/'languages:' or refer to a kind instead",
                at=("areas",) if self.areas else ("languages",),
            )
        return self


class Outcome(Model):
    """Where a path ends: what to do now, who can help, which recommendations apply."""

    id: Id = described("Id", "Unique within the pathway; also the page address.", "relocate-abroad")
    title: LocalizedText = described(
        "Title", "A short summary of the situation reached.", "Relocating abroad for a while"
    )
    actions: list[Action] = described("What to do now", "Ordered actions.", [], min_length=1)
    referrals: list[Referral] = described("Who can help", "Kinds of support or named entries.", [], min_length=1)
    rows: list[RowRef] = described("Related recommendations", "Matrix rows that apply.", ["1.1"], default_factory=list)
    keywords: LocalizedText | None = search_keywords()


class Pathway(Model):
    """A decision tree for one situation."""

    id: Id = described("Id", "Unique; also the pathway's address.", "physical-danger")
    audience: Literal["defenders", "mission-staff"] = described(
        "For whom",
        "'defenders' or 'mission-staff'.",
        "defenders",
    )
    title: LocalizedText = described("Title", "The situation, in the reader's words.", "I am in physical danger")
    summary: LocalizedText = described(
        "Summary", "One sentence on what the pathway covers.", "Immediate danger, or needing to relocate for a while."
    )
    keywords: LocalizedText | None = search_keywords()
    rows: list[RowRef] = described("Matrix rows", "The rows the pathway is about.", ["1.1"], min_length=1)
    start: Id = described("Start", "Id of the first step.", "start")
    steps: list[Step] = described("Steps", "The questions.", [], min_length=1)
    outcomes: list[Outcome] = described("Outcomes", "Where the paths end.", [], min_length=1)
    falls_back_in: list[LanguageCode] = described(
        "Shown in English in",
        "Languages whose translation of this pathway is incomplete: its pages say so and show English text. "
        "A language into which some texts of the pathway are translated must be listed here unless all are; "
        "a language with no translation at all is shown in English without being listed.",
        ["fr"],
        default_factory=list,
    )

    @cached_property
    def _translation_counts(self) -> tuple[int, Counter]:
        """How many texts the pathway has, and how many of them each language translates (one walk)."""
        texts = [text for _, text in iter_localized(self)]
        return len(texts), Counter(language for text in texts for language in text.translations)

    def translated_into(self, language: str) -> str:
        """'all', 'none' or 'some': how much of the pathway has a translation into `language`."""
        total, counts = self._translation_counts
        return "all" if counts[language] == total else "none" if counts[language] == 0 else "some"

    def shown_in_english(self, language: str) -> bool:
        """Whether the pathway's pages in `language` show its English text (with a notice)."""
        if language == SOURCE_LANGUAGE:
            return False
        return language in self.falls_back_in or self.translated_into(language) == "none"


class PathwaysFile(Model):
    """The whole of `data/pathways.yaml`."""

    pathways: list[Pathway] = described("Pathways", "Every pathway, defenders' first.", [], min_length=1)
