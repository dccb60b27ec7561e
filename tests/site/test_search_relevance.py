"""Relevance: in each language, a reader's words find the page they are after among the first three.

Loads each language's built index with lunr.py and runs the query as the browser
does (whrdkb.core.search.query.search; tests/site/test_search.py checks the browser gives the
same results). Expected pages are paths below the language's folder ("" is its home).
Where a language's pages are still shown in English, its queries use the words of
its translated parts (titles, interface, home and safety pages).

SENTENCES are what a defender in a crisis types, in her own words: whole sentences, whose
common words (stop words) must not decide, and whose words the page may not use (the
maintainers' `keywords:` in the data bridge these).
"""

from __future__ import annotations

import pytest

from tests.helpers import LANGUAGES, PREFIX, index_file, result_path
from tests.helpers.search_relevance import QUERIES, SENTENCES
from whrdkb.core.search.query import Searcher
from whrdkb.core.search.script import read_index_script


@pytest.fixture(scope="module")
def indexes(built_site):
    return {language: Searcher(read_index_script(index_file(built_site, language))) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("suite", [QUERIES, SENTENCES], ids=["words", "sentences"])
def test_the_expected_page_is_in_the_first_three(indexes, language, suite):
    misses = []
    for query, expected in suite[language]:
        urls = [result_path(language, r["url"]) for r in indexes[language].search(query, limit=3)]
        if PREFIX[language] + expected not in urls:
            misses.append((query, expected, urls))
    assert misses == []
