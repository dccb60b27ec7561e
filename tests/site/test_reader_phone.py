"""Reader checks on a 360x740 phone: what a defender in crisis must see whole, and without scrolling far.

Each test loads the real built site (the session's built_site) in Chromium at 360x740, with JavaScript
on or off, and measures the laid-out page; the single-language copy is packed from a real offline build.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from tests.helpers import BIN, PREFIX, build_only, copy_project
from whrdkb.core.copies import offline_copies

PHONE = {"width": 360, "height": 740}

# Each crisis hint of the home page: its text and whether the browser cut it (clipped or ended with "…").
HINTS = """() => [...document.querySelectorAll(".kb-crisis__hint")].map(e => {
    const s = getComputedStyle(e);
    return {text: e.textContent, cut: e.scrollWidth > e.clientWidth + 1 || s.textOverflow === "ellipsis" && s.overflow !== "visible"};
})"""


@pytest.mark.parametrize("language", ["ar", "ne", "fr", "es"])
def test_every_crisis_hint_on_the_home_page_is_read_whole_at_360_px(browser, site_url, language):
    """The 'what is happening to me' hints wrap instead of ending in '…' (a defender must read all of each)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX[language])
        hints = page.evaluate(HINTS)
        assert len(hints) >= 4 and all(h["text"].strip() for h in hints)
        assert [h["text"] for h in hints if h["cut"]] == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


# The downloads page's "keep on this phone" parts as laid out: the start button's box, the warning's, the choice's.
KEEP = """() => {
    const box = s => { const e = document.querySelector(s); if (!e) return null;
        const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; };
    return {start: box('[data-keep="start"]'), warning: box(".kb-keep__warning"), nojs: box(".kb-keep__nojs"),
            warningText: (document.querySelector(".kb-keep__warning") || {}).textContent || ""};
}"""


@pytest.mark.parametrize("language", ["ne", "ar"])
def test_the_keep_button_shows_on_the_first_screen_and_the_warning_before_the_choice(browser, site_url, language):
    """At 360x740 the 'keep this site on this phone' button is on the first screen, tall enough to tap; the
    warning about what a saved copy leaves follows it, before the choice that saves (which opens below)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX[language] + "downloads/")
        keep = page.evaluate(KEEP)
        assert keep["start"] is not None and keep["start"]["height"] >= 44
        assert keep["start"]["bottom"] <= PHONE["height"], keep
        assert keep["warning"] is not None and keep["warning"]["top"] >= keep["start"]["bottom"]
        assert len(keep["warningText"].strip()) > 100  # the whole warning, not a shortened one
        # In the page's order the warning comes before what the reader chooses and the button that saves.
        order = page.evaluate(
            """() => [".kb-keep__warning", '[data-for="choice"]', '[data-keep="install"]'].map(s =>
                 document.querySelector(s).compareDocumentPosition(document.querySelector(".kb-keep__warning")))"""
        )
        assert order[1] == order[2] == 2  # DOCUMENT_POSITION_PRECEDING: the warning precedes both
    finally:
        context.close()


def test_without_javascript_the_downloads_page_says_why_and_still_warns(browser, site_url):
    """JavaScript off (Nepali): the no-JS explanation and the whole warning show, near the top."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX["ne"] + "downloads/")
        nojs, warning = page.locator(".kb-keep__nojs"), page.locator(".kb-keep__warning")
        assert nojs.is_visible() and warning.is_visible()
        assert nojs.bounding_box()["y"] < PHONE["height"]
        assert page.locator('[data-keep="start"]').is_hidden()
    finally:
        context.close()


@pytest.fixture(scope="module")
def offline_two_languages(tmp_path_factory):
    """A real offline build (OFFLINE=true) of English and Arabic, as make site's offline step makes it."""
    project = copy_project(tmp_path_factory.mktemp("reader-offline"))
    build_only(project, ("en", "ar"))
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site"],
        cwd=project,
        env={**os.environ, "OFFLINE": "true"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_single_language_copy_lists_its_own_language_first(offline_two_languages):
    """The Arabic copy's language menu starts with Arabic (a link), then the languages it lacks ('not in this copy')."""
    copies = {copy.language: copy for copy in offline_copies(offline_two_languages, ["en", "ar"])}
    for language, page in (("ar", "ar/directory/index.html"), ("en", "directory/index.html")):
        menu = BeautifulSoup(copies[language].files[page], "html.parser").select_one(".md-select__list")
        entries = [
            ("link", li.a["hreflang"]) if li.a else ("absent", li.select_one(".kb-not-in-copy")["lang"])
            for li in menu.select("li")
        ]
        assert entries[0] == ("link", language), entries
        assert [kind for kind, _ in entries] == ["link"] + ["absent"] * (len(entries) - 1), entries
    everything = BeautifulSoup(copies[None].files["ar/index.html"], "html.parser").select_one(".md-select__list")
    assert [a["hreflang"] for a in everything.select("a")] == ["en", "ar"] and not everything.select(".kb-not-in-copy")


# The boxes of the quick exit and of the pathway page's foot links (back, start over, overview, all pathways).
TARGETS = """() => [...document.querySelectorAll(".md-header a.kb-exit, .kb-pathway-nav a")].map(e => {
    const r = e.getBoundingClientRect();
    return {name: e.className || e.textContent.trim().slice(0, 30), width: r.width, height: r.height};
})"""


@pytest.mark.parametrize(("language", "javascript"), [("ar", True), ("ne", False)])
def test_the_quick_exit_and_the_pathway_links_are_44_px_targets(browser, site_url, language, javascript):
    """On a pathway's question, in Arabic with JavaScript and Nepali without: the exit (it was 40 px high) and
    each back / start over / overview link (they were 21 px lines of text) are at least 44 px each way."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX[language] + "pathways/physical-danger/where/")
        targets = page.evaluate(TARGETS)
        assert [t["name"] for t in targets][0] == "kb-exit" and len(targets) >= 3
        assert [t for t in targets if t["height"] < 44 or t["width"] < 44] == []
    finally:
        context.close()
