"""Search: one prebuilt lunr index per language, cut into shards, and the query the browser runs.

The index is built here (lunr's scores, computed as lunr.py's Builder does, faster:
`score_terms`) and loaded ready-made in the browser with `lunr.Index.load`
(docs/assets/search/search.js), so no page rebuilds it. It is cut
into shards of terms that start alike (`shard`): the browser fetches the whole
index at the first query (which parts it fetched would tell what was searched),
but parses and loads only the shards the query's words can match, and the result
lines (URL, title, snippet) of the results it shows. The index made of a query's
shards gives the same scores as the whole index (`partial_index`; a test compares
them).

Both sides run the same pipeline, registered under the same names:

    kb-normalise-<lang>   trim punctuation, Unicode NFC, drop invisible characters,
                          fold Latin accents and Arabic vowel marks, French elisions,
                          the Arabic conjunctions و and ف before the article
    stopWordFilter-<lang> drop the language's common words ("my", "was", "est", "मेरो"):
                          stopwords.json beside this file, normalised; the index carries
                          the list to the browser, so both sides drop the same words
    kb-stemmer-<lang>     English: lunr.js's Porter stemmer (lunr.py's, with lunr.js's rule
                          for a final y); other languages with a Snowball stemmer:
                          snowballstemmer here, the same algorithm from
                          docs/assets/search/vendor/ there

A language without a stemmer or stop words (a sixth one added by configuration) gets the
normaliser only, and still finds its words. A query drops its stop words too, unless
it has no other word (a reader may be typing the start of a longer one). tests/test_search.py runs
both sides over every word of the built site and compares the results.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path

import snowballstemmer
from lunr import __TARGET_JS_VERSION__ as LUNR_VERSION
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS, Tokenizer

# Languages with a Snowball stemmer on both sides (Python and vendored JavaScript).
SNOWBALL = {"fr": "french", "es": "spanish", "ar": "arabic", "ne": "nepali"}

# Name of the JavaScript global the index file assigns (a script, because file:// blocks fetch).
GLOBAL_NAME = "kbSearchData"

# Field names and boosts: a word in the title counts ten times a word in the text. The
# maintainers' extra search words of a page (`keywords:` in the data) are indexed with its title:
# in a field of their own, lunr's BM25 would weigh them by their length against an average
# that the many pages without keywords bring close to zero, which makes them count for little.
FIELDS = {"title": 10, "text": 1}

# Each language's stop words, with where the list comes from.
STOP_WORDS_FILE = Path(__file__).with_name("stopwords.json")

# lunr's BM25 parameters (its Builder's defaults, the same in lunr.js).
_K1, _B = 1.2, 0.75

SNIPPET_CHARS = 180

# A shard of the index holds the terms that start alike, about this many bytes of them
# (a term alone can weigh more); the result lines are written DOCS_PER_PART to a file.
SHARD_BYTES = 8_000
DOCS_PER_PART = 100

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u0640"))
_ELISION = re.compile(r"^(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’]")
# Arabic "and the" / "so the" before a word (والصدمة): the Snowball stemmer keeps the "and".
_ARABIC_CONJUNCTION = re.compile(r"^[وف](?=ال..)")
_SPACE = re.compile(r"\s+")


def _folded(char: str) -> bool:
    """Latin combining accents and Arabic vowel marks (harakat), removed before stemming."""
    code = ord(char)
    return 0x0300 <= code <= 0x036F or 0x064B <= code <= 0x065F or code == 0x0670


def _word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


@lru_cache(maxsize=65536)
def normalise(token: str, language: str) -> str:
    """The normalising step of the pipeline (mirrored by `normalise` in search.js)."""
    text = unicodedata.normalize("NFC", token).translate(_INVISIBLE)
    start, end = 0, len(text)
    while start < end and not _word_char(text[start]):
        start += 1
    while end > start and not _word_char(text[end - 1]):
        end -= 1
    text = text[start:end]
    if language == "fr":
        text = _ELISION.sub("", text)
    elif language == "ar":
        text = _ARABIC_CONJUNCTION.sub("", text)
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not _folded(c)))


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The stemming step: Porter for English, Snowball where it exists, else the word itself."""
    if language == "en":
        return _PORTER.stem(word)
    if language in SNOWBALL:
        return _snowball(language).stemWord(word)
    return word


