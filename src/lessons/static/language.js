/* The book's one language switch: 中文 / English / 並列.
   Runs in <head> so the chosen language is set before the page paints.
   Order of precedence: ?lang= in the URL, then the stored choice, then the
   browser's language. Without JavaScript nothing is hidden: both show. */
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
    document.dispatchEvent(new CustomEvent("lessons:langchange", { detail: { mode: mode } }));
  }

  function choose(mode) { store(mode); apply(mode); }

  var urlMode = fromUrl();
  if (urlMode) store(urlMode);
  var initial = urlMode || fromStorage() || fromBrowser();
  apply(initial);

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
