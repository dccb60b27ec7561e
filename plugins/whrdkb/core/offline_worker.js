/*
 * The saved copy of the site on a reader's phone: registered only when she asks on the downloads
 * page (assets/keep/install.js), removed with "Remove from this phone".
 * - It saves the files listed in offline/files.<lang>.json of the languages she chose (and their
 *   PDFs if she chose them), all from this site, and nothing else; it reports progress to the page.
 * - It answers this site's requests from the saved copy, so every saved page, the search and the
 *   saved PDFs open with no connection; anything not saved goes to the network as without it.
 *   Requests to other hosts are never touched (the pages make none).
 * - VERSION changes whenever a saved file changes (written in by core/offline_install.py): the
 *   browser then installs the new worker, which saves the new copy and deletes the old one.
 * - The pages it serves get the chosen web app manifest (the site's name or the neutral one),
 *   so the browser offers "Add to Home screen" only after she saved the copy.
 * Nothing about what she reads or searches is stored or sent.
 */
"use strict";

var VERSION = "__VERSION__";
var LANGUAGES = ["__LANGUAGES__"];
var PREFIX = "whrdkb-";
var SETTINGS = new URL(self.location.href).searchParams;
var CHOSEN = (SETTINGS.get("languages") || "").split(",").filter(function (code) {
  return LANGUAGES.indexOf(code) >= 0;
});
var WITH_PDFS = SETTINGS.get("pdfs") === "1";
var NEUTRAL = SETTINGS.get("name") === "neutral";
var CACHE = PREFIX + VERSION + "-" + CHOSEN.join("-") + (WITH_PDFS ? "-pdf" : "");
var AT_ONCE = 4; // files fetched at the same time

function here(path) {
  return new URL(path, self.location.href).href;
}

function tell(message) {
  return self.clients.matchAll({ includeUncontrolled: true, type: "window" }).then(function (pages) {
    pages.forEach(function (page) { page.postMessage(message); });
  });
}

function listOf(language) {
  return fetch(here("offline/files." + language + ".json"), { cache: "no-store" }).then(function (response) {
    if (!response.ok) throw new Error("offline/files." + language + ".json: " + response.status);
    return response.json();
  }).then(function (list) {
    if (list.version !== VERSION) throw new Error("the site changed while saving");
    return list;
  });
}

function save() {
  if (!CHOSEN.length) return Promise.reject(new Error("no language chosen"));
  return Promise.all(CHOSEN.map(listOf)).then(function (lists) {
    var wanted = {};
    lists.forEach(function (list) {
      list.files.concat(WITH_PDFS ? list.pdfs : []).forEach(function (entry) { wanted[entry[0]] = entry[1]; });
    });
    var paths = Object.keys(wanted).sort();
    var total = paths.reduce(function (sum, path) { return sum + wanted[path]; }, 0);
    var done = 0;
    var next = 0;
    return caches.open(CACHE).then(function (cache) {
      function worker() {
        if (next >= paths.length) return Promise.resolve();
        var path = paths[next++];
        return fetch(here(path), { cache: "no-cache", credentials: "omit", redirect: "error" }).then(function (response) {
          if (!response.ok) throw new Error(path + ": " + response.status);
          return cache.put(here(path), response);
        }).then(function () {
          done += wanted[path];
          tell({ kind: "kb-keep-progress", done: done, total: total });
          return worker();
        });
      }
      var workers = [];
      for (var i = 0; i < AT_ONCE; i++) workers.push(worker());
      return Promise.all(workers);
    });
  }).catch(function (error) {
    return caches.delete(CACHE).then(function () {
      tell({ kind: "kb-keep-failed", reason: String(error && error.message || error) });
      throw error;
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(save().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return self.clients.claim();
  }).then(function () {
    return tell({ kind: "kb-keep-ready" });
  }));
});

function withManifest(response) {
  return response.text().then(function (html) {
    var found = /<html[^>]*\blang="([a-z-]+)"/i.exec(html);
    var language = found && LANGUAGES.indexOf(found[1]) >= 0 ? found[1] : LANGUAGES[0];
    var kind = NEUTRAL ? "neutral." : "";
    var links = '<link rel="manifest" href="' + new URL(here("offline/manifest." + kind + language + ".webmanifest")).pathname + '">' +
      '<link rel="apple-touch-icon" href="' + new URL(here("offline/" + (NEUTRAL ? "neutral" : "icon") + "-192.png")).pathname + '">';
    return new Response(html.replace("</head>", links + "</head>"), {
      status: response.status, statusText: response.statusText, headers: response.headers
    });
  });
}

function answer(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (saved) {
      var url = new URL(request.url);
      if (!saved && url.pathname.slice(-11) === "/index.html") {
        return cache.match(url.origin + url.pathname.slice(0, -10), { ignoreSearch: true });
      }
      return saved;
    });
  }).then(function (saved) {
    if (!saved) return fetch(request);
    var html = (saved.headers.get("content-type") || "").indexOf("text/html") === 0;
    return request.mode === "navigate" && html ? withManifest(saved) : saved;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(answer(request));
});
