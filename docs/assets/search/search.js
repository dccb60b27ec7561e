/* Search page: runs a reader's words against the prebuilt index of this page's language.
 *
 * window.kbSearchData comes from assets/search/index.<lang>.js (written by the kb-search
 * plugin with lunr.py); lunr.Index.load takes it as it is, nothing is rebuilt here.
 * The pipeline below mirrors plugins/whrdkb/core/search.py (normalise, then the stemmer
 * of the language); tests/test_search_pipeline.py checks that both give the same words.
 * Nothing typed is put in the URL, the history or any storage. */
(function () {
  "use strict";
  var data = window.kbSearchData;
  var form = document.querySelector("[data-kb-search]");
  if (!data || !form || !window.lunr) return;

  var lang = data.lang;
  var INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff\u0640]/g;
  var TRIM = /^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu;
  var ELISION = /^(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['\u2019]/;
  var ARABIC_CONJUNCTION = /^[\u0648\u0641](?=\u0627\u0644..)/;
  var FOLDED = /[\u0300-\u036f\u064b-\u065f\u0670]/g;

  // Same steps as normalise() in core/search.py.
  function normalise(word) {
    var text = word.normalize("NFC").replace(INVISIBLE, "").replace(TRIM, "");
    if (lang === "fr") text = text.replace(ELISION, "");
    else if (lang === "ar") text = text.replace(ARABIC_CONJUNCTION, "");
    return text.normalize("NFD").replace(FOLDED, "").normalize("NFC");
  }

  // The serialised lunr index from its compact form (same steps as expand() in core/search.py).
  function sums(gaps) {
    var total = 0;
    return gaps.map(function (gap) { return (total += gap); });
  }
  function expand(packed) {
    var fields = packed.fields;
    var inverted = packed.terms.map(function (term, n) {
      var posting = { _index: n };
      fields.forEach(function (field, f) {
        posting[field] = {};
        sums(packed.postings[n][f]).forEach(function (doc) { posting[field][doc] = {}; });
      });
      return [term, posting];
    });
    var vectors = [];
    fields.forEach(function (field, f) {
      packed.vectors[f].forEach(function (values, doc) {
        var half = values.length / 2, numbers = sums(values.slice(0, half)), elements = [];
        numbers.forEach(function (number, i) { elements.push(number, values[half + i]); });
        vectors.push([field + "/" + doc, elements]);
      });
    });
    return { version: packed.version, fields: fields, fieldVectors: vectors, invertedIndex: inverted, pipeline: packed.pipeline };
  }

  // Register the pipeline functions the serialised index names, then load it.
  lunr.Pipeline.registerFunction(function (token) {
    token.update(function (s) { return normalise(s); });
    return token.toString() ? token : undefined;
  }, "kb-normalise-" + lang);
  // English: lunr's own Porter stemmer; others: the vendored Snowball stemmer, if there is one.
  var stemWord = window.kbStemmers && window.kbStemmers[lang];
  if (lang === "en") stemWord = function (s) { return lunr.stemmer(new lunr.Token(s)).toString(); };
  if (stemWord) {
    lunr.Pipeline.registerFunction(function (token) {
      return token.update(function (s) { return stemWord(s); });
    }, "kb-stemmer-" + lang);
  }
  var index = lunr.Index.load(expand(data.index));

  // Each word counts as itself (through the pipeline) and, weaker, as the start of a longer word.
  function runQuery(text) {
    var terms = lunr.tokenizer(text.replace(/\s+/g, " ")).map(String).filter(function (t) {
      return normalise(t);
    });
    if (!terms.length) return [];
    return index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, { boost: 10 });
        var prefix = normalise(term);
        if (prefix.length >= 2) {
          q.term(prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
        }
      });
    });
  }
  // For the browser tests: the query, and the words the query pipeline makes of a word.
  window.kbSearch = {
    query: runQuery,
    pipeline: function (word) { return index.pipeline.runString(word).join(" "); }
  };

  var input = form.querySelector("input");
  var status = form.querySelector(".kb-search__status");
  var list = form.querySelector(".kb-search__results");
  var MAX_RESULTS = 50;

  // Results are built with textContent: nothing from the index is read as HTML.
  function show() {
    var text = input.value;
    list.textContent = "";
    if (!text.trim()) { status.textContent = ""; return; }
    var results = runQuery(text);
    status.textContent = results.length
      ? status.getAttribute("data-count") + " " + results.length
      : status.getAttribute("data-none");
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var doc = data.docs[Number(result.ref)];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc[0];
      link.textContent = doc[1];
      var summary = document.createElement("p");
      summary.textContent = doc[2];
      item.appendChild(link);
      item.appendChild(summary);
      list.appendChild(item);
    });
  }

  // Results follow the typing at once while a query is quick; when one took long (a large index
  // on a slow phone), later keystrokes wait for a pause of 150 ms instead of queueing queries.
  var timer = null;
  var lastCost = 0;
  function timedShow() {
    var start = Date.now();
    show();
    lastCost = Date.now() - start;
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(timedShow, lastCost > 50 ? 150 : 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    timedShow();
  });

  form.hidden = false;
  var fallback = document.querySelector(".kb-search__nojs");
  if (fallback) fallback.hidden = true;
  input.focus();
})();
