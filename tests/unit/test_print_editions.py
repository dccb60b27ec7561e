"""Print editions printed by WeasyPrint: pathway guides with every contact, pocket cards of one page per region."""

from __future__ import annotations

import pytest
from babel.dates import format_date

from tests.helpers.print_editions import EDITION, SITE_URL
from whrdkb.core.render.paged import FetchRefused, render
from whrdkb.core.render.printed import (
    PrintSettings,
    card_editions,
)


def test_the_pocket_card_carries_a_qr_code_only_with_a_site_address(kb):
    with_address = card_editions(kb, "en", PrintSettings(EDITION, SITE_URL))[0].html
    without = card_editions(kb, "en", PrintSettings(EDITION, None))[0].html
    assert "<svg" in with_address and f"{SITE_URL}directory/" in with_address
    assert "<svg" not in without and "example.org" not in without


def test_a_document_cannot_load_anything():
    with pytest.raises(FetchRefused):
        render('<html><body><img src="https://tracker.example/x.png"></body></html>')
    with pytest.raises(FetchRefused):
        render('<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>x</body></html>')


def test_data_text_cannot_add_markup(kb):
    pathway = kb.pathways.pathways[0]
    hostile = pathway.model_copy(update={"title": pathway.title.model_copy(update={"en": "<img src=x>"})})
    from whrdkb.core.render.printed import render_pathway

    html = render_pathway(kb, "en", hostile, PrintSettings(EDITION))
    assert "<img src=x>" not in html and "&#60;img src&#61;x&#62;" in html


def test_printed_web_pages_end_with_the_site_its_address_and_the_datas_date(kb):
    from whrdkb.core.render.printed import web_print_footer

    line = web_print_footer(kb, "en", "https://whrd.example.org/directory/<x>/")
    newest = max(s.last_verified for s in kb.services.services if s.last_verified)
    assert "https://whrd.example.org/directory/&lt;x&gt;/" in line and "<x>" not in line
    assert format_date(newest, format="long", locale="en") in line
    assert "example.org" not in web_print_footer(kb, "en", None)
