/*
 * Quick exit, after GOV.UK's "Exit this page" pattern.
 * - The link works without JavaScript (it is a plain link with no referrer).
 * - With JavaScript: the page is covered at once by a blank overlay, then replaced
 *   in the history (location.replace), so Back does not return to it.
 * - Pressing Shift on its own three times within 5 seconds does the same;
 *   Shift used together with another key does not count.
 * - Everything resets on pageshow (for example when a page comes back from the cache).
 * Loaded in the page's head, with listeners on the document, so it is active before
 * the button is even drawn: a fast click never falls back to a plain link.
 * Nothing is stored anywhere.
 */
(function () {
  "use strict";
  var presses = [];
  var shiftDown = false;
  var usedWithOtherKey = false;

  function exit(event) {
    var link = document.querySelector("a.kb-exit");
    if (!link) return;
    if (event) event.preventDefault();
    var cover = document.createElement("div");
    cover.className = "kb-exit-overlay";
    cover.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(cover);
    document.documentElement.classList.add("kb-exiting");
    window.location.replace(link.href);
  }

  function reset() {
    presses = [];
    shiftDown = usedWithOtherKey = false;
    document.documentElement.classList.remove("kb-exiting");
    Array.prototype.forEach.call(document.querySelectorAll(".kb-exit-overlay"), function (node) {
      node.parentNode.removeChild(node);
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("a.kb-exit")) exit(event);
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { shiftDown = true; usedWithOtherKey = false; }
    } else if (shiftDown || event.shiftKey) {
      usedWithOtherKey = true;
    } else {
      presses = [];
    }
  }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var counted = shiftDown && !usedWithOtherKey;
    shiftDown = false;
    if (!counted) { presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) exit();
  }, true);
  window.addEventListener("pageshow", reset);
})();
