"""The recommendation matrix (`data/recommendations.yaml`).

Seed 004 prints, per theme, a heading row and numbered rows with four columns:
the problem, what WHRDs need, what missions do today, and how missions can
bridge the gap. A `√` in the last column is data: `current_action_answers_need`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .common import (
    ActorRef,
    DocumentRef,
    Id,
    KindRef,
    LocalizedText,
    Model,
    PartialDate,
    StrictBool,
    TagRef,
    Text,
    check_seed_name,
    described,
    rule_error,
    search_keywords,
)
from .textrules import check_text

Column = Literal["problem", "needs", "current_actions", "bridge"]
COLUMNS: tuple[Column, ...] = ("problem", "needs", "current_actions", "bridge")


class SourceDocument(Model):
    """A document the matrix is taken from."""

    id: Id = described("Id", "Short id used by rows to cite this document.", "wo-men-2021")
    title: Text = described(
        "Title",
        "The document's title as printed.",
        "Protection of women human rights defenders: how can diplomatic missions support?",
    )
    publisher: Text = described(
        "Publisher",
        "Who published the document, as printed.",
        "WO=MEN Dutch Gender Platform, Peace Brigades International - the Netherlands and Cordaid",
    )
    place: Text | None = described("Place", "Where it was published, if printed.", "The Hague", default=None)
    date: PartialDate | None = described(
        "Date",
        "Publication date as printed: YYYY, YYYY-MM or YYYY-MM-DD; left out if the source prints none.",
        "2021-10",
        default=None,
    )
    seed: Annotated[str | None, AfterValidator(check_seed_name)] = described(
        "Seed file",
        "File name of the copy in shared/seeds, if the project holds one.",
        "004_b37d2c9f91396e89.txt",
        default=None,
    )
    url: Annotated[str, Field(pattern=r"^https://"), AfterValidator(check_text)] | None = described(
        "Public address",
        "A public https address of the publisher's own copy, if known.",
        "https://example.org/report.pdf",
        default=None,
    )

    @model_validator(mode="after")
    def _traceable(self) -> SourceDocument:
        if not self.seed and not self.url:
            raise rule_error(
                "a source needs a seed file name or a public address",
                "add 'seed:' with the file name in shared/seeds, or 'url:' with the publisher's https address",
            )
        return self


class Citation(Model):
    """A row's reference to a source document."""

    source: DocumentRef = described("Source id", "The id of a document listed under `sources`.", "wo-men-2021")
    locator: Text | None = described(
        "Where in the source",
        "Page, table or row where the text stands.",
        "matrix, row 1.2",
        default=None,
    )
    covers: list[Column] = described(
        "Columns covered",
        "Which columns of the row this source states (all four if left out).",
        ["problem", "needs"],
        default_factory=lambda: list(COLUMNS),
    )


class Item(Model):
    """One separate item of a matrix cell, in the source's own words."""

    text: LocalizedText = described(
        "Text",
        "The item as printed in the source; translations are drafts until reviewed.",
        "Rapid response funding",
    )
    actors: list[ActorRef] = described(
        "Addressed to",
        "Ids of the actors (see vocabularies.yaml) this item asks to act.",
        ["diplomatic-missions"],
        min_length=1,
    )


