"""The training reference for mission staff, the print stylesheet, and the PDF editions."""

from __future__ import annotations

import posixpath

import pytest

from conftest import LANGUAGES, PREFIX, ROOT, read_html
from whrdkb.core.renderinput import BuildSettings, RenderInput
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.render.pathways import render_overview
from whrdkb.core.render.training import mission_pathways, render_training


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(ROOT / "data", LANGUAGES)


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_links_lead_to_the_printed_files(kb, language):
    """Pages link the PDFs only when they are printed, by a path that reaches pdf/ at the site's root.

    (`whrdkb pdf` writes them there under the same names: test_print_editions.py prints them.)
    """
    settings = BuildSettings.from_environment(pdf=True)
    root = PREFIX[language]
    index = next(p for p in render_training(RenderInput(kb, settings), language) if p.path == "training/index.md")
    pathway = kb.pathways.pathways[0]
    overview = render_overview(kb, language, pathway, settings)
    expected = {
        (f"{root}training/", f"pdf/whrd-kb-training.{language}.pdf", index.markdown),
        (f"{root}pathways/{pathway.id}/", f"pdf/whrd-kb-pathway-{pathway.id}.{language}.pdf", overview.markdown),
    }
    for page_url, target, markdown in expected:
        href = next(part.split('"')[0] for part in markdown.split('href="')[1:] if part.split('"')[0].endswith(".pdf"))
        assert posixpath.normpath(posixpath.join(page_url, href)) == target
    unprinted = render_training(RenderInput(kb, BuildSettings.from_environment()), language)
    assert ".pdf" not in next(p for p in unprinted if p.path == "training/index.md").markdown


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


# ------------------------------------------------------------------ the PDF editions (test_print_editions.py prints them)


def test_each_offline_copy_carries_its_own_languages_pdfs(tmp_path):
    import zipfile

    from whrdkb.core.bundles import make_bundles

    site = tmp_path / "site"
    for name in ("index.html", "fr/index.html", "pdf/whrd-kb-training.en.pdf", "pdf/whrd-kb-training.fr.pdf"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    make_bundles(site, tmp_path / "out", ["en", "fr"])
    names = {lang: zipfile.ZipFile(tmp_path / "out" / f"whrd-kb-{lang}.zip").namelist() for lang in ("en", "fr", "all")}
    assert "whrd-kb-fr/pdf/whrd-kb-training.fr.pdf" in names["fr"]
    assert "whrd-kb-fr/pdf/whrd-kb-training.en.pdf" not in names["fr"]
    assert "whrd-kb-en/pdf/whrd-kb-training.en.pdf" in names["en"]
    assert {"whrd-kb-all/pdf/whrd-kb-training.en.pdf", "whrd-kb-all/pdf/whrd-kb-training.fr.pdf"} <= set(names["all"])