class _LunrJsPorter(PorterStemmer):
    """lunr.py's Porter stemmer, with lunr.js's step 1c: a final y becomes i only after a consonant.

    (lunr.py follows the original algorithm, "day" -> "dai"; lunr.js, which runs the
    queries, keeps "day". The pipeline comparison test found the difference.)
    """

    b: str  # the word being stemmed (set by lunr's PorterStemmer)

    def step1c(self) -> None:
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_PORTER = _LunrJsPorter()


_STEMMERS: dict[str, object] = {}


def _snowball(language: str):
    if language not in _STEMMERS:
        _STEMMERS[language] = snowballstemmer.stemmer(SNOWBALL[language])
    return _STEMMERS[language]


@cache
def stop_words(language: str) -> frozenset[str]:
    """The language's stop words as the pipeline meets them (normalised); none for a language stopwords.json lacks."""
    listed = json.loads(STOP_WORDS_FILE.read_text(encoding="utf-8"))["languages"].get(language, {})
    return frozenset(filter(None, (normalise(word.lower(), language) for word in listed.get("words", []))))


def register_pipeline(language: str, stops: frozenset[str] | None = None) -> list:
    """Register the language's pipeline functions with lunr.py and return them (the index's and the query's).

    `stops` replaces the language's stop words (a Searcher passes those its index carries).
    """

    def normalise_token(token, i=None, tokens=None):
        token.update(lambda s, m: normalise(s, language))
        return token if token.string else None

    def stem_token(token, i=None, tokens=None):
        return token.update(lambda s, m: stem(s, language))

    functions = [_registered(normalise_token, f"kb-normalise-{language}")]
    stops = stop_words(language) if stops is None else frozenset(stops)
    if stops:
        functions.append(_stop_filter(language, stops))
    if language == "en" or language in SNOWBALL:
        functions.append(_registered(stem_token, f"kb-stemmer-{language}"))
    return functions


def _registered(fn, label: str):
    existing = Pipeline.registered_functions.get(label)
    if existing is not None:
        return existing
    Pipeline.register_function(fn, label)
    return fn


_STOP_FILTERS: dict[str, tuple[frozenset[str], object]] = {}  # language -> (its stop words, their filter)


def _stop_filter(language: str, stops: frozenset[str]):
    """lunr's stop-word filter of these words, registered as stopWordFilter-<language> (lunr.js names it alike)."""
    known = _STOP_FILTERS.get(language)
    if known is None or known[0] != stops:
        known = _STOP_FILTERS[language] = (stops, generate_stop_word_filter(stops, language))
    return known[1]


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


_WORD = re.compile(f"[^{re.escape(SEPARATOR_CHARS)}]+")


def words(text: str) -> list[str]:
    """lunr.py's tokenizer, done by one regular expression: the same words, three times faster.

    lunr.py's own walks the text a character at a time; given a list, the index builder
    takes its words as they are (tests/test_search.py compares the two on every page).
    """
    return _WORD.findall(text.lower())


def build_index(language: str, documents: list[SearchDocument]) -> dict:
    """The search data of one language: its lunr index cut into shards, and what results show."""
    pipeline = register_pipeline(language)
    fields = [[words(doc.title) + words(doc.keywords), [] if doc.listing else words(doc.text)] for doc in documents]
    return {
        "lang": language,
        "version": LUNR_VERSION,
        "fields": list(FIELDS),
        "pipeline": [fn.label for fn in pipeline],
        "stop": sorted(stop_words(language)),
        **shard(score_terms(pipeline, fields)),
        "docs": [[doc.url, doc.title, snippet(doc.summary or doc.text)] for doc in documents],
    }


