/* The book's one language switch: 中文 / English / 並列.
   Runs in <head> so the chosen language is set before the page paints.
   Order of precedence: ?lang= in the URL of a link followed, then the
   stored choice, then the browser's language. Without JavaScript nothing
   is hidden: both show.
   The switch owns the address: choosing a mode writes it to ?lang=
   (history.replaceState, no new history entry), so a copied link gives
   what the reader chose. On a reload or Back/Forward the reader's latest
   choice wins over the ?lang= the page was first opened with. */
(function () {
  "use strict";
  var KEY = "lessons-lang";
  var MODES = ["zh-Hant", "en", "both"];
  var LABELS = { "zh-Hant": "中文", en: "English", both: "並列" };
  var TITLES = { "zh-Hant": "只顯示中文 Chinese only", en: "English only 只顯示英文", both: "中英並列 Both languages" };

  function valid(mode) { return MODES.indexOf(mode) >= 0 ? mode : null; }

  function fromUrl() {
    try { return valid(new URLSearchParams(window.location.search).get("lang")); } catch (e) { return null; }
  }
  function fromStorage() {
    try { return valid(window.localStorage.getItem(KEY)); } catch (e) { return null; }
  }
  function store(mode) {
    try { window.localStorage.setItem(KEY, mode); } catch (e) { /* storage blocked: the choice lasts this page */ }
  }
  function fromBrowser() {
    var first = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    if (/^zh/i.test(first)) return "zh-Hant";
    if (/^en/i.test(first)) return "en";
    return "both";
  }

  function apply(mode) {
    var root = document.documentElement;
    root.setAttribute("data-lessons-lang", mode);
    root.lang = mode === "zh-Hant" ? "zh-Hant" : "en";
    var buttons = document.querySelectorAll(".lessons-langswitch button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-mode") === mode));
    }
    sphinxWords(mode);
    document.dispatchEvent(new CustomEvent("lessons:langchange", { detail: { mode: mode } }));
  }

  // Sphinx's one word on every page: the link that follows a search
  // (?highlight=) to clear its marks. The search page's words: search.js.
  var HIDE_MATCHES = { "zh-Hant": "隱藏搜尋標示", en: "Hide Search Matches", both: "隱藏搜尋標示 · Hide Search Matches" };
  function sphinxWords(mode) {
    // doctools.js declares Documentation with const: a global name, not a window property.
    var docs = typeof Documentation === "undefined" ? null : Documentation;
    if (docs && docs.addTranslations) {
      docs.addTranslations({ messages: { "Hide Search Matches": HIDE_MATCHES[mode] }, plural_expr: "n == 1 ? 0 : 1", locale: mode });
    }
    var links = document.querySelectorAll(".highlight-link a");
    for (var i = 0; i < links.length; i++) links[i].textContent = HIDE_MATCHES[mode];
  }

  function setUrl(mode) {
    try {
      var url = new URL(window.location.href);
      if (url.searchParams.get("lang") === mode) return;
      url.searchParams.set("lang", mode);
      window.history.replaceState(window.history.state, "", url.href);
    } catch (e) { /* an address that cannot change (about:blank): the choice is still stored */ }
  }

  function choose(mode) { store(mode); apply(mode); setUrl(mode); }

  // A link followed (or typed) brings its ?lang=; a reload or Back/Forward
  // shows this page again, where the reader may have chosen since.
  function revisited() {
    try {
      var entry = window.performance.getEntriesByType("navigation")[0];
      return !!entry && (entry.type === "reload" || entry.type === "back_forward");
    } catch (e) { return false; }
  }

  var urlMode = fromUrl();
  var stored = fromStorage();
  var initial;
  if (urlMode && stored && stored !== urlMode && revisited()) {
    initial = stored;
    setUrl(stored);
  } else {
    if (urlMode) store(urlMode);
    initial = urlMode || stored || fromBrowser();
  }
  apply(initial);

  // Back to a page kept whole in the browser's memory (no script re-runs):
  // it takes the choice made on the pages since.
  window.addEventListener("pageshow", function (event) {
    var latest = fromStorage();
    if (event.persisted && latest && latest !== document.documentElement.getAttribute("data-lessons-lang")) {
      apply(latest);
      if (fromUrl()) setUrl(latest);
    }
  });

  function buildSwitch() {
    var group = document.createElement("div");
    group.className = "lessons-langswitch";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "語言 Language");
    MODES.forEach(function (mode) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = LABELS[mode];
      button.title = TITLES[mode];
      button.setAttribute("data-mode", mode);
      button.setAttribute("lang", mode === "en" ? "en" : "zh-Hant");
      button.addEventListener("click", function () { choose(mode); });
      group.appendChild(button);
    });
    // Beside the sidebar toggle: one row on phones too (the button row on
    // the right is already full there).
    var start = document.querySelector(".header-article-items__start");
    if (start) {
      start.appendChild(group);
    } else {
      var host = document.querySelector("main") || document.body;
      host.insertBefore(group, host.firstChild);
    }
    apply(document.documentElement.getAttribute("data-lessons-lang") || initial);
  }

  window.lessonsLanguage = { modes: MODES, current: function () { return document.documentElement.getAttribute("data-lessons-lang"); }, choose: choose };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", buildSwitch);
  else buildSwitch();
})();
