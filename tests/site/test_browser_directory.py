"""The directory in a real browser: filters combine with JavaScript, lists work without it."""

from __future__ import annotations

from tests.helpers import repository_kb

KB = repository_kb()


def visible_entries(page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            "li.kb-service:not([hidden]) > p > a", "links => links.map(a => a.getAttribute('href'))"
        )
    )


def test_filters_combine_and_reset(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "directory/")
    assert page.is_visible(".kb-filters") and not page.is_visible(".kb-nojs-note")
    page.select_option("select[data-filter=kinds]", "legal-aid")
    expected = {f"{s.id}/" for s in KB.services.services if "legal-aid" in s.kinds}
    assert visible_entries(page) == expected
    page.check("input[data-filter=open247]")
    both = {f"{s.id}/" for s in KB.services.services if "legal-aid" in s.kinds and s.available_24_7}
    assert visible_entries(page) == both and both
    assert page.inner_text(".kb-filter-count") == f"Entries shown: {len(both)}"
    page.click("[data-filter-reset]")
    assert len(visible_entries(page)) == len(KB.services.services)
    assert page.url == site_url + "directory/"  # nothing was put into the address
    page.close()


def test_area_filter_includes_region_and_worldwide_entries(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "directory/")
    page.select_option("select[data-filter=areas]", "KE")
    shown = visible_entries(page)
    assert {"defenddefenders/", "uaf-africa/", "front-line-defenders/"} <= shown
    assert "forum-asia/" not in shown and "casa-la-serena/" not in shown
    page.close()


def test_without_javascript_every_entry_and_the_static_lists_are_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "directory/")
    assert not page.is_visible(".kb-filters") and page.is_visible(".kb-nojs-note")
    assert len(visible_entries(page)) == len(KB.services.services)
    page.click('a[href="kind-legal-aid/"]')
    assert page.url.endswith("/directory/kind-legal-aid/")
    assert "../defenddefenders/" in visible_entries(page)
    context.close()
