"""Languages: a sixth one is configuration plus translation files, with no code change."""

from __future__ import annotations

from pathlib import Path

import material

from tests.helpers import build_only, edit, index_file, mkdocs_build, read_html
from whrdkb.core.search.query import search
from whrdkb.core.search.script import read_index_script

MATERIAL_LANGUAGES = "material/templates/partials/languages"


def test_a_sixth_language_needs_only_configuration_and_translation_files(project):
    """Swahili (Kenya, Uganda, Tanzania in the seeds), which Material has no interface strings for."""
    edit(
        project / "mkdocs.yml",
        "        - locale: ne\n",
        "        - locale: sw\n          name: Kiswahili\n          build: true\n        - locale: ne\n",
    )
    build_only(project, ("en", "sw"))
    (project / "docs" / "sw").mkdir()
    (project / "docs" / "sw" / "index.md").write_text(
        "---\ntitle: Mwanzo\n---\n\n# Mwanzo\n\nUlinzi wa watetezi wanawake wa haki za binadamu.\n", encoding="utf-8"
    )
    # Material has no Swahili strings: the translation file its templates need (here an untranslated copy).
    english = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    strings = english.read_text(encoding="utf-8").replace('"language": "en"', '"language": "sw"')
    (project / "overrides" / "partials" / "languages" / "sw.html").write_text(strings, encoding="utf-8")

    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr

    site = project / "site"
    home = read_html(site / "sw" / "index.html")
    assert home.html["lang"] == "sw"
    assert "Ulinzi" in home.get_text()
    # Generated pages exist in the new language, in English with a notice in place of missing text.
    row = read_html(site / "sw" / "recommendations" / "1-3" / "index.html")
    assert row.select_one(".kb-fallback") is not None or row.select_one(".kb-translation-notice") is not None
    pathway = read_html(site / "sw" / "pathways" / "online-attack" / "index.html")
    assert pathway.select_one(".kb-translation-notice") is not None
    # The switcher and hreflang know the language; search has an index of its own.
    alternates = {a["hreflang"] for a in read_html(site / "index.html").select("a.md-select__link[hreflang]")}
    assert "sw" in alternates
    data = read_index_script(index_file(site, "sw"))
    found = [r["url"] for r in search(data, "watetezi")]
    assert found and found[0] == "../"


def test_the_status_page_lists_a_translation_as_stale_after_its_english_changes(stamped_project):
    project = stamped_project
    edit(project / "docs" / "en" / "safety.md", "# Browsing safely", "# Browsing safely\n\nA new English sentence.")
    edit(project / "data" / "recommendations.yaml", 'en: "Psychological stress and trauma"', 'en: "Stress and trauma"')
    build_only(project, ("en", "fr"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    status = read_html(project / "site" / "translations" / "index.html")
    stale = [code.get_text() for code in status.select("article li code")]
    assert "docs/fr/safety.md" in stale and "docs/es/safety.md" in stale
    assert any(place.startswith("data/recommendations.yaml:") for place in stale)
    french = read_html(project / "site" / "fr" / "translations" / "index.html")
    assert "Périmé" in french.get_text()
