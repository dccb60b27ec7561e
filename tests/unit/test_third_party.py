"""Nothing is fetched from another host: a scan of every built file, and pages of every type loaded in Chromium."""

from __future__ import annotations

import pytest

from tests.helpers.third_party import (
    fetched_from_elsewhere,
)


def test_the_scan_can_fail(tmp_path):
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//t.example/p.gif">'
    )
    (tmp_path / "b.css").write_text("@import 'https://cdn.example/x.css'; p{background:url(https://t.example/x.png)}")
    (tmp_path / "c.js").write_text('fetch("https://tracker.example/collect")')
    assert len(fetched_from_elsewhere(tmp_path)) == 5


@pytest.mark.parametrize("markup", ['<div class="mermaid">graph TD; A-->B</div>'])
def test_markup_that_loads_from_a_cdn_is_refused(markup):
    from whrdkb.core.htmlcheck import find_unsafe_markup

    assert find_unsafe_markup(markup)
