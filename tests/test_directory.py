"""The service directory: safety rules, sourced facts, static filters, links with the matrix, exports."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import phonenumbers
import pytest
from babel.dates import format_skeleton

from conftest import BIN, LANGUAGES, ROOT, edit, mkdocs_build, read_html
from whrdkb.core.directory import (
    SHOWN_PER_KIND,
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
from whrdkb.core.render.directory_pages import render_country
from whrdkb.core.renderinput import BuildSettings
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
    """Every file of sourced facts (services-facts.md, -national.md, -fresh.md) and the seeds, as one text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "sources").glob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    return "\n".join(texts).replace("[at]", "@").replace("[dot]", ".")


def _number_runs(text: str) -> set[str]:
    """The digits of every number as printed in the sources ("01-5010000", "+256 393 266 826", "1145")."""
    return {re.sub(r"\D", "", m) for m in re.findall(r"[+(]?\d[\d\s().\-]*\d", text.replace("(0)", ""))}


def _traces(href: str, text: str, runs: set[str]) -> bool:
    """Does a tel:, sms:, mailto: or web link's target appear in the sources, as printed there?

    An international number may be printed with its country code (+977, 00977, (977)) or in national
    form (0 and the national number); a short or national-only number exactly as dialled.
    """
    scheme, _, rest = href.partition(":")
    if scheme in ("tel", "sms"):
        if not rest.startswith("+"):
            return rest in runs
        number = phonenumbers.parse(rest)
        cc, nsn = str(number.country_code), phonenumbers.national_significant_number(number)
        return bool({cc + nsn, "00" + cc + nsn, "0" + nsn, nsn} & runs)
    if scheme == "mailto":
        return rest.lower() in re.sub(r"[\s,|]+", "", text).lower()
    return re.sub(r"^https?://", "", href).rstrip("/") in text


@pytest.mark.skipif(
    not (SHARED / "sources" / "services-facts.md").exists(), reason="shared/ is not beside the checkout"
)
def test_every_channel_traces_to_the_facts_file_or_a_seed():
    text = _facts_text()
    runs = _number_runs(text)
    squashed = re.sub(r"[\s,|]+", "", text).lower()
    missing = []
    for service in KB.services.services:
        for channel in service.channels:
            if channel.href:
                found = _traces(channel.href, text, runs)
            else:
                found = re.sub(r"[\s,|]+", "", channel.value).lower() in squashed
            if not found:
                missing.append(f"{service.id}: {channel.type} {channel.value}")
    assert not missing, missing


@pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="shared/ is not beside the checkout")
def test_the_trace_check_refuses_what_the_sources_do_not_print():
    """The independent check is not lenient: one digit changed, another short code or address fails."""
    text = _facts_text()
    runs = _number_runs(text)
    assert _traces("tel:+97715010000", text, runs) and _traces("tel:1145", text, runs)  # "01-5010000", "1145"
    for invented in ("tel:+97715010001", "tel:1146", "sms:21095", "mailto:x@knchr.org", "https://example.org/form"):
        assert not _traces(invented, text, runs), invented


@pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="shared/ is not beside the checkout")
def test_every_contact_link_in_the_built_site_traces_to_the_sources(built_site):
    """Read the built pages, not the data: every tel:, sms:, mailto: and channel link names a printed source."""
    text = _facts_text()
    runs = _number_runs(text)
    checked, untraced = 0, set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "tel:" not in html and "mailto:" not in html and "sms:" not in html and "data-channel" not in html:
            continue
        soup = read_html(page)
        links = soup.select('a[href^="tel:"], a[href^="sms:"], a[href^="mailto:"], bdi[data-channel] a[href]')
        for link in links:
            checked += 1
            if not _traces(link["href"], text, runs):
                untraced.add(f"{page.relative_to(built_site)}: {link['href']}")
    assert checked > 500 and not untraced, sorted(untraced)[:20]


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
    assert listed == {s.id for s in KB.services.services if "KE" in s.areas}
    assert {"defenddefenders", "pbi", "knchr-kenya", "kenya-gbv-1195"} <= listed
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
    assert not is_stale(pbi, BuildSettings(today=dt.date(2026, 6, 1), stale_after_days=365))
    assert is_stale(pbi, BuildSettings(today=dt.date(2027, 6, 1), stale_after_days=365))
    assert is_stale(undated, BuildSettings(today=dt.date(2026, 6, 1)))


def test_source_date_epoch_sets_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert BuildSettings.from_environment(30).today == dt.date(2026, 1, 1)


