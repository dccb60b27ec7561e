"""The training reference for mission staff, the print stylesheet, and the PDF editions."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import unicodedata

import pytest

from conftest import LANGUAGES, PREFIX, ROOT, read_html
from whrdkb.core.directory import RenderOptions
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.pdf import pdf_jobs, print_pdfs
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

    (`whrdkb pdf` writes them there under the same names: the PDF tests below print them with pdf_jobs.)
    """
    options = RenderOptions.from_environment(pdf=True)
    root = PREFIX[language]
    index = next(p for p in render_training(kb, language, options) if p.path == "training/index.md")
    pathway = kb.pathways.pathways[0]
    overview = render_overview(kb, language, pathway, options)
    expected = {
        (f"{root}training/", f"pdf/whrd-kb-training.{language}.pdf", index.markdown),
        (f"{root}pathways/{pathway.id}/", f"pdf/whrd-kb-pathway-{pathway.id}.{language}.pdf", overview.markdown),
    }
    for page_url, target, markdown in expected:
        href = next(part.split('"')[0] for part in markdown.split('href="')[1:] if part.split('"')[0].endswith(".pdf"))
        assert posixpath.normpath(posixpath.join(page_url, href)) == target
    unprinted = render_training(kb, language, RenderOptions.from_environment())
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


# ------------------------------------------------------------------ the PDF editions


@pytest.fixture(scope="module")
def pdfs(built_site, kb, browser, tmp_path_factory):
    """The training reference of every language, printed from the built site (pathway guides: test_print_editions)."""
    if not shutil.which("pdftoppm"):
        pytest.fail("poppler-utils is missing: make test installs it")
    out = tmp_path_factory.mktemp("pdf")
    jobs = pdf_jobs(kb, built_site, out)
    print_pdfs(jobs, built_site, browser=browser)
    return {job.pdf.name: job for job in jobs}


def _text(pdf) -> list[str]:
    """The PDF's text layer, page by page."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    """Text as pdftotext gives it, comparable with the data: no bidi controls, no presentation forms, one space."""
    return " ".join(_BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text)).split())


def _shows(whole: str, expected: str) -> bool:
    """`expected` is in the PDF's text; for Arabic, most of its words (pdftotext splits some ligatures, lam-alef)."""
    whole, expected = _plain(whole), _plain(expected)
    if expected in whole:
        return True
    words = [w.strip("؟?.,:،") for w in expected.split()]
    return sum(w in whole for w in words) >= 0.6 * len(words)


def _ink(pdf, page: int) -> float:
    """Share of a page's pixels that are not white (rendered by pdftoppm, greyscale, 30 dpi)."""
    raw = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, check=True
    ).stdout
    header, _, pixels = raw.partition(b"\n255\n")  # PGM: "P5\nW H\n255\n" then one byte per pixel
    assert header.startswith(b"P5")
    return sum(1 for b in pixels if b < 200) / len(pixels)


# A text of each script that the training PDF must carry as text, not as pictures of letters.
SCRIPT_SAMPLES = {"ar": "المرجع التدريبي", "ne": "तालिम सन्दर्भ", "fr": "Référence de formation", "es": "Material"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_training_pdf_whose_pages_render_with_text(pdfs, kb, language):
    pdf = pdfs[f"whrd-kb-training.{language}.pdf"].pdf
    pages = _text(pdf)
    assert len(pages) >= len(kb.recommendations.themes) + 2
    assert all(page.strip() for page in pages), "every page has text"
    for number in (1, 2, len(pages)):
        assert _ink(pdf, number) > 0.003, f"page {number} is blank"
    whole = " ".join(pages)
    if language in SCRIPT_SAMPLES:
        assert _shows(whole, SCRIPT_SAMPLES[language])
    assert _shows(whole, kb.recommendations.themes[0].rows[0].short_title.in_language(language).text)
    data = pdf.read_bytes()
    assert b"file:" not in data, "no link to a file on the printing machine"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    script_font = {"ar": "NotoSansArabic", "ne": "NotoSansDevanagari"}.get(language)
    if script_font:
        assert script_font in fonts


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
