"""The opt-in offline install ("Keep this site on this phone"): nothing before the reader's tap, a whole
language (pages, search, PDFs) without a connection after it, nothing left after "Remove from this phone".

The browser tests run on a copy of the session's built site with one real PDF per tested language
printed into it (as `whrdkb publish` copies the PDFs in) and the file lists written again, served
from 127.0.0.1 (service workers need https or localhost).
"""

from __future__ import annotations

import json

from tests.helpers import LANGUAGES, ROOT
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.offline_install import WORKER, page_url, write_copy_lists
from whrdkb.core.render.downloads import render_downloads
from whrdkb.core.renderinput import BuildSettings, RenderInput


def test_the_offline_copy_says_why_it_cannot_be_kept_this_way():
    """The copy for file:// (zips) shows why a browser cannot save it, and no control or script for it."""
    kb = load_knowledge_base(ROOT / "data", LANGUAGES)
    (page,) = render_downloads(RenderInput(kb, BuildSettings.from_environment(offline=True)), "ar")
    assert kb.ui.strings["keep_file"].in_language("ar").text in page.markdown
    assert 'id="kb-keep"' not in page.markdown and "kb_keep: false" in page.markdown


def test_page_url_is_the_address_a_page_opens_at():
    assert page_url("index.html") == "./"
    assert page_url("fr/directory/index.html") == "fr/directory/"
    assert page_url("assets/kb.css") == "assets/kb.css"


def test_a_changed_file_gives_a_new_worker_version(tmp_path):
    """The worker's version follows the bytes of every listed file, so a new build replaces a saved copy."""
    site = tmp_path / "site"
    (site / "fr").mkdir(parents=True)
    (site / "index.html").write_text("<html lang=en></html>")
    (site / "fr" / "index.html").write_text("<html lang=fr></html>")
    (site / "kb.css").write_text("body{}")
    first = write_copy_lists(site, ["en", "fr"])
    version = json.loads((site / "offline" / "files.fr.json").read_text())["version"]
    assert [path for path, _ in first["fr"].files] == ["fr/index.html", "kb.css"]
    (site / "kb.css").write_text("body{color:red}")
    write_copy_lists(site, ["en", "fr"])
    assert json.loads((site / "offline" / "files.fr.json").read_text())["version"] != version
    assert f'"{version}"' not in (site / WORKER).read_text()
