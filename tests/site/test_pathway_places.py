"""Pathways that know where the reader is without storing it, and contacts one tap away (issue 22, points 3-4).

The browser test plays the crisis scenarios as a defender on a phone would: from her
language's home page, one tap on the crisis button, one tap per question (the place
question included), and she is on an outcome whose first entry works where she is,
with a contact she can tap within one screen of scrolling.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import LANGUAGES, PREFIX, read_html, repository_kb
from tests.helpers.pathway_places import outcome, pathway_by_id
from whrdkb.core.directory import SHOWN_PER_KIND, for_place, place_rank, places_to_ask, region_of
from whrdkb.core.models.geo import area_name
from whrdkb.core.render.pathways import asks_where, local_services, referred_services

KB = repository_kb()

WIDTH, HEIGHT = 360, 740
# The crisis scenarios of the issue: the pathway, and the answers that lead to the outcome.
SCENARIOS = {
    "online harassment": ("online-attack", ["harassment"]),
    "physical danger, need to leave": ("physical-danger", ["where", "shelter-region"]),
    "arrest": ("arrest-trial", ["legal"]),
    "urgent money": ("funding-cut", ["safety-grant"]),
    "exhaustion and trauma": ("stress-trauma", ["counselling"]),
}
READERS = ("NP", "UG", "GT")  # defenders in Nepal, Uganda and Guatemala


# ---------------------------------------------------------------- static pages


def answer_links(page: Path) -> dict[str, str]:
    """A place question's answers: label → address."""
    return {a.get_text(): a["href"] for a in read_html(page).select("ul.kb-options a[href]")}


def test_place_question_offers_countries_regions_and_elsewhere(built_site):
    """The outcome's own page asks where the reader is; every answer is a page below it, by path only."""
    page = built_site / "pathways/physical-danger/shelter-region/index.html"
    answers = answer_links(page)
    places = places_to_ask(KB, local_services(KB, outcome("physical-danger", "shelter-region")))
    countries = sorted(area_name(code, "en", "") for code in places if len(code) == 2)
    regions = [f"Another country in {area_name(code, 'en', '')}" for code in places if len(code) == 3]
    assert list(answers) == [*countries, *regions, "Elsewhere, or I'd rather not say"]
    assert {"Uganda", "Guatemala", "Another country in Africa", "Another country in Asia"} <= set(answers)
    assert answers["Elsewhere, or I'd rather not say"] == "elsewhere/"
    for href in answers.values():
        assert re.fullmatch(r"[a-z0-9]+/", href)  # nothing but the path: no query, no fragment
        assert (page.parent / href / "index.html").is_file()


def test_places_with_the_same_lists_share_a_page(built_site):
    """Countries DefendDefenders names with no legal aid of their own get the same lists: one page, naming them all;
    a country with its own legal aid (Uganda) gets its own."""
    answers = answer_links(built_site / "pathways/arrest-trial/legal/index.html")
    assert answers["Burundi"] == answers["Ethiopia"] == answers["Tanzania"] != answers["Uganda"]
    assert answers["Uganda"] != answers["Another country in Asia"]
    page = read_html(built_site / f"pathways/arrest-trial/legal/{answers['Burundi']}index.html")
    assert all(name in page.select_one("h1 + p").get_text() for name in ("Burundi", "Ethiopia", "Tanzania"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_place_page_lists_those_working_there_first_and_names_those_left_out(built_site, language):
    node = outcome("arrest-trial", "legal")
    address = answer_links(built_site / "pathways/arrest-trial/legal/index.html")["Uganda"]
    page = read_html(built_site / f"{PREFIX[language]}pathways/arrest-trial/legal/{address}index.html")
    listed = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("li.kb-contact a[href*='/directory/']")]
    serving, left_out = for_place(KB, referred_services(KB, node.referrals[0]), "UG")
    assert set(listed) == {s.id for s in serving[:SHOWN_PER_KIND]}
    assert [place_rank(KB, s, "UG") for s in serving] == sorted(place_rank(KB, s, "UG") for s in serving)
    assert place_rank(KB, next(s for s in serving if s.id == listed[0]), "UG") == 0  # named for Uganda: first
    assert not {s.id for s in left_out} & set(listed)
    text = page.select_one("article").get_text(" ")
    if len(left_out) <= 8:  # named as left out (FORUM-ASIA works in Asia), else counted with the kind's listing
        assert all(service.name in text for service in left_out)
    else:
        assert str(len(left_out)) in text


def test_elsewhere_lists_every_entry_those_working_everywhere_first(built_site):
    page = read_html(built_site / "pathways/arrest-trial/legal/elsewhere/index.html")
    listed = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("li.kb-contact a[href*='/directory/']")]
    every = referred_services(KB, outcome("arrest-trial", "legal").referrals[0])
    assert len(listed) == min(len(every), SHOWN_PER_KIND) and set(listed) <= {s.id for s in every}
    worldwide = [i for i, sid in enumerate(listed) if "worldwide" in next(s for s in every if s.id == sid).areas]
    assert worldwide == list(range(len(worldwide)))


