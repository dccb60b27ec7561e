"""A language's text pipeline (normalise, drop its stop words, stem), the same for the index and the queries.

Both sides run it under the same names: `kb-normalise-<lang>`, `stopWordFilter-<lang>`,
`kb-stemmer-<lang>` (see the package's docstring and docs/assets/search/search.js).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.tokenizer import SEPARATOR_CHARS, Tokenizer

# Languages with a Snowball stemmer on both sides (Python and vendored JavaScript).
SNOWBALL = {"fr": "french", "es": "spanish", "ar": "arabic", "ne": "nepali"}

# Each language's stop words, with where the list comes from.
STOP_WORDS_FILE = Path(__file__).with_name("stopwords.json")

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


@cache
def stop_words(language: str) -> frozenset[str]:
    """The language's stop words as the pipeline meets them (normalised); none for a language stopwords.json lacks."""
    listed = json.loads(STOP_WORDS_FILE.read_text(encoding="utf-8"))["languages"].get(language, {})
    return frozenset(filter(None, (normalise(word.lower(), language) for word in listed.get("words", []))))


class LanguagePipeline:
    """One language's pipeline functions, with its stop words and its own stemmer.

    lunr finds a loaded index's pipeline by name, so the functions are registered under
    their names when the pipeline is made (the newest pipeline of a language is the one
    found; every pipeline of a language with the same stop words does the same).
    `stops` replaces the language's stop words (a Searcher passes those its index carries).
    """

    def __init__(self, language: str, stops: frozenset[str] | None = None) -> None:
        self.language = language
        self.stops = stop_words(language) if stops is None else frozenset(stops)
        self.stemmer = _stemmer(language)
        self._stems: dict[str, str] = {}
        self.functions = self._registered_functions()

    def stem(self, word: str) -> str:
        """The stemming step: Porter for English, Snowball where it exists, else the word itself."""
        stemmed = self._stems.get(word)
        if stemmed is None:
            stemmed = self._stems[word] = self.stemmer(word) if self.stemmer else word
        return stemmed

    def _registered_functions(self) -> list:
        """The index's and the query's functions, registered with lunr under the names search.js uses."""
        language, stops = self.language, self.stops

        def normalise_token(token, i=None, tokens=None):
            token.update(lambda s, m: normalise(s, language))
            return token if token.string else None

        def stop_word_filter(token, i=None, tokens=None):  # as lunr's generate_stop_word_filter makes it
            if token and str(token) not in stops:
                return token
            return None

        def stem_token(token, i=None, tokens=None):
            return token.update(lambda s, m: self.stem(s))

        functions = [_register(normalise_token, f"kb-normalise-{language}")]
        if stops:
            functions.append(_register(stop_word_filter, f"stopWordFilter-{language}"))
        if self.stemmer is not None:
            functions.append(_register(stem_token, f"kb-stemmer-{language}"))
        return functions


def _stemmer(language: str) -> Callable[[str], str] | None:
    """The language's stemmer as a function (a new one: stemmers keep state), None for a language without one."""
    if language == "en":
        return _LunrJsPorter().stem
    if language in SNOWBALL:
        return snowballstemmer.stemmer(SNOWBALL[language]).stemWord
    return None


def _register(fn, label: str):
    """Register `fn` with lunr under `label`, replacing an earlier pipeline's (lunr.js looks it up by the same name)."""
    fn.label = label
    Pipeline.registered_functions[label] = fn
    return fn


_WORD = re.compile(f"[^{re.escape(SEPARATOR_CHARS)}]+")


def words(text: str) -> list[str]:
    """lunr.py's tokenizer, done by one regular expression: the same words, three times faster.

    lunr.py's own walks the text a character at a time; given a list, the index builder
    takes its words as they are (tests/site/test_search.py compares the two on every page).
    """
    return _WORD.findall(text.lower())


def query_terms(query: str, language: str, stops: frozenset[str] = frozenset()) -> list[str]:
    """The words of a query, as lunr's tokenizer splits them, but its stop words if it has other words."""
    found = [token.string for token in Tokenizer(_SPACE.sub(" ", query)) if normalise(token.string, language)]
    meaningful = [word for word in found if normalise(word, language) not in stops]
    return meaningful or found
