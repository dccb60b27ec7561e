"""WCAG 2.2 AA as axe-core checks it (a copy bundled with axe-playwright-python), on every page type."""

from __future__ import annotations

import pytest

from tests.helpers import PAGE_TYPES, search_on_page

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _violations(axe, page) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [f"{v['id']}: {v['nodes'][0]['target']} ({len(v['nodes'])} nodes)" for v in result.response["violations"]]


@pytest.mark.parametrize("language", ["", "fr/", "ar/"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_violations(browser, site_url, axe, language, page_type):
    page = browser.new_page()
    page.goto(site_url + language + PAGE_TYPES[page_type])
    assert _violations(axe, page) == []
    page.close()


@pytest.mark.parametrize("language", ["", "ar/"])
def test_search_with_results_has_no_violations(browser, site_url, axe, language):
    page = browser.new_page()
    page.goto(site_url + language + "search/")
    assert search_on_page(page, "shelter")
    assert _violations(axe, page) == []
    page.close()


def test_keyboard_alone_reaches_an_outcome(browser, site_url):
    """Tab to the pathway answers and follow them with Enter, without a mouse."""
    page = browser.new_page()
    page.goto(site_url + "pathways/online-attack/start/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('ul.kb-options') !== null"):
            break
    assert page.evaluate("document.activeElement.textContent").startswith("An account or device")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pathways/online-attack/device/")
    assert page.inner_text("h1") == "A device or account under attack"
    page.close()
