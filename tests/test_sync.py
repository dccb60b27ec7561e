"""Generated pages are written only when changed, stale ones removed, hand-written folders untouched."""

from __future__ import annotations

import pytest

from whrdkb.core.render.pages import GeneratedPage
from whrdkb.core.sync import MARKER, NotOwnedError, sync_pages


def test_writes_then_only_rewrites_what_changed_and_removes_stale(tmp_path):
    first = sync_pages(tmp_path, [GeneratedPage("recs/a.md", "A"), GeneratedPage("recs/b.md", "B")])
    assert sorted(p.name for p in first.written) == ["a.md", "b.md"]
    mtime = (tmp_path / "recs" / "a.md").stat().st_mtime_ns
    second = sync_pages(tmp_path, [GeneratedPage("recs/a.md", "A"), GeneratedPage("recs/c.md", "C")])
    assert [p.name for p in second.written] == ["c.md"]
    assert [p.name for p in second.removed] == ["b.md"]
    assert (tmp_path / "recs" / "a.md").stat().st_mtime_ns == mtime
    assert sorted(p.name for p in (tmp_path / "recs").iterdir()) == [MARKER, "a.md", "c.md"]


def test_refuses_a_folder_with_hand_written_files(tmp_path):
    (tmp_path / "recs").mkdir()
    (tmp_path / "recs" / "mine.md").write_text("mine")
    with pytest.raises(NotOwnedError):
        sync_pages(tmp_path, [GeneratedPage("recs/a.md", "A")])
    assert (tmp_path / "recs" / "mine.md").read_text() == "mine"
    assert not (tmp_path / "recs" / "a.md").exists()
