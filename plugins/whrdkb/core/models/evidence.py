"""Evidence from the field (`data/evidence.yaml`): what defenders' networks report they did and learned.

A progress report's table is entered exactly as printed, figure by figure,
with the totals the report states in its text. The site adds the rows up
itself (core/evidence.py) and says where the report's totals and its rows
disagree: nothing is corrected in the data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator

from .common import Id, LocalizedText, Model, SeedFile, described, rule_error
from .geo import AreaCode

_DIGITS = re.compile(r"^(0|[1-9][0-9]*)$")
MAX_DIGITS = 12


# The YAML reader keeps every value as text; a count is written as plain digits.
def _parse_count(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and _DIGITS.match(value.strip()):
        if len(value.strip()) > MAX_DIGITS:
            raise rule_error(
                f"this number has {len(value.strip()):,} digits; a count has at most {MAX_DIGITS}",
                "write the number as the source prints it; a longer one is a typing or pasting mistake",
            )
        return int(value.strip())
    raise rule_error(
        f"'{value}' is not a whole number",
        "write the number as the source prints it, digits only: no thousands separator, '%' or leading zero",
    )


Count = Annotated[int, BeforeValidator(_parse_count)]
"""A whole number as printed in the source (digits only)."""


class Group(Model):
    """Participants of one group (with or without disability), as printed."""

    men: Count = described("Men", "Men, as printed.", 280)
    women: Count = described("Women", "Women, as printed.", 300)
    total: Count = described("Total", "The group's total, as printed (not computed).", 580)


class Activity(Model):
    """One row of a progress table, every figure as printed."""

    number: Count = described("Number", "The row's number in the table (S L).", 1)
    name: LocalizedText = described("Activity", "The activity, as named in the table.", "Monthly Meetings")
    target: Count = described("Target (events)", "Events planned.", 14)
    achieved: Count = described("Achieved (events)", "Events held.", 14)
    without_disability: Group = described(
        "Participants without disability", "The table's three columns for participants without disability.", {}
    )
    with_disability: Group = described(
        "Participants with disability", "The table's three columns for persons with disabilities (PWD).", {}
    )
    total: Count = described("Total participants", "The row's total participants, as printed.", 580)
    achievement_percent: Count = described("% achievement", "The row's achievement, as printed, without '%'.", 100)


class StatedTotals(Model):
    """Totals the report states in its own words; left out where the report gives none."""

    planned: Count | None = described("Planned events", "Events planned, as the report states.", 130, default=None)
    completed: Count | None = described(
        "Completed events", "Events completed, as the report states.", 125, default=None
    )
    participants: Count | None = described(
        "Participants", "Participants in all, as the report states.", 1704, default=None
    )
    men: Count | None = described("Men", "Men taking part, as the report states.", 696, default=None)
    women: Count | None = described("Women", "Women taking part, as the report states.", 1008, default=None)
    with_disability: Count | None = described(
        "Persons with disabilities", "Persons with disabilities taking part, as the report states.", 3, default=None
    )


class Point(Model):
    """A titled paragraph (an area for strengthening, an adaptation)."""

    title: LocalizedText = described("Title", "The heading as printed.", "Strengthening Coordination and Communication")
    text: LocalizedText = described(
        "Text", "The paragraph, as printed or closely summarised.", "There is a need to further improve coordination…"
    )


class Report(Model):
    """A progress report of a defenders' network project."""

    id: Id = described("Id", "Unique; also the page address.", "dhrtns-2024-2025")
    title: LocalizedText = described(
        "Project", "The project's name.", "Defending Human Rights Through Network Strengthening (DHRTNS)"
    )
    period: LocalizedText = described("Reporting period", "As printed.", "July 2024 to June 2025")
    seed: SeedFile = described("Source", "File name of the report in shared/seeds.", "003_a191a315273ca827.txt")
    summary: LocalizedText = described(
        "Progress overview", "The report's own summary of progress.", "The project has remained largely on track…"
    )
    activities: list[Activity] = described(
        "Progress table", "Every row of the table, in printed order.", [], min_length=1
    )
    stated_totals: StatedTotals = described("Stated totals", "Totals the report states in its text.", {})
    practices: list[LocalizedText] = described(
        "Successful practices",
        "What worked, as the report says.",
        ["Strong community engagement…"],
        default_factory=list,
    )
    strengthening: list[Point] = described(
        "Areas for strengthening", "The report's numbered areas for improvement.", [], default_factory=list
    )
    lessons: list[LocalizedText] = described(
        "Key learning", "Lessons the report draws.", ["One-off training is not sufficient…"], default_factory=list
    )
    constraints: list[LocalizedText] = described(
        "Constraints and risks",
        "Implementation, monitoring, safeguarding and inclusion issues the report names.",
        ["Data collection was sometimes difficult due to logistical and safety concerns."],
        default_factory=list,
    )


class Committee(Model):
    """A body a meeting elected."""

    name: LocalizedText = described("Name", "As the source names it.", "Provincial executive committee")
    members: Count = described("Members", "How many members, as the source states.", 17)
    mandate: list[LocalizedText] = described(
        "Mandate", "What it is tasked with, as the source says.", ["strengthening representation"], min_length=1
    )


class Meeting(Model):
    """A network meeting and what came out of it."""

    id: Id = described("Id", "Unique; also the page address.", "madhesh-network-meeting")
    title: LocalizedText = described(
        "Title", "The meeting's name.", "Provincial Peer Learning Network Meeting and Annual General Meeting"
    )
    host: LocalizedText = described("Host", "Who hosted it.", "Collective Campaign for Peace (COCAP)")
    place: LocalizedText = described("Place", "Where it was held.", "Janakpur, Madhesh Province")
    dates: LocalizedText = described("Dates", "As printed (no year is added if the source gives none).", "19–20 June")
    country: AreaCode | None = described(
        "Country",
        "ISO 3166 code of the country where it was held: its directory page links the meeting.",
        "NP",
        default=None,
    )
    seed: SeedFile = described("Source", "File name of the account in shared/seeds.", "000_02d6e788218f8616.txt")
    summary: LocalizedText = described("Summary", "Who met and why.", "Defenders from across Madhesh Province met…")
    guideline_priorities: list[LocalizedText] = described(
        "Protection mechanism guideline priorities",
        "What participants asked of the draft Protection Mechanism Guideline.",
        ["Clearer referral pathways"],
        default_factory=list,
    )
    committee: Committee | None = described("Committee elected", "A body the meeting elected.", None, default=None)


class EvidenceFile(Model):
    """The whole of `data/evidence.yaml`."""

    reports: list[Report] = described("Progress reports", "Reports of network projects.", [], default_factory=list)
    meetings: list[Meeting] = described("Meetings", "Network meetings and their outcomes.", [], default_factory=list)
