"""The service directory: safety rules, sourced facts, static filters, links with the matrix, exports."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import phonenumbers
import pytest

from conftest import LANGUAGES, ROOT, edit, mkdocs_build, read_html
from whrdkb.core.directory import (
    SHOWN_PER_KIND,
    RenderOptions,
    is_stale,
    listing,
    narrower_areas,
    position,
    serves_area,
    services_for_row,
    services_in,
    services_of_kind,
)
from whrdkb.core.export import FORMULA_STARTS, export_csv, export_hsds, export_json
from whrdkb.core.load import load_knowledge_base
from whrdkb.core.problems import DataError
from whrdkb.core.render.matrix import render_row
from whrdkb.core.render.pathways import render_node
from whrdkb.core.render.training import render_briefing

LANGS = LANGUAGES
SVC = "data/services.yaml"
KB = load_knowledge_base(ROOT / "data", LANGS)
SHARED = ROOT.parent / "shared"
SCHEMAS = ROOT / "data" / "schema"


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_knowledge_base(data, LANGS)
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


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
    kb = load_knowledge_base(project / "data", LANGS)
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


# ---------------------------------------------------------------- every fact traces to its source


def _facts_text() -> str:
    texts = [(SHARED / "sources" / "services-facts.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    return "\n".join(texts).replace("[at]", "@").replace("[dot]", ".")


@pytest.mark.skipif(
    not (SHARED / "sources" / "services-facts.md").exists(), reason="shared/ is not beside the checkout"
)
def test_every_channel_traces_to_the_facts_file_or_a_seed():
    text = _facts_text()
    phones = {
        phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        for m in phonenumbers.PhoneNumberMatcher(text, None, leniency=phonenumbers.Leniency.POSSIBLE)
    }
    squashed = re.sub(r"[\s,|]+", "", text).lower()
    missing = []
    for service in KB.services.services:
        for channel in service.channels:
            if channel.type == "phone":
                found = channel.value in phones
            elif channel.type in ("web_page", "web_form"):
                bare = re.sub(r"^https?://", "", channel.value).rstrip("/")
                found = bare in text
            else:
                found = re.sub(r"[\s,|]+", "", channel.value).lower() in squashed
            if not found:
                missing.append(f"{service.id}: {channel.type} {channel.value}")
    assert not missing, missing


@pytest.mark.skipif(
    not (SHARED / "sources" / "services-facts.md").exists(), reason="shared/ is not beside the checkout"
)
def test_every_source_address_is_in_the_facts_file_or_a_seed():
    text = _facts_text()
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
    other = load_knowledge_base(ROOT / "data", LANGS)  # another load gets tables of its own
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
        "outcome": render_node(big, "fr", RenderOptions(today=dt.date(2026, 11, 22)), pathway, outcome).markdown,
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
        assert 0 < len(named) < len(copies), name
    assert pages["outcome"].count('<li class="kb-service"') <= SHOWN_PER_KIND * len(outcome.referrals)
    # the seed data stays under the limit: every row lists all its helpers
    assert all(not more for _, r in KB.rows() for _, _, more in services_for_row(KB, r))


def test_directory_pages_exist_in_both_languages(built_site):
    for prefix in ("", "fr/"):
        for service in KB.services.services:
            assert (built_site / f"{prefix}directory/{service.id}/index.html").is_file()
        assert (built_site / f"{prefix}directory/kind-legal-aid/index.html").is_file()
        assert (built_site / f"{prefix}directory/area-ke/index.html").is_file()


def _listed(page: Path) -> set[str]:
    return {a["href"].strip("./").split("/")[-1] or a["href"] for a in read_html(page).select("li.kb-service > p > a")}


def test_without_javascript_the_kind_pages_filter_by_kind(built_site):
    listed = {
        a["href"].rstrip("/").split("/")[-1]
        for a in read_html(built_site / "directory/kind-legal-aid/index.html").select("li.kb-service > p > a")
    }
    expected = {s.id for s in KB.services.services if "legal-aid" in s.kinds}
    assert listed == expected and "defenddefenders" in listed


def test_without_javascript_the_area_pages_filter_by_region(built_site):
    kenya = read_html(built_site / "directory/area-ke/index.html")
    listed = {a["href"].rstrip("/").split("/")[-1] for a in kenya.select("li.kb-service > p > a")}
    assert listed == {s.id for s in KB.services.services if "KE" in s.areas} == {"defenddefenders", "pbi"}
    wider = [a["href"] for a in kenya.select("article li > a[href]")]
    assert "../area-002/" in wider and "../area-worldwide/" in wider  # region and worldwide listings, linked
    africa = {
        a["href"].rstrip("/").split("/")[-1]
        for a in read_html(built_site / "directory/area-002/index.html").select("li.kb-service > p > a")
    }
    assert "uaf-africa" in africa and "forum-asia" not in africa
    # every entry that works in Kenya is one click away from the Kenya page
    reachable = listed | africa | {s.id for s in KB.services.services if "worldwide" in s.areas}
    assert reachable == {s.id for s in KB.services.services if serves_area(KB, s, "KE")}


def test_the_filter_box_is_hidden_until_the_script_shows_it(built_site):
    html = read_html(built_site / "directory/index.html")
    assert html.select_one(".kb-filters").has_attr("hidden")
    assert html.select_one(".kb-nojs-note") is not None
    assert len(html.select("li.kb-service")) == len(KB.services.services)


def test_row_pages_link_to_the_services_that_answer_them_and_back(built_site):
    row = read_html(built_site / "recommendations/2-6/index.html")
    hrefs = [a["href"] for a in row.select("article a[href]")]
    assert "../../directory/kind-legal-aid/" in hrefs and "../../directory/defenddefenders/" in hrefs
    service = read_html(built_site / "directory/defenddefenders/index.html")
    assert "../../recommendations/2-6/" in [a["href"] for a in service.select("article a[href]")]


def test_tel_links_dial_exactly_the_number_shown_left_to_right(built_site):
    checked = 0
    for page in (built_site / "directory").glob("*/index.html"):
        for link in read_html(page).select('a[href^="tel:"]'):
            assert re.sub(r"\D", "", link["href"]) == re.sub(r"\D", "", link.get_text()), page
            assert link.find_parent("bdi")["dir"] == "ltr"
            checked += 1
    assert checked >= 10


def test_status_and_staleness_are_shown(built_site):
    pde = read_html(built_site / "directory/protectdefenders-eu/index.html")
    assert "no longer assesses" in pde.select_one(".admonition.warning").get_text()
    lifeline = read_html(built_site / "fr/directory/lifeline/index.html")
    assert lifeline.select_one(".kb-translation-notice") is not None
    assert "Modifié" in lifeline.select_one(".admonition.warning .admonition-title").get_text()


def test_proxy_sources_are_never_links(built_site):
    page = read_html(built_site / "directory/front-line-defenders/index.html")
    assert not page.select('a[href*="vpndomik"]')
    assert "vpndomik.privatedns.org" in page.get_text()


def test_stale_is_measured_against_the_build_date():
    pbi = next(s for s in KB.services.services if s.id == "pbi")  # newest source 2025-12-05
    undated = next(s for s in KB.services.services if s.id == "protectdefenders-eu")
    assert not is_stale(pbi, RenderOptions(today=dt.date(2026, 6, 1), stale_after_days=365))
    assert is_stale(pbi, RenderOptions(today=dt.date(2027, 6, 1), stale_after_days=365))
    assert is_stale(undated, RenderOptions(today=dt.date(2026, 6, 1)))


def test_source_date_epoch_sets_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert RenderOptions.from_environment(30).today == dt.date(2026, 1, 1)


def test_stale_badge_follows_source_date_epoch(project):
    # After the newest source's date (no date may lie after SOURCE_DATE_EPOCH's), within a year of pbi's.
    env_date = int(dt.datetime(2026, 6, 1, tzinfo=dt.UTC).timestamp())
    import os

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(env_date)
    try:
        result = mkdocs_build(project)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.__setitem__("SOURCE_DATE_EPOCH", old)
    assert result.returncode == 0, result.stderr
    pbi = read_html(project / "site/directory/pbi/index.html").get_text()
    assert "Possibly out of date" not in pbi
    assert "Possibly out of date" in read_html(project / "site/directory/uaf-africa/index.html").get_text()


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
    kb = load_knowledge_base(project / "data", LANGS)
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


def test_exports_are_published_and_linked(built_site):
    for name in ("services.json", "services.csv", "services.hsds.json"):
        assert (built_site / "exports" / name).is_file()
    hrefs = [a["href"] for a in read_html(built_site / "fr/directory/index.html").select("a[href]")]
    assert "../../exports/services.csv" in hrefs


def test_directory_entries_are_not_in_the_navigation(built_site):
    nav = [a["href"] for a in read_html(built_site / "directory/pbi/index.html").select("nav.md-nav--primary a[href]")]
    assert not [h for h in nav if "directory/" in h and h.rstrip("/").split("/")[-1] not in ("directory", "")]
