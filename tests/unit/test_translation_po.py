"""Translations in gettext PO files: export, what translation tools do to a file, import, refusals, one YAML writer."""

from __future__ import annotations

from tests.helpers import ROOT


def test_one_yaml_writer():
    # Data files are written by core/yamlwriter.py alone (ruamel.yaml); nothing else dumps or splices YAML.
    writers = []
    for path in (ROOT / "plugins").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(call in text for call in ("yaml.dump(", "yaml.safe_dump(", "round_trip_dump", "_closing_brace")):
            writers.append(path.relative_to(ROOT).as_posix())
    assert writers == ["plugins/whrdkb/core/yamlwriter.py"]
