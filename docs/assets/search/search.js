/* Search page: runs a reader's words against the prebuilt index of this page's language.
 *
 * Only this script comes with the page. lunr, the language's stemmer and its index
 * (assets/search/index.<lang>.js, written in lunr's format by the kb-search plugin; it sets
 * window.kbSearchData) are named in the form's data-scripts and fetched when the reader
 * starts typing: a visit that does not search stays light. The index comes whole, so
 * what is fetched says nothing about what is searched, but it is cut into shards of
 * terms that start alike, each a JSON text: a query parses only the shards its words can
 * match, and loads them with lunr.Index.load (nothing is rebuilt here), then parses the
 * result lines of the results it shows.
 * The pipeline and the choice of shards mirror plugins/whrdkb/core/search/;
 * tests/site/test_search.py checks that both give the same words and the same results.
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

    // Same steps as normalise() in core/search/pipeline.py.
    function normalise(word) {
      var text = word.normalize("NFC").replace(INVISIBLE, "").replace(TRIM, "");
      if (lang === "fr") text = text.replace(ELISION, "");
      else if (lang === "ar") text = text.replace(ARABIC_CONJUNCTION, "");
      return text.normalize("NFD").replace(FOLDED, "").normalize("NFC");
    }

    // A part of the index (shard "t<n>", result lines "d<c>"), parsed once, when first needed.
    var parsed = {};
    function part(name) {
      if (!parsed[name]) parsed[name] = JSON.parse(data.parts[name]);
      return parsed[name];
    }

    // The shard a term belongs to: the longest key it starts with (shard_of in core/search/index.py).
    var keys = data.keys;
    function shardOf(term) {
      var best = -1;
      for (var n = 0; n < keys.length; n++) {
        if (term.lastIndexOf(keys[n], 0) === 0 && (best < 0 || keys[n].length > keys[best].length)) best = n;
      }
      return best;
    }
    // The shards a query reads: its terms', and every one a word starting with a prefix can be in.
    function neededShards(terms, prefixes) {
      var needed = {};
      terms.concat(prefixes).forEach(function (term) {
        var n = shardOf(term);
        if (n >= 0) needed[n] = true;
      });
      prefixes.forEach(function (prefix) {
        for (var n = 0; n < keys.length; n++) if (keys[n].lastIndexOf(prefix, 0) === 0) needed[n] = true;
      });
      return Object.keys(needed).map(Number).sort(function (a, b) { return a - b; });
    }

    // The serialised lunr index of some shards (partial_index in core/search/query.py): terms in
    // lunr's order, numbered; postings per field; each document's field vector from the
    // scores its terms carry. Plain loops, and one shared empty metadata object (lunr only
    // reads it): this runs before the reader's results.
    var NO_METADATA = Object.freeze({});
    function partialIndex(shardNumbers) {
      var fields = data.fields, entries = [];
      shardNumbers.forEach(function (n) {
        var shard = part("t" + n);
        for (var t = 0; t < shard.terms.length; t++) entries.push([shard.terms[t], shard.postings[t]]);
      });
      entries.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      var inverted = new Array(entries.length), vectors = fields.map(function () { return {}; });
      for (var n = 0; n < entries.length; n++) {
        var posting = { _index: n };
        for (var f = 0; f < fields.length; f++) {
          var packed = entries[n][1][f], half = packed.length / 2, docs = {}, doc = 0;
          for (var g = 0; g < half; g++) {
            doc += packed[g];
            docs[doc] = NO_METADATA;
            (vectors[f][doc] || (vectors[f][doc] = [])).push(n, packed[half + g]);
          }
          posting[fields[f]] = docs;
        }
        inverted[n] = [entries[n][0], posting];
      }
      var fieldVectors = [];
      fields.forEach(function (field, f) {
        Object.keys(vectors[f]).forEach(function (doc) { fieldVectors.push([field + "/" + doc, vectors[f][doc]]); });
      });
      return { version: data.version, fields: fields, fieldVectors: fieldVectors, invertedIndex: inverted, pipeline: data.pipeline };
    }

    // Register the pipeline functions the serialised index names, then load it.
    lunr.Pipeline.registerFunction(function (token) {
      token.update(function (s) { return normalise(s); });
      return token.toString() ? token : undefined;
    }, "kb-normalise-" + lang);
    // The language's stop words, as the index carries them (stop_words in core/search/pipeline.py).
    var stopWords = Object.create(null);
    data.stop.forEach(function (word) { stopWords[word] = true; });
    lunr.Pipeline.registerFunction(lunr.generateStopWordFilter(data.stop), "stopWordFilter-" + lang);
    // English: lunr's own Porter stemmer; others: the vendored Snowball stemmer, if there is one.
    var stemWord = window.kbStemmers && window.kbStemmers[lang];
    if (lang === "en") stemWord = function (s) { return lunr.stemmer(new lunr.Token(s)).toString(); };
    if (stemWord) {
      lunr.Pipeline.registerFunction(function (token) {
        return token.update(function (s) { return stemWord(s); });
      }, "kb-stemmer-" + lang);
    }
    var pipeline = lunr.Pipeline.load(data.pipeline);
    var loaded = { shards: "", index: null }; // the last query's index (a reader refines a query)

    // The lunr index of the given shards.
    function indexOf(shardNumbers) {
      var names = shardNumbers.join(" ");
      if (!loaded.index || loaded.shards !== names) {
        loaded = { shards: names, index: lunr.Index.load(partialIndex(shardNumbers)) };
      }
      return loaded.index;
    }

    // Each word counts as itself (through the pipeline) and, weaker, as the start of a longer word;
    // stop words are left out, unless the query has no other word (query_terms in core/search/pipeline.py).
    function runQuery(text) {
      var found = lunr.tokenizer(text.replace(/\s+/g, " ")).map(String).filter(function (t) {
        return normalise(t);
      });
      var words = found.filter(function (t) { return !stopWords[normalise(t)]; });
      if (!words.length) words = found;
      if (!words.length) return [];
      var terms = [], prefixes = []; // prefixes[i]: the start of words[i], or null (under two letters)
      words.forEach(function (word) {
        var prefix = normalise(word);
        terms = terms.concat(pipeline.runString(word));
        prefixes.push(prefix.length >= 2 ? prefix : null);
      });
      var starts = prefixes.filter(Boolean);
      return indexOf(neededShards(terms, starts)).query(function (q) {
        words.forEach(function (word, i) {
          q.term(word, { boost: 10 });
          if (prefixes[i]) {
            q.term(prefixes[i], { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
          }
        });
      });
    }

    // The result line [url, title, snippet] of a result.
    function lineOf(result) {
      var ref = Number(result.ref), per = data.docs_per_part;
      return part("d" + Math.floor(ref / per))[ref % per];
    }
    return {
      data: data,
      query: runQuery,
      line: lineOf,
      pipeline: function (word) { return pipeline.runString(word).join(" "); }
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
      var doc = search.line(result);
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
