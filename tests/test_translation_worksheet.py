"""Translation worksheets: export what is missing or stale in a language, import it back as drafts."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import LANGUAGES, edit
from test_maintainers import run
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.models.common import fingerprint, iter_localized
from whrdkb.core.translations import data_models
from whrdkb.core.worksheet import import_worksheet, read_worksheet, render_worksheet, worksheet_entries

FIXTURES = Path(__file__).parent / "fixtures" / "data"


def _fixture_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    return data


def _fill(worksheet: Path, translate) -> None:
    raw = yaml.safe_load(worksheet.read_text(encoding="utf-8"))
    for entry in raw["entries"]:
        entry["text"] = translate(entry["en"])
    worksheet.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_worksheet_lists_every_missing_text_and_imports_as_drafts_tied_to_the_english(tmp_path):
    data = _fixture_copy(tmp_path)
    before = (data / "services.yaml").read_text(encoding="utf-8")
    kb = load_knowledge_base(data, ["en", "fr"])
    entries = worksheet_entries(kb, "fr")
    missing = sum(1 for _, model in _all(kb) for _, text in iter_localized(model) if "fr" not in text.translations)
    assert len(entries) == missing > 5
    assert all(entry.of == fingerprint(entry.en) for entry in entries)
    assert any(entry.key.startswith("services.yaml#services/test-legal-aid/") for entry in entries)

    sheet = tmp_path / "fr.yaml"
    sheet.write_text(render_worksheet(entries, "fr", str(sheet)), encoding="utf-8")
    _fill(sheet, lambda english: f"FR {english}")
    language, filled = read_worksheet(sheet, ["en", "fr"])
    written, refused = import_worksheet(kb, data, language, filled)
    assert (written, refused) == (len(entries), [])

    kb = load_knowledge_base(data, ["en", "fr"])  # still valid data
    imported = 0
    for _, model in _all(kb):
        for _, text in iter_localized(model):
            assert "fr" in text.translations, text.en
            if text.translations["fr"].text == f"FR {text.en}":
                imported += 1
                assert (text.in_language("fr").state, text.translations["fr"].of) == ("draft", fingerprint(text.en))
    assert imported == len(entries)
    assert worksheet_entries(kb, "fr") == []
    after = (data / "services.yaml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments)  # comments kept
    assert '- en: "Trial observation"\n        fr: {text: "FR Trial observation", status: draft' in after
    assert not any(line.endswith(" ") for line in after.splitlines())
    vocabularies = (data / "vocabularies.yaml").read_text(encoding="utf-8")
    assert 'label: {en: "Donors", fr: {text: "FR Donors", status: draft, of: "' in vocabularies


def test_an_entry_whose_english_changed_since_the_export_is_refused(tmp_path):
    data = _fixture_copy(tmp_path)
    kb = load_knowledge_base(data, ["en", "fr"])
    entries = [e for e in worksheet_entries(kb, "fr") if e.key.endswith("/eligibility")]
    assert entries
    for entry in entries:
        entry.text = "Défenseures au Kenya."
    edit(data / "services.yaml", '"Women defenders in Kenya."', '"Women defenders in Kenya and Uganda."')
    kb = load_knowledge_base(data, ["en", "fr"])
    written, refused = import_worksheet(kb, data, "fr", entries)
    assert written == 0 and "the English text changed after the worksheet was made" in refused[0]
    assert "Défenseures" not in (data / "services.yaml").read_text(encoding="utf-8")


def test_the_command_exports_a_stale_translation_with_the_old_text_and_imports_its_update(stamped_project):
    project = stamped_project
    edit(
        project / "data/recommendations.yaml", 'en: "Rapid response funding"', 'en: "Rapid response funding for WHRDs"'
    )
    result = run("whrdkb", "--root", str(project), "translations", "export", "--language", "es")
    assert result.returncode == 0 and "1 texts to translate" in result.stdout, result.stdout + result.stderr
    sheet = project / "translations" / "es.yaml"
    raw = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    assert [e["en"] for e in raw["entries"]] == ["Rapid response funding for WHRDs"]
    assert raw["entries"][0]["previous"] == "Financiación de respuesta rápida"
    _fill(sheet, lambda english: "Financiación de respuesta rápida para defensoras")
    result = run("whrdkb", "--root", str(project), "translations", "import", str(sheet))
    assert result.returncode == 0 and "imported 1 translations into 'es'" in result.stdout, result.stderr
    kb = load_knowledge_base(project / "data", LANGUAGES)
    row = next(r for _, r in kb.rows() if r.id == "1.3")
    assert row.needs[1].text.in_language("es").state == "draft"
    assert row.needs[1].text.in_language("fr").state == "stale"  # other languages untouched


def test_a_worksheet_for_an_unknown_language_is_refused(tmp_path):
    sheet = tmp_path / "xx.yaml"
    sheet.write_text("language: xx\nentries: []\n", encoding="utf-8")
    result = run("whrdkb", "translations", "import", str(sheet))
    assert result.returncode == 1 and "'xx' is not a translation language" in result.stderr


def _all(kb):
    return data_models(kb)


def test_an_imported_translation_takes_its_place_in_the_site_order_of_languages(stamped_project):
    data = stamped_project / "data"
    edit(
        data / "recommendations.yaml",
        '              fr: {text: "Financement de réponse rapide", status: draft, of: "74e980d7"}\n',
        "",
    )
    kb = load_knowledge_base(data, LANGUAGES)
    entries = worksheet_entries(kb, "fr")
    assert [e.en for e in entries] == ["Rapid response funding"]
    entries[0].text = "Financement de réponse rapide"
    assert import_worksheet(kb, data, "fr", entries) == (1, [])
    lines = (data / "recommendations.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index('              en: "Rapid response funding"')
    assert [line.split(":")[0].strip() for line in lines[at : at + 5]] == ["en", "fr", "es", "ar", "ne"]
