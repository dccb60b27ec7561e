"""Print editions printed by WeasyPrint: pathway guides with every contact, pocket cards of one page per region."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from babel.dates import format_date

from tests.helpers import LANGUAGES, ROOT, read_html
from tests.helpers.print_editions import EDITION, SITE_URL
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.models.geo import WORLDWIDE
from whrdkb.core.render.pathways import referred_services
from whrdkb.core.render.pdf import print_edition
from whrdkb.core.render.printed import (
    PRINTED_CHANNELS,
    PrintSettings,
    card_editions,
    card_regions,
    handbook_edition,
    pathway_editions,
)

# Regions whose cards every language prints in the tests (all regions are printed in English).
CARD_SAMPLE = (WORLDWIDE, "002")
# Languages whose training handbook the tests print (French and Spanish are laid out as English is).
HANDBOOK_SAMPLE = ("en", "ar", "ne")


@pytest.fixture(scope="module")
def printed(kb, tmp_path_factory):
    """Every pathway guide in every language, pocket cards (every region in English, two in the others) and
    training handbooks (HANDBOOK_SAMPLE)."""
    out = tmp_path_factory.mktemp("print")
    settings = PrintSettings(edition=EDITION, site_url=SITE_URL)
    made = {}
    for language in LANGUAGES:
        editions = pathway_editions(kb, language, settings)
        if language in HANDBOOK_SAMPLE:
            editions.append(handbook_edition(kb, language, settings))
        for card in card_editions(kb, language, settings):
            region = card.name.split("card-")[1].split(".")[0]
            if language == LANGUAGES[0] or region in CARD_SAMPLE:
                editions.append(card)
        for edition in editions:
            made[edition.name] = print_edition(edition, out, 1_764_460_800)
    return made


def _pages(pdf) -> list[str]:
    """The PDF's text layer, page by page."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\\s]")


def _squeezed(text: str) -> str:
    """Text without spaces, line breaks or bidi controls (a long address may break across lines)."""
    return _BIDI.sub("", unicodedata.normalize("NFKC", text))


def _unbroken(text: str) -> str:
    """Squeezed text without hyphens (pdftotext joins "supporting-" and "organisations" at a line's end)."""
    return _squeezed(text).replace("-", "")


def _shows(whole: str, expected: str, language: str) -> bool:
    """`expected` is in the text; in Arabic and Nepali, most of its words or pieces (pdftotext reorders right-to-left
    runs around numbers and punctuation, and splits some ligatures and Devanagari clusters)."""
    if language not in ("ar", "ne"):
        return _unbroken(expected) in _unbroken(whole)
    if language == "ne" and re.search("[\u0900-\u097f]", expected):
        # pdftotext gives Devanagari clusters in visual order (र्क as कर्): the letters must all be there.
        return set(re.findall("[\u0900-\u097f]", expected)) <= set(whole)
    pieces = [p for p in re.split(r"[\s.,:;!?()/=?؟،।\-]+", unicodedata.normalize("NFKC", expected)) if p]
    whole = _BIDI.sub("", unicodedata.normalize("NFKC", whole.replace("\n", " ")))
    return sum(p in whole for p in pieces) >= 0.6 * len(pieces)