def score_terms(pipeline: list, documents: list[list[list[str]]]) -> list[tuple[str, list[list]]]:
    """What lunr.py's Builder computes, six times faster: each term with, per field, its documents and scores.

    `pipeline` is the language's index pipeline (`register_pipeline`); `documents` holds, per
    document, the words of each field of FIELDS. A term's entry per
    field is the gaps between the numbers of the documents it is in, then its score in each
    (lunr's BM25: the same formula, in the same order of operations, rounded the same way);
    terms come in lunr.js's (UTF-16) order. The Builder wraps every word in a token object
    and runs it through the pipeline; here each distinct word runs through it once (every
    function of the pipeline looks at one word alone). tests/test_search.py compares the
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
        for term in sorted(found, key=_utf16)
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

    return sorted(split("", sizes), key=lambda group: _utf16(group[0])) if sizes else [("", [])]


def shard_of(keys: list[str], term: str) -> int | None:
    """The shard a term belongs to (the longest key it starts with), None if no key does (mirrored in search.js)."""
    best = None
    for number, key in enumerate(keys):
        if term.startswith(key) and (best is None or len(key) > len(keys[best])):
            best = number
    return best


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
        key=lambda pair: _utf16(pair[0]),
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


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


def _gaps(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *numbers], numbers, strict=False)]


def _sums(gaps: list[int]) -> list[int]:
    total, out = 0, []
    for gap in gaps:
        total += gap
        out.append(total)
    return out


def index_script(data: dict) -> str:
    """A language's search data as one classic script (it loads from file://), UTF-8 rather than \\u escapes.

    The first line sets window.kbSearchData to the manifest (pipeline, fields, shard keys);
    the second adds its parts, each a JSON text in a string: shard n is part `t<n>`, the
    result lines of documents 100c..100c+99 are part `d<c>`. The browser parses only the
    parts a query needs. Every part travels with the first query, whatever it is: which
    parts a reader fetched would tell the server, and anyone watching the line, the first
    letters of what they searched for.
    """
    docs = data["docs"]
    chunks = [docs[start : start + DOCS_PER_PART] for start in range(0, len(docs), DOCS_PER_PART)]
    manifest = {key: value for key, value in data.items() if key not in ("shards", "docs")}
    manifest.update(docs=len(docs), docs_per_part=DOCS_PER_PART)
    parts = [(f"t{n}", shard) for n, shard in enumerate(data["shards"])] + [
        (f"d{c}", chunk) for c, chunk in enumerate(chunks)
    ]
    listed = ",".join(f"\"{name}\":'{_js_string(_json(item))}'" for name, item in parts)
    return (
        f"window.{GLOBAL_NAME}=JSON.parse('{_js_string(_json(manifest))}');\nwindow.{GLOBAL_NAME}.parts={{{listed}}};\n"
    )


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _js_string(text: str) -> str:
    """Text for a single-quoted JavaScript string.

    JSON goes into scripts as strings handed to JSON.parse, rather than written as JavaScript
    objects: browsers parse JSON several times faster (seed: 50-80 ms to 9 ms on a 4x throttled CPU).
    """
    return _JS_ESCAPE.sub(lambda m: _JS_ESCAPES[m[0]], text)


# What a single-quoted JavaScript string cannot hold as it is (and its escape), and back.
_JS_ESCAPES = {"\\": "\\\\", "'": "\\'", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_ESCAPE = re.compile("[\\\\'\u2028\u2029]")
_JS_UNESCAPE = re.compile(r"\\(\\|'|u2028|u2029)")
_JS_UNESCAPES = {"\\": "\\", "'": "'", "u2028": "\u2028", "u2029": "\u2029"}
_STRING = r"'((?:[^'\\]|\\.)*)'"
_MANIFEST = re.compile(rf"window\.{GLOBAL_NAME}=JSON\.parse\({_STRING}\);")
_PART = re.compile(rf'"([td]\d+)":{_STRING}')


def _unescape(text: str) -> str:
    return _JS_UNESCAPE.sub(lambda m: _JS_UNESCAPES[m[1]], text)


def write_index(language: str, documents: list[SearchDocument], target: Path) -> int:
    """Build one language's search data and write it as a script; return its size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(build_index(language, documents)), encoding="utf-8")
    return target.stat().st_size


def read_index_script(path: Path) -> dict:
    """A language's search data as `build_index` made it, read back from its script (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    match = _MANIFEST.fullmatch(first)
    if match is None or not rest.startswith(f"window.{GLOBAL_NAME}.parts="):
        raise ValueError(f"{path} is not a search index written by whrdkb")
    manifest = json.loads(_unescape(match[1]))
    parts = {name: json.loads(_unescape(body)) for name, body in _PART.findall(rest)}
    count, per_part = manifest.pop("docs"), manifest.pop("docs_per_part")
    shards = [parts[f"t{n}"] for n in range(len(manifest["keys"]))]
    docs = [doc for c in range(-(-count // per_part)) for doc in parts[f"d{c}"]]
    return {**manifest, "shards": shards, "docs": docs}


class Searcher:
    """A language's search data, queried as the browser does: each query reads only the shards it needs."""

    def __init__(self, data: dict):
        self.language = data["lang"]
        self.data = data
        self.docs = data["docs"]
        self.stops = frozenset(data["stop"])
        register_pipeline(self.language, self.stops)
        self.pipeline = Pipeline.load(data["pipeline"])
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