def test_nothing_is_stored_the_place_is_only_the_path(built_site):
    for html in (built_site / "pathways/physical-danger/shelter-region").rglob("index.html"):
        page = read_html(html)
        assert not page.select("article script") and not page.select("article form")
        assert not any("?" in a["href"] for a in page.select("article a[href]") if not a["href"].startswith("http"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_entry_shows_its_safest_contact_inline(built_site, language):
    """Front Line Defenders' 24-hour line, one tap, in one left-to-right unit that cannot wrap."""
    page = read_html(built_site / f"{PREFIX[language]}pathways/physical-danger/emergency-now/index.html")
    card = next(li for li in page.select("li.kb-contact") if li.select_one("a[href$='/front-line-defenders/']"))
    link = card.select_one("a.kb-reach")
    assert link["href"] == "tel:+35312100489"
    number = link.select_one("bdi")
    assert number["dir"] == "ltr" and "kb-nowrap" in number["class"] and number.get_text() == "+353 1 210 0489"
    assert card.select_one("a[href$='/directory/front-line-defenders/']")  # more about this organisation


def test_phone_numbers_do_not_wrap(built_site):
    css = (built_site / "assets/kb.css").read_text()
    assert re.search(r"\.kb-nowrap\s*\{[^}]*white-space:\s*nowrap", css)


def _walk(page, home: str, pathway_id: str, answers: list[str]) -> bool:
    """From the home page: the crisis button, then one tap per question; True if the outcome asks the place."""
    pathway = pathway_by_id(pathway_id)
    page.goto(home)
    button = page.locator(f'a[href$="pathways/{pathway_id}/{pathway.start}/"]').first
    assert button.count(), f"{home}: no crisis button for {pathway_id} on the home page"
    button.click()
    assert page.url.endswith(f"pathways/{pathway_id}/{pathway.start}/")
    for node_id in answers:
        page.click(f'ul.kb-options a[href="../{node_id}/"]')
        assert page.url.endswith(f"pathways/{pathway_id}/{node_id}/"), page.url
    return asks_where(KB, pathway, outcome(pathway_id, answers[-1]))


def _answer_place(page, language: str, country: str) -> None:
    """Tap the answer of a reader in `country`, by its label: her country, else her region, else elsewhere."""
    page.wait_for_selector("ul.kb-options")
    other = KB.ui_text("place_other_country", language).text
    labels = [area_name(country, language, "")]
    labels += [other.replace("{region}", area_name(region, language, "")) for region in region_of(KB, country)]
    labels.append(KB.ui_text("place_elsewhere", language).text)
    for label in labels:
        answer = page.locator("ul.kb-options").get_by_role("link", name=label, exact=True)
        if answer.count():
            url, href = page.url, answer.get_attribute("href")
            answer.click()
            assert page.url == url + href, page.url  # one tap, straight to the page of that answer
            return
    raise AssertionError(f"{page.url}: no answer for a reader in {country}")


def _check_outcome(page, country: str, where: str) -> None:
    """The first listed entry works in `country` (or everywhere); the first contact is one tap within two screens."""
    first = page.locator("li.kb-contact").first
    service_id = first.locator("a[href*='/directory/']").last.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    service = next(s for s in KB.services.services if s.id == service_id)
    assert place_rank(KB, service, country) is not None, f"{where}: {service_id} does not work in {country}"
    contact = page.locator("li.kb-contact a.kb-reach").first
    href = contact.get_attribute("href")
    assert href.startswith(("tel:", "mailto:", "https://")), f"{where}: {href}"
    card = contact.locator("xpath=ancestor::li[contains(@class, 'kb-contact')]")
    card_id = card.locator("a[href*='/directory/']").last.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    card_service = next(s for s in KB.services.services if s.id == card_id)
    assert place_rank(KB, card_service, country) is not None, f"{where}: the first contact is {card_id}'s"
    top = contact.evaluate("link => link.getBoundingClientRect().top + window.scrollY")  # from the page's top
    assert top < 2 * HEIGHT, f"{where}: the first contact is {top} px down"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_scenarios_reach_a_contact_in_a_few_taps(browser, site_url, language, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    try:
        for name, (pathway_id, answers) in SCENARIOS.items():
            asks = _walk(page, site_url + PREFIX[language], pathway_id, answers)
            for country in READERS:  # the same taps up to the place question; Back returns to it
                if asks:
                    _answer_place(page, language, country)
                _check_outcome(page, country, f"{language} {name}, in {country} ({page.url})")
                if asks:
                    page.go_back()
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ne"])
def test_pathway_answers_are_at_least_48_px_square(browser, site_url, language):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    try:
        for path in ("physical-danger/start/", "physical-danger/where/", "physical-danger/shelter-region/"):
            page.goto(f"{site_url}{PREFIX[language]}pathways/{path}")
            answers = page.locator("ul.kb-options a")
            assert answers.count() >= 2
            for box in [answers.nth(i).bounding_box() for i in range(answers.count())]:
                assert box["width"] >= 48 and box["height"] >= 48, (path, box)
    finally:
        context.close()
