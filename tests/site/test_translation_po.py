"""Translations in gettext PO files: export, what translation tools do to a file, import, refusals, one YAML writer."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.helpers import LANGUAGES, ROOT, build_only, copy_project, edit, mkdocs_build, read_html, run
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.models.common import fingerprint
from whrdkb.core.po import messages

ROW = "recommendations.yaml#themes/1/rows/1.3/needs/{}/text"
NEPALI = {  # needs 0, 1 and 2 of row 1.3, as a translator writes them in her tool
    0: "महिला मानव अधिकार रक्षकविरुद्धका उल्लङ्घनलाई अपराध मान्ने कानुनी ढाँचाको पैरवी",
    1: "तत्काल सहायताका लागि कोष",
    2: "डिजिटल र भौतिक सुरक्षाका लागि सहयोग र प्रशिक्षण",
}


def _export(project: Path, language: str) -> Path:
    result = run("whrdkb", "--root", str(project), "translations", "export", "--language", language)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "translations" / f"{language}.po"


def _import(project: Path, po: Path, *options: str) -> subprocess.CompletedProcess:
    return run("whrdkb", "--root", str(project), "translations", "import", str(po), *options)


def _data(project: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((project / "data").glob("*.yaml"))}


def test_every_exported_po_file_passes_msgfmt_and_comes_back_unchanged_from_msgcat(stamped_project):
    for language in LANGUAGES[1:]:
        po = _export(stamped_project, language)
        for path in (po, po.parent / "messages.pot"):
            checked = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True)
            assert checked.returncode == 0, checked.stderr.decode()
            # Byte for byte: the export is laid out (wrapped) as gettext's own tools write it.
            same = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
            assert same == path.read_bytes()
            assert b'msgid ""\n"' in same  # long texts wrapped over several lines, as gettext writes them
    entry = next(e for e in polib.pofile(str(po)) if e.msgctxt == "ui.yaml#strings/filter_count")
    assert entry.msgid == "Entries shown: {n}" and "python-brace-format" in entry.flags
    assert entry.occurrences[0][0] == "data/ui.yaml" and entry.comment.startswith("Strings: ")
    summary = next(e for e in polib.pofile(str(po)) if e.msgctxt.startswith("services.yaml#services/"))
    assert "/summary" in summary.msgctxt or summary.comment  # ids, not positions, and a description


def test_without_gettext_the_export_still_writes_valid_files_and_says_how_to_get_gettexts_layout(stamped_project):
    # A translator's Windows or macOS machine without gettext: Python alone writes the files (one line per text).
    bin_without_gettext = stamped_project / "bin"
    bin_without_gettext.mkdir()
    env = {**os.environ, "PATH": str(bin_without_gettext)}
    whrdkb = str(Path(sys.executable).parent / "whrdkb")
    done = subprocess.run(
        [whrdkb, "--root", str(stamped_project), "translations", "export", "--language", "fr"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "GNU gettext (msgcat) is not installed" in done.stdout
    po = stamped_project / "translations" / "fr.po"
    assert subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(po)]).returncode == 0
    assert not list(po.parent.glob("*.msgcat"))  # no half-written file left behind


def test_a_nepali_file_filled_in_a_tool_is_imported_and_its_drafts_are_built(tmp_path):
    project = copy_project(tmp_path / "project")
    build_only(project, ("en", "ne"))
    recommendations = project / "data" / "recommendations.yaml"
    for need in NEPALI:  # the three texts have no Nepali yet
        edit(recommendations, _line_of(project, need, "ne") + "\n", "")
    edit(recommendations, 'en: "(Online and offline) safe spaces', 'en: "(Online or offline) safe spaces')
    before = recommendations.read_text(encoding="utf-8")

    po_path = _export(project, "ne")
    po = polib.pofile(str(po_path))
    by_key = {entry.msgctxt: entry for entry in po}
    assert by_key[ROW.format(3)].fuzzy  # its English changed after it was translated
    assert [by_key[ROW.format(n)].msgstr for n in NEPALI] == ["", "", ""]
    # What a translation tool does: fill three, leave one fuzzy, change the header, reorder, rewrap at 76,
    # keep an obsolete message.
    for need, text in NEPALI.items():
        by_key[ROW.format(need)].msgstr = text
    by_key[ROW.format(2)].flags.append("fuzzy")
    heading = next(e for e in po if e.msgctxt == "docs/about.md" and e.msgid == "Source documents")
    heading.msgstr = "स्रोतका कागजातहरू"  # a heading of a hand-written page
    po.metadata["Last-Translator"] = "A translator <translator@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.append(polib.POEntry(msgctxt="ui.yaml#strings/gone", msgid="Gone", msgstr="गयो", obsolete=True))
    po.reverse()
    po.wrapwidth = 76
    lines = len(po_path.read_text(encoding="utf-8").splitlines())
    po.save(str(po_path))
    rewrapped = po_path.read_text(encoding="utf-8")
    assert '\nmsgid ""\n"' in rewrapped and len(rewrapped.splitlines()) > lines  # long texts over several lines

    result = _import(project, po_path)
    assert (
        result.returncode == 0
        and "imported 2 translations and 1 hand-written pages into 'ne' as drafts" in result.stdout
    ), result.stderr
    after = recommendations.read_text(encoding="utf-8")
    added = [line[2:] for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("+ ")]
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    assert removed == [] and len(added) == 2  # only the two new lines: comments, order and quoting kept
    kb = load_knowledge_base(project / "data", LANGUAGES)
    row = next(r for _, r in kb.rows() if r.id == "1.3")
    for need in (0, 1):
        translation = row.needs[need].text.translations["ne"]
        assert (translation.text, translation.status) == (NEPALI[need], "draft")
        assert translation.of == fingerprint(row.needs[need].text.en)
    assert "ne" not in row.needs[2].text.translations  # the fuzzy one is not imported

    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    page = read_html(project / "site" / "ne" / "recommendations" / "1-3" / "index.html")
    assert NEPALI[0] in page.get_text() and NEPALI[1] in page.get_text() and NEPALI[2] not in page.get_text()
    assert page.select_one(".kb-translation-notice") is not None  # the draft notice
    about = (project / "docs" / "ne" / "about.md").read_text(encoding="utf-8")
    assert about.startswith('---\ntitle: परिचय र स्रोतहरू\nkb_translation: draft\nkb_translation_of: "')
    assert "\n## स्रोतका कागजातहरू\n" in about and "[सिफारिस तालिका](recommendations/index.md)" in about
    headings = [h2.get_text() for h2 in read_html(project / "site" / "ne" / "about" / "index.html").select("h2")]
    assert any("स्रोतका कागजातहरू" in heading for heading in headings)
    status = read_html(project / "site" / "ne" / "translations" / "index.html")
    stale = [code.get_text() for code in status.select("article li code")]
    assert f"data/recommendations.yaml:{_line(project, 3, 'ne')}" in stale
    # Coverage: the fuzzy need 2 stays missing, need 3 is fuzzy; their English words are still to translate.
    words = sum(len(row.needs[need].text.en.split()) for need in (2, 3))
    nepali = next(h2 for h2 in status.select("article h2") if h2.get_text().strip() == "ne").find_next("table")
    cells = next(
        [cell.get_text() for cell in tr.select("td")]
        for tr in nepali.select("tr")
        if tr.select("td") and tr.select("td")[0].get_text() == "data/recommendations.yaml"
    )
    assert cells[3:] == ["1", "1", str(words)]
    report = run("whrdkb", "--root", str(project), "report", "--site", str(project / "site"))
    assert f"fuzzy 1, missing 1: {words} words still to translate" in report.stdout, report.stdout


def _path_of(project: Path, need: int) -> tuple:
    """The data path of need `need` of row 1.3 (the first text whose key ends so)."""
    kb = load_knowledge_base(project / "data", LANGUAGES)
    wanted = ROW.format(need).split("#")[1]
    return next(message.path for message in messages(kb) if message.key.endswith(wanted))


def _line_of(project: Path, need: int, language: str) -> str:
    """The line that holds the translation into `language` of need `need` of row 1.3."""
    lines = (project / "data" / "recommendations.yaml").read_text(encoding="utf-8").splitlines()
    return lines[_line(project, need, language) - 1]


def _line(project: Path, need: int, language: str) -> int:
    kb = load_knowledge_base(project / "data", LANGUAGES)
    return kb.sources["recommendations.yaml"].position((*_path_of(project, need), language))[0]


def test_a_reviewers_import_marks_the_translations_reviewed(stamped_project):
    po_path = _export(stamped_project, "fr")
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgctxt == ROW.format(1))
    entry.msgstr = "Financement d'urgence"
    for other in po:
        if other is not entry:
            other.flags.append("fuzzy")  # not read by the reviewer
    po.save(str(po_path))
    result = _import(stamped_project, po_path, "--reviewed")
    assert result.returncode == 0 and "imported 1 translations into 'fr' as reviewed" in result.stdout, result.stderr
    kb = load_knowledge_base(stamped_project / "data", LANGUAGES)
    row = next(r for _, r in kb.rows() if r.id == "1.3")
    assert row.needs[1].text.in_language("fr").state == "reviewed"
    assert row.needs[0].text.in_language("fr").state == "draft"


@pytest.mark.parametrize(
    "english, change, wrong",
    [
        (None, lambda e: setattr(e, "msgctxt", "ui.yaml#strings/no_such_key"), "there is no text"),
        (None, lambda e: setattr(e, "msgid", "Rapid funding"), "changed after this file was exported"),
        ("Rapid <b>response</b> funding", lambda e: setattr(e, "msgstr", "Financement <b>rapide"), "lacks </b>"),
        ("Rapid response funding for {country}", lambda e: setattr(e, "msgstr", "Financement rapide"), "{country}"),
    ],
    ids=["unknown msgctxt", "msgid changed", "missing markup", "missing placeholder"],
)
def test_a_refused_message_names_its_line_and_nothing_is_written(stamped_project, english, change, wrong):
    recommendations = stamped_project / "data" / "recommendations.yaml"
    if english:
        edit(recommendations, 'en: "Rapid response funding"', f'en: "{english}"')
    po_path = _export(stamped_project, "fr")
    po = polib.pofile(str(po_path))
    good = next(e for e in po if e.msgctxt == ROW.format(0))
    good.msgstr = "Un texte accepté"  # refused along with the bad one: nothing is written
    bad = next(e for e in po if e.msgctxt == ROW.format(1))
    bad.flags = [flag for flag in bad.flags if flag != "fuzzy"]
    if english:
        bad.msgstr = "Financement rapide"
    change(bad)
    po.save(str(po_path))
    data = _data(stamped_project)
    result = _import(stamped_project, po_path)
    assert result.returncode == 1
    found = re.search(rf"^{re.escape(str(po_path))}:(\d+): (.*)$", result.stderr, re.M)
    assert found and wrong in found.group(2), result.stderr
    lines = po_path.read_text(encoding="utf-8").splitlines()
    entry = lines.index(f'msgctxt "{bad.msgctxt}"') + 1
    reported = int(found.group(1))  # the refused message's first line: its comments, then its msgctxt
    assert reported <= entry and all(line.startswith("#") for line in lines[reported - 1 : entry - 1])
    assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
    assert _data(stamped_project) == data  # byte-identical


def test_a_page_message_that_loses_its_link_is_refused_and_a_half_translated_page_is_not_written(stamped_project):
    po_path = _export(stamped_project, "fr")
    po = polib.pofile(str(po_path))
    linked = next(e for e in po if e.msgctxt == "docs/about.md" and "](recommendations/index.md)" in e.msgid)
    linked.msgstr = "La source de toute la matrice de recommandations."
    po.save(str(po_path))
    docs = {path: path.read_bytes() for path in (stamped_project / "docs").rglob("*.md")}
    result = _import(stamped_project, po_path)
    assert result.returncode == 1 and "lacks recommendations/index.md (link target)" in result.stderr, result.stderr
    assert {path: path.read_bytes() for path in (stamped_project / "docs").rglob("*.md")} == docs
    linked.msgstr = "La source de toute la [matrice](recommendations/index.md)."
    next(e for e in po if e.msgctxt == "docs/about.md" and e.msgid == "Source documents").msgstr = ""
    po.save(str(po_path))
    result = _import(stamped_project, po_path)
    assert result.returncode == 0 and "docs/fr/about.md is not written: 1 of its messages" in result.stdout
    assert {path: path.read_bytes() for path in (stamped_project / "docs").rglob("*.md")} == docs


def test_an_import_that_would_break_the_data_is_undone(stamped_project):
    po_path = _export(stamped_project, "fr")
    po = polib.pofile(str(po_path))
    next(e for e in po if e.msgctxt == ROW.format(1)).msgstr = "Financement\u202erapide"  # a direction control
    po.save(str(po_path))
    data = _data(stamped_project)
    result = _import(stamped_project, po_path)
    assert result.returncode == 1 and "the data would no longer load" in result.stderr, result.stderr
    assert _data(stamped_project) == data


def test_stamping_changes_only_the_stamped_lines(project):
    # The project fixture's translations lack their fingerprints; stamping must give back the committed files.
    pages = [project / "docs" / language / "index.md" for language in ("fr", "ne")]
    for page in pages:  # and two translated pages lose theirs
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'(?m)^kb_translation_of: "\w+"\n', "", text), encoding="utf-8")
    result = run("whrdkb", "--root", str(project), "stamp")
    assert result.returncode == 0, result.stderr
    assert _data(project) == {path.name: path.read_bytes() for path in sorted((ROOT / "data").glob("*.yaml"))}
    for page in pages:
        assert page.read_bytes() == (ROOT / page.relative_to(project)).read_bytes()
