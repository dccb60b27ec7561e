"""Data text cannot become markup; the HTML check catches what would run script."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from tests.helpers import ROOT
from whrdkb.core.htmlcheck import find_unsafe_markup
from whrdkb.core.render.markdown import escape_html, escape_text

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![x](https://tracker.example/pixel.png)",
        'text {: onclick="alert(1)" }',
        "<img src=x onerror=alert(1)>",
        "<https://example.org>",
        "`code` *em* __strong__ ~~del~~",
        "&lt;script&gt;",
        "1. looks like a list",
        "- looks like a list",
        "# looks like a heading",
        "| a | b |",
    ],
)
def test_escaped_text_renders_as_the_same_characters(hostile):
    html = render(f"- {escape_text(hostile)}")
    assert find_unsafe_markup(html) == []
    item = BeautifulSoup(html, "html.parser").select_one("ul > li")
    assert item.find(True) is None, html  # no element inside: plain text only
    assert item.get_text() == hostile, html


def test_html_escape_for_titles():
    assert escape_html('<b a="1">&</b>') == "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;"


def test_text_opening_a_paragraph_cannot_start_a_block():
    for text in ("1. one", "- dash", "+ plus", "# hash", "> quote", "---"):
        assert render(escape_text(text)).startswith("<p>"), text


def test_numbers_inside_text_are_left_readable():
    assert escape_text("Row 1.3, 17:30, 30%") == "Row 1.3, 17:30, 30%"
    assert escape_text("1.3 is a row") == "1.3 is a row"


@pytest.mark.parametrize(
    "html,what",
    [
        ("<script>x</script>", "<script> element"),
        ('<a href="javascript:alert(1)">x</a>', "'javascript:' scheme"),
        ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "'javascript:' scheme"),
        ('<p onclick="x">x</p>', "event handler attribute onclick"),
        ('<img src="https://tracker.example/p.png">', "loading from another host"),
        ('<img src="//tracker.example/p.png">', "loading from another host"),
        ('<iframe src="x"></iframe>', "<iframe> element"),
        ('<p style="background:url(https://t.example/x)">x</p>', "style attribute loading"),
    ],
)
def test_html_check_finds_unsafe_markup(html, what):
    assert any(what in found for found in find_unsafe_markup(html)), find_unsafe_markup(html)


def test_html_check_accepts_ordinary_content():
    ok = '<p><a href="../1-3/">row</a> <a href="https://example.org" rel="noopener">site</a> <a href="mailto:a@b.c">m</a> <img src="../assets/x.png" alt=""></p>'
    assert find_unsafe_markup(ok) == []


def test_lists_and_links_built_for_templates_keep_data_text_as_text():
    """RenderContext.join, joined and link escape what they are given unless our code built it (Safe)."""

    from whrdkb.core.load import load_knowledge_base
    from whrdkb.core.render.pages import RenderContext

    kb = load_knowledge_base(ROOT / "tests" / "fixtures" / "data", ["en", "fr"])
    ctx = RenderContext(kb, "en")
    hostile = "<script>alert(1)</script> [x](javascript:alert(1))"
    html = render("- " + ctx.join([hostile, ctx.link("../row.md", hostile), "*b*"]))
    assert find_unsafe_markup(html) == []
    item = BeautifulSoup(html, "html.parser").select_one("ul > li")
    assert [a["href"] for a in item.select("a")] == ["../row.md"]  # only the link our code made
    assert item.get_text().count("<script>alert(1)</script>") == 2 and "*b*" in item.get_text()
    assert ", " in item.get_text()  # the language's separator (data/ui.yaml list_separator)
