"""A language's search data: lunr's scores for every term of its pages, cut into shards of terms that start alike."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass

from lunr import __TARGET_JS_VERSION__ as LUNR_VERSION
from lunr.pipeline import Pipeline
from lunr.token import Token

from .pagetext import snippet
from .pipeline import LanguagePipeline, words

# Field names and boosts: a word in the title counts ten times a word in the text. The
# maintainers' extra search words of a page (`keywords:` in the data) are indexed with its title:
# in a field of their own, lunr's BM25 would weigh them by their length against an average
# that the many pages without keywords bring close to zero, which makes them count for little.
FIELDS = {"title": 10, "text": 1}

# lunr's BM25 parameters (its Builder's defaults, the same in lunr.js).
_K1, _B = 1.2, 0.75

# A shard of the index holds the terms that start alike, about this many bytes of them
# (a term alone can weigh more).
SHARD_BYTES = 8_000


@dataclass(frozen=True)
class SearchDocument:
    """One page as search sees it: its URL relative to the search page, title and text.

    A listing (a page that lists others) is found by its title (and keywords) only; its text still gives the snippet.
    """

    url: str
    title: str
    text: str
    listing: bool = False
    keywords: str = ""  # the maintainers' extra search words (indexed, not shown)
    summary: str = ""  # what the result shows under the title (else the start of the text)


def build_index(language: str, documents: list[SearchDocument]) -> dict:
    """The search data of one language: its lunr index cut into shards, and what results show."""
    language_pipeline = LanguagePipeline(language)
    pipeline = language_pipeline.functions
    fields = [[words(doc.title) + words(doc.keywords), [] if doc.listing else words(doc.text)] for doc in documents]
    return {
        "lang": language,
        "version": LUNR_VERSION,
        "fields": list(FIELDS),
        "pipeline": [fn.label for fn in pipeline],
        "stop": sorted(language_pipeline.stops),
        **shard(score_terms(pipeline, fields)),
        "docs": [[doc.url, doc.title, snippet(doc.summary or doc.text)] for doc in documents],
    }


def score_terms(pipeline: list, documents: list[list[list[str]]]) -> list[tuple[str, list[list]]]:
    """What lunr.py's Builder computes, six times faster: each term with, per field, its documents and scores.

    `pipeline` is the language's index pipeline (`LanguagePipeline.functions`); `documents` holds, per
    document, the words of each field of FIELDS. A term's entry per
    field is the gaps between the numbers of the documents it is in, then its score in each
    (lunr's BM25: the same formula, in the same order of operations, rounded the same way);
    terms come in lunr.js's (UTF-16) order. The Builder wraps every word in a token object
    and runs it through the pipeline; here each distinct word runs through it once (every
    function of the pipeline looks at one word alone). tests/site/test_search.py compares the
    two on every page of the site, in every language.
    """
    terms_of = _pipeline_terms(pipeline)
    boosts = list(FIELDS.values())
    counted = [[Counter(term for word in field for term in terms_of(word)) for field in doc] for doc in documents]
    found: dict[str, list[list[int]]] = {}  # term -> per field, the documents it is in
    for number, doc in enumerate(counted):
        for f, counts in enumerate(doc):
            for term in counts:
                found.setdefault(term, [[] for _ in boosts])[f].append(number)
    total = len(documents)
    lengths = [[sum(counts.values()) for counts in doc] for doc in counted]  # terms per field of each document
    average = [sum(doc[f] for doc in lengths) / total for f in range(len(boosts))]
    idf = {}
    for term, per_field in found.items():
        with_term = sum(len(docs) for docs in per_field)
        idf[term] = math.log(1 + abs((total - with_term + 0.5) / (with_term + 0.5)))
    scores: dict[str, list[list[float]]] = {term: [[] for _ in boosts] for term in found}
    for doc, doc_lengths in zip(counted, lengths, strict=True):
        for f, counts in enumerate(doc):
            if not counts:
                continue  # an empty field (every page's, if no page has keywords: its average length is 0)
            norm = _K1 * (1 - _B + _B * (doc_lengths[f] / average[f]))
            for term, tf in counts.items():
                score = idf[term] * ((_K1 + 1) * tf) / (norm + tf)
                scores[term][f].append(round(score * boosts[f], 3))
    return [
        (term, [_gaps(docs) + scores[term][f] for f, docs in enumerate(found[term])])
        for term in sorted(found, key=utf16)
    ]


def _pipeline_terms(functions: list):
    """A word's terms after the pipeline (lowercased first, as lunr's tokenizer does), worked out once per word."""
    pipeline = Pipeline()
    pipeline.add(*functions)
    cache: dict[str, list[str]] = {}

    def terms_of(word: str) -> list[str]:
        terms = cache.get(word)
        if terms is None:
            terms = cache[word] = [str(token) for token in pipeline.run([Token(word.lower())])]
        return terms

    return terms_of


def shard(entries: list[tuple[str, list[list]]], limit: int = SHARD_BYTES) -> dict:
    """Terms and their entries (from `score_terms`) cut into shards of terms that start alike.

    A term belongs to the shard of the longest key it starts with (see `_shard_groups`).
    """
    postings = dict(entries)
    groups = _shard_groups([(term, len(json.dumps(per_field))) for term, per_field in entries], limit)
    return {
        "keys": [key for key, _ in groups],
        "shards": [{"terms": terms, "postings": [postings[term] for term in terms]} for _, terms in groups],
    }


def shard_keys(sizes: list[tuple[str, int]], limit: int) -> list[str]:
    """The keys of the shards: starts of terms, longer where many terms start alike, sorted."""
    return [key for key, _ in _shard_groups(sizes, limit)]


def _shard_groups(sizes: list[tuple[str, int]], limit: int) -> list[tuple[str, list[str]]]:
    """(key, its terms in the given order) per shard, by key in lunr's order; `sizes` is (term, bytes) in that order.

    From the empty key (every term), a key whose terms weigh more than `limit` bytes is
    split into keys one character longer; the key stays for the terms no longer than it.
    So each term ends in the group of the longest key it starts with (what `shard_of` finds).
    """

    def split(key: str, group: list[tuple[str, int]]) -> list[tuple[str, list[str]]]:
        longer: dict[str, list[tuple[str, int]]] = {}
        for term, size in group:
            if len(term) > len(key):
                longer.setdefault(term[: len(key) + 1], []).append((term, size))
        if sum(size for _, size in group) <= limit or not longer:
            return [(key, [term for term, _ in group])]
        own = [term for term, _ in group if len(term) == len(key)]
        return ([(key, own)] if own else []) + [g for start in sorted(longer) for g in split(start, longer[start])]

    return sorted(split("", sizes), key=lambda group: utf16(group[0])) if sizes else [("", [])]


def shard_of(keys: list[str], term: str) -> int | None:
    """The shard a term belongs to (the longest key it starts with), None if no key does (mirrored in search.js)."""
    best = None
    for number, key in enumerate(keys):
        if term.startswith(key) and (best is None or len(key) > len(keys[best])):
            best = number
    return best


def utf16(text: str) -> bytes:
    """The text's UTF-16 code units: lunr.js sorts terms in their order."""
    return text.encode("utf-16-be")


def _gaps(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *numbers], numbers, strict=False)]
