"""`whrdkb pages` writes what kb-pages writes, and plain MkDocs with Material (no project plugin) builds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import ROOT, read_html

BIN = Path(sys.executable).parent


def test_plain_mkdocs_and_material_build_the_generated_english_pages(tmp_path):
    """The generated pages are ordinary Markdown: another generator's build needs none of our plugins."""
    out = tmp_path / "generated"
    written = subprocess.run(
        [str(BIN / "whrdkb"), "--root", str(ROOT), "pages", "--out", str(out)], capture_output=True, text=True
    )
    assert written.returncode == 0, written.stderr
    docs = out / "en"
    # The one page that needs the project's theme: the search page names its template (overrides/kb-search.html).
    templated = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if "\ntemplate:" in p.read_text("utf-8")]
    assert templated == ["search/index.md"]
    (docs / "search/index.md").unlink()
    (docs / "index.md").write_text("# Generated pages\n", encoding="utf-8")
    config = {
        "site_name": "Generated pages only",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}],
        "plugins": [],  # neither ours, nor static-i18n, nor Material's search
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--config-file", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    assert "whrdkb" not in built.stderr  # no project code ran
    site = tmp_path / "site"
    # A service page with its contact, a pathway question with its answers, a matrix row.
    service = read_html(site / "directory/front-line-defenders/index.html")
    assert "Front Line Defenders" in service.title.text
    assert any(a["href"].startswith("tel:+353") for a in service.select("a[href^='tel:']"))
    question = read_html(site / "pathways/physical-danger/start/index.html")
    assert len(question.select("a[href]")) > 3
    assert (site / "recommendations/1-3/index.html").is_file()
    pages = len(list(site.rglob("index.html")))
    assert pages == len(list(docs.rglob("*.md"))), "every generated Markdown page became an HTML page"


def test_whrdkb_pages_writes_exactly_what_kb_pages_wrote(built_site, tmp_path):
    """One code path: the CLI's files equal the ones kb-pages wrote for the session's built site."""
    project = built_site.parent
    out = tmp_path / "generated"
    written = subprocess.run(
        [str(BIN / "whrdkb"), "--root", str(project), "pages", "--out", str(out)], capture_output=True, text=True
    )
    assert written.returncode == 0, written.stderr
    for language in ("en", "ar"):
        ours = {p.relative_to(out / language): p.read_bytes() for p in (out / language).rglob("*.md")}
        theirs = {
            p.relative_to(project / "docs" / language): p.read_bytes()
            for p in (project / "docs" / language).rglob("*.md")
            if (
                project / "docs" / language / p.relative_to(project / "docs" / language).parts[0] / ".generated"
            ).exists()
        }
        assert ours.keys() == theirs.keys()
        assert ours == theirs, language
