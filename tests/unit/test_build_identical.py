"""Build optimisations keep the output byte for byte: the same site with and without them."""

from __future__ import annotations


def test_language_builds_share_compiled_templates_and_an_edited_template_is_compiled_again(tmp_path):
    """kb-languages' in-memory cache of compiled theme templates (each language's build makes a new environment)."""
    from jinja2 import Environment, FileSystemLoader

    from whrdkb.plugins.languages.plugin import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    template = tmp_path / "page.html"
    template.write_text("one {{ x }}", encoding="utf-8")
    first = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert first.get_template("page.html").render(x=1) == "one 1"
    assert len(cache.code) == 1
    # Under serve, an edited template (overrides/) reaches the next rebuild.
    template.write_text("two {{ x }}", encoding="utf-8")
    second = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert second.get_template("page.html").render(x=1) == "two 1"
