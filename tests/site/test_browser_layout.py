"""Layout on phones and screens: the quick exit covers nothing, no page scrolls sideways, large crisis buttons.

One page load per page type and language; the viewport is resized across the widths
in that same page (a resize lays the page out again, as a phone turned sideways does).
"""

from __future__ import annotations

import pytest

from tests.helpers import LANGUAGES, PAGE_TYPES, PREFIX, ROOT
from whrdkb.core.load import load_knowledge_base

WIDTHS = (320, 360, 414, 768, 1024, 1366, 1920)
# Page types beyond the accessibility test's: every other kind of page a reader reaches.
MORE_PAGE_TYPES = {
    "pathways": "pathways/",
    "evidence": "evidence/",
    "training": "training/",
    "search": "search/",
    "about": "about/",
    "contribute": "contribute/",
}

# The header's layout, as the test needs it: the exit's box, the boxes of the header's
# other visible controls, whether the short site name is cut, and the page's width.
HEADER = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    const shown = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
    const exit = document.querySelector(".md-header a.kb-exit");
    const others = [...document.querySelectorAll(".md-header a, .md-header button, .md-header label, .md-header input")]
        .filter(e => e !== exit && !exit.contains(e) && shown(e))
        .map(e => ({name: e.className || e.tagName, ...box(e)}));
    const name = document.querySelector(".kb-site-name");
    return {exit: box(exit), others, viewport: document.documentElement.clientWidth,
            page: document.documentElement.scrollWidth, nameCut: name.scrollWidth > name.clientWidth + 1};
}"""


def _overlaps(a: dict, b: dict) -> bool:
    """Whether two boxes share any area (touching edges do not count)."""
    return (
        a["x"] < b["x"] + b["w"] - 0.5
        and b["x"] < a["x"] + a["w"] - 0.5
        and a["y"] < b["y"] + b["h"] - 0.5
        and b["y"] < a["y"] + a["h"] - 0.5
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_exit_covers_no_control_and_no_page_scrolls_sideways(browser, site_url, language):
    """At every width the exit stays in the viewport and off every other header control; at 320 px no page is wider than the screen."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 740})
    page = context.new_page()
    problems = []
    for name, path in {**PAGE_TYPES, **MORE_PAGE_TYPES}.items():
        page.set_viewport_size({"width": WIDTHS[0], "height": 740})
        page.goto(site_url + PREFIX[language] + path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 740})
            layout = page.evaluate(HEADER)
            exit_box = layout["exit"]
            where = f"{name} ({path or 'home'}) at {width} px"
            if exit_box["x"] < 0 or exit_box["x"] + exit_box["w"] > layout["viewport"] + 0.5 or exit_box["y"] < 0:
                problems.append(f"{where}: the exit is outside the viewport {exit_box}")
            problems += [f"{where}: the exit covers {o['name']}" for o in layout["others"] if _overlaps(exit_box, o)]
            if width == WIDTHS[0]:
                if layout["page"] > width:
                    problems.append(f"{where}: the page is {layout['page']} px wide")
                if layout["nameCut"]:
                    problems.append(f"{where}: the short site name is cut")
    context.close()
    assert problems == []


@pytest.fixture(scope="module")
def first_questions() -> list[str]:
    """Where the crisis buttons must lead: each defenders' pathway's first question, in data order."""
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    return [f"pathways/{p.id}/{p.start}/" for p in kb.pathways.pathways if p.audience == "defenders"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_buttons_are_large_and_open_a_first_question(browser, site_url, first_questions, language):
    """On a 360 x 640 phone the home page's crisis buttons are at least 48 x 48 px and all above the fold."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PREFIX[language])
    buttons = page.eval_on_selector_all(
        "a.kb-crisis",
        "links => links.map(a => { const r = a.getBoundingClientRect();"
        " return {href: a.getAttribute('href'), w: r.width, h: r.height, bottom: r.bottom}; })",
    )
    tools = page.eval_on_selector_all(".kb-home-tools a", "links => links.map(a => a.getBoundingClientRect().bottom)")
    context.close()
    assert [b["href"] for b in buttons] == first_questions
    assert all(b["w"] >= 48 and b["h"] >= 48 for b in buttons), buttons
    assert max(b["bottom"] for b in buttons) <= 640 and tools and max(tools) <= 640


def test_one_tap_on_the_exit_leaves_even_with_the_menu_open(browser, site_url):
    """With the drawer open on a phone (right to left here), the exit is still on top and takes the tap."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site_url + PREFIX["ar"] + "evidence/")
    page.click(".md-header label[for=__drawer]")
    page.wait_for_timeout(300)  # the drawer slides in
    on_top = page.evaluate(
        """() => { const r = document.querySelector('.kb-exit').getBoundingClientRect();
                   const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                   return hit !== null && hit.closest('.kb-exit') !== null; }"""
    )
    page.close()
    assert on_top


def test_the_keyboard_hint_is_hidden_on_touch_screens(browser, site_url):
    """Shift pressed three times means nothing on a phone: the safety page does not offer it there."""
    shown = {}
    for touch in (True, False):
        context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=touch, is_mobile=touch)
        page = context.new_page()
        page.goto(site_url + PREFIX["ne"] + "safety/")
        shown[touch] = page.eval_on_selector(".kb-keyboard-hint", "e => getComputedStyle(e).display") != "none"
        context.close()
    assert shown == {True: False, False: True}
