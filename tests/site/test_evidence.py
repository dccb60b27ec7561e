"""Evidence from the field: the progress table's own arithmetic, its pages, and its charts."""

from __future__ import annotations

import re

import pytest

from tests.helpers import LANGUAGES, PREFIX, read_html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_page_shows_two_described_charts_and_states_the_sums(built_site, kb, report, language):
    page = read_html(built_site / PREFIX[language] / "evidence" / report.id / "index.html")
    charts = page.select("article svg.kb-chart")
    assert len(charts) == 2
    for chart in charts:
        assert chart["role"] == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart.find(id=title_id).get_text(strip=True)
        desc = chart.find(id=desc_id).get_text(" ", strip=True)
        assert re.search(r"\d", desc), "the text alternative states the figures"
    events = charts[0].find("desc").get_text()
    first = kb.evidence.reports[0].activities[0]
    assert f"{first.name.in_language(language).text}: " in events and f" {first.target}, " in events
    assert charts[0]["direction"] == ("rtl" if language == "ar" else "ltr")
    # The table's last line is what the rows add up to; the checks table states each sum beside the report's.
    foot = [c.get_text(strip=True) for c in page.select("table.kb-evidence tfoot td")]
    assert ["130", "125", "1704", "2", "1704", "96%"] == [c for c in foot if c]
    checks = page.select("table.kb-checks tbody tr")
    figures = [[td.get_text(strip=True) for td in row.select("td")][:2] for row in checks]
    assert ["1704", "1706"] in figures and ["3", "2"] in figures and ["1704", "1707"] in figures
    assert ["95", "97"] in figures
    assert len(page.select("table.kb-checks tr.kb-disagree")) == 5
    assert page.select_one("table.kb-evidence td.kb-disagree").get_text(strip=True).startswith("95")


def test_the_meeting_page_names_the_guideline_priorities_and_the_committee(built_site):
    page = read_html(built_site / "evidence" / "madhesh-network-meeting" / "index.html")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Clearer referral pathways" in text and "safe houses" in text
    assert "17 members" in text and "Janakpur" in text
    # The source is named for readers (title and host), not by its seed file's name.
    assert "Source: Provincial Peer Learning Network Meeting and Annual General Meeting" in text
    assert "000_02d6e788218f8616.txt" not in text
