"""Relevance: in each language, a reader's words find the page they are after among the first three.

Loads each language's built index with lunr.py and runs the query as the browser
does (whrdkb.core.search.query.search; tests/test_search.py checks the browser gives the
same results). Expected pages are paths below the language's folder ("" is its home).
Where a language's pages are still shown in English, its queries use the words of
its translated parts (titles, interface, home and safety pages).

SENTENCES are what a defender in a crisis types, in her own words: whole sentences, whose
common words (stop words) must not decide, and whose words the page may not use (the
maintainers' `keywords:` in the data bridge these).
"""

from __future__ import annotations

from tests.helpers import LANGUAGES
from tests.helpers.search_relevance import QUERIES, SENTENCES


def test_every_language_has_at_least_twenty_queries_and_five_sentences():
    assert set(QUERIES) == set(SENTENCES) == set(LANGUAGES)
    assert all(len(queries) >= 20 for queries in QUERIES.values())
    assert all(len(sentences) >= 5 for sentences in SENTENCES.values())