def test_freshness_follows_source_date_epoch(project):
    # After the newest source's date (no date may lie after SOURCE_DATE_EPOCH's), within a year of pbi's.
    env_date = int(dt.datetime(2026, 7, 1, tzinfo=dt.UTC).timestamp())
    import os

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(env_date)
    try:
        result = mkdocs_build(project)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.__setitem__("SOURCE_DATE_EPOCH", old)
    assert result.returncode == 0, result.stderr
    pbi = read_html(project / "site/directory/pbi/index.html").get_text()
    assert "Checked against a source from December 2025." in pbi and "main office to confirm" not in pbi
    uaf = read_html(project / "site/directory/uaf-africa/index.html")
    assert "Call the organisation's main office to confirm" in uaf.select_one(".admonition.warning").get_text()


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


# ---------------------------------------------------------------- national services and country pages


def _by_id(service_id: str):
    return next(s for s in KB.services.services if s.id == service_id)


def test_national_numbers_are_dialled_as_written_and_only_in_their_country(project):
    """A short code needs the country it works from; written with dial_from, it must be digits only."""
    svc = project / "data" / "services.yaml"
    edit(svc, '        value: "1145"\n        dial_from: NP\n', '        value: "1145"\n')
    found = problems_of(project / "data")
    assert any(p.startswith(f"{SVC}:") and "'1145' is not a valid international phone number" in p for p in found)
    edit(svc, '        value: "1145"\n', '        value: "11-45"\n        dial_from: NP\n')
    found = problems_of(project / "data")
    assert any("is not a number dialled inside one country" in p for p in found), found
    nwc = _by_id("nepal-women-commission-1145").channels[0]
    assert (nwc.href, nwc.display, nwc.dial_from) == ("tel:1145", "1145", "NP")


