"""Search: the pipeline, the sharded index, one index per language, nothing typed in URLs."""

from __future__ import annotations

import json

import pytest

from tests.helpers import LANGUAGES
from tests.helpers.search import DOCS, lunr_words
from whrdkb.core.search.index import SearchDocument, build_index, shard_keys
from whrdkb.core.search.pagetext import page_text, text_of_html
from whrdkb.core.search.pipeline import STOP_WORDS_FILE, normalise, query_terms, stop_words, words
from whrdkb.core.search.query import needed_shards, search
from whrdkb.core.search.script import read_index_script, write_index


@pytest.mark.parametrize(
    "word,language,expected",
    [
        ("«sécurité»,", "fr", "securite"),
        ("l'hébergement", "fr", "hebergement"),
        ("d’urgence", "fr", "urgence"),
        ("niño", "es", "nino"),
        ("حِمَايَة", "ar", "حماية"),  # vowel marks go
        ("المــأوى", "ar", "الماوى"),  # tatweel goes, and the hamza (as the stemmer does)
        ("والصدمة", "ar", "الصدمة"),  # "and the" before a word
        ("सुरक्षा।", "ne", "सुरक्षा"),  # the danda goes, the vowel signs stay
        ("“visa”", "en", "visa"),
        ("sh\u00adelter", "en", "shelter"),  # soft hyphen
        ("...", "en", ""),
    ],
)
def test_normalise(word, language, expected):
    assert normalise(word, language) == expected


def test_text_of_html_keeps_what_a_reader_sees():
    html = '<h2 id="a">Title<a class="headerlink" href="#a">¶</a></h2><p>One <b>two</b></p><script>x()</script><svg><text>chart</text></svg>'
    assert text_of_html(html) == "Title One two"


def test_the_summary_is_the_first_paragraph_after_the_heading_never_a_control():
    """Navigation, buttons, download links and rows of links are neither the summary nor indexed text."""
    html = (
        "<p><small>I am attacked online</small></p><h1>What is happening?</h1>"
        '<p><a href="index.md">Back to the directory</a></p>'
        '<p>Theme <a href="t.md">1. Safety</a> · <a href="i.md">All recommendations</a></p>'
        '<p><a class="md-button md-button--primary" href="start/">Start</a> '
        '<a class="md-button kb-noprint" href="x.pdf" download>download (PDF)</a></p>'
        '<p>Hacked or lost devices and accounts, and <a href="h/">online harassment</a>.</p>'
        '<nav class="kb-pathway-nav"><a href="../">All pathways</a></nav><p>More.</p>'
    )
    notice = (
        '<div class="admonition note"><p class="admonition-title">The source prints this row without a number</p></div>'
    )
    read = page_text(html.replace("<h1>What is happening?</h1>", "<h1>What is happening?</h1>" + notice))
    assert read.summary == "Hacked or lost devices and accounts, and online harassment ."
    assert "Start" not in read.text and "download" not in read.text and "All pathways" not in read.text
    assert read.text.startswith("I am attacked online What is happening? The source prints")  # a notice is read
    # A page with no paragraph after its heading (a question and its answers): what follows the heading.
    question = (
        "<p><small>Pathway</small></p><h1>What is happening?</h1><ul><li><a href='a/'>My phone is hacked</a></li></ul>"
    )
    assert page_text(question).summary == "My phone is hacked"


def test_words_are_lunr_tokens():
    tricky = "Self-care\u00a0and\tSÉCURITÉ\n— l'abri «24/7» नेपाली। الحماية\u2003 x\u200by -- -a- \x0b\x0c end-"
    assert words(tricky) == lunr_words(tricky)
    assert words("") == lunr_words("") == []


def test_a_query_finds_what_the_index_holds():
    data = build_index("en", DOCS)
    assert [r["url"] for r in search(data, "shelter")] == ["a/"]  # a listing's text is not indexed
    assert [r["url"] for r in search(data, "kinds")] == ["c/"]  # a listing is found by its title
    assert [r["url"] for r in search(data, "hearings lawyer")] == ["b/"]  # stemmed
    assert [r["url"] for r in search(data, "reloc")] == ["a/"]  # the start of a word
    assert data["docs"][2] == ["c/", "List of kinds", "Shelter, legal aid, grants"]
    assert [r["url"] for r in search(data, "my phone was hacked")] == ["d/"]  # a keyword; "my", "was" are left out
    assert data["docs"][3] == ["d/", "Devices under attack", "Help."]  # the summary, not the text's start
    # A query of stop words only is searched as typed (it may be the start of a longer word).
    assert query_terms("it is", "en", stop_words("en")) == ["it", "is"]
    assert query_terms("is it hacked", "en", stop_words("en")) == ["hacked"]


def test_every_language_has_stop_words_from_a_named_source():
    """Nepali and Arabic included; each list says where it comes from, and the words kept out of it are not dropped."""
    listed = json.loads(STOP_WORDS_FILE.read_text(encoding="utf-8"))["languages"]
    assert set(listed) == set(LANGUAGES)
    for language, entry in listed.items():
        assert "licence" in entry["source"] and len(entry["words"]) > 100, language
        assert not stop_words(language) & {normalise(word, language) for word in entry["kept_searchable"]}
    assert {"my", "was"} <= stop_words("en") and {"mon", "est"} <= stop_words("fr")
    assert "मेरो" in stop_words("ne") and "تم" in stop_words("ar") and "phone" not in stop_words("en")


def test_shards_hold_every_term_once_under_the_longest_key_it_starts_with():
    sizes = [("re", 10), ("rea", 30), ("reb", 30), ("s", 5), ("saf", 5), ("x", 100)]
    keys = shard_keys(sizes, limit=50)
    # "r..." weighs 70 > 50: split into "re" and then into its own term and "rea", "reb".
    assert keys == ["re", "rea", "reb", "s", "x"]
    assert shard_keys(sizes, limit=1000) == [""]  # a small index is one shard
    # a prefix reads its own key's shard and every longer key that starts with it
    assert needed_shards(keys, ["rebel"], ["re"]) == [0, 1, 2]
    assert needed_shards(keys, ["safe"], []) == [3]
    assert needed_shards(keys, ["zebra"], []) == []


def test_the_index_script_reads_back_to_what_was_built(tmp_path):
    """One script per language: the manifest, then every part as a JSON text (250 result lines: 3 parts)."""
    target = tmp_path / "index.en.js"
    many = [SearchDocument(f"p{n}/", f"Page {n}", f"word{n} shelter " * 200) for n in range(250)]
    write_index("en", many, target)
    data = build_index("en", many)
    assert read_index_script(target) == data
    assert len(data["keys"]) > 1 and [p.name for p in tmp_path.iterdir()] == ["index.en.js"]
    assert target.read_text(encoding="utf-8").count('"d') >= 3
