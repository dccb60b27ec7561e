/*
 * Directory filters: combine kind, area, language, audience, 24/7 and secure channel.
 * Progressive enhancement only: without JavaScript the filter box stays hidden and
 * the static lists by kind and by region do the job. Keeps no state outside the
 * page: no storage, no cookies, nothing in the URL or the history.
 */
(function () {
  "use strict";

  function setUp(box) {
    var list = document.querySelector("ul.kb-directory");
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li.kb-service"));
    var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-filter]"));
    var boxes = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox][data-filter]"));
    var count = box.querySelector(".kb-filter-count");
    var template = box.getAttribute("data-count") || "{n}";

    function values(item, name) {
      return (item.getAttribute("data-" + name) || "").split(" ");
    }

    function matches(item) {
      for (var i = 0; i < selects.length; i++) {
        var wanted = selects[i].value;
        var name = selects[i].getAttribute("data-filter");
        if (!wanted) continue;
        if (name === "languages" && item.getAttribute("data-any-language") === "true") continue;
        if (name === "areas") {
          // A country also matches entries for its regions (data-covers), and worldwide ones.
          var option = selects[i].options[selects[i].selectedIndex];
          var covers = (option.getAttribute("data-covers") || wanted).split(" ").concat(["worldwide"]);
          var own = values(item, "areas");
          if (!covers.some(function (code) { return own.indexOf(code) !== -1; })) return false;
          continue;
        }
        if (values(item, name).indexOf(wanted) === -1) return false;
      }
      for (var j = 0; j < boxes.length; j++) {
        if (boxes[j].checked && item.getAttribute("data-" + boxes[j].getAttribute("data-filter")) !== "true") return false;
      }
      return true;
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item);
        item.hidden = !visible;
        if (visible) shown++;
      });
      count.textContent = template.replace("{n}", String(shown));
    }

    selects.concat(boxes).forEach(function (control) {
      control.addEventListener("change", apply);
    });
    box.querySelector("[data-filter-reset]").addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      boxes.forEach(function (b) { b.checked = false; });
      apply();
    });
    box.hidden = false;
    var note = document.querySelector(".kb-nojs-note");
    if (note) note.hidden = true;
    apply();
  }

  var box = document.querySelector(".kb-filters");
  if (box) setUp(box);
})();