def query_terms(query: str, language: str, stops: frozenset[str] = frozenset()) -> list[str]:
    """The words of a query, as lunr's tokenizer splits them, but its stop words if it has other words."""
    found = [token.string for token in Tokenizer(_SPACE.sub(" ", query)) if normalise(token.string, language)]
    meaningful = [word for word in found if normalise(word, language) not in stops]
    return meaningful or found


def snippet(text: str) -> str:
    """The start of a page's text, cut at a word boundary."""
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


class _TextExtractor(HTMLParser):
    """What a reader sees of rendered page content, and its paragraphs.

    Left out: scripts, styles, drawings, permalink signs, and the page's controls
    (navigation, buttons, download links, "shown in English" notes), whose words would
    make every page look alike to search and fill the result lines. The paragraphs of
    notices (admonitions, details) are read but are not the page's summary.
    """

    SKIP = {"script", "style", "svg", "template", "noscript", "nav", "button", "footer"}
    SKIP_CLASSES = {"headerlink", "md-button", "kb-noprint", "kb-fallback-note", "kb-nojs-note"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.paragraphs: list[tuple[str, int]] = []  # after the heading: (text, its words outside links)
        self.after_heading: int | None = None  # how many parts came before the end of the first <h1>
        self._skip_tag: str | None = None
        self._depth = 0
        self._paragraph: list[str] | None = None
        self._outside_links: list[str] = []
        self._links = 0
        self._notice: tuple[str, int] | None = None  # a notice's tag, and how many of that tag are open

    def handle_starttag(self, tag, attrs):
        if self._skip_tag is not None:
            self._depth += tag == self._skip_tag
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in self.SKIP or classes & self.SKIP_CLASSES:
            self._skip_tag, self._depth = tag, 1
            return
        if tag == "a":
            self._links += 1
        if self._notice is not None:
            self._notice = (self._notice[0], self._notice[1] + (tag == self._notice[0]))
        elif tag == "details" or "admonition" in classes:
            self._notice = (tag, 1)
        elif tag == "p":
            self._paragraph, self._outside_links = [], []

    def handle_endtag(self, tag):
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._depth -= 1
                if self._depth == 0:
                    self._skip_tag = None
        elif tag == "a" and self._links:
            self._links -= 1
        elif self._notice is not None and tag == self._notice[0]:
            self._notice = (tag, self._notice[1] - 1) if self._notice[1] > 1 else None
        elif tag == "h1" and self.after_heading is None:
            self.after_heading, self.paragraphs = len(self.parts), []
        elif tag == "p" and self._paragraph is not None:
            outside = len(_clean(" ".join(self._outside_links)).split())
            self.paragraphs.append((_clean(" ".join(self._paragraph)), outside))
            self._paragraph = None

    def handle_data(self, data):
        if self._skip_tag is None:
            self.parts.append(data)
            if self._paragraph is not None:
                self._paragraph.append(data)
                if not self._links:
                    self._outside_links.append(data)


# A paragraph with fewer words than this outside its links is a row of links, not a summary.
_SUMMARY_WORDS = 4


@dataclass(frozen=True)
class PageText:
    """A rendered page as search reads it: all its text, and its summary for the result line."""

    text: str
    summary: str


def page_text(html: str) -> PageText:
    """The text of a page's content HTML, and its first paragraph after the heading (else what follows the heading)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = _clean(" ".join(parser.parts))
    paragraph = next((p for p, outside in parser.paragraphs if outside >= _SUMMARY_WORDS), None)
    after = _clean(" ".join(parser.parts[parser.after_heading or 0 :]))
    return PageText(text, paragraph or after)


def text_of_html(html: str) -> str:
    """Plain text of a page's content HTML, white space collapsed."""
    return page_text(html).text


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
