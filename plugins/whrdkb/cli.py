"""Command line: `whrdkb validate` checks the data, `whrdkb schema` regenerates the JSON Schemas.

Usable without MkDocs knowledge: messages are the same as in the site build.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .core.bundles import PREFIX, make_bundles
from .core.directory import by_age, is_stale, position
from .core.fieldref import render_field_reference
from .core.linkcheck import check_site
from .core.load import load_knowledge_base
from .core.po import PoError, check_language, import_po, write_po
from .core.problems import DataError
from .core.processes import process_count
from .core.publish import Publisher
from .core.render import check_ui_strings
from .core.render.pdf import PdfError, print_documents
from .core.render.write import write_generated_pages
from .core.renderinput import BuildSettings, Published, RenderInput
from .core.schema import write_schemas
from .core.stamping import stamp_pages, stamp_translations
from .core.sync import NotOwnedError
from .core.translations import coverage, translation_table

FIELD_REFERENCE = Path("docs/en/contribute/fields.md")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `whrdkb` command."""
    parser = argparse.ArgumentParser(prog="whrdkb", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (holds mkdocs.yml and data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every data file and print every problem")
    sub.add_parser("stamp", help="record which English text each unstamped translation was made from")
    bundles = sub.add_parser("bundles", help="zip an offline build, one zip per language and one with all")
    bundles.add_argument("--site", type=Path, required=True, help="an offline build (OFFLINE=true mkdocs build)")
    bundles.add_argument("--out", type=Path, default=Path("bundles"))
    publish = sub.add_parser(
        "publish", help="make site: build the offline copies, PDFs and site beside the published ones, then swap"
    )
    publish.add_argument("--only-bundles", action="store_true", help="make bundles: the offline copies and PDFs only")
    pdf = sub.add_parser(
        "pdf", help="print the PDF editions (training handbook, pathway guides, pocket cards) for a finished build"
    )
    printed = pdf.add_mutually_exclusive_group(required=True)
    printed.add_argument("--site", type=Path, help="a build: print the languages built there into SITE/pdf/")
    printed.add_argument("--out", type=Path, help="print the languages mkdocs.yml builds into OUT (no build needed)")
    report = sub.add_parser("report", help="stale entries, translation state, broken links in the built site")
    report.add_argument("--site", type=Path, default=Path("site"), help="the built site (run make site first)")
    report.add_argument("--stale-after-days", type=int, default=365)
    sub.add_parser("schema", help="regenerate data/schema/ and the field reference from the models")
    pages = sub.add_parser("pages", help="write every language's generated pages as kb-pages does, without MkDocs")
    pages.add_argument("--out", type=Path, required=True, help="folder to write into (LANGUAGE/... and exports/)")
    translations = sub.add_parser("translations", help="gettext PO files for Poedit, Weblate, Transifex, Crowdin")
    actions = translations.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write translations/LANGUAGE.po and translations/messages.pot")
    export.add_argument("--language", required=True, help="language code, as in mkdocs.yml (fr, es, ar, ne ...)")
    export.add_argument("--out", type=Path, help="folder to write them into (default: translations/)")
    import_parser = actions.add_parser(
        "import", help="write a translated PO file into data/ (drafts unless --reviewed)"
    )
    import_parser.add_argument("file", type=Path)
    import_parser.add_argument(
        "--reviewed",
        action="store_true",
        help="a reviewer's import: every translated message not marked fuzzy becomes 'reviewed' "
        "(the reviewer's word that a native speaker has read each of them)",
    )
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
    if args.command == "stamp":
        return stamp(args.root)
    if args.command == "bundles":
        made = make_bundles(args.site, args.out, languages_from_mkdocs_yml(args.root / "mkdocs.yml"))
        for bundle in made:
            print(f"{bundle.sha256}  {bundle.name}  ({bundle.size // 1024} KiB)")
        return 0
    if args.command == "pdf":
        return pdf_command(args.root, args.site, args.out)
    if args.command == "publish":
        mkdocs_yml = args.root / "mkdocs.yml"
        site_name = str(read_mkdocs_yml(mkdocs_yml).get("site_name") or PREFIX)
        publisher = Publisher(args.root, languages_from_mkdocs_yml(mkdocs_yml), site_name)
        return publisher.publish(site=not args.only_bundles)
    if args.command == "translations":
        return translations_command(args.root, args)
    if args.command == "report":
        return report_command(args.root, args.site, args.stale_after_days)
    if args.command == "pages":
        return pages_command(args.root, args.out)
    return validate(args.root)


def pdf_command(root: Path, site: Path | None, out: Path | None) -> int:
    """Print every PDF edition into SITE/pdf/ or OUT (exit 1 with the reason if one cannot be made)."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped: say so, leave no half-told story
    try:
        kb = load_knowledge_base(root / "data", languages_from_mkdocs_yml(root / "mkdocs.yml"))
        site_url = site_url_from_mkdocs_yml(root / "mkdocs.yml")
        if site is not None:
            made = print_documents(kb, site, site_url)
        else:
            assert out is not None
            built = built_languages_from_mkdocs_yml(root / "mkdocs.yml")
            made = print_documents(kb, root, site_url, out, built)
    except (DataError, PdfError) as err:
        print(f"No PDF was made: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped: the PDFs were not all printed", file=sys.stderr)
        return 130
    total = sum(path.stat().st_size for path in made)
    folder = out if out is not None else (site or root) / "pdf"
    print(f"printed {len(made)} PDFs into {folder} ({total // 1024} KiB in all)")
    return 0


def pages_command(root: Path, out: Path) -> int:
    """Write the generated pages into OUT with kb-pages' settings from mkdocs.yml (for another generator)."""
    kb = _load(root)
    if kb is None:
        return 1
    settings = plugin_settings(root / "mkdocs.yml", "kb-pages")
    build = BuildSettings.from_environment(
        int(settings.get("stale_after_days", 365)), pdf=bool(settings.get("pdf", False))
    )
    render_input = RenderInput.for_docs(kb, build, Published.in_project(root, offline=False), root / "docs")
    try:
        changed = write_generated_pages(render_input, kb.languages, root / "docs", out, process_count(0))
    except NotOwnedError as err:
        print(f"Nothing was written: {err}", file=sys.stderr)
        return 1
    print(f"wrote the generated pages of {', '.join(kb.languages)} into {out} ({changed} files changed)")
    return 0


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


def read_mkdocs_yml(path: Path) -> dict:
    """mkdocs.yml as data, read with MkDocs' own YAML reader (it understands !ENV and !relative).

    Only the file is read, so the commands do not need the theme, the docs or the plugins in place.
    """
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle) or {}


def plugin_settings(path: Path, name: str) -> dict:
    """One plugin's settings in mkdocs.yml (empty when it is listed without settings or not at all)."""
    for plugin in read_mkdocs_yml(path).get("plugins") or []:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
    return {}


def built_languages_from_mkdocs_yml(path: Path) -> list[str]:
    """The languages a build makes (those not marked `build: false`), default first."""
    from .plugins.site import default_first

    languages = plugin_settings(path, "i18n").get("languages") or []
    built = [(entry["locale"], bool(entry.get("default"))) for entry in languages if entry.get("build", True)]
    return default_first(built) if built else languages_from_mkdocs_yml(path)


def languages_from_mkdocs_yml(path: Path) -> list[str]:
    """The site's languages, default first, from the i18n plugin entry of mkdocs.yml."""
    from .plugins.site import default_first

    languages = plugin_settings(path, "i18n").get("languages")
    if languages:
        return default_first((entry["locale"], bool(entry.get("default"))) for entry in languages)
    return [(read_mkdocs_yml(path).get("theme") or {}).get("language", "en")]


def site_url_from_mkdocs_yml(path: Path) -> str | None:
    """The site's published address (`site_url` of mkdocs.yml), or None where it is not set."""
    return read_mkdocs_yml(path).get("site_url") or None


def _load(root: Path):
    """The knowledge base, or None after printing every problem."""
    languages = languages_from_mkdocs_yml(root / "mkdocs.yml")
    try:
        return load_knowledge_base(root / "data", languages)
    except DataError as err:
        print(err, file=sys.stderr)
        return None


def stamp(root: Path) -> int:
    """Fingerprint the English text of every translation that has no `of:` yet."""
    kb = _load(root)
    if kb is None:
        return 1
    count = stamp_translations(kb, root / "data") + stamp_pages(root / "docs", kb.languages)
    print(f"stamped {count} translations (they are now tied to the current English text)")
    return 0


def report_command(root: Path, site: Path, stale_after_days: int) -> int:
    """Print what needs a maintainer's attention; exit 1 if anything is broken or stale."""
    kb = _load(root)
    if kb is None:
        return 1
    settings = BuildSettings.from_environment(stale_after_days)
    attention = 0
    stale = [s for s in kb.services.services if is_stale(s, settings)]
    print(
        f"## Directory entries by age of their newest source, oldest first "
        f"({len(stale)} of {len(kb.services.services)} older than {stale_after_days} days or undated: OLD)"
    )
    for service in by_age(kb):
        if service.last_verified:
            days = (settings.today - service.last_verified).days
            when = f"newest source {service.last_verified.isoformat()} ({days} days)"
        else:
            when = "no dated source"
        line, _ = kb.sources["services.yaml"].position(("services", position(kb, service)))
        print(f"data/services.yaml:{line}: {service.id}: {when}{' OLD' if is_stale(service, settings) else ''}")
    attention += len(stale)
    table = translation_table(kb, root / "docs")
    print("\n## Translation coverage per language (data texts and hand-written pages, counted as in PO files)")
    for language, total in coverage(table).items():
        print(
            f"[{language}] translated {total['translated']} (reviewed {total['reviewed']}), "
            f"fuzzy {total['fuzzy']}, missing {total['missing']}: {total['words']} words still to translate"
        )
    print("\n## Translations (translated = reviewed + draft; stale = English changed since, fuzzy in PO files)")
    for name, languages in table.items():
        for language, state in languages.items():
            c = state.counts
            label = "hand-written pages" if name == "pages" else f"data/{name}"
            print(
                f"{label} [{language}]: reviewed {c['reviewed']}, draft {c['draft']}, "
                f"stale {c['stale']}, missing {c['missing']}, words to translate {state.words}"
            )
            for place in state.stale:
                print(f"  {place}: stale translation")
            attention += c["stale"]
    print("\n## Broken links in the built site")
    if not (site / "index.html").is_file():
        print(f"{site}/ has no built site: run make site first")
        return 1
    broken = check_site(site)
    for link in broken:
        print(link)
    print(f"{len(broken)} broken links")
    attention += len(broken)
    return 1 if attention else 0


def translations_command(root: Path, args: argparse.Namespace) -> int:
    """Export a language's PO file (and the template), or import a translated one."""
    kb = _load(root)
    if kb is None:
        return 1
    try:
        if args.action == "export":
            check_language(args.language, kb.languages)
            export = write_po(kb, root / "docs", args.language, args.out or root / "translations")
            po, target = export.po, export.path
            fuzzy, untranslated = len(po.fuzzy_entries()), len(po.untranslated_entries())
            print(
                f"wrote {target} ({len(po)} messages: {untranslated} to translate, {fuzzy} fuzzy "
                f"because their English changed) and {target.parent / 'messages.pot'}"
            )
            if not export.gettext_layout:
                print(
                    "note: GNU gettext (msgcat) is not installed, so long texts stay on one line each; "
                    "translation tools read the files all the same (install gettext, or use the dev "
                    "container, for files laid out exactly as gettext tools write them)"
                )
            return 0
        originals = {path: path.read_bytes() for path in (root / "data").glob("*.yaml")}
        originals |= {path: path.read_bytes() for path in (root / "docs").rglob("*.md")}
        language, plan = import_po(kb, root / "data", root / "docs", args.file, reviewed=args.reviewed)
    except PoError as err:
        print(err, file=sys.stderr)
        return 1
    for reason in plan.refused:
        print(reason, file=sys.stderr)
    if plan.refused:
        print(f"nothing was imported: {len(plan.refused)} messages were refused (see above)", file=sys.stderr)
        return 1
    if _load(root) is None:  # never leave data that does not load
        for path in (root / "docs").rglob("*.md"):
            if path not in originals:
                path.unlink()  # a page the import added
        for path, content in originals.items():
            path.write_bytes(content)
        print("nothing was imported: the data would no longer load (see the problems above)", file=sys.stderr)
        return 1
    for note in plan.notes:
        print(note)
    status = "reviewed" if args.reviewed else "drafts"
    pages = f" and {len(plan.pages)} hand-written pages" if plan.pages else ""
    print(f"imported {len(plan.texts)} translations{pages} into '{language}' as {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
