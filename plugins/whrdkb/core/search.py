"""Search: one prebuilt lunr index per language, and the query the browser runs against it.

The index is built here with lunr.py and loaded ready-made in the browser with
`lunr.Index.load` (docs/assets/search/search.js), so no page rebuilds it. Both
sides run the same pipeline, registered under the same names:

    kb-normalise-<lang>   trim punctuation, Unicode NFC, drop invisible characters,
                          fold Latin accents and Arabic vowel marks, French elisions,
                          the Arabic conjunctions و and ف before the article
    stopWordFilter        English only (lunr's own list, the same in lunr.js and lunr.py)
    kb-stemmer-<lang>     English: lunr.js's Porter stemmer (lunr.py's, with lunr.js's rule
                          for a final y); other languages with a Snowball stemmer:
                          snowballstemmer here, the same algorithm from
                          docs/assets/search/vendor/ there

A language without a stemmer (a sixth one added by configuration) gets the
normaliser only, and still finds its words. tests/test_search.py runs
both sides over every word of the built site and compares the results.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import snowballstemmer
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import SEPARATOR_CHARS, Tokenizer

# Languages with a Snowball stemmer on both sides (Python and vendored JavaScript).
SNOWBALL = {"fr": "french", "es": "spanish", "ar": "arabic", "ne": "nepali"}

# Name of the JavaScript global the index file assigns (a script, because file:// blocks fetch).
GLOBAL_NAME = "kbSearchData"

# Field names and boosts: a word in the title counts ten times a word in the text.
FIELDS = {"title": 10, "text": 1}

SNIPPET_CHARS = 180

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

    def step1c(self):
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_PORTER = _LunrJsPorter()


_STEMMERS: dict[str, object] = {}


def _snowball(language: str):
    if language not in _STEMMERS:
        _STEMMERS[language] = snowballstemmer.stemmer(SNOWBALL[language])
    return _STEMMERS[language]


def register_pipeline(language: str) -> tuple[list, list]:
    """Register the language's pipeline functions with lunr.py; return (index pipeline, query pipeline)."""

    def normalise_token(token, i=None, tokens=None):
        token.update(lambda s, m: normalise(s, language))
        return token if token.string else None

    def stem_token(token, i=None, tokens=None):
        return token.update(lambda s, m: stem(s, language))

    normaliser = _registered(normalise_token, f"kb-normalise-{language}")
    if language != "en" and language not in SNOWBALL:
        return [normaliser], [normaliser]
    stemmer = _registered(stem_token, f"kb-stemmer-{language}")
    stop = [stop_word_filter] if language == "en" else []
    return [normaliser, *stop, stemmer], [normaliser, stemmer]


def _registered(fn, label: str):
    existing = Pipeline.registered_functions.get(label)
    if existing is not None:
        return existing
    Pipeline.register_function(fn, label)
    return fn


@dataclass(frozen=True)
class SearchDocument:
    """One page as search sees it: its URL relative to the search page, title and text.

    A listing (a page that lists others) is found by its title only; its text still gives the snippet.
    """

    url: str
    title: str
    text: str
    listing: bool = False


_WORD = re.compile(f"[^{re.escape(SEPARATOR_CHARS)}]+")


def words(text: str) -> list[str]:
    """lunr.py's tokenizer, done by one regular expression: the same words, three times faster.

    lunr.py's own walks the text a character at a time; given a list, the index builder
    takes its words as they are (tests/test_search.py compares the two on every page).
    """
    return _WORD.findall(text.lower())


def build_index(language: str, documents: list[SearchDocument]) -> dict:
    """The search data of one language: the serialised lunr index and what results show."""
    index_pipeline, query_pipeline = register_pipeline(language)
    builder = Builder()
    builder.pipeline.add(*index_pipeline)
    builder.search_pipeline.add(*query_pipeline)
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for number, doc in enumerate(documents):
        builder.add({"id": str(number), "title": words(doc.title), "text": [] if doc.listing else words(doc.text)})
    return {
        "lang": language,
        "index": compact(builder.build().serialize()),
        "docs": [[doc.url, doc.title, snippet(doc.text)] for doc in documents],
    }


def compact(index: dict) -> dict:
    """A serialised lunr index in fewer bytes (about half), expanded again by `expand` and search.js.

    Terms are numbered in sorted order; each term's postings become, per field, the
    gaps between its document numbers; each document's field vector becomes gaps between
    term numbers followed by the scores. Nothing is lost: `expand` gives an index with
    the same terms, postings and vectors (tests/test_search.py checks the round trip).
    """
    fields = index["fields"]
    # lunr.js needs the terms in its own (UTF-16) order to load them; Python sorts by code point.
    entries = sorted(index["invertedIndex"], key=lambda entry: entry[0].encode("utf-16-be"))
    terms = [term for term, _ in entries]
    number = {posting["_index"]: n for n, (_, posting) in enumerate(entries)}
    postings = [[_gaps(sorted(int(ref) for ref in posting[field])) for field in fields] for _, posting in entries]
    vectors = {field: {} for field in fields}
    for ref, values in index["fieldVectors"]:
        field, doc = ref.split("/", 1)
        pairs = sorted((number[values[i]], values[i + 1]) for i in range(0, len(values), 2))
        vectors[field][int(doc)] = _gaps([n for n, _ in pairs]) + [score for _, score in pairs]
    return {
        "version": index["version"],
        "fields": fields,
        "pipeline": index["pipeline"],
        "terms": terms,
        "postings": postings,
        "vectors": [
            [vectors[field].get(doc, []) for doc in range(max(vectors[field], default=-1) + 1)] for field in fields
        ],
    }


