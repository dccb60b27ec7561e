"""Safety in a real browser: quick exit (button, keyboard, no JavaScript), no storage, no referrer, own host only."""

from __future__ import annotations

import pytest

from tests.helpers import search_on_page

EXIT = "https://www.wikipedia.org/"


@pytest.fixture
def guarded(browser, site_url):
    """A browser context that answers the exit target locally and records every request that leaves the site."""

    def make(javascript: bool = True):
        context = browser.new_context(java_script_enabled=javascript)
        seen = {"outside": [], "exit_headers": None}

        def guard(route):
            url = route.request.url
            if url.startswith(site_url):
                route.continue_()
            elif url == EXIT:
                seen["exit_headers"] = route.request.headers
                route.fulfill(status=200, content_type="text/html", body="<title>neutral</title>")
            else:
                seen["outside"].append(url)
                route.abort()

        context.route("**/*", guard)
        return context, seen

    contexts = []

    def factory(javascript: bool = True):
        context, seen = make(javascript)
        contexts.append(context)
        return context.new_page(), seen

    yield factory
    for context in contexts:
        context.close()


def test_exit_button_leaves_at_once_and_back_does_not_return(guarded, site_url):
    page, seen = guarded()
    page.goto(site_url)
    page.click('article a[href="about/"]')
    page.click("a.kb-exit")
    page.wait_for_url(EXIT)
    assert "referer" not in {k.lower() for k in seen["exit_headers"]}
    page.go_back()
    assert page.url == site_url  # the exited page was replaced in the history
    assert seen["outside"] == []


def test_the_overlay_covers_the_page_before_leaving_and_resets_on_pageshow(guarded, site_url):
    page, _ = guarded()
    page.goto(site_url + "directory/")
    # One script turn: the click handler runs, then we look, before the navigation commits.
    covered, class_set, after_pageshow = page.evaluate("""() => {
        document.querySelector("a.kb-exit").click();
        const covered = document.querySelectorAll(".kb-exit-overlay").length;
        const classSet = document.documentElement.classList.contains("kb-exiting");
        window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true}));
        return [covered, classSet, document.querySelectorAll(".kb-exit-overlay").length];
    }""")
    assert (covered, class_set, after_pageshow) == (1, True, 0)


def test_three_shift_presses_exit(guarded, site_url):
    page, _ = guarded()
    page.goto(site_url + "pathways/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT)


def test_shift_used_with_another_key_does_not_count(guarded, site_url):
    page, _ = guarded()
    page.goto(site_url + "directory/")
    for _ in range(3):
        page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == site_url + "directory/"


def test_without_javascript_the_exit_is_a_plain_link_without_referrer(guarded, site_url):
    page, seen = guarded(javascript=False)
    page.goto(site_url + "recommendations/1-2/")
    page.click("a.kb-exit")
    page.wait_for_url(EXIT)
    assert "referer" not in {k.lower() for k in seen["exit_headers"]}


def test_exit_is_first_after_the_skip_link_and_visible_on_a_small_screen(guarded, site_url):
    page, _ = guarded()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + "directory/front-line-defenders/")
    page.keyboard.press("Tab")
    if "md-skip" in (page.evaluate("document.activeElement.className") or ""):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('kb-exit')")
    page.mouse.wheel(0, 3000)
    box = page.locator("a.kb-exit").bounding_box()
    assert box is not None and 0 <= box["y"] < 80 and box["x"] + box["width"] <= 320


def test_typical_use_stores_nothing(guarded, site_url):
    page, seen = guarded()
    page.goto(site_url)
    page.click("a.kb-crisis >> text=I am exhausted, stressed or living with trauma")
    page.click("ul.kb-options >> text=Time away to rest and recover")
    page.goto(site_url + "directory/")
    page.select_option("select[data-filter=kinds]", "legal-aid")
    page.click("a.kb-search-link")
    assert search_on_page(page, "shelter")
    assert "shelter" not in page.url
    assert "shelter" not in page.evaluate("JSON.stringify(history.state)")
    page.hover(".md-header .md-select")
    page.click('a.md-select__link[hreflang="fr"]')
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert page.context.cookies() == []
    assert seen["outside"] == []


def test_external_links_send_no_referrer(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "directory/front-line-defenders/")
    external = page.eval_on_selector_all("article a[href^='http']", "as => as.map(a => a.rel)")
    assert external and all("noreferrer" in rel and "noopener" in rel for rel in external)
    assert page.eval_on_selector("meta[name=referrer]", "m => m.content") == "no-referrer"
    page.close()
