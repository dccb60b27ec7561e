"""The data model, loader and renderers do not depend on the site generator."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_core_imports_no_mkdocs():
    code = (
        "import sys, pkgutil, importlib, whrdkb.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'whrdkb.core.'): importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_pages_are_not_tracked_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "docs/en/recommendations/1-1.md", "docs/fr/recommendations/x.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == ["docs/en/recommendations/1-1.md", "docs/fr/recommendations/x.md"]
