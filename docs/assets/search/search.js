/* Search page: runs a reader's words against the prebuilt index of this page's language.
 *
 * Only this script comes with the page. lunr, the language's stemmer and its index
 * (assets/search/index.<lang>.js, written by the kb-search plugin with lunr.py; it sets
 * window.kbSearchData) are named in the form's data-scripts and fetched when the reader
 * starts typing: a visit that does not search stays light. lunr.Index.load takes the
 * index as it is, nothing is rebuilt here.
 * The pipeline below mirrors plugins/whrdkb/core/search.py (normalise, then the stemmer
 * of the language); tests/test_search.py checks that both give the same words.
 * Nothing typed is put in the URL, the history or any storage. */
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-search]");
  if (!form || !window.Promise) return;
  var scripts = (form.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
  var loading = null; // a Promise of the search (query and pipeline) once its scripts ran
  var ran = {}; // scripts already run (a retry fetches only the ones that failed)

  // One script, added to the page; settles when it has run or failed to load.
  function loadScript(src) {
    if (ran[src]) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { ran[src] = true; resolve(); };
      script.onerror = function () { script.remove(); reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  // Fetch lunr, the stemmer and the index together (none needs another to run), then set up
  // the search; a failed fetch is tried again at the next keystroke.
  function load() {
    if (!loading) {
      loading = Promise.all(scripts.map(loadScript)).then(start);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // The search over the loaded index: its query, and the words its pipeline makes of a word.
  function start() {
    var data = window.kbSearchData;
    if (!data || !window.lunr) throw new Error("search index not loaded");
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
    // Plain loops, and one shared empty metadata object (lunr only reads it): this runs before
    // the reader's first result.
    var NO_METADATA = Object.freeze({});
    function expand(packed) {
      var fields = packed.fields, terms = packed.terms, postings = packed.postings;
      var inverted = new Array(terms.length), vectors = [];
      for (var n = 0; n < terms.length; n++) {
        var posting = { _index: n };
        for (var f = 0; f < fields.length; f++) {
          var docs = {}, gaps = postings[n][f], doc = 0;
          for (var g = 0; g < gaps.length; g++) docs[(doc += gaps[g])] = NO_METADATA;
          posting[fields[f]] = docs;
        }
        inverted[n] = [terms[n], posting];
      }
      for (f = 0; f < fields.length; f++) {
        var perDoc = packed.vectors[f];
        for (var d = 0; d < perDoc.length; d++) {
          var values = perDoc[d], half = values.length / 2, elements = new Array(values.length), number = 0;
          for (var i = 0; i < half; i++) {
            elements[2 * i] = (number += values[i]);
            elements[2 * i + 1] = values[half + i];
          }
          vectors.push([fields[f] + "/" + d, elements]);
        }
      }
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
    return {
      data: data,
      query: runQuery,
      pipeline: function (word) { return index.pipeline.runString(word).join(" "); }
    };
  }
  // For the browser tests: kbSearch.load() gives the search once its scripts ran.
  window.kbSearch = { load: load };

  var input = form.querySelector("input");
  var status = form.querySelector(".kb-search__status");
  var list = form.querySelector(".kb-search__results");
  var MAX_RESULTS = 50;

  var search = null; // set once the index is loaded

  // The status line, and its state for scripts and tests (loading, failed, results).
  function say(state, text) {
    status.setAttribute("data-state", state);
    status.textContent = text;
  }

  // Results are built with textContent: nothing from the index is read as HTML.
  function show() {
    var text = input.value;
    list.textContent = "";
    if (!text.trim()) { say("", ""); return; }
    var results = search.query(text);
    say("results", results.length
      ? status.getAttribute("data-count") + " " + results.length
      : status.getAttribute("data-none"));
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var doc = search.data.docs[Number(result.ref)];
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
  // The first keystroke fetches the index; what is typed by the time it has loaded is searched.
  var timer = null;
  var lastCost = 0;
  function timedShow() {
    if (!search) {
      if (status.getAttribute("data-state") === "loading") return; // already on its way
      say("loading", status.getAttribute("data-loading"));
      load().then(function (loaded) {
        search = loaded;
        timedShow();
      }, function () {
        say("failed", status.getAttribute("data-failed"));
      });
      return;
    }
    var began = Date.now();
    show();
    lastCost = Date.now() - began;
  }
  // A tap or a key in the search box starts the fetch before the first letter arrives.
  function prefetch() { load().catch(function () {}); }
  input.addEventListener("pointerdown", prefetch);
  input.addEventListener("keydown", prefetch);
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
