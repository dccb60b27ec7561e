"""Evidence from the field: the progress table's own arithmetic, its pages, and its charts."""

from __future__ import annotations

import re

import pytest

from tests.helpers import LANGUAGES, ROOT
from whrdkb.core.evidence import disagreements, percent, sums, total_checks
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.problems import DataError
from whrdkb.core.render.charts import Series, bar_chart

SEED = ROOT.parent / "shared" / "seeds" / "003_a191a315273ca827.txt"


def test_the_rows_add_up_to_the_reports_events_and_participants(report):
    found = sums(report)
    # The seed: "out of 130 planned events, 125 were successfully completed, engaging a total of 1,704 participants".
    assert (found.target, found.achieved, found.total) == (130, 125, 1704)
    assert (report.stated_totals.planned, report.stated_totals.completed, report.stated_totals.participants) == (
        130,
        125,
        1704,
    )
    assert found.achievement_percent == 96  # 125 of 130


def test_where_the_report_and_its_rows_disagree(report):
    wrong = {(c.key, c.activity): (c.stated, c.computed) for c in disagreements(report)}
    assert wrong == {
        # "3 persons with disabilities"; the rows have 2 (both in row 8, Day Observation).
        ("with_disability", None): (3, 2),
        # "1008 women" counts women without disability only; with the 2 women with disability: 1,010.
        ("women", None): (1008, 1010),
        # 1,704 is the Total column; every participant column together gives 1,706.
        ("participants_all_columns", None): (1704, 1706),
        # The report's own breakdown: 696 + 1,008 + 3 = 1,707, not 1,704.
        ("breakdown", None): (1704, 1707),
        # Row 8 prints 95 participants in all, but 95 without and 2 with disability.
        ("row_total", 8): (95, 97),
    }
    agree = {c.key for c in total_checks(report) if c.agrees}
    assert agree == {"planned", "completed", "participants", "men"}


def test_the_stated_totals_are_the_seeds_words(report):
    """The figures entered as 'stated' are the ones the seed's text gives."""
    if not SEED.exists():
        pytest.skip("the seed documents are not beside this checkout")
    text = SEED.read_text(encoding="utf-8")
    found = re.search(
        r"out of (\d+) planned events, (\d+) were successfully completed, engaging a total of ([\d,]+) participants "
        r"\((\d+) men, (\d+) women, and (\d+) persons with disabilities\)",
        text,
    )
    assert found, "the seed's sentence with the totals was not found"
    stated = report.stated_totals
    numbers = [int(g.replace(",", "")) for g in found.groups()]
    assert numbers == [
        stated.planned,
        stated.completed,
        stated.participants,
        stated.men,
        stated.women,
        stated.with_disability,
    ]


@pytest.mark.parametrize("part,whole,expected", [(36, 38, 95), (11, 12, 92), (23, 25, 92), (1, 8, 13), (0, 0, 0)])
def test_percentages_round_as_the_report_prints_them(part, whole, expected):
    assert percent(part, whole) == expected


def test_a_figure_written_with_a_separator_is_refused_with_its_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for source in (ROOT / "data").glob("*.yaml"):
        (data / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    evidence = data / "evidence.yaml"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(text.replace("participants: 1704", "participants: 1,704"), encoding="utf-8")
    line = next(n for n, ln in enumerate(evidence.read_text().splitlines(), 1) if "participants: 1,704" in ln)
    with pytest.raises(DataError) as err:
        load_knowledge_base(data, LANGUAGES)
    message = str(err.value)
    assert f"data/evidence.yaml:{line}:" in message
    assert "'1,704' is not a whole number" in message and "no thousands separator" in message


def test_chart_text_is_escaped_and_described():
    svg = bar_chart("c", "T <b>", ["<script>alert(1)</script>"], [Series("A&B", [3])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<desc id="c-desc">&lt;script&gt;alert(1)&lt;/script&gt;: A&amp;B 3.</desc>' in svg
