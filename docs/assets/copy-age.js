// The footer's copy age (overrides/partials/copyright.html): past 180 days after the date its data
// was published, a copy says how many months old it is. Reads the page only; stores nothing.
(function () {
  var age = document.querySelector(".kb-copy-age");
  var published = document.querySelector(".kb-published time");
  if (!age || !published) return;
  var day = new Date(published.getAttribute("datetime") + "T00:00:00Z");
  var now = new Date();
  if (now - day <= 180 * 864e5) return;
  var months = (now.getUTCFullYear() - day.getUTCFullYear()) * 12 + now.getUTCMonth() - day.getUTCMonth()
    - (now.getUTCDate() < day.getUTCDate() ? 1 : 0);
  var text = age.getAttribute("data-kb-template").replace("{n}", months.toLocaleString(document.documentElement.lang));
  age.firstElementChild.textContent = text;
  age.hidden = false;
})();