class Row(Model):
    """One row of the matrix: a problem and the three columns that answer it."""

    id: Id = described("Row id", "The row number as printed (for example 1.3); also its page address.", "1.3")
    numbering: Literal["printed", "inferred"] = described(
        "Numbering",
        "'printed' if the source numbers the row, 'inferred' if the editors gave the number.",
        "printed",
        default="printed",
    )
    short_title: LocalizedText = described(
        "Short title",
        "A short label written by the editors (not from the source) for links and page titles.",
        "Psychological stress and trauma",
    )
    problem: LocalizedText = described(
        "What is the problem?",
        "The first column, as printed.",
        "Psychological stress and trauma",
    )
    needs: list[Item] = described(
        "What do WHRDs need?",
        "The second column, one item per need.",
        [
            {
                "text": "Providing Mental Health and Psychosocial Support (MHPSS) services",
                "actors": ["diplomatic-missions"],
            }
        ],
        default_factory=list,
    )
    current_actions: list[Item] = described(
        "What do missions do today?",
        "The third column, one item per action.",
        [{"text": "Documentation of attacks", "actors": ["diplomatic-missions"]}],
        default_factory=list,
    )
    bridge: list[Item] = described(
        "How can missions bridge the gap?",
        "The fourth column, one item per recommendation.",
        [{"text": "Presence of mission staff during hearings", "actors": ["diplomatic-missions"]}],
        default_factory=list,
    )
    current_action_answers_need: StrictBool = described(
        "Today's action answers the need (√)",
        "true where the source prints √ in the last column: what missions do today already answers the need.",
        True,
        default=False,
    )
    tags: list[TagRef] = described(
        "Tags",
        "Ids of tags (see vocabularies.yaml) that describe the row.",
        ["psychosocial"],
        min_length=1,
    )
    support_kinds: list[KindRef] = described(
        "Kinds of support that answer it",
        "Ids of support_kinds (see vocabularies.yaml) whose services the row's page lists, and whose pages link back.",
        ["psychosocial-support"],
        default_factory=list,
    )
    sources: list[Citation] = described(
        "Sources",
        "The documents that state this row; the first is the main source.",
        [{"source": "wo-men-2021", "locator": "matrix, row 1.2"}],
        min_length=1,
    )
    keywords: LocalizedText | None = search_keywords()
    note: LocalizedText | None = described(
        "Editors' note",
        "Shown on the row's page: how the row was reconstructed from the source, where it is uncertain.",
        "The source prints this row without a number.",
        default=None,
    )

    @model_validator(mode="after")
    def _tick_or_bridge(self) -> Row:
        if self.current_action_answers_need and self.bridge:
            raise rule_error(
                "the row is marked √ (today's action answers the need) but also lists ways to bridge the gap",
                "the source prints either √ or recommendations in the last column: remove one of them",
                at=("current_action_answers_need",),
            )
        return self


class Theme(Model):
    """A theme of the matrix: its heading row and its rows."""

    id: Id = described("Theme id", "The theme number as printed.", "1")
    short_title: LocalizedText = described(
        "Short title",
        "A short label written by the editors for links and page titles.",
        "Safety of individual WHRDs",
    )
    problem: LocalizedText = described(
        "Theme problem",
        "The theme's heading in the first column.",
        "Lack of physical, mental, and economic safety of individual WHRDs",
    )
    needs: LocalizedText = described(
        "Theme heading, second column",
        "The theme's heading in the second column.",
        "Supporting physical, mental, and economic safety of individual WHRDs",
    )
    current_actions: LocalizedText = described(
        "Theme heading, third column",
        "The theme's heading in the third column.",
        "Supporting physical, mental, and economic safety of individual WHRDs",
    )
    bridge: LocalizedText = described(
        "Theme heading, fourth column",
        "The theme's heading in the fourth column.",
        "Supporting physical, mental, and economic safety of individual WHRDs",
    )
    rows: list[Row] = described("Rows", "The theme's rows, in the order printed.", [], min_length=1)


class ColumnHeadings(Model):
    """The four column headings of the matrix."""

    problem: LocalizedText = described("First column heading", "As printed.", "What is the problem?")
    needs: LocalizedText = described("Second column heading", "As printed.", "What do WHRDs need?")
    current_actions: LocalizedText = described(
        "Third column heading",
        "As printed.",
        "What current actions do diplomatic missions undertake?",
    )
    bridge: LocalizedText = described("Fourth column heading", "As printed.", "How can missions bridge the needs gap?")


class RecommendationsFile(Model):
    """The whole of `data/recommendations.yaml`."""

    sources: list[SourceDocument] = described(
        "Source documents",
        "Every document a row cites.",
        [],
        min_length=1,
    )
    columns: ColumnHeadings = described("Column headings", "The matrix's four column headings.", {})
    themes: list[Theme] = described("Themes", "The matrix's themes in printed order.", [], min_length=1)
