"""Pages of the evidence from the field: an index, a page per progress report and per network meeting.

A report's page shows its table as printed, what the rows add up to (core/evidence.py),
where that disagrees with what the report states, and two charts made at build
time as inline SVG with text alternatives.
"""

from __future__ import annotations

from ..evidence import row_checks, sums, total_checks
from ..load import KnowledgeBase
from ..models.evidence import Activity, Meeting, Report
from ..renderinput import RenderInput
from .charts import Series, bar_chart
from .pages import LISTING, GeneratedPage, RenderContext, render_page, source_of

FOLDER = "evidence"
# Interface strings the charts use (titles and legends), beside those the templates name.
CHART_KEYS = (
    "evidence_chart_events",
    "evidence_chart_people",
    "evidence_target",
    "evidence_achieved",
    "evidence_men",
    "evidence_women",
    "evidence_without_disability",
    "evidence_with_disability",
)
RTL_LANGUAGES = ("ar",)


def render_evidence(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """The evidence index, and a page per report and per meeting, in one language."""
    kb = render_input.kb
    pages = [render_index(kb, language)]
    pages += [render_report(kb, language, report) for report in kb.evidence.reports]
    pages += [render_meeting(kb, language, meeting) for meeting in kb.evidence.meetings]
    return pages


def render_index(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """What the evidence section holds."""
    ctx = RenderContext(kb, language)
    return render_page(
        "evidence/index.md.j2",
        f"{FOLDER}/index.md",
        ctx,
        ctx.plain(kb.ui.strings["evidence_title"]),
        source_of(kb, "evidence.yaml", ("reports",)),
        meta=LISTING,
    )


def render_report(kb: KnowledgeBase, language: str, report: Report) -> GeneratedPage:
    """A progress report: its table, the checked totals, two charts, and what it learned."""
    ctx = RenderContext(kb, language)
    index = kb.evidence.reports.index(report)
    totals = total_checks(report)
    rows = [c for a in report.activities for c in row_checks(a)]
    wrong = {(c.key, c.activity) for c in totals + rows if not c.agrees}
    return render_page(
        "evidence/report.md.j2",
        f"{FOLDER}/{report.id}.md",
        ctx,
        ctx.plain(report.title),
        source_of(kb, "evidence.yaml", ("reports", index)),
        report=report,
        sums=sums(report),
        totals=totals,
        rows=[c for c in rows if not c.agrees],
        table=[(a, table_cells(a, wrong)) for a in report.activities],
        charts=report_charts(ctx, report),
    )


def render_meeting(kb: KnowledgeBase, language: str, meeting: Meeting) -> GeneratedPage:
    """A network meeting: who met, what they asked of the protection mechanism guideline, whom they elected."""
    ctx = RenderContext(kb, language)
    index = kb.evidence.meetings.index(meeting)
    return render_page(
        "evidence/meeting.md.j2",
        f"{FOLDER}/{meeting.id}.md",
        ctx,
        ctx.plain(meeting.title),
        source_of(kb, "evidence.yaml", ("meetings", index)),
        meeting=meeting,
    )


def table_cells(activity: Activity, wrong: set) -> list[tuple[str, bool]]:
    """A row's figures from "Target" on, each with whether a check of it disagrees."""
    n, without, with_ = activity.number, activity.without_disability, activity.with_disability
    return [
        (str(activity.target), False),
        (str(activity.achieved), False),
        (str(without.men), False),
        (str(without.women), False),
        (str(without.total), ("group_without", n) in wrong),
        (str(with_.men), False),
        (str(with_.women), False),
        (str(with_.total), ("group_with", n) in wrong),
        (str(activity.total), ("row_total", n) in wrong),
        (f"{activity.achievement_percent}%", ("row_percent", n) in wrong),
    ]


def report_charts(ctx: RenderContext, report: Report) -> list:
    """Targets against achieved events per activity; participants by gender and by disability."""
    rtl = ctx.language in RTL_LANGUAGES
    label = lambda key: ctx.plain(ctx.kb.ui.strings[key])  # noqa: E731
    names = [ctx.plain(a.name) for a in report.activities]
    events = bar_chart(
        f"chart-events-{report.id}",
        label("evidence_chart_events"),
        names,
        [
            Series(label("evidence_target"), [a.target for a in report.activities]),
            Series(label("evidence_achieved"), [a.achieved for a in report.activities]),
        ],
        rtl,
    )
    rows = report.activities
    without = [sum(a.without_disability.men for a in rows), sum(a.without_disability.women for a in rows)]
    with_ = [sum(a.with_disability.men for a in rows), sum(a.with_disability.women for a in rows)]
    people = bar_chart(
        f"chart-people-{report.id}",
        label("evidence_chart_people"),
        [label("evidence_men"), label("evidence_women")],
        [Series(label("evidence_without_disability"), without), Series(label("evidence_with_disability"), with_)],
        rtl,
    )
    return [events, people]
