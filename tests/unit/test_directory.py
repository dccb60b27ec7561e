"""The service directory: safety rules, sourced facts, static filters, links with the matrix, exports."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

import jsonschema
import pytest

from tests.helpers import LANGUAGES, ROOT, edit, line_of, problems_of, repository_kb
from tests.helpers.directory import SHARED, facts_text, number_runs, service_by_id, traces_to_sources
from whrdkb.core.directory import (
    SHOWN_PER_KIND,
    is_stale,
    listing,
    narrower_areas,
    position,
    services_for_row,
    services_in,
    services_of_kind,
)
from whrdkb.core.export import FORMULA_STARTS, export_csv, export_hsds, export_json
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.render.directory_pages import render_country
from whrdkb.core.render.matrix import render_row
from whrdkb.core.render.pathways import render_node
from whrdkb.core.render.training import render_briefing
from whrdkb.core.renderinput import BuildSettings

KB = repository_kb()

SVC = "data/services.yaml"
SCHEMAS = ROOT / "data" / "schema"


# ---------------------------------------------------------------- safety rules of the loader


@pytest.mark.parametrize(
    "old,new,message",
    [
        ('value: "+35312100489"', 'value: "+353 1 210 0489"', "is not stored in E.164 form. Write it as +35312100489"),
        ('value: "+35312100489"', 'value: "+3531210048"', "is not a valid international phone number"),
        (
            'value: "hrdhub@york.ac.uk"',
            'value: "hrdhub@york.ac.uk\u202e"',
            "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character",
        ),
        ('value: "info@frontlinedefenders.org"', 'value: "info[at]frontlinedefenders.org"', "is not an e-mail address"),
    ],
)
def test_contact_values_are_checked(project, old, new, message):
    svc = project / "data" / "services.yaml"
    edit(svc, old, new)
    line = line_of(svc, new.split(": ", 1)[1][:12])
    found = problems_of(project / "data")
    assert any(p.startswith(f"{SVC}:") and message in p for p in found), found
    assert any(p.startswith(f"{SVC}:{line - 1}:") or p.startswith(f"{SVC}:{line}:") for p in found), (line, found)


def test_short_pgp_key_id_is_refused(project):
    svc = project / "data" / "services.yaml"
    edit(
        svc, '      - type: email\n        value: "hrdhub@york.ac.uk"', '      - type: pgp\n        value: "0x1A2B3C4D"'
    )
    found = problems_of(project / "data")
    assert any(p.startswith(f"{SVC}:") and "short PGP key id" in p for p in found), found


def test_full_pgp_fingerprint_is_stored_compactly(project):
    svc = project / "data" / "services.yaml"
    edit(
        svc,
        '      - type: email\n        value: "hrdhub@york.ac.uk"',
        '      - type: pgp\n        value: "ABCD 1234 ABCD 1234 ABCD  1234 ABCD 1234 ABCD 1234"',
    )
    kb = load_knowledge_base(project / "data", LANGUAGES)
    york = next(s for s in kb.services.services if s.id == "york-protective-fellowship")
    assert york.channels[0].value == "ABCD1234" * 5 and york.channels[0].secure


def test_channel_without_its_source_is_refused(project):
    svc = project / "data" / "services.yaml"
    edit(svc, "        source: guidelines\n", "        source: nowhere\n")
    found = problems_of(project / "data")
    assert any("'nowhere' is not one of this entry's sources" in p for p in found), found


def test_shelter_street_address_is_refused(project):
    svc = project / "data" / "services.yaml"
    edit(
        svc,
        '    kinds: [psychosocial-support]\n    summary:\n      en: "Women, peace',
        '    kinds: [psychosocial-support, shelter]\n    summary:\n      en: "Women, peace',
    )
    line = line_of(svc, "kinds: [psychosocial-support, shelter]")
    found = problems_of(project / "data")
    assert any("street address must never be published" in p and p.startswith(f"{SVC}:") for p in found), found
    # At the postal channel itself (the rule is checked over the whole entry)
    postal = next(n for n, text in enumerate(svc.read_text().splitlines(), 1) if n > line and "type: postal" in text)
    assert any(p.startswith(f"{SVC}:{postal}:") for p in found if "street address" in p), (postal, found)


def test_low_confidence_channel_needs_its_warning(project):
    svc = project / "data" / "services.yaml"
    text = svc.read_text(encoding="utf-8")
    # the warning with its translations (one line per language under `en:`)
    warning = re.compile(
        r'        warning:\n          en: "From 2018 secondary content; check www.uafanp.org."\n(          \w+: .*\n)*'
    )
    assert warning.search(text)
    svc.write_text(warning.sub("", text, count=1), encoding="utf-8")
    found = problems_of(project / "data")
    assert any("low-confidence channel must carry a warning" in p for p in found), found


def test_last_verified_is_the_newest_source_date(project):
    svc = project / "data" / "services.yaml"
    edit(svc, "    last_verified: 2023-12-10", "    last_verified: 2026-11-21")
    found = problems_of(project / "data")
    assert any("Set last_verified: 2023-12-10" in p and "never today's date" in p for p in found), found


def test_changed_status_needs_an_explanation(project):
    svc = project / "data" / "services.yaml"
    edit(
        svc,
        '    kinds: [referral-directory]\n    summary:\n      en: "A network of organisations',
        '    kinds: [referral-directory]\n    status: stopped\n    summary:\n      en: "A network of organisations',
    )
    found = problems_of(project / "data")
    assert any("The status is 'stopped' but no 'status_note' explains it" in p for p in found), found


@pytest.mark.skipif(
    not (SHARED / "sources" / "services-facts.md").exists(), reason="shared/ is not beside the checkout"
)
def test_every_channel_traces_to_the_facts_file_or_a_seed():
    text = facts_text()
    runs = number_runs(text)
    squashed = re.sub(r"[\s,|]+", "", text).lower()
    missing = []
    for service in KB.services.services:
        for channel in service.channels:
            if channel.href:
                found = traces_to_sources(channel.href, text, runs)
            else:
                found = re.sub(r"[\s,|]+", "", channel.value).lower() in squashed
            if not found:
                missing.append(f"{service.id}: {channel.type} {channel.value}")
    assert not missing, missing


@pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="shared/ is not beside the checkout")
def test_the_trace_check_refuses_what_the_sources_do_not_print():
    """The independent check is not lenient: one digit changed, another short code or address fails."""
    text = facts_text()
    runs = number_runs(text)
    assert traces_to_sources("tel:+97715010000", text, runs) and traces_to_sources(
        "tel:1145", text, runs
    )  # "01-5010000", "1145"
    for invented in ("tel:+97715010001", "tel:1146", "sms:21095", "mailto:x@knchr.org", "https://example.org/form"):
        assert not traces_to_sources(invented, text, runs), invented


@pytest.mark.skipif(
    not (SHARED / "sources" / "services-facts.md").exists(), reason="shared/ is not beside the checkout"
)
def test_every_source_address_is_in_the_facts_file_or_a_seed():
    text = facts_text()
    missing = [
        f"{s.id}: {src.url}"
        for s in KB.services.services
        for src in s.sources
        if src.url and src.url not in text and not (SHARED / "seeds" / src.url).exists()
    ]
    assert not missing, missing


# ---------------------------------------------------------------- pages


def test_directory_tables_answer_as_a_scan_of_every_entry_would():
    """The tables made once per load (for speed) give what scanning the entries gives, in listing order."""
    entries = KB.services.services
    codes = {code for s in entries for code in s.areas} | {r.code for r in KB.vocabularies.regions} | {"ZZ"}
    for code in codes:
        assert services_in(KB, code) == listing(KB, [s for s in entries if code in s.areas])
        members = next((r.countries for r in KB.vocabularies.regions if r.code == code), [])
        assert narrower_areas(KB, code) == sorted(c for c in members if any(c in s.areas for s in entries))
    for kind in KB.vocabularies.support_kinds:
        assert services_of_kind(KB, kind.id) == listing(KB, [s for s in entries if kind.id in s.kinds])
    assert [position(KB, s) for s in entries] == list(range(len(entries)))
    other = load_knowledge_base(ROOT / "data", LANGUAGES)  # another load gets tables of its own
    assert position(other, other.services.services[-1]) == len(entries) - 1
    code = entries[0].areas[0]
    assert services_in(other, code)[0] in other.services.services
    assert all(found is not mine for found, mine in zip(services_in(other, code), services_in(KB, code), strict=True))


def test_who_can_help_names_a_few_entries_of_a_kind_and_links_the_rest():
    """With many entries of a kind, row, outcome and briefing pages name the first and link the kind's listing."""
    grant = next(s for s in KB.services.services if "emergency-grant" in s.kinds)
    copies = [grant.model_copy(update={"id": f"{grant.id}-copy-{n}"}) for n in range(SHOWN_PER_KIND + 5)]
    services = KB.services.model_copy(update={"services": [*KB.services.services, *copies]})
    big = dataclasses.replace(KB, services=services)
    more = len(services_of_kind(big, "emergency-grant")) - SHOWN_PER_KIND
    assert more > 5
    theme, row = next((t, r) for t, r in big.rows() if "emergency-grant" in r.support_kinds)
    pathway, outcome = next(
        (p, o)
        for p in big.pathways.pathways
        for o in p.outcomes
        if any(r.kind == "emergency-grant" for r in o.referrals)
    )
    pages = {
        "row": render_row(big, "fr", theme, row).markdown,
        "briefing": render_briefing(big, "fr", theme).markdown,
        "outcome": render_node(big, "fr", BuildSettings(today=dt.date(2026, 11, 22)), pathway, outcome).markdown,
    }
    for name, markdown in pages.items():
        up = "../../" if name == "outcome" else "../"
        link = re.search(
            rf"\[(\d+) de plus dans la liste complète\]\({up}directory/kind-emergency-grant\.md\)", markdown
        )
        assert link, name
        if name != "outcome":  # an outcome's referral may be narrowed to an area
            assert int(link[1]) == more, name
        named = set(re.findall(rf"directory/({re.escape(grant.id)}-copy-\d+)\.md", markdown))
        if name == "outcome":  # an entry is listed once, under the first of the outcome's referrals offering it
            assert 0 < len(named) <= SHOWN_PER_KIND * len(outcome.referrals), name
        else:
            assert 0 < len(named) < len(copies), name
    assert pages["outcome"].count('<li class="kb-service"') <= SHOWN_PER_KIND * len(outcome.referrals)
    # with the real data (66 entries, some kinds past the limit) every helper is named or counted
    for _, r in KB.rows():
        for kind, named, more in services_for_row(KB, r):
            assert len(named) <= SHOWN_PER_KIND and len(named) + more == len(services_of_kind(KB, kind))


