"""Generated pages are written only when changed, stale ones removed, hand-written folders untouched."""

from __future__ import annotations

import pytest

from whrdkb.core.generated import GeneratedPage
from whrdkb.core.sync import MARKER, NotOwnedError, sync_pages, watched_paths


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


def test_serve_watches_every_hand_written_path_but_no_generated_folder(tmp_path):
    docs = tmp_path / "docs"
    for language in ("en", "fr"):
        sync_pages(docs / language, [GeneratedPage("recs/a.md", "A"), GeneratedPage("dir/x/b.md", "B")])
        (docs / language / "index.md").write_text("hand-written")
        (docs / language / "contribute").mkdir()
    sync_pages(docs, [GeneratedPage("exports/data.json", "{}")])
    (docs / "assets" / "img").mkdir(parents=True)
    watched = {(str(path.relative_to(tmp_path)), recursive) for path, recursive in watched_paths(docs)}
    assert watched == {
        ("docs", False),
        ("docs/assets", True),
        ("docs/en", False),
        ("docs/en/contribute", True),
        ("docs/fr", False),
        ("docs/fr/contribute", True),
    }
    # Before the first build wrote anything, docs/ is watched whole.
    assert watched_paths(tmp_path / "other") == [(tmp_path / "other", True)]
