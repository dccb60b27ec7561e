"""Search: the pipeline, the sharded index, one index per language, nothing typed in URLs."""

from __future__ import annotations

import json
import re

import pytest
from lunr.builder import Builder

from tests.helpers import LANGUAGES, PREFIX, index_file, read_html, result_path, search_on_page
from tests.helpers.search import DOCS, lunr_words
from whrdkb.core.search.index import FIELDS, SearchDocument, build_index, score_terms
from whrdkb.core.search.pagetext import text_of_html
from whrdkb.core.search.pipeline import STOP_WORDS_FILE, LanguagePipeline, words
from whrdkb.core.search.query import Searcher, partial_index, search
from whrdkb.core.search.script import index_script, read_index_script

DEFAULT = LANGUAGES[0]


def test_words_are_lunr_tokens_on_every_page(built_site):
    pages = [p for p in built_site.rglob("*.html") if p.parts[-2] != "search"]
    texts = [text_of_html(p.read_text(encoding="utf-8")) for p in pages[:: max(1, len(pages) // 300)]]
    assert len(texts) > 100
    for text in texts:
        assert words(text) == lunr_words(text)


@pytest.mark.parametrize("language,keyword", [("en", "spyware"), ("fr", "logiciel espion"), ("ne", "स्पाइवेयर")])
def test_keywords_find_a_page_without_being_shown_on_it(built_site, language, keyword):
    """The device outcome's `keywords:` (data/pathways.yaml), in the reader's language."""
    folder = built_site / PREFIX[language] / "pathways" / "online-attack" / "device"
    assert keyword not in (folder / "index.html").read_text(encoding="utf-8").lower()
    found = search(read_index_script(index_file(built_site, language)), keyword, limit=1)
    assert result_path(language, found[0]["url"]) == f"{PREFIX[language]}pathways/online-attack/device/"


def _lunr_builder_terms(language: str, documents: list[list[list[str]]]) -> list[tuple[str, list[list]]]:
    """The reference for `score_terms`: lunr.py's own Builder, its index read back term by term."""
    index_pipeline = LanguagePipeline(language).functions
    builder = Builder()
    builder.pipeline.add(*index_pipeline)
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for number, fields in enumerate(documents):
        builder.add({"id": str(number), **dict(zip(FIELDS, fields, strict=True))})
    index = builder.build().serialize()
    scores = {}  # (field, term number) -> {document: score}
    for ref, values in index["fieldVectors"]:
        field, doc = ref.split("/", 1)
        for i in range(0, len(values), 2):
            scores.setdefault((field, values[i]), {})[int(doc)] = values[i + 1]
    entries = []
    for term, posting in sorted(index["invertedIndex"], key=lambda entry: entry[0].encode("utf-16-be")):
        per_field = []
        for field in FIELDS:
            docs = sorted(int(ref) for ref in posting[field])
            gaps = [b - a for a, b in zip([0, *docs], docs, strict=False)]
            per_field.append(gaps + [scores[(field, posting["_index"])][doc] for doc in docs])
        entries.append((term, per_field))
    return entries


def test_the_index_scores_are_lunr_builders_on_every_page(built_site):
    """`score_terms` gives the terms, documents and scores of lunr.py's Builder, in every language.

    Every page of the built site, some of them as listings (title only), as the index sees them.
    """
    for language in LANGUAGES:
        root = built_site / PREFIX[language]
        pages = sorted(root.glob("**/index.html"))
        if not PREFIX[language]:
            pages = [p for p in pages if p.relative_to(root).parts[0] not in LANGUAGES]
        documents = []
        for number, page in enumerate(pages):
            soup = read_html(page)
            title = soup.title.get_text() if soup.title else ""
            text = "" if number % 7 == 3 else text_of_html(str(soup.find("article") or soup))
            documents.append([words(title), words(text)])
        ours = score_terms(LanguagePipeline(language).functions, documents)
        assert len(documents) > 100 and len(ours) > 1000
        assert ours == _lunr_builder_terms(language, documents), language


def test_a_querys_shards_give_the_results_of_the_whole_index(built_site):
    """Every relevance query and sentence (and a prefix of two letters), on its own shards and on all of them: same pages, same scores."""
    from tests.helpers.search_relevance import QUERIES, SENTENCES

    for language in LANGUAGES:
        data = read_index_script(index_file(built_site, language))
        assert len(data["keys"]) > 5  # the seed's index is cut into shards
        every = list(range(len(data["keys"])))
        searcher = Searcher(data)
        for query, _ in [*QUERIES[language], *SENTENCES[language], ("re", "")]:
            own = searcher.search(query, limit=50)
            assert own == Searcher(data).search(query, limit=50, shards=every), (language, query)
        # the whole index is the index of every shard
        assert {term for term, _ in partial_index(data, every)["invertedIndex"]} == {
            term for shard in data["shards"] for term in shard["terms"]
        }


def test_index_script_gives_the_browser_and_the_tests_the_same_data(browser, tmp_path):
    """Quotes, backslashes and line separators survive both readers, in the manifest and in the parts."""
    tricky = "It's \\ \"quoted\" </script> line\nbreak \u2028 \u2029 \\u2028 '\\'"
    data = build_index("en", [SearchDocument("a/", tricky, tricky), *DOCS])
    path = tmp_path / "index.en.js"
    path.write_text(index_script(data), encoding="utf-8")
    assert read_index_script(path) == data
    page = browser.new_page()
    page.add_script_tag(content=path.read_text(encoding="utf-8"))
    assert page.evaluate("JSON.parse(window.kbSearchData.parts.d0)") == data["docs"]
    assert page.evaluate("JSON.parse(window.kbSearchData.parts.t0)") == data["shards"][0]
    assert page.evaluate("window.kbSearchData.keys") == data["keys"]
    page.close()


def test_every_language_has_its_own_index_of_its_own_pages(built_site):
    others = tuple(f"{code}/" for code in LANGUAGES[1:])
    for language in LANGUAGES:
        data = read_index_script(index_file(built_site, language))
        assert data["lang"] == language
        assert len(data["docs"]) > 100
        # The home page too (its URL is the empty string, which the index once missed).
        assert PREFIX[language] in {result_path(language, url) for url, _, _ in data["docs"]}
        for url, title, _ in data["docs"]:
            target = result_path(language, url)
            assert (built_site / target / "index.html").is_file(), (language, url)
            if language == DEFAULT:
                assert not target.startswith(others), (language, url)
            else:
                assert target.startswith(f"{language}/"), (language, url)
            assert title and "&amp;" not in title


def test_indexes_are_utf8_not_escapes(built_site):
    arabic = index_file(built_site, "ar").read_text(encoding="utf-8")
    nepali = index_file(built_site, "ne").read_text(encoding="utf-8")
    assert "المأوى" in arabic and "आश्रय" in nepali
    assert not re.search(r"\\u0[69]", arabic + nepali)


def test_only_the_search_page_names_an_index_and_only_its_own(built_site):
    for language in LANGUAGES:
        folder = built_site / PREFIX[language]
        search_page = read_html(folder / "search" / "index.html")
        scripts = search_page.select_one("form[data-kb-search]")["data-scripts"].split()
        assert [s for s in scripts if "assets/search/index." in s] == [
            s for s in scripts if s.endswith(f"assets/search/index.{language}.js")
        ]
        assert any(s.endswith(f"assets/search/index.{language}.js") for s in scripts)
        assert any(s.endswith("lunr.min.js") for s in scripts)
        # the page itself loads only the small search script; the rest waits for the first keystroke
        loaded = [s["src"] for s in search_page.select("script[src]") if "assets/search/" in s["src"]]
        assert [s.rsplit("/", 1)[-1] for s in loaded] == ["search.js"]
        other = (
            read_html(folder / "about" / "index.html")
            if (folder / "about").exists()
            else read_html(folder / "index.html")
        )
        assert not other.select('script[src*="assets/search/"]')
        link = read_html(folder / "index.html").select_one("a.kb-search-link")
        assert link is not None and link["href"].rstrip("/").endswith("search")
    assert not (built_site / "assets" / "javascripts" / "workers").exists()  # Material's search is gone


@pytest.mark.parametrize("language", LANGUAGES)
def test_browser_and_build_run_the_same_pipeline(browser, site_url, built_site, language):
    """Every word of the language's pages, and of its stop-word list, gives the same terms in lunr.js (browser) as in lunr.py.

    So both drop the same stop words (written as the list writes them: accents, hamza).
    """
    folder = built_site / PREFIX[language]
    words: set[str] = set()
    for path in sorted(folder.rglob("*.html")):
        if language == DEFAULT and path.relative_to(built_site).as_posix().startswith(
            tuple(f"{c}/" for c in LANGUAGES[1:])
        ):
            continue
        words.update(re.split(r"[\s\-]+", text_of_html(path.read_text(encoding="utf-8")).lower()))
    listed = json.loads(STOP_WORDS_FILE.read_text(encoding="utf-8"))["languages"][language]
    words.update(listed["words"], listed["kept_searchable"])
    words.discard("")
    words = sorted(words)
    assert len(words) > 1000
    pipeline = Searcher(read_index_script(index_file(built_site, language))).pipeline
    python = [" ".join(pipeline.run_string(w)) for w in words]
    dropped = {w for w, terms in zip(words, python, strict=True) if not terms}
    assert set(listed["words"]) <= dropped and not dropped & set(listed["kept_searchable"])
    page = browser.new_page()
    page.goto(site_url + PREFIX[language] + "search/")
    browser_side = page.evaluate("words => window.kbSearch.load().then(s => words.map(w => s.pipeline(w)))", words)
    page.close()
    differ = [(w, p, b) for w, p, b in zip(words, python, browser_side, strict=True) if p != b]
    assert differ == [], differ[:20]


@pytest.mark.parametrize(
    "language,query",
    [
        ("en", "relocation visa"),
        ("fr", "sécurité numérique"),
        ("ar", "المأوى"),
        ("ne", "आश्रय"),
        ("fr", "mon téléphone est piraté"),  # stop words and keywords
        ("ar", "تم اختراق هاتفي"),
        ("ne", "मेरो फोन ह्याक भयो"),
        ("es", "me hackearon el teléfono"),
        ("en", "it is"),  # stop words only: searched as typed
    ],
)
def test_browser_results_equal_the_relevance_suite_results(browser, site_url, built_site, language, query):
    data = read_index_script(index_file(built_site, language))
    expected = [r["url"] for r in search(data, query, limit=50)]
    page = browser.new_page()
    page.goto(site_url + PREFIX[language] + "search/")
    found = page.evaluate("q => window.kbSearch.load().then(s => s.query(q).map(r => r.ref))", query)
    page.close()
    assert [data["docs"][int(ref)][0] for ref in found][:50] == expected


def test_the_index_is_fetched_when_the_reader_starts_typing(browser, site_url):
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "es/search/", wait_until="load")
    page.wait_for_timeout(300)
    assert not [url for url in fetched if "lunr" in url or "/assets/search/index." in url]
    # A slow phone: the results come a while after the keystroke, and search_on_page waits for them.
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 6})
    assert search_on_page(page, "visa")
    assert site_url + "assets/search/index.es.js" in fetched
    assert site_url + "assets/search/vendor/stemmer.es.js" in fetched
    page.close()


