"""The training reference for mission staff, the print stylesheet, and the PDF editions."""

from __future__ import annotations

import pytest

from tests.helpers import LANGUAGES, PREFIX, read_html
from whrdkb.core.render.training import mission_pathways


def _page(site, language, path):
    return read_html(site / PREFIX[language] / path / "index.html")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_briefings_workshops_the_card_and_the_print_edition(built_site, kb, language):
    themes = [t.id for t in kb.recommendations.themes]
    pages = ["training", "training/card", "training/print"]
    pages += [f"training/briefing-{t}" for t in themes] + [f"training/workshop-{t}" for t in themes]
    for path in pages:
        page = _page(built_site, language, path)
        assert page.html["lang"] == language
        assert page.select_one("article h1").get_text(strip=True), path
    index = _page(built_site, language, "training")
    links = {a["href"] for a in index.select("article a[href]")}
    assert {f"../training/briefing-{t}/" for t in themes} <= {f"../training/{h}" for h in links}


def test_a_briefing_checklist_is_the_rows_ways_to_close_the_gap(built_site, kb):
    for theme in kb.recommendations.themes:
        page = _page(built_site, "en", f"training/briefing-{theme.id}")
        checklist = [li.get_text(" ", strip=True) for li in page.select(".kb-checklist li")]
        expected = [i.text.en for r in theme.rows if not r.current_action_answers_need for i in r.bridge]
        assert checklist == expected
        answered = [r for r in theme.rows if r.current_action_answers_need]
        assert len(page.select(".kb-answered")) == len(answered)
        # Every row's problem, needs and today's actions are on the sheet.
        text = page.select_one("article").get_text(" ", strip=True)
        for row in theme.rows:
            assert all(item.text.en in text for item in row.needs + row.current_actions)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_discussion_prompt_cites_the_row_it_comes_from(built_site, kb, language):
    for theme in kb.recommendations.themes:
        page = _page(built_site, language, f"training/workshop-{theme.id}")
        for row in theme.rows:
            heading = page.find(id=f"prompt-{row.id.replace('.', '-')}")
            assert heading is not None, row.id
            prompts = heading.find_next_sibling("ol").find_all("li", recursive=False)
            assert len(prompts) >= 2
            for prompt in prompts:
                cite = prompt.select_one("small.kb-cite a[href]")
                assert cite is not None and cite["href"].endswith(f"recommendations/{row.id.replace('.', '-')}/")
                assert row.id in cite.get_text()
        objectives = page.find(id="learning-objectives") or page.select_one("article h2")
        assert objectives.find_next_sibling("ol").find_all("li")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_lists_what_to_do_and_whom_to_refer_to_from_the_mission_pathways(built_site, kb, language):
    text = _page(built_site, language, "training/card").select_one("article").get_text(" ", strip=True)
    for pathway in mission_pathways(kb):
        assert pathway.title.in_language(language).text in text
        for outcome in pathway.outcomes:
            assert outcome.title.in_language(language).text in text
            for action in outcome.actions:
                assert " ".join(action.text.in_language(language).text.split()) in text


# ------------------------------------------------------------------ print stylesheet


@pytest.mark.parametrize("language", ["en", "ar"])
def test_printing_a_matrix_row_shows_no_site_chrome(browser, site_url, language):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/{PREFIX[language]}recommendations/1-1/")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.kb-exit', '.md-tabs']
                .flatMap(s => [...document.querySelectorAll(s)])
                .map(e => getComputedStyle(e).display)"""
        )
        assert hidden and set(hidden) == {"none"}
        assert page.evaluate("getComputedStyle(document.querySelector('article h1')).display") != "none"
        # An outside link's address is written after its text.
        after = page.evaluate(
            """() => { const a = document.querySelector('article a[href^="http"]');
                       return a ? getComputedStyle(a, '::after').content : null; }"""
        )
        if after is not None:
            assert "http" in after
        assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if language == "ar" else "ltr")
        page.emulate_media(media="screen")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") != "none"
    finally:
        page.close()
