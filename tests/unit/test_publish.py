"""`make site` survives any stop and gives the same bytes for the same commit (issue #24).

Two full builds in all (the reproducibility test); the recovery test fails fast on broken
data, the stop test stops the first build step.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from whrdkb.core import publish
from whrdkb.core.publish import recover, swap_into_place

# ---------------------------------------------------------------- the swap itself


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.txt").write_text("old")
    (tmp_path / ".site-build").mkdir()
    (tmp_path / ".site-build" / "new.txt").write_text("new")
    assert publish._exchange(tmp_path / ".site-build", tmp_path / "site")  # renameat2 works here
    assert (tmp_path / "site" / "new.txt").is_file() and (tmp_path / ".site-build" / "old.txt").is_file()
    swap_into_place(tmp_path / ".site-build", tmp_path / "site")  # and back again, removing the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "old.txt").is_file()


def test_without_an_atomic_exchange_a_stop_between_the_renames_is_recovered(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_text("published")
    (tmp_path / ".site-build").mkdir()
    (tmp_path / ".site-build" / "page.html").write_text("new")

    def stop_after_the_first_rename(self: Path, target: Path) -> None:
        if self.name == ".site-build":
            raise KeyboardInterrupt  # the stop falls between the two renames
        os.rename(self, target)

    monkeypatch.setattr(Path, "rename", stop_after_the_first_rename)
    with pytest.raises(KeyboardInterrupt):
        swap_into_place(tmp_path / ".site-build", tmp_path / "site")
    monkeypatch.undo()
    assert not (tmp_path / "site").exists() and (tmp_path / "site.old").is_dir()
    assert recover(tmp_path) == [
        "put back site/ from site.old/ (an earlier run stopped while swapping)",
        "removed .site-build/, left by an earlier run that stopped",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "page.html").read_text() == "published"
