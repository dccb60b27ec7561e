"""The training reference for mission staff, the print stylesheet, and the PDF editions."""

from __future__ import annotations

import posixpath

import pytest

from tests.helpers import LANGUAGES, PREFIX
from whrdkb.core.render.pathways import render_overview
from whrdkb.core.render.training import render_training
from whrdkb.core.renderinput import BuildSettings, RenderInput


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_links_lead_to_the_printed_files(kb, language):
    """Pages link the PDFs only when they are printed, by a path that reaches pdf/ at the site's root.

    (`whrdkb pdf` writes them there under the same names: test_print_editions.py prints them.)
    """
    settings = BuildSettings.from_environment(pdf=True)
    root = PREFIX[language]
    index = next(p for p in render_training(RenderInput(kb, settings), language) if p.path == "training/index.md")
    pathway = kb.pathways.pathways[0]
    overview = render_overview(kb, language, pathway, settings)
    expected = {
        (f"{root}training/", f"pdf/whrd-kb-training.{language}.pdf", index.markdown),
        (f"{root}pathways/{pathway.id}/", f"pdf/whrd-kb-pathway-{pathway.id}.{language}.pdf", overview.markdown),
    }
    for page_url, target, markdown in expected:
        href = next(part.split('"')[0] for part in markdown.split('href="')[1:] if part.split('"')[0].endswith(".pdf"))
        assert posixpath.normpath(posixpath.join(page_url, href)) == target
    unprinted = render_training(RenderInput(kb, BuildSettings.from_environment()), language)
    assert ".pdf" not in next(p for p in unprinted if p.path == "training/index.md").markdown


# ------------------------------------------------------------------ the PDF editions (test_print_editions.py prints them)


def test_each_offline_copy_carries_its_own_languages_pdfs(tmp_path):
    import zipfile

    from whrdkb.core.bundles import make_bundles

    site = tmp_path / "site"
    for name in ("index.html", "fr/index.html", "pdf/whrd-kb-training.en.pdf", "pdf/whrd-kb-training.fr.pdf"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    make_bundles(site, tmp_path / "out", ["en", "fr"])
    names = {lang: zipfile.ZipFile(tmp_path / "out" / f"whrd-kb-{lang}.zip").namelist() for lang in ("en", "fr", "all")}
    assert "whrd-kb-fr/pdf/whrd-kb-training.fr.pdf" in names["fr"]
    assert "whrd-kb-fr/pdf/whrd-kb-training.en.pdf" not in names["fr"]
    assert "whrd-kb-en/pdf/whrd-kb-training.en.pdf" in names["en"]
    assert {"whrd-kb-all/pdf/whrd-kb-training.en.pdf", "whrd-kb-all/pdf/whrd-kb-training.fr.pdf"} <= set(names["all"])
