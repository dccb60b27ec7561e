"""End-to-end: `mkdocs build --strict` of the real project in a temp dir, checked page by page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import LANGUAGES, PREFIX, edit, mkdocs_build, read_html, repository_kb

KB = repository_kb()
ROW_SLUGS = [row.id.replace(".", "-") for _, row in KB.rows()]


def page(site: Path, language: str, url: str) -> Path:
    return site / PREFIX[language] / url / "index.html"


def resolve(from_page: Path, href: str) -> Path:
    """The file a relative link on `from_page` points at."""
    target = (from_page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() or href.endswith("/") else target


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ROW_SLUGS)
def test_every_row_has_a_page_with_a_stable_address(built_site, language, slug):
    html = read_html(page(built_site, language, f"recommendations/{slug}"))
    assert html.find("h1").get_text().startswith(slug.replace("-", "."))
    assert html.find("html")["lang"] == language


@pytest.mark.parametrize(
    "url",
    [
        "",
        "about",
        "recommendations",
        "recommendations/theme-1",
        "recommendations/theme-2",
        "recommendations/theme-3",
        "recommendations/tags",
        "recommendations/actors",
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_index_pages_exist_in_both_languages(built_site, language, url):
    assert page(built_site, language, url).is_file()


@pytest.mark.parametrize("url", ["recommendations/1-3", "recommendations/theme-2", "directory/pbi", "about", ""])
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_lands_on_the_same_page(built_site, url, language):
    here = page(built_site, language, url)
    html = read_html(here)
    switch = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert set(switch) == set(LANGUAGES)
    for other in LANGUAGES:
        assert resolve(here, switch[other]) == page(built_site, other, url).resolve(), (language, other)
    # No hreflang links in the head: Material's script would fetch a (missing) sitemap.xml beside each.
    assert html.select("head link[hreflang]") == []


def test_generated_pages_are_not_in_the_navigation(built_site):
    html = read_html(page(built_site, "en", "recommendations/1-1"))
    nav_links = [a.get("href", "") for a in html.select("nav.md-nav--primary a")]
    assert nav_links, "the navigation should list the hand-written pages"
    assert not [h for h in nav_links if re.search(r"\d-\d", h)], nav_links


def test_contributor_pages_are_reached_from_the_footer_not_the_navigation(built_site):
    for language in LANGUAGES:
        html = read_html(page(built_site, language, "safety"))
        assert not [a for a in html.select("nav.md-nav--primary a") if "contribute" in a.get("href", "")], language
        footer = [a["href"] for a in html.select(".md-footer a[href]")]
        assert any(
            resolve(page(built_site, language, "safety"), h) == page(built_site, language, "contribute").resolve()
            for h in footer
        )


# What a reader must not see: seed file names, data file names, "line N" of the page's source.
_INTERNAL = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b|[\w/.-]+\.ya?ml\b|\b(?:Makefile|line \d+)\b")


def test_readers_see_no_file_names_or_line_numbers_outside_the_correction_disclosure(built_site):
    shown = []
    for html_file in sorted(built_site.rglob("*.html")):
        path = html_file.relative_to(built_site).as_posix()
        if re.match(r"(\w\w/)?(contribute|translations)/", path):
            continue  # maintainers' pages, out of the readers' navigation
        article = read_html(html_file).select_one("article")
        if article is None:
            continue
        folded = article.select("details.kb-correction")
        assert len(folded) <= 1, path
        for disclosure in folded:
            disclosure.decompose()
        shown += [f"{path}: {m}" for m in _INTERNAL.findall(article.get_text(" "))]
    assert shown == []
    # ...and each page still says where it comes from, inside the disclosure.
    row = read_html(page(built_site, "en", "recommendations/1-3")).select_one("article details.kb-correction")
    assert "data/recommendations.yaml" in row.get_text() and re.search(r"line \d+", row.get_text())


def test_pages_link_to_each_other(built_site):
    row = page(built_site, "fr", "recommendations/1-3")
    hrefs = [a["href"] for a in read_html(row).select("article a[href]")]
    targets = {resolve(row, h) for h in hrefs if not h.startswith(("http", "#"))}
    for url in ("recommendations/theme-1", "recommendations", "recommendations/tags", "recommendations/actors"):
        assert page(built_site, "fr", url).resolve() in targets, url
    for href in hrefs:
        if not href.startswith(("http", "#")):
            assert resolve(row, href).is_file(), href


def test_tick_is_shown_as_data(built_site):
    html = read_html(page(built_site, "en", "recommendations/1-2"))
    assert "Today's action answers the need" in html.select_one(".admonition.success").get_text()
    assert not read_html(page(built_site, "en", "recommendations/1-3")).select(".admonition.success")


def test_french_pages_say_they_are_drafts_and_english_pages_do_not(built_site):
    fr = read_html(page(built_site, "fr", "recommendations/1-1")).select_one(".kb-translation-notice")
    assert fr is not None and "traduction provisoire" in fr.get_text()
    assert read_html(page(built_site, "en", "recommendations/1-1")).select_one(".kb-translation-notice") is None


def test_quick_exit_is_a_plain_link_first_after_the_skip_link(built_site):
    for html_file in built_site.rglob("*.html"):
        html = read_html(html_file)
        if html.find("meta", attrs={"http-equiv": "refresh"}) or html_file.name == "neutral.html":
            continue  # redirect stubs, and the blank page the exit leads to
        links = html.select("body a[href]")
        exit_links = html.select("a.kb-exit")
        assert len(exit_links) == 1, html_file
        first = [a for a in links if "md-skip" not in a.get("class", [])][0]
        assert first is exit_links[0], html_file
        assert "noreferrer" in exit_links[0]["rel"]


def test_safety_settings_reach_the_output(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert '<meta name="referrer" content="no-referrer">' in html
    assert "search.highlight" not in html
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)


def test_no_sitemap_without_the_site_address(built_site):
    # mkdocs.yml has no site_url: a sitemap would list `None./` URLs, and Material's script
    # downloads it on a first visit of each home page.
    assert not list(built_site.glob("**/sitemap.xml*"))
    assert "<loc>" not in (built_site / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- builds of edited data


def test_unquoted_no_and_time_show_exactly_as_typed(project):
    rec = project / "data" / "recommendations.yaml"
    edit(
        rec,
        '          en: "Psychological stress and trauma"\n          fr: {text: "Stress psychologique et traumatisme", status: draft}\n          es: {text: "Estrés psicológico y trauma", status: draft}\n          ar: {text: "الضغط النفسي والصدمة", status: draft}\n          ne: {text: "मानसिक तनाव र आघात", status: draft}\n        needs:',
        "          en: NO\n        needs:",
    )
    edit(rec, '              en: "Rapid response funding"', "              en: 17:30")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    problem = read_html(page(site, "en", "recommendations/1-2")).select("article h2 + p")[0].get_text()
    assert problem == "NO"
    assert "17:30" in [
        li.get_text().split("\n")[0].strip()
        for li in read_html(page(site, "en", "recommendations/1-3")).select("article li")
    ]


def test_missing_translation_falls_back_visibly(project):
    edit(
        project / "data" / "recommendations.yaml",
        '\n              fr: {text: "Financement de réponse rapide", status: draft}',
        "",
    )
    (project / "docs" / "fr" / "about.md").unlink()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    row = read_html(page(site, "fr", "recommendations/1-3"))
    fallback = row.select_one('span.kb-fallback[lang="en"]')
    assert fallback.get_text() == "Rapid response funding"
    assert "pas encore traduites" in row.select_one(".kb-translation-notice").get_text()
    about = read_html(page(site, "fr", "about"))
    assert "n'est pas encore traduite" in about.select_one(".kb-translation-notice").get_text()


def test_hostile_text_in_data_is_shown_as_text(project):
    edit(
        project / "data" / "recommendations.yaml",
        '          en: "Psychological stress and trauma"\n          fr: {text: "Stress psychologique et traumatisme", status: draft}\n          es: {text: "Estrés psicológico y trauma", status: draft}\n          ar: {text: "الضغط النفسي والصدمة", status: draft}\n          ne: {text: "मानसिक तनाव र आघात", status: draft}\n        needs:',
        '          en: "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> {: onclick=\\"alert(4)\\" }"\n        needs:',
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    html = read_html(page(project / "site", "en", "recommendations/1-2"))
    article = html.select_one("article")
    assert "<script>alert(1)</script>" in article.get_text()
    assert not article.select("script, img")
    assert not [a for a in article.select("a[href]") if "javascript" in a["href"]]
    assert not [t for t in article.find_all(True) if any(k.startswith("on") for k in t.attrs)]


def test_unsafe_markup_in_a_hand_written_page_stops_the_build(project):
    edit(
        project / "docs" / "en" / "about.md",
        "# About and sources",
        '# About and sources\n\n<img src="x" onerror="alert(1)">',
    )
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "en/about.md: unsafe markup" in result.stderr and "onerror" in result.stderr
    assert "Traceback" not in result.stderr


def test_unsafe_configuration_stops_the_build(project):
    edit(project / "mkdocs.yml", "  font: false", "  font:\n    text: Roboto")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "theme.font must be false" in result.stderr


def test_generated_folder_does_not_overwrite_hand_written_files(project):
    hand = project / "docs" / "en" / "recommendations"
    hand.mkdir()
    (hand / "notes.md").write_text("# Hand-written\n")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "holds files that were not generated" in result.stderr
    assert (hand / "notes.md").read_text() == "# Hand-written\n"