def _ink(pdf, page: int) -> float:
    """Share of a page's pixels that are not white (pdftoppm, greyscale, 30 dpi)."""
    raw = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, check=True
    ).stdout
    _, _, pixels = raw.partition(b"\n255\n")
    return sum(1 for b in pixels if b < 200) / len(pixels)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pathway_guide_gives_every_recommended_entrys_contacts(printed, kb, language):
    for pathway in kb.pathways.pathways:
        pdf = printed[f"whrd-kb-pathway-{pathway.id}.{language}.pdf"]
        whole = " ".join(_pages(pdf))
        for outcome in pathway.outcomes:
            for referral in outcome.referrals:
                for service in referred_services(kb, referral):
                    for channel in service.channels:
                        if channel.type in PRINTED_CHANNELS:
                            shown = _shows(whole, channel.display, language)
                            assert shown, (pathway.id, service.id, channel.value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pathway_guides_start_with_the_flowchart_and_send_each_answer_to_a_page(printed, kb, language):
    pathway = next(p for p in kb.pathways.pathways if p.id == "physical-danger")
    pages = _pages(printed[f"whrd-kb-pathway-{pathway.id}.{language}.pdf"])
    first = _squeezed(pages[0])
    text = pathway.steps[0].question.in_language(language).text
    if not pathway.shown_in_english(language):
        assert _squeezed(text)[:12] in first
    # "go to 3. Where could you go?, page 2": every answer names a page that exists.
    page_word = kb.ui_text("print_page", language).text.replace("{page}", "")
    word = re.escape(page_word.strip())
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", " ".join(pages))
    numbers = [int(n) for n in re.findall(rf"{word}\s*(\d+)", text)]
    # Every answer's reference names a page of the guide (data text may say "page" near a year too).
    assert len([n for n in numbers if 1 <= n <= len(pages)]) >= sum(len(s.options) for s in pathway.steps)


def test_a_guide_shows_n_of_m_on_every_page(printed):
    pages = _pages(printed["whrd-kb-pathway-physical-danger.en.pdf"])
    for number, page in enumerate(pages, start=1):
        assert f"{number} of {len(pages)}" in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pocket_card_is_one_page_with_a_247_line_and_an_emergency_grant_of_its_region(printed, kb, language):
    regions = card_regions(kb) if language == LANGUAGES[0] else CARD_SAMPLE
    assert {"002", "142", "419", WORLDWIDE} <= set(card_regions(kb))
    for region in regions:
        pdf = printed[f"whrd-kb-card-{region}.{language}.pdf"]
        pages = _pages(pdf)
        assert len(pages) == 1, f"the {region} card takes {len(pages)} pages"
        text = " ".join(pages[0].split())
        for key in ("print_card_247", "print_card_grants", "print_check_site", "open_247"):
            assert _shows(text, kb.ui_text(key, language).text, language), (region, key)
        shown = [s for s in kb.services.services if s.name in text]
        assert shown
        strangers = [s for s in shown if WORLDWIDE not in s.areas and region not in s.areas]
        # A name inside another shown entry's name ("FLD" in "Front Line Defenders (FLD)") is not an entry shown.
        strangers = [s for s in strangers if not any(s.name in o.name and s is not o for o in shown)]
        assert not strangers, [s.id for s in strangers]
        assert _ink(pdf, 1) > 0.01


@pytest.mark.parametrize("language", ["ar", "ne"])
def test_arabic_and_nepali_editions_carry_their_script_as_text_in_noto(printed, kb, language):
    pdf = printed[f"whrd-kb-card-{WORLDWIDE}.{language}.pdf"]
    script = {"ar": "\u0600-\u06ff", "ne": "\u0900-\u097f"}[language]
    assert len(re.findall(f"[{script}]", " ".join(_pages(pdf)))) > 200
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert {"ar": "Noto-Sans-Arabic", "ne": "Noto-Sans-Devanagari"}[language] in fonts
    guide = printed[f"whrd-kb-pathway-physical-danger.{language}.pdf"]
    assert all(_ink(guide, n) > 0.003 for n in (1, 2, 3))


def test_no_edition_names_a_file_a_data_file_or_a_line(printed):
    for name, pdf in printed.items():
        data = pdf.read_bytes()
        text = " ".join(_pages(pdf))
        for needle in ("file:", ".yaml", str(ROOT), "/tmp/", "yaml:"):
            assert needle.encode() not in data and needle not in text, (name, needle)


@pytest.mark.parametrize("language", HANDBOOK_SAMPLE)
def test_the_handbooks_contents_give_each_sections_page(printed, kb, language):
    pages = _pages(printed[f"whrd-kb-training.{language}.pdf"])
    cover, contents = pages[0], pages[1]
    assert _shows(cover, format_date(EDITION, format="long", locale=language), language)
    state = kb.ui_text("print_state_source" if language == "en" else "print_state_draft", language).text
    assert _shows(cover, state, language)
    themes = kb.recommendations.themes
    entries = [f"{t.id}. {t.short_title.in_language(language).text}" for t in themes]
    entries += [p.title.in_language(language).text for p in kb.pathways.pathways if p.audience == "mission-staff"]
    lines = [re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", line) for line in contents.splitlines()]
    lines += [f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False)]  # a long title wraps
    for entry in entries:
        line = next((line for line in lines if _shows(line, entry, language)), None)
        assert line is not None, f"the contents do not list {entry!r}"
        own = set(re.findall(r"\d+", entry))
        numbers = [int(n) for n in re.findall(r"\d+", line) if n not in own and 1 <= int(n) <= len(pages)]
        assert any(_shows(pages[n - 1], entry, language) for n in numbers), f"{entry!r} is not on its page"
    for number, page in enumerate(pages[1:], start=2):
        assert re.search(rf"\b{number}\b", page) and re.search(rf"\b{len(pages)}\b", page), f"page {number}: N of M"
    if language == "en":
        for number, page in enumerate(pages[2:], start=3):
            assert f"{number} of {len(pages)}" in page
            assert page.strip().splitlines()[0].strip(), "a running header"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_download_page_lists_each_edition_of_its_language_with_size_and_date(kb, language):
    from whrdkb.core.bundles import EditionFile
    from whrdkb.core.render.downloads import render_downloads
    from whrdkb.core.renderinput import BuildSettings, Published, RenderInput

    editions = [(f"whrd-kb-card-002.{lang}.pdf", 150_000) for lang in ("en", "ar")]
    editions.append((f"whrd-kb-pathway-{kb.pathways.pathways[0].id}.{language}.pdf", 90_000))
    published = Published(editions=tuple(EditionFile(name, size) for name, size in editions))
    page = render_downloads(RenderInput(kb, BuildSettings(today=EDITION), published), language)[0].markdown
    base = "../pdf/" if language == "en" else "../../pdf/"
    assert f'href="{base}whrd-kb-card-002.{language}.pdf"' in page
    assert f"whrd-kb-card-002.{'ar' if language == 'en' else 'en'}.pdf" not in page
    assert "146&nbsp;KB" in page
    assert format_date(EDITION, format="long", locale=language) in page
    assert kb.pathways.pathways[0].title.in_language(language).text in page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_printed_page_names_the_pages_its_links_lead_to(browser, site_url, built_site, language):
    """On paper a link to another page of the site prints that page's title (data-kb-title and print CSS)."""
    path = f"{language}/recommendations/1-3/"
    soup = read_html(built_site / path / "index.html")
    titled = soup.select("article a[data-kb-title]")
    assert titled, "the row's links to other pages carry their titles"
    for link in titled[:5]:
        target = read_html(built_site / path / link["href"].split("#")[0] / "index.html")
        assert link["data-kb-title"] in target.title.text  # <title> is "page title - site name"
    assert not soup.select("nav a[data-kb-title]"), "only the article's links (nothing else prints)"
    page = browser.new_page()
    page.goto(site_url + path)
    page.emulate_media(media="print")
    after = page.eval_on_selector("article a[data-kb-title]", "a => getComputedStyle(a, '::after').content")
    assert titled[0]["data-kb-title"] in after
    page.close()


def test_a_latin_name_on_an_arabic_card_keeps_its_commas_and_brackets_in_place(tmp_path):
    """WeasyPrint does not keep <bdi> whole across a line break: a name is laid out in its own direction."""
    import datetime as _dt

    from whrdkb.core.render.pdf import print_edition
    from whrdkb.core.render.printed import PrintSettings, card_editions, text_direction

    assert (text_direction("Front Line Defenders"), text_direction("مؤسسة"), text_direction("+353")) == (
        "ltr",
        "rtl",
        "auto",
    )
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    card = next(
        c for c in card_editions(kb, "ar", PrintSettings(edition=_dt.date(2026, 12, 4))) if "worldwide" in c.name
    )
    pdf = print_edition(card, tmp_path, 1796300000)
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S):
        words = re.findall(r'<word xMin="([0-9.]+)"[^>]*>([^<]*)</word>', line)
        lines.append(" ".join(word for _, word in sorted(words, key=lambda w: float(w[0]))))
    latin = [line for line in lines if re.match(r"^[\W\d]*[A-Za-z]", line) and not re.search("[\u0600-\u06ff]", line)]
    assert latin, "the card names entries in Latin letters"
    # A wrapped name may put a whole "(CAHR)" on a line of its own; a bracket moved to the wrong end may not.
    assert not [line for line in latin if line.startswith((",", ")")) or line.startswith("(") and ")" not in line], (
        latin
    )
