"""The Makefile's own wiring: every file a target depends on is named, and make po asks for its language."""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT


def test_every_variable_a_target_depends_on_is_defined():
    # An undefined $(X) prerequisite is silently empty: its Debian package would never be installed.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([A-Z_]+)\s*[:?]?=", makefile, re.M))
    for target, prerequisites in re.findall(r"^([a-z][a-z-]*|\$\([A-Z_]+\)):(?!=)(.*)$", makefile, re.M):
        for variable in re.findall(r"\$\(([A-Z_]+)\)", prerequisites + " " + target):
            assert variable in defined, f"make {target} depends on $({variable}), which the Makefile never sets"


def test_make_po_without_a_language_says_how_to_ask_for_one():
    done = subprocess.run(["make", "-s", "po", "SITE_STAMP=Makefile", "MSGFMT=Makefile"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "make po LANGUAGE=ne" in done.stderr
