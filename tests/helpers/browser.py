"""Debian's Chromium as the tests and the benchmark drive it (Playwright cannot download browsers here)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a headless Chromium that makes no connection of its own (closed network, root user: no sandbox).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def search_on_page(page, query: str) -> list[str]:
    """Type `query` on a search page, submit it, return the result links (absolute URLs), best first."""
    page.fill("#kb-search-input", query)
    page.press("#kb-search-input", "Enter")
    # The first search fetches the index; results are shown once it has loaded. (A selector, not
    # wait_for_function: its polling can evaluate a string, which the pages' CSP refuses.)
    page.wait_for_selector(".kb-search__status[data-state='results']", state="attached")
    return page.eval_on_selector_all(".kb-search__results a", "links => links.map(a => a.href)")
