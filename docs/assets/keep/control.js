/*
 * The "Keep this site on this phone" control of the downloads page (a few lines, loaded on that
 * page only). It shows the control where a saved copy is possible (a site opened from its address,
 * a browser with service workers), else says why not; it registers and stores nothing itself.
 * The code that saves or removes the copy (install.js) loads only when the reader taps a button.
 */
(function () {
  "use strict";
  var box = document.getElementById("kb-keep");
  if (!box) return;
  var script = document.currentScript && document.currentScript.src;
  var root = new URL("../../", script || location.href);

  function show(name) {
    var node = box.querySelector('[data-for="' + name + '"]');
    if (node) node.hidden = false;
  }

  box.querySelector(".kb-keep__nojs").hidden = true;
  if (location.protocol !== "https:" && location.protocol !== "http:") { show("file"); return; }
  if (!("serviceWorker" in navigator) || !window.caches || !window.isSecureContext) { show("unsupported"); return; }
  box.querySelector(".kb-keep__control").hidden = false;

  function withInstaller(then) {
    if (window.kbKeep) { then(window.kbKeep); return; }
    var tag = document.createElement("script");
    tag.src = new URL("assets/keep/install.js", root).href;
    tag.onload = function () { then(window.kbKeep); };
    document.head.appendChild(tag);
  }

  box.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-keep]");
    if (!button) return;
    withInstaller(function (keep) { keep.act(button.getAttribute("data-keep"), box, root); });
  });

  // Only asks whether a copy is already saved (this registers nothing).
  navigator.serviceWorker.getRegistration(root.href).then(function (registration) {
    if (registration && registration.active) {
      show("kept");
      box.querySelector('[data-keep="remove"]').hidden = false;
    }
  });
})();