def expand(data: dict) -> dict:
    """The serialised lunr index that `compact` was made from (mirrored by `expand` in search.js)."""
    fields = data["fields"]
    inverted = []
    for n, (term, per_field) in enumerate(zip(data["terms"], data["postings"], strict=True)):
        posting = {"_index": n}
        for field, gaps in zip(fields, per_field, strict=True):
            posting[field] = {str(doc): {} for doc in _sums(gaps)}
        inverted.append([term, posting])
    field_vectors = []
    for field, docs in zip(fields, data["vectors"], strict=True):
        for doc, packed in enumerate(docs):
            half = len(packed) // 2
            pairs = zip(_sums(packed[:half]), packed[half:], strict=True)
            field_vectors.append([f"{field}/{doc}", [x for pair in pairs for x in pair]])
    return {
        "version": data["version"],
        "fields": fields,
        "fieldVectors": field_vectors,
        "invertedIndex": inverted,
        "pipeline": data["pipeline"],
    }


def _gaps(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *numbers], numbers, strict=False)]


def _sums(gaps: list[int]) -> list[int]:
    total, out = 0, []
    for gap in gaps:
        total += gap
        out.append(total)
    return out


def index_script(data: dict) -> str:
    """The index as a classic script (loads from file://), UTF-8 rather than \\u escapes.

    The JSON is handed to JSON.parse as a string rather than written as a JavaScript object:
    browsers parse JSON several times faster (seed: 50-80 ms to 9 ms on a 4x throttled CPU).
    """
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{GLOBAL_NAME}=JSON.parse('{_JS_ESCAPE.sub(lambda m: _JS_ESCAPES[m[0]], body)}');\n"


# What a single-quoted JavaScript string cannot hold as it is (and its escape), and back.
_JS_ESCAPES = {"\\": "\\\\", "'": "\\'", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_ESCAPE = re.compile("[\\\\'\u2028\u2029]")
_JS_UNESCAPE = re.compile(r"\\(\\|'|u2028|u2029)")
_JS_UNESCAPES = {"\\": "\\", "'": "'", "u2028": "\u2028", "u2029": "\u2029"}


def write_index(language: str, documents: list[SearchDocument], target: Path) -> int:
    """Build one language's index and write it as a script; return its size (runs in a worker process)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(build_index(language, documents)), encoding="utf-8")
    return target.stat().st_size


def read_index_script(path: Path) -> dict:
    """The data of an index script written by `index_script` (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8").rstrip()
    prefix, suffix = f"window.{GLOBAL_NAME}=JSON.parse('", "');"
    if not (text.startswith(prefix) and text.endswith(suffix)):
        raise ValueError(f"{path} is not a search index written by whrdkb")
    body = text[len(prefix) : -len(suffix)]
    return json.loads(_JS_UNESCAPE.sub(lambda m: _JS_UNESCAPES[m[1]], body))


class Searcher:
    """A language's search data, loaded once (pipeline registered, index expanded) and queried many times."""

    def __init__(self, data: dict):
        self.language = data["lang"]
        self.docs = data["docs"]
        register_pipeline(self.language)
        self.index = Index.load(expand(data["index"]))

    def search(self, query: str, limit: int = 10) -> list[dict]:
        """Run a reader's query as the browser does (search.js `runQuery`): url, title, score, best first."""
        q = self.index.create_query()
        for term in query_terms(query, self.language):
            q.term(term, use_pipeline=True, boost=10)
            prefix = normalise(term, self.language)
            if len(prefix) >= 2:
                q.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=1)
        if not q.clauses:
            return []
        results = []
        for match in self.index.query(q)[:limit]:
            url, title, _ = self.docs[int(match["ref"])]
            results.append({"url": url, "title": title, "score": match["score"]})
        return results


def search(data: dict, query: str, limit: int = 10) -> list[dict]:
    """One query against a language's search data (use Searcher for many)."""
    return Searcher(data).search(query, limit)


def query_terms(query: str, language: str) -> list[str]:
    """The words of a query, as lunr's tokenizer splits them."""
    return [token.string for token in Tokenizer(_SPACE.sub(" ", query)) if normalise(token.string, language)]


def snippet(text: str) -> str:
    """The start of a page's text, cut at a word boundary."""
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


class _TextExtractor(HTMLParser):
    """Visible text of rendered page content: no scripts, styles, drawings or permalink signs."""

    SKIP = {"script", "style", "svg", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_tag: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if self._skip_tag is None:
            if tag in self.SKIP or (tag == "a" and ("class", "headerlink") in attrs):
                self._skip_tag, self._depth = tag, 1
        elif tag == self._skip_tag:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == self._skip_tag:
            self._depth -= 1
            if self._depth == 0:
                self._skip_tag = None

    def handle_data(self, data):
        if self._skip_tag is None:
            self.parts.append(data)


def text_of_html(html: str) -> str:
    """Plain text of a page's content HTML, white space collapsed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return _SPACE.sub(" ", " ".join(parser.parts)).strip()
