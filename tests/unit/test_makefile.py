"""The Makefile's own wiring: every file a target depends on is named."""

from __future__ import annotations

import re

from tests.helpers import ROOT


def test_every_variable_a_target_depends_on_is_defined():
    # An undefined $(X) prerequisite is silently empty: its Debian package would never be installed.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([A-Z_]+)\s*[:?]?=", makefile, re.M))
    for target, prerequisites in re.findall(r"^([a-z][a-z-]*|\$\([A-Z_]+\)):(?!=)(.*)$", makefile, re.M):
        for variable in re.findall(r"\$\(([A-Z_]+)\)", prerequisites + " " + target):
            assert variable in defined, f"make {target} depends on $({variable}), which the Makefile never sets"
