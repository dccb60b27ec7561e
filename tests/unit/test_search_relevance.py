"""The relevance suite itself: enough queries and sentences in every language (tests/site/test_search_relevance.py runs them)."""

from __future__ import annotations

from tests.helpers import LANGUAGES
from tests.helpers.search_relevance import QUERIES, SENTENCES


def test_every_language_has_at_least_twenty_queries_and_five_sentences():
    assert set(QUERIES) == set(SENTENCES) == set(LANGUAGES)
    assert all(len(queries) >= 20 for queries in QUERIES.values())
    assert all(len(sentences) >= 5 for sentences in SENTENCES.values())
