"""Referral pathways: graph rules with file:line, static pages that work without JavaScript, a walk in a browser."""

from __future__ import annotations

import pytest

from tests.helpers import read_html, repository_kb
from whrdkb.core.pathway_graph import nodes

KB = repository_kb()


# ---------------------------------------------------------------- pages


def test_every_pathway_page_exists_in_both_languages(built_site):
    for pathway in KB.pathways.pathways:
        for prefix in ("", "fr/"):
            assert (built_site / f"{prefix}pathways/{pathway.id}/index.html").is_file()
            for node_id in nodes(pathway):
                assert (built_site / f"{prefix}pathways/{pathway.id}/{node_id}/index.html").is_file()


def test_without_javascript_every_option_is_a_working_link(built_site):
    """Follow every option of every step as plain links; each lands on a page of the same pathway."""
    for pathway in KB.pathways.pathways:
        for step in pathway.steps:
            page = built_site / f"pathways/{pathway.id}/{step.id}/index.html"
            links = [a["href"] for a in read_html(page).select("ul.kb-options a[href]")]
            assert links == [f"../{o.next}/" for o in step.options]
            for href in links:
                assert (page.parent / href / "index.html").resolve().is_file()
            assert not read_html(page).select("article script")


def test_every_step_has_back_and_start_over(built_site):
    page = read_html(built_site / "pathways/physical-danger/relocate-abroad/index.html")
    nav = {a.get_text(): a["href"] for a in page.select("nav.kb-pathway-nav a")}
    assert nav["← Back: Where could you go?"] == "../where/"
    assert nav["Start over"] == "../start/"


def test_outcome_lists_actions_services_and_recommendations(built_site):
    page = read_html(built_site / "pathways/online-attack/device/index.html")
    assert len(page.select("article ol > li")) == 3
    services = [a["href"] for a in page.select("li.kb-service > p > a")]
    assert "../../../directory/access-now-helpline/" in services  # rendered from the directory, not copied
    assert "../../../recommendations/1-3/" in [a["href"] for a in page.select("article a[href]")]


def test_flowchart_is_on_the_overview_without_any_script(built_site):
    for pathway in KB.pathways.pathways:
        page = read_html(built_site / f"fr/pathways/{pathway.id}/index.html")
        chart = page.select_one(".kb-flow")
        questions = [q.get_text() for q in chart.select(".kb-flow-question")]
        assert len(questions) >= len(pathway.steps)
        assert len(chart.select(".kb-flow-outcome")) >= len(pathway.outcomes)
        assert not chart.select("script") and not page.select("article script")


def test_home_entries_start_the_pathways(built_site):
    home = read_html(built_site / "index.html")
    buttons = [a["href"] for a in home.select("article a.kb-crisis")]
    assert buttons == [f"pathways/{p.id}/{p.start}/" for p in KB.pathways.pathways if p.audience == "defenders"]
    assert "pathways/#mission-staff" in [a["href"] for a in home.select("article a[href]")]
    index = read_html(built_site / "pathways/index.html")
    assert index.select_one("#defenders") and index.select_one("#mission-staff")


# ---------------------------------------------------------------- in a browser


@pytest.mark.parametrize("javascript", [True, False])
def test_walk_a_defender_pathway_by_clicking(browser, site_url, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url)
    page.click("a.kb-crisis >> text=I am in physical danger or need to get away")
    assert page.url.endswith("/pathways/physical-danger/start/")
    page.click("ul.kb-options >> text=I need to get away to a safe place for a while")
    page.click("ul.kb-options >> text=Abroad, for a few months")
    assert page.url.endswith("/pathways/physical-danger/relocate-abroad/")
    assert page.inner_text("h1") == "Relocating abroad for a while"
    page.click('ul.kb-options a[href="elsewhere/"]')  # "Where are you?": the answer is only the path
    assert page.url.endswith("/pathways/physical-danger/relocate-abroad/elsewhere/")
    service = page.locator('li.kb-service a[href$="/directory/shelter-city/"]')
    assert service.count() == 1
    service.click()
    assert page.url.endswith("/directory/shelter-city/")
    page.go_back()
    page.click("nav.kb-pathway-nav >> text=Start over")
    assert page.url.endswith("/pathways/physical-danger/start/")
    context.close()