def test_validate_names_file_and_line_of_each_broken_rule(project):
    """A channel without its source, a low-confidence channel without a warning, a kind added in English only."""
    svc, vocab = project / "data" / "services.yaml", project / "data" / "vocabularies.yaml"
    edit(svc, "        source: guidelines\n", "        source: nowhere\n")
    text = svc.read_text(encoding="utf-8")
    warning = re.compile(
        r'        warning:\n          en: "From 2018 secondary content; check www.uafanp.org."\n(          \w+: .*\n)*'
    )
    svc.write_text(warning.sub("", text, count=1), encoding="utf-8")
    edit(
        vocab,
        "\naudiences:\n",
        '  - id: womens-shelter-network\n    label: {en: "Shelter network"}\n'
        '    description: {en: "Networks of shelters."}\n\naudiences:\n',
    )
    result = subprocess.run([str(BIN / "whrdkb"), "--root", str(project), "validate"], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    kind_line = line_of(vocab, "id: womens-shelter-network") + 1

    def reported(pattern: str) -> list[str]:
        return [line for line in lines if re.match(pattern, line)]

    assert reported(r"^data/services\.yaml:\d+:\d+: .*'nowhere' is not one of this entry's sources"), lines
    assert reported(r"^data/services\.yaml:\d+:\d+: .*low-confidence channel must carry a warning"), lines
    assert reported(
        rf"^data/vocabularies\.yaml:{kind_line}:\d+: .*'womens-shelter-network' has no label in ar, es, fr, ne"
    ), lines


def test_report_lists_every_entry_by_the_age_of_its_newest_source():
    result = subprocess.run(
        [str(BIN / "whrdkb"), "--root", str(ROOT), "report", "--site", "/nonexistent"], capture_output=True, text=True
    )
    entries = [line for line in result.stdout.splitlines() if line.startswith("data/services.yaml:")]
    assert len(entries) == len(KB.services.services)
    dates = [m[1] for line in entries if (m := re.search(r"newest source (\d{4}-\d{2}-\d{2})", line))]
    assert dates == sorted(dates) and len(dates) > 30
    undated = [line for line in entries if "no dated source" in line]
    assert undated and all(line.endswith(" OLD") for line in undated)
    assert entries.index(undated[-1]) < entries.index(next(line for line in entries if "newest source" in line))


def test_nepal_country_page_lists_national_services_first_in_every_language(built_site):
    national = [s for s in KB.services.services if "NP" in s.areas]
    assert len([s for s in national if s.category == "service"]) >= 6
    for language in LANGS:
        prefix = "" if language == LANGS[0] else f"{language}/"
        page = read_html(built_site / f"{prefix}directory/country-np/index.html")
        listed = [a["href"].rstrip("/").split("/")[-1] for a in page.select("article li > a[href]")]
        first = listed[: len(national)]
        assert set(first) == {s.id for s in national}, language  # the country's own entries come first
        assert listed.index("forum-asia") < listed.index("front-line-defenders")  # then the region, then worldwide
        nwc = next(li for li in page.select("article li") if li.select_one('a[href$="nepal-women-commission-1145/"]'))
        assert nwc.select_one('a[href="tel:1145"]') is not None
        month = format_skeleton("yMMMM", dt.date(2025, 2, 8), locale=language)
        assert month in nwc.get_text(), (language, nwc.get_text())
        assert page.select_one('a[href="../../evidence/madhesh-network-meeting/"]'), language
    english = read_html(built_site / "directory/country-np/index.html").get_text()
    assert "Checked against a source from February 2025." in english
    assert "Comprehensive mapping of support services" in english


def test_country_pages_are_linked_from_the_directory_and_area_pages_not_the_navigation(built_site):
    home = [a["href"] for a in read_html(built_site / "directory/index.html").select("article a[href]")]
    assert "country-np/" in home and "country-ug/" in home and "country-ke/" in home
    area = [a["href"] for a in read_html(built_site / "ar/directory/area-np/index.html").select("article a[href]")]
    assert "../country-np/" in area
    nav = read_html(built_site / "directory/country-np/index.html").select("nav.md-nav--primary a[href]")
    assert not [a["href"] for a in nav if "country-" in a["href"]]


def test_a_shelter_in_nepal_is_found_without_and_with_javascript(built_site):
    shelters = {
        a["href"].rstrip("/").split("/")[-1]
        for a in read_html(built_site / "ne/directory/kind-shelter/index.html").select("li.kb-service > p > a")
    }
    assert "worec-nepal" in shelters
    cards = read_html(built_site / "directory/index.html").select("li.kb-service")
    matching = [c for c in cards if "shelter" in c["data-kinds"].split() and "NP" in c["data-areas"].split()]
    assert matching  # the filter box with Nepal and Shelter no longer shows nothing
    worec = read_html(built_site / "directory/worec-nepal/index.html")
    assert not worec.select('[data-channel="postal"]')  # a shelter's address is never published


def test_a_dissolved_service_shows_its_status_banner_in_every_language(built_site):
    aihrc = _by_id("aihrc-afghanistan")
    assert aihrc.status == "stopped" and not aihrc.channels
    for language in LANGS:
        prefix = "" if language == LANGS[0] else f"{language}/"
        page = read_html(built_site / f"{prefix}directory/aihrc-afghanistan/index.html")
        banner = page.select_one(".admonition.danger")
        assert banner is not None, language
        assert KB.ui_text("status_stopped", language).text in banner.select_one(".admonition-title").get_text()
        assert aihrc.status_note.in_language(language).text in banner.get_text(), language
        country = read_html(built_site / f"{prefix}directory/country-af/index.html").get_text()
        assert KB.ui_text("status_stopped", language).text in country, language


def test_conflicting_numbers_for_one_office_are_left_out_and_said_so(built_site):
    page = read_html(built_site / "directory/nhrc-nepal/index.html")
    dialled = [re.sub(r"\D", "", a["href"]) for a in page.select('a[href^="tel:"]')]
    assert dialled and not [d for d in dialled if d.endswith(("590313", "590314", "527811", "527812"))]
    assert "Neither is published here" in page.get_text()
    assert all(c.confidence == "low" and c.warning for c in _by_id("nhrc-nepal").channels)


@pytest.mark.parametrize(
    "service_id,warning",
    [
        ("uhrc-uganda", 0),
        ("uhrc-uganda", 1),
        ("cnidh-burundi", 0),
        ("unfpa-libya-1417", 0),
        ("guatemala-linea-1572", 0),
    ],
)
def test_warnings_stand_next_to_the_channels_in_every_language(built_site, service_id, warning):
    """Police as a threat, complaints that are not anonymous, disputed independence: shown in the reader's language."""
    text = _by_id(service_id).warnings[warning]
    for language in LANGS:
        prefix = "" if language == LANGS[0] else f"{language}/"
        page = read_html(built_site / f"{prefix}directory/{service_id}/index.html")
        box = page.select_one(".admonition.danger")
        assert box is not None and text.in_language(language).text in box.get_text(), (service_id, language)
        assert text.in_language(language).state != "missing", language


def test_a_country_page_stays_short_with_many_entries_for_everyone():
    """Worldwide entries are named up to the limit and counted, not repeated on every country page."""
    grant = _by_id("front-line-defenders")
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
