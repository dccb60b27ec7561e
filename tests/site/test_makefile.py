"""Make targets that talk to a maintainer: make po asks for its language."""

from __future__ import annotations

import subprocess

from tests.helpers import ROOT


def test_make_po_without_a_language_says_how_to_ask_for_one():
    done = subprocess.run(
        ["make", "-s", "po", "SITE_INSTALLED=Makefile", "MSGFMT=Makefile"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "make po LANGUAGE=ne" in done.stderr