def test_what_is_fetched_says_nothing_about_what_is_searched(browser, site_url):
    """Two different searches fetch the same files: the index comes whole, not the parts a query needs."""
    fetched = []
    for query in ("visa", "trauma psychosocial"):
        page = browser.new_page()
        urls: list[str] = []
        page.on("request", lambda request, seen=urls: seen.append(request.url))
        page.goto(site_url + "fr/search/", wait_until="load")
        assert search_on_page(page, query)
        page.wait_for_timeout(200)
        fetched.append(sorted(url for url in urls if "/assets/search/" in url))
        page.close()
    assert fetched[0] == fetched[1]
    assert site_url + "assets/search/index.fr.js" in fetched[0]


def test_an_index_that_fails_to_load_says_so_and_is_tried_again(browser, site_url):
    page = browser.new_page()
    page.route("**/assets/search/index.fr.js", lambda route: route.abort())
    page.goto(site_url + "fr/search/")
    page.fill("#kb-search-input", "visa")
    page.wait_for_selector(".kb-search__status[data-state='failed']", state="attached")
    assert "chargée" in page.inner_text(".kb-search__status")
    page.unroute("**/assets/search/index.fr.js")
    assert search_on_page(page, "visa")  # typing again fetches it again
    page.close()


def test_search_terms_never_reach_the_url_or_history(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "search/")
    before = page.evaluate("history.length")
    results = search_on_page(page, "visa")
    assert results and all(url.startswith(site_url) for url in results)
    assert page.url == site_url + "search/" and page.evaluate("history.length") == before
    assert page.get_attribute("#kb-search-input", "name") is None
    assert page.get_attribute("#kb-search-input", "autocomplete") == "off"
    page.click(".kb-search__results a >> nth=0")
    assert "visa" not in page.url
    page.close()


def test_without_javascript_the_search_page_says_so_and_links_every_index(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "fr/search/")
    assert not page.is_visible("form.kb-search")
    text = page.inner_text(".kb-search__nojs")
    assert "JavaScript" in text
    links = page.eval_on_selector_all(".kb-search__nojs a", "links => links.map(a => a.getAttribute('href'))")
    assert {"../pathways/", "../recommendations/", "../directory/"} <= set(links)
    context.close()
