"""Controlled vocabularies (`data/vocabularies.yaml`): tags, actors, kinds of support, audiences, regions."""

from __future__ import annotations

from .common import Id, LocalizedText, Model, StrictBool, Text, described
from .geo import AreaCode


class Term(Model):
    """One entry of a controlled vocabulary."""

    id: Id = described("Id", "Used by other files to refer to this term.", "psychosocial")
    label: LocalizedText = described("Label", "The term as readers see it.", "Psychosocial support")
    description: LocalizedText = described(
        "Description",
        "One sentence saying what the term covers.",
        "Mental health, stress, trauma and well-being of defenders.",
    )


class SupportKind(Term):
    """A kind of support services offer; `local` kinds make pathway outcomes ask where the reader is."""

    local: StrictBool = described(
        "Depends on where you are",
        "true if this help is given in particular countries or regions (a shelter, a lawyer, a local network): "
        "a defenders' pathway outcome that refers to this kind first asks the reader where she is, "
        "and lists first the services that work there.",
        True,
        default=False,
    )


class Region(Model):
    """A UN M49 region and the countries in it, so a country's page also lists region-wide services."""

    code: AreaCode = described("M49 code", "The region's UN M49 code.", "002")
    countries: list[AreaCode] = described(
        "Countries",
        "ISO 3166 codes of the countries and territories in the region.",
        ["KE", "UG"],
        min_length=1,
    )
    source: Text = described(
        "Source",
        "Where the membership comes from.",
        "UN M49 standard, https://unstats.un.org/unsd/methodology/m49/",
    )


class VocabulariesFile(Model):
    """The whole of `data/vocabularies.yaml`."""

    tags: list[Term] = described("Tags", "Topics that matrix rows are tagged with.", [], min_length=1)
    actors: list[Term] = described(
        "Actors",
        "Who a matrix item asks to act (diplomatic missions, donors, defenders' organisations).",
        [],
        min_length=1,
    )
    support_kinds: list[SupportKind] = described(
        "Kinds of support",
        "What a service in the directory offers.",
        [],
        min_length=1,
    )
    audiences: list[Term] = described(
        "Audiences",
        "Who a service serves (women defenders, journalists, organisations, ...).",
        [],
        min_length=1,
    )
    regions: list[Region] = described(
        "Regions",
        "Regions that services name, with their countries.",
        [],
        default_factory=list,
    )
