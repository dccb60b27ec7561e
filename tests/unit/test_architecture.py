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
            if name.startswith(("plugins", "whrdkb.plugins")) or (
                not in_render and name.startswith(("core/render", "whrdkb.core.render"))
            ):
                upward.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not upward, upward
