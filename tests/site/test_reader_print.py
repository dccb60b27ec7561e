"""Reader checks on the pocket cards: the A4 sheet's four A6 panels are used, in type large enough to read."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from tests.helpers import LANGUAGES, ROOT
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.models.geo import WORLDWIDE
from whrdkb.core.render.paged import page_count
from whrdkb.core.render.pdf import A4, PANELS, print_edition
from whrdkb.core.render.printed import CARD_LAYOUTS, CARD_MOST_PER_SECTION, PrintSettings, card_editions

# As make site prints them: no site address, so no QR code (it would take room of its own).
SETTINGS = PrintSettings(edition=dt.date(2026, 12, 4))


@pytest.fixture(scope="module")
def cards():
    """Every pocket card of every language (HTML, not yet printed)."""
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    return {language: card_editions(kb, language, SETTINGS) for language in LANGUAGES}


def _words_in_lower_half(pdf) -> list[str]:
    """The words printed on the A4 sheet's lower half (its lower two panels), read with pdftotext."""
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="[0-9.]+" yMin="([0-9.]+)"[^>]*>([^<]*)</word>', layout)
    return [word for y, word in words if float(y) > A4[1] / 2]


def test_the_arabic_worldwide_card_fills_the_lower_panels_too(cards, tmp_path):
    """The Arabic worldwide card was printed on the top two panels only, in 7.2 pt: it now reaches the lower ones."""
    card = next(c for c in cards["ar"] if f"card-{WORLDWIDE}." in c.name)
    pdf = print_edition(card, tmp_path, 1796300000)
    lower = _words_in_lower_half(pdf)
    assert len([w for w in lower if re.search("[\u0600-\u06ff]", w)]) > 20, lower


def _first_fitting_layout(card) -> tuple[int, int]:
    """The layout pdf.py prints a card in (the first of CARD_LAYOUTS that four panels hold) and its A6 pages."""
    for layout in range(card.layouts):
        pages = page_count(card.refit(layout))
        if pages <= PANELS:
            return layout, pages
    raise AssertionError(f"{card.name} fits in no layout")


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_keep_every_entry_in_larger_type_and_use_three_panels_or_more(cards, language):
    """The worldwide card and one region's (every region in Arabic): every entry is kept (up to six a section,
    as before) in type of 8 pt or more, and three or four of the sheet's panels are used, not two."""
    sample = [c for c in cards[language] if language == "ar" or re.search(f"card-({WORLDWIDE}|002)\\.", c.name)]
    assert len(sample) >= 2
    for card in sample:
        layout, pages = _first_fitting_layout(card)
        type_size, per_section = CARD_LAYOUTS[layout]
        assert per_section == CARD_MOST_PER_SECTION and type_size >= 8, (card.name, CARD_LAYOUTS[layout])
        assert 3 <= pages <= PANELS, f"{card.name}: {pages} A6 pages in {type_size} pt"
