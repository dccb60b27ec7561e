"""The service directory: safety rules, sourced facts, static filters, links with the matrix, exports."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from babel.dates import format_skeleton

from tests.helpers import BIN, LANGUAGES, ROOT, edit, line_of, mkdocs_build, read_html, repository_kb
from tests.helpers.directory import SHARED, facts_text, number_runs, service_by_id, traces_to_sources
from whrdkb.core.directory import (
    serves_area,
)

KB = repository_kb()


@pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="shared/ is not beside the checkout")
def test_every_contact_link_in_the_built_site_traces_to_the_sources(built_site):
    """Read the built pages, not the data: every tel:, sms:, mailto: and channel link names a printed source."""
    text = facts_text()
    runs = number_runs(text)
    checked, untraced = 0, set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "tel:" not in html and "mailto:" not in html and "sms:" not in html and "data-channel" not in html:
            continue
        soup = read_html(page)
        links = soup.select('a[href^="tel:"], a[href^="sms:"], a[href^="mailto:"], bdi[data-channel] a[href]')
        for link in links:
            checked += 1
            if not traces_to_sources(link["href"], text, runs):
                untraced.add(f"{page.relative_to(built_site)}: {link['href']}")
    assert checked > 500 and not untraced, sorted(untraced)[:20]


def test_directory_pages_exist_in_both_languages(built_site):
    for prefix in ("", "fr/"):
        for service in KB.services.services:
            assert (built_site / f"{prefix}directory/{service.id}/index.html").is_file()
        assert (built_site / f"{prefix}directory/kind-legal-aid/index.html").is_file()
        assert (built_site / f"{prefix}directory/area-ke/index.html").is_file()


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


def test_exports_are_published_and_linked(built_site):
    for name in ("services.json", "services.csv", "services.hsds.json"):
        assert (built_site / "exports" / name).is_file()
    hrefs = [a["href"] for a in read_html(built_site / "fr/directory/index.html").select("a[href]")]
    assert "../../exports/services.csv" in hrefs


def test_directory_entries_are_not_in_the_navigation(built_site):
    nav = [a["href"] for a in read_html(built_site / "directory/pbi/index.html").select("nav.md-nav--primary a[href]")]
    assert not [h for h in nav if "directory/" in h and h.rstrip("/").split("/")[-1] not in ("directory", "")]


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
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
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
    aihrc = service_by_id("aihrc-afghanistan")
    assert aihrc.status == "stopped" and not aihrc.channels
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
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
    assert all(c.confidence == "low" and c.warning for c in service_by_id("nhrc-nepal").channels)


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
    text = service_by_id(service_id).warnings[warning]
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
        page = read_html(built_site / f"{prefix}directory/{service_id}/index.html")
        box = page.select_one(".admonition.danger")
        assert box is not None and text.in_language(language).text in box.get_text(), (service_id, language)
        assert text.in_language(language).state != "missing", language
