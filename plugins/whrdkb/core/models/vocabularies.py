"""Controlled vocabularies (`data/vocabularies.yaml`): tags, actors, kinds of support."""

from __future__ import annotations

from .common import Id, LocalizedText, Model, described


class Term(Model):
    """One entry of a controlled vocabulary."""

    id: Id = described("Id", "Used by other files to refer to this term.", "psychosocial")
    label: LocalizedText = described("Label", "The term as readers see it.", "Psychosocial support")
    description: LocalizedText = described(
        "Description", "One sentence saying what the term covers.",
        "Mental health, stress, trauma and well-being of defenders.",
    )


class VocabulariesFile(Model):
    """The whole of `data/vocabularies.yaml`."""

    tags: list[Term] = described("Tags", "Topics that matrix rows are tagged with.", [], min_length=1)
    actors: list[Term] = described(
        "Actors", "Who a matrix item asks to act (diplomatic missions, donors, defenders' organisations).",
        [], min_length=1,
    )
    support_kinds: list[Term] = described(
        "Kinds of support", "What a service in the directory offers.", [], min_length=1,
    )
