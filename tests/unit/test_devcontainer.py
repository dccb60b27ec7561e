"""Maintainers on Windows or macOS: the dev container, and `make site` where Debian's apt-get is absent."""

from __future__ import annotations

import re

import json5

from tests.helpers import ROOT

DEBIAN_RELEASES = ("bookworm", "trixie", "bullseye")


def test_the_dev_container_is_debian_and_sets_up_through_the_makefile():
    config = json5.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    image = config["image"]
    assert image.startswith(("python:", "mcr.microsoft.com/devcontainers/python:"))
    assert any(release in image for release in DEBIAN_RELEASES), image
    assert re.fullmatch(r"make (site|setup)( && make test)?", config["postCreateCommand"])
    # What make site and make test need from Debian is installed by the Makefile's rules, not by the container.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for package in ("chromium", "fonts-noto-core", "poppler-utils", "gettext"):
        assert f"$(call apt,{package})" in makefile
    site = re.search(r"^site: (.*)$", makefile, re.M)
    assert site and re.fullmatch(r"(\$\([A-Z_]+\) )*\$\(SITE_INSTALLED\)", site.group(1)), "Debian packages come first"
    assert "$(CHROMIUM)" in site.group(1) and "$(NOTO)" in site.group(1)
    assert re.search(r"^test: .*\$\(MSGFMT\)", makefile, re.M)