def test_stale_is_measured_against_the_build_date():
    pbi = next(s for s in KB.services.services if s.id == "pbi")  # newest source 2025-12-05
    undated = next(s for s in KB.services.services if s.id == "protectdefenders-eu")
    assert not is_stale(pbi, BuildSettings(today=dt.date(2026, 6, 1), stale_after_days=365))
    assert is_stale(pbi, BuildSettings(today=dt.date(2027, 6, 1), stale_after_days=365))
    assert is_stale(undated, BuildSettings(today=dt.date(2026, 6, 1)))


def test_source_date_epoch_sets_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert BuildSettings.from_environment(30).today == dt.date(2026, 1, 1)


# ---------------------------------------------------------------- exports


def test_json_export_validates_against_the_data_schema():
    schema = json.loads((SCHEMAS / "services.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(export_json(KB)))


def test_csv_export_rows_validate_against_their_schema():
    schema = json.loads((SCHEMAS / "exports" / "services-csv-row.schema.json").read_text())
    rows = list(csv.DictReader(io.StringIO(export_csv(KB))))
    assert len(rows) == len(KB.services.services)
    assert list(rows[0]) == list(schema["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    for row in rows:
        validator.validate(row)


def test_csv_cells_that_would_run_as_formulas_are_neutralised(project):
    svc = project / "data" / "services.yaml"
    edit(svc, 'name: "Front Line Defenders (FLD)"', """name: '=HYPERLINK("https://example.org/x","Call")'""")
    edit(svc, 'summary:\n      en: "Protection grants,', 'summary:\n      en: "@SUM(1+1) Protection grants,')
    kb = load_knowledge_base(project / "data", LANGUAGES)
    row = next(r for r in csv.DictReader(io.StringIO(export_csv(kb))) if r["id"] == "front-line-defenders")
    assert row["name"] == '\'=HYPERLINK("https://example.org/x","Call")'
    assert row["summary"].startswith("'@SUM(1+1) Protection grants,")
    assert row["phones"].startswith("'+35312100489; ")
    assert all(not cell.startswith(FORMULA_STARTS) for r in csv.reader(io.StringIO(export_csv(kb))) for cell in r)
    # The JSON and HSDS exports keep the text as written.
    fld = next(s for s in json.loads(export_json(kb))["services"] if s["id"] == "front-line-defenders")
    assert fld["name"] == '=HYPERLINK("https://example.org/x","Call")'
    hsds = next(s for s in json.loads(export_hsds(kb))["services"] if s["whrd_id"] == "front-line-defenders")
    assert hsds["name"] == '=HYPERLINK("https://example.org/x","Call")'


def test_hsds_export_validates_against_its_profile_schema():
    schema = json.loads((SCHEMAS / "exports" / "services-hsds.schema.json").read_text())
    data = json.loads(export_hsds(KB))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    ids = [s["id"] for s in data["services"]]
    assert len(set(ids)) == len(ids)
    fld = next(s for s in data["services"] if s["whrd_id"] == "front-line-defenders")
    assert fld["phones"][0]["number"] == "+35312100489" and fld["status"] == "active"
    lifeline = next(s for s in data["services"] if s["whrd_id"] == "lifeline")
    assert lifeline["alert"].startswith("Freedom House")


def test_national_numbers_are_dialled_as_written_and_only_in_their_country(project):
    """A short code needs the country it works from; written with dial_from, it must be digits only."""
    svc = project / "data" / "services.yaml"
    edit(svc, '        value: "1145"\n        dial_from: NP\n', '        value: "1145"\n')
    found = problems_of(project / "data")
    assert any(p.startswith(f"{SVC}:") and "'1145' is not a valid international phone number" in p for p in found)
    edit(svc, '        value: "1145"\n', '        value: "11-45"\n        dial_from: NP\n')
    found = problems_of(project / "data")
    assert any("is not a number dialled inside one country" in p for p in found), found
    nwc = service_by_id("nepal-women-commission-1145").channels[0]
    assert (nwc.href, nwc.display, nwc.dial_from) == ("tel:1145", "1145", "NP")


def test_a_country_page_stays_short_with_many_entries_for_everyone():
    """Worldwide entries are named up to the limit and counted, not repeated on every country page."""
    grant = service_by_id("front-line-defenders")
    copies = [grant.model_copy(update={"id": f"{grant.id}-copy-{n}"}) for n in range(SHOWN_PER_KIND * 3)]
    big = dataclasses.replace(
        KB, services=KB.services.model_copy(update={"services": [*KB.services.services, *copies]})
    )
    markdown = render_country(big, "ne", BuildSettings(today=dt.date(2026, 12, 3)), "NP").markdown
    worldwide = markdown.split("\n## ")[-1]
    assert worldwide.count("\n- [**") == SHOWN_PER_KIND
    more = len([s for s in big.services.services if "worldwide" in s.areas]) - SHOWN_PER_KIND
    assert re.search(rf"\[[^\]]*\b{more}\b[^\]]*\]\(area-worldwide\.md\)", worldwide), worldwide[-400:]
    assert "nepal-women-commission-1145.md" in markdown  # the country's own services are all named
