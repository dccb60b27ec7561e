"""The data model, loader and renderers do not depend on the site generator."""

from __future__ import annotations

from tests.helpers import ROOT


def test_plugins_are_registered_as_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert names["kb-pages"] == "whrdkb.plugins.pages.plugin:PagesPlugin"
    assert names["kb-safety"] == "whrdkb.plugins.safety.plugin:SafetyPlugin"
    assert names["kb-theme"] == "whrdkb.plugins.theme.plugin:ThemePlugin"


def test_the_layers_import_only_downwards():
    """core/ (model, loader, queries) imports neither the renderers (core/render/) nor the plugins; renderers no plugin."""
    import ast

    package = ROOT / "plugins" / "whrdkb"
    upward = []
    for path in sorted((package / "core").rglob("*.py")):
        in_render = "render" in path.relative_to(package / "core").parts[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = path.parent
            for _ in range(max(node.level - 1, 0)):
                base = base.parent
            target = (base / (node.module or "").replace(".", "/")) if node.level else None
            name = target.relative_to(package).as_posix() if target else (node.module or "")
            renderers = name in ("core/render", "whrdkb.core.render") or name.startswith(
                ("core/render/", "whrdkb.core.render.")
            )
            if name.startswith(("plugins", "whrdkb.plugins")) or (not in_render and renderers):
                upward.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not upward, upward


def test_no_module_name_is_both_a_core_module_and_a_renderer():
    """core/directory.py and core/render/directory.py were two rooms with one name; each name now says its job."""
    core = ROOT / "plugins" / "whrdkb" / "core"
    names = {path.stem for path in core.glob("*.py")} | {path.name for path in core.iterdir() if path.is_dir()}
    clashes = sorted(names & {path.stem for path in (core / "render").glob("*.py")} - {"__init__"})
    assert not clashes, clashes


def test_core_names_no_site_generator_even_inside_a_function():
    """A lazy import inside a function escapes the import test above; the source may not name MkDocs at all."""
    import ast

    core = ROOT / "plugins" / "whrdkb" / "core"
    found = []
    for path in sorted(core.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno}: {n}"
                for n in names
                if n.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")
            ]
    assert not found, found


def test_every_test_file_the_code_and_docs_name_exists():
    """Comments and docs that point a reader to a test point at a file that is there (tests moved into unit/, site/)."""
    import re

    places = [*(ROOT / "plugins").rglob("*.py"), *(ROOT / "plugins").rglob("*.json"), *(ROOT / "docs").rglob("*.md")]
    places += [*(ROOT / "docs" / "assets").rglob("*.js"), *(ROOT / "docs" / "assets").rglob("*.txt")]
    places += [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "requirements").glob("*.in")]
    missing = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in places
        if "egg-info" not in path.parts
        for name in re.findall(r"\btests/[\w/]+\.py\b", path.read_text(encoding="utf-8", errors="replace"))
        if not (ROOT / name).is_file()
    ]
    assert not missing, missing
