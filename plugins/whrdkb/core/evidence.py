"""The arithmetic of a progress report: what its rows add up to, and where that disagrees with what it states.

Pure functions on the model; the evidence pages show their results and the
tests check them against the figures of the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models.evidence import Activity, Report

# Every figure a check can be about; each has an interface string evidence_check_<key>.
CHECK_KEYS = (
    "planned",
    "completed",
    "participants",
    "participants_all_columns",
    "men",
    "women",
    "with_disability",
    "breakdown",
    "group_without",
    "group_with",
    "row_total",
    "row_percent",
)


@dataclass(frozen=True)
class Check:
    """One figure: what the report prints, and what its own figures add up to."""

    key: str  # names the figure; the page's label is the UI string evidence_check_<key>
    stated: int
    computed: int
    activity: int | None = None  # the row's number, for a check within one row

    @property
    def agrees(self) -> bool:
        return self.stated == self.computed


@dataclass(frozen=True)
class Sums:
    """Column sums over every row of the table."""

    target: int
    achieved: int
    men: int  # with and without disability
    women: int
    without_disability: int
    with_disability: int
    total: int  # the printed "Total participants" column
    everyone: int  # every participant column: without + with disability

    @property
    def achievement_percent(self) -> int:
        return percent(self.achieved, self.target)


def percent(part: int, whole: int) -> int:
    """A percentage rounded half up, as reports print them (36 of 38 → 95)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def sums(report: Report) -> Sums:
    """Add up every column of the report's table."""
    rows = report.activities
    return Sums(
        target=sum(a.target for a in rows),
        achieved=sum(a.achieved for a in rows),
        men=sum(a.without_disability.men + a.with_disability.men for a in rows),
        women=sum(a.without_disability.women + a.with_disability.women for a in rows),
        without_disability=sum(a.without_disability.total for a in rows),
        with_disability=sum(a.with_disability.total for a in rows),
        total=sum(a.total for a in rows),
        everyone=sum(a.without_disability.total + a.with_disability.total for a in rows),
    )


def row_checks(activity: Activity) -> list[Check]:
    """Within one row: group totals, the row's total participants, and its achievement percentage."""
    n, without, with_ = activity.number, activity.without_disability, activity.with_disability
    return [
        Check("group_without", without.total, without.men + without.women, n),
        Check("group_with", with_.total, with_.men + with_.women, n),
        Check("row_total", activity.total, without.total + with_.total, n),
        Check("row_percent", activity.achievement_percent, percent(activity.achieved, activity.target), n),
    ]


def total_checks(report: Report) -> list[Check]:
    """The totals the report states in its text against what its rows add up to."""
    found, stated = sums(report), report.stated_totals
    pairs = [
        ("planned", stated.planned, found.target),
        ("completed", stated.completed, found.achieved),
        ("participants", stated.participants, found.total),
        ("participants_all_columns", stated.participants, found.everyone),
        ("men", stated.men, found.men),
        ("women", stated.women, found.women),
        ("with_disability", stated.with_disability, found.with_disability),
    ]
    checks = [Check(key, value, computed) for key, value, computed in pairs if value is not None]
    men, women, disabled, total = stated.men, stated.women, stated.with_disability, stated.participants
    if men is not None and women is not None and disabled is not None and total is not None:
        # The report's breakdown (men, women, persons with disabilities) against its own total.
        checks.append(Check("breakdown", total, men + women + disabled))
    return checks


def disagreements(report: Report) -> list[Check]:
    """Every check of the report, its totals and each row, that does not agree."""
    checks = total_checks(report) + [c for a in report.activities for c in row_checks(a)]
    return [c for c in checks if not c.agrees]
