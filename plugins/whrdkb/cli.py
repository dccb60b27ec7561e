"""Command line: `whrdkb validate` checks the data, `whrdkb schema` regenerates the JSON Schemas.

Usable without MkDocs knowledge: messages are the same as in the site build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.fieldref import render_field_reference
from .core.load import load_knowledge_base
from .core.problems import DataError
from .core.render import check_ui_strings
from .core.schema import write_schemas

FIELD_REFERENCE = Path("docs/en/contribute/fields.md")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `whrdkb` command."""
    parser = argparse.ArgumentParser(prog="whrdkb", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (holds mkdocs.yml and data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every data file and print every problem")
    sub.add_parser("schema", help="regenerate data/schema/ and the field reference from the models")
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(args.root / "data" / "schema"):
            print(f"updated {path}")
        reference = args.root / FIELD_REFERENCE
        text = render_field_reference()
        if not reference.exists() or reference.read_text(encoding="utf-8") != text:
            reference.parent.mkdir(parents=True, exist_ok=True)
            reference.write_text(text, encoding="utf-8")
            print(f"updated {reference}")
        return 0
    return validate(args.root)


def validate(root: Path) -> int:
    """Print every problem in data/ (exit 1), or a one-line summary (exit 0)."""
    languages = languages_from_mkdocs_yml(root / "mkdocs.yml")
    try:
        kb = load_knowledge_base(root / "data", languages)
        check_ui_strings(kb)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    rows = sum(1 for _ in kb.rows())
    print(f"data is valid: {rows} matrix rows, {len(kb.services.services)} services, languages {', '.join(languages)}")
    return 0


def languages_from_mkdocs_yml(path: Path) -> list[str]:
    """The site's languages, default first, from the i18n plugin entry of mkdocs.yml.

    Only that list is read (with MkDocs' own YAML reader), so checking data does
    not need the theme, the docs or the plugins to be in place.
    """
    from mkdocs.utils.yaml import yaml_load  # understands mkdocs.yml's own tags (!ENV, !relative)

    with path.open(encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = (plugin["i18n"] or {}).get("languages") or []
            default = [entry["locale"] for entry in languages if entry.get("default")]
            return default + [entry["locale"] for entry in languages if not entry.get("default")]
    return [(config.get("theme") or {}).get("language", "en")]


if __name__ == "__main__":
    sys.exit(main())
