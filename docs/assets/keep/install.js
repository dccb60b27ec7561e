/*
 * Saves or removes the copy of the site on this phone, only when the reader taps (control.js loads
 * this file then). "start" reads the sizes of what can be saved (offline/files.<lang>.json) and
 * shows the choices; "install" registers the site's own service worker (sw.js) with the choice in
 * its address, which saves the files and reports progress; "remove" unregisters it and deletes
 * every cache it made. Nothing else is stored, and nothing is fetched from any other host.
 */
(function () {
  "use strict";
  var PREFIX = "whrdkb-";
  var lists = null;

  function $(box, selector) { return box.querySelector(selector); }
  function show(box, name, on) {
    Array.prototype.forEach.call(box.querySelectorAll('[data-for="' + name + '"]'), function (node) {
      node.hidden = !on;
    });
  }
  function megabytes(bytes) {
    var lang = document.documentElement.lang || undefined;
    return (bytes / 1048576).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " MB";
  }

  function readLists(box, root) {
    var languages = box.getAttribute("data-languages").split(" ");
    return Promise.all(languages.map(function (code) {
      return fetch(new URL("offline/files." + code + ".json", root).href, { cache: "no-store" }).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      });
    })).then(function (all) {
      lists = {};
      all.forEach(function (list) { lists[list.language] = list; });
      return lists;
    });
  }

  function chosen(box) {
    var all = $(box, 'input[name="kb-keep-languages"][value="all"]').checked;
    return {
      languages: all ? Object.keys(lists) : [box.getAttribute("data-language")],
      pdfs: $(box, 'input[name="kb-keep-pdfs"]').checked,
      neutral: $(box, 'input[name="kb-keep-name"][value="neutral"]').checked
    };
  }

  function sizeOf(languages, pdfs) {
    var files = {};
    languages.forEach(function (code) {
      lists[code].files.concat(pdfs ? lists[code].pdfs : []).forEach(function (entry) { files[entry[0]] = entry[1]; });
    });
    return Object.keys(files).reduce(function (sum, path) { return sum + files[path]; }, 0);
  }

  function showSizes(box) {
    var own = box.getAttribute("data-language");
    var choice = chosen(box);
    $(box, '[data-size="one"]').textContent = "(" + megabytes(sizeOf([own], false)) + ")";
    $(box, '[data-size="all"]').textContent = "(" + megabytes(sizeOf(Object.keys(lists), false)) + ")";
    var pdfBytes = sizeOf(choice.languages, true) - sizeOf(choice.languages, false);
    $(box, '[data-size="pdfs"]').textContent = "(+" + megabytes(pdfBytes) + ")";
    $(box, '[data-size="total"]').textContent = megabytes(sizeOf(choice.languages, choice.pdfs));
  }

  function start(box, root) {
    $(box, '[data-keep="start"]').disabled = true;
    show(box, "failed", false);
    readLists(box, root).then(function () {
      $(box, '[data-keep="start"]').hidden = true;
      show(box, "choice", true);
      // The PDF editions are offered where this build has them (make site prints them).
      show(box, "pdfs", sizeOf(Object.keys(lists), true) > sizeOf(Object.keys(lists), false));
      showSizes(box);
      box.addEventListener("change", function () { showSizes(box); });
    }, function () {
      $(box, '[data-keep="start"]').disabled = false;
      show(box, "failed", true);
    });
  }

  function addManifest(root, choice) {
    var link = document.querySelector('link[rel="manifest"]') || document.createElement("link");
    link.rel = "manifest";
    var lang = document.documentElement.lang;
    link.href = new URL("offline/manifest." + (choice.neutral ? "neutral." : "") + lang + ".webmanifest", root).href;
    document.head.appendChild(link);
  }

  function install(box, root) {
    var choice = chosen(box);
    var progress = $(box, "progress");
    var status = $(box, ".kb-keep__progress");
    var button = $(box, '[data-keep="install"]');
    button.disabled = true;
    show(box, "failed", false);
    show(box, "removed", false);
    progress.hidden = false;
    progress.value = 0;
    var failed = false;
    var finished = false;
    function fail() {
      if (failed || finished) return;
      failed = true;
      navigator.serviceWorker.removeEventListener("message", listen);
      remove(box, root, true).then(function () {
        progress.hidden = true;
        status.textContent = "";
        button.disabled = false;
        show(box, "failed", true);
      });
    }
    function listen(event) {
      var message = event.data || {};
      if (message.kind === "kb-keep-progress") {
        progress.value = message.total ? message.done / message.total : 0;
        status.textContent = megabytes(message.done) + " / " + megabytes(message.total);
      } else if (message.kind === "kb-keep-failed") {
        fail();
      } else if (message.kind === "kb-keep-ready") {
        finished = true;
        navigator.serviceWorker.removeEventListener("message", listen);
        progress.value = 1;
        button.disabled = false;
        show(box, "choice", false);
        show(box, "done", true);
        show(box, "kept", true);
        $(box, '[data-keep="remove"]').hidden = false;
        addManifest(root, choice);
      }
    }
    navigator.serviceWorker.addEventListener("message", listen);
    var address = new URL("sw.js", root);
    address.searchParams.set("languages", choice.languages.join(","));
    address.searchParams.set("pdfs", choice.pdfs ? "1" : "0");
    address.searchParams.set("name", choice.neutral ? "neutral" : "site");
    navigator.serviceWorker.register(address.href, { scope: root.href, updateViaCache: "none" }).then(function (registration) {
      var worker = registration.installing;
      if (worker) {
        worker.addEventListener("statechange", function () { if (worker.state === "redundant") fail(); });
      }
    }, fail);
  }

  function remove(box, root, quietly) {
    return navigator.serviceWorker.getRegistrations().then(function (registrations) {
      return Promise.all(registrations.filter(function (registration) {
        return registration.scope.indexOf(root.href) === 0;
      }).map(function (registration) { return registration.unregister(); }));
    }).then(function () {
      return caches.keys();
    }).then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      var link = document.querySelector('link[rel="manifest"]');
      if (link) link.parentNode.removeChild(link);
      if (quietly) return;
      show(box, "kept", false);
      show(box, "done", false);
      show(box, "removed", true);
      $(box, '[data-keep="remove"]').hidden = true;
      $(box, "progress").hidden = true;
      $(box, ".kb-keep__progress").textContent = "";
    });
  }

  window.kbKeep = {
    act: function (action, box, root) {
      if (action === "start") start(box, root);
      else if (action === "install") install(box, root);
      else if (action === "remove") remove(box, root, false);
    }
  };
})();
