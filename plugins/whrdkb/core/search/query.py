"""A language's search data queried as the browser does (search.js): for the tests and the benchmark."""

from __future__ import annotations

from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query

from .index import shard_of, utf16
from .pipeline import LanguagePipeline, normalise, query_terms


def needed_shards(keys: list[str], terms: list[str], prefixes: list[str]) -> list[int]:
    """The shards a query reads: those of its terms, and every shard a term starting with a prefix can be in.

    A term starting with the prefix p is in the shard of p's own longest key, or in a
    shard whose key starts with p (mirrored in search.js).
    """
    needed = {shard_of(keys, term) for term in [*terms, *prefixes]}
    needed.update(n for n, key in enumerate(keys) for p in prefixes if key.startswith(p))
    return sorted(n for n in needed if n is not None)


def partial_index(data: dict, shards: list[int]) -> dict:
    """The serialised lunr index of the given shards' terms (mirrored by `partialIndex` in search.js).

    For a query whose terms are all in these shards, it gives the same scores as the whole
    index: a document's score sums only the terms the query matched, in the same order.
    """
    fields = data["fields"]
    entries = sorted(
        (pair for n in shards for pair in zip(data["shards"][n]["terms"], data["shards"][n]["postings"], strict=True)),
        key=lambda pair: utf16(pair[0]),
    )
    inverted: list = []
    vectors: dict[str, dict[int, list]] = {field: {} for field in fields}
    for number, (term, per_field) in enumerate(entries):
        posting: dict[str, object] = {"_index": number}
        for field, packed in zip(fields, per_field, strict=True):
            half = len(packed) // 2
            docs = _sums(packed[:half])
            posting[field] = {str(doc): {} for doc in docs}
            for doc, score in zip(docs, packed[half:], strict=True):
                vectors[field].setdefault(doc, []).extend((number, score))
        inverted.append([term, posting])
    return {
        "version": data["version"],
        "fields": fields,
        "fieldVectors": [[f"{field}/{doc}", vectors[field][doc]] for field in fields for doc in sorted(vectors[field])],
        "invertedIndex": inverted,
        "pipeline": data["pipeline"],
    }


def _sums(gaps: list[int]) -> list[int]:
    total, out = 0, []
    for gap in gaps:
        total += gap
        out.append(total)
    return out


class Searcher:
    """A language's search data, queried as the browser does: each query reads only the shards it needs."""

    def __init__(self, data: dict):
        self.language = data["lang"]
        self.data = data
        self.docs = data["docs"]
        self.stops = frozenset(data["stop"])
        self.pipeline = _loaded_pipeline(LanguagePipeline(self.language, self.stops), data["pipeline"])
        self._loaded: tuple[list[int], Index] | None = None

    def index(self, shards: list[int]) -> Index:
        """The lunr index of these shards (the last one is kept: a reader refines a query)."""
        if self._loaded is None or self._loaded[0] != shards:
            self._loaded = (shards, Index.load(partial_index(self.data, shards)))
        return self._loaded[1]

    def search(self, query: str, limit: int = 10, shards: list[int] | None = None) -> list[dict]:
        """Run a reader's query as the browser does (search.js `runQuery`): url, title, score, best first.

        `shards` overrides the shards the query reads (the tests pass every shard).
        """
        query_words = query_terms(query, self.language, self.stops)
        # Each word, and its start (the normalised word, when it has two letters or more).
        clauses: list[tuple[str, str | None]] = []
        for word in query_words:
            start = normalise(word, self.language)
            clauses.append((word, start if len(start) >= 2 else None))
        if shards is None:
            terms = [term for word in query_words for term in self.pipeline.run_string(word)]
            shards = needed_shards(self.data["keys"], terms, [prefix for _, prefix in clauses if prefix])
        index = self.index(shards)
        q = index.create_query()
        for word, prefix in clauses:
            q.term(word, use_pipeline=True, boost=10)
            if prefix:
                q.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=1)
        if not q.clauses:
            return []
        results = []
        for match in index.query(q)[:limit]:
            url, title, _ = self.docs[int(match["ref"])]
            results.append({"url": url, "title": title, "score": match["score"]})
        return results


def search(data: dict, query: str, limit: int = 10) -> list[dict]:
    """One query against a language's search data (use Searcher for many)."""
    return Searcher(data).search(query, limit)


def _loaded_pipeline(language_pipeline: LanguagePipeline, names: list[str]) -> Pipeline:
    """The query pipeline the index names, made of this language pipeline's functions (registered under those names)."""
    if [fn.label for fn in language_pipeline.functions] != names:
        raise ValueError(f"the index names the pipeline {names}, this code makes {language_pipeline.functions}")
    return Pipeline.load(names)
