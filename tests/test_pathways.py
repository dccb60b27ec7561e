"""Referral pathways: graph rules with file:line, static pages that work without JavaScript, a walk in a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, edit, read_html
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.pathway_graph import nodes
from whrdkb.core.problems import DataError

LANGS = LANGUAGES
PW = "data/pathways.yaml"
KB = load_knowledge_base(ROOT / "data", LANGS)


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_knowledge_base(data, LANGS)
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    return [n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line][occurrence - 1]


@pytest.fixture
def pathways(project) -> Path:
    return project / "data" / "pathways.yaml"


# ---------------------------------------------------------------- validation


def test_dead_option_names_its_line(pathways):
    edit(pathways, "            next: care-grant", "            next: care-grnat")
    line = line_of(pathways, "next: care-grnat")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "leads to 'care-grnat', which does not exist" in p for p in found), (
        found
    )


def test_unreachable_step_is_reported(pathways):
    edit(pathways, "            next: where\n", "            next: relocate-abroad\n")
    line = line_of(pathways, "      - id: where")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "'where' cannot be reached from the start" in p for p in found), found


def test_cycle_is_reported_at_the_option_that_closes_it(pathways):
    edit(pathways, "            next: shelter-region\n", "            next: start\n")
    line = line_of(pathways, "            next: start")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "leads back to 'start', making a loop" in p for p in found), found


def test_outcome_without_referral_is_reported(pathways):
    edit(pathways, "        referrals:\n          - kind: protective-accompaniment\n", "        referrals: []\n")
    line = line_of(pathways, "referrals: []")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "must not be empty" in p for p in found), found


def test_outcome_without_action_is_reported(pathways):
    text = pathways.read_text()
    start = text.index(
        '        actions:\n          - text:\n              en: "Ask a diplomatic mission, or an organisation listed below, for mental health'
    )
    end = text.index("        referrals:", start)
    pathways.write_text(text[:start] + "        actions: []\n" + text[end:])
    found = problems_of(pathways.parent)
    assert any("actions: This list must not be empty" in p for p in found), found


def test_action_must_say_what_it_is_based_on(pathways):
    edit(pathways, "            services: [defenred]\n", "")
    found = problems_of(pathways.parent)
    assert any("an action must say what it is based on" in p.lower() for p in found), found


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "          - kind: protective-accompaniment",
            "          - kind: protective-acompaniment",
            "no kind of support",
        ),
        ("          - service: lifeline", "          - service: lifelines", "no directory entry"),
        ('    rows: ["2.7"]\n    start:', '    rows: ["2.8"]\n    start:', "no matrix row"),
    ],
)
def test_dangling_references(pathways, old, new, message):
    edit(pathways, old, new)
    line = line_of(pathways, new.split("\n")[0].strip())
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and message in p for p in found), found


def test_incomplete_translation_must_be_declared(pathways):
    edit(pathways, '\n          fr: {text: "Que se passe-t-il ?", status: draft}', "")  # first pathway's first question
    found = problems_of(pathways.parent)
    assert any("is not fully translated into 'fr': 1 texts are missing" in p and "falls_back_in" in p for p in found), (
        found
    )
    edit(pathways, '    rows: ["1.1", "1.3"]\n', '    rows: ["1.1", "1.3"]\n    falls_back_in: [fr]\n')
    load_knowledge_base(pathways.parent, LANGS)  # declared: accepted, shown in English with a notice


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
