/* The search page's own rules (sphinxext/search.py adds this file to the
   search page only, before Sphinx's searchtools.js):
   - ranking: a lesson page comes before the instructor guide and the
     gradebook page for the same word (students search; teachers know where
     their pages are);
   - snippets: body text in the reader's language, not headings, menus,
     notebook links, code, quiz forms or a DataFrame's raw cells;
   - Sphinx's words (the result summary, the no-results message) in the
     reader's language, each with its lang attribute.
   Without this file Sphinx's own search still works, in English words. */
(function () {
  "use strict";

  // Sphinx's defaults (searchtools.js), with one rule added: the kind of page.
  var LESSON_BONUS = 30;
  var TEACHER_PENALTY = 30;
  var TEACHER_PAGES = /(^|\/)(instructor-[^/]*|quiz)$/;
  window.Scorer = {
    objNameMatch: 11, objPartialMatch: 6, objPrio: { 0: 15, 1: 5, 2: -5 }, objPrioDefault: 0,
    title: 15, partialTitle: 7, term: 5, partialTerm: 2,
    score: function (result) {
      var docname = result[0], score = result[4];
      if (/(^|\/)lesson-\d+$/.test(docname)) return score + LESSON_BONUS;
      if (TEACHER_PAGES.test(docname)) return score - TEACHER_PENALTY;
      return score;
    },
  };

  function mode() {
    return document.documentElement.getAttribute("data-lessons-lang") || "both";
  }

  // What a snippet never quotes: navigation and chrome, headings (their words
  // are the page's title and sections, already the result's link), code and
  // its outputs' raw tables, the quiz form and its printed twin, the other
  // language's halves and figures.
  var CHROME = [
    "script", "style", "nav", ".headerlink", ".toctree-wrapper", ".lessons-notebooks", ".lessons-handouts",
    ".lessons-langswitch", "[hidden]", ".lessons-cell-label", "svg", ".prev-next-area", "footer",
    ".bd-header-article", ".dropdown-menu", "#jb-print-docs-body", ".bd-sidebar-secondary", ".bd-toc",
  ];
  var NOT_BODY = CHROME.concat(["h1", "h2", "h3", "h4", "h5", "h6", ".cell_input", "pre", "table.dataframe", ".lq-quiz", ".lq-worksheet"]);
  var OTHER_LANGUAGE = {
    "zh-Hant": [".bl-en", ".bl-mode-en", ".bl-mode-both"],
    en: [".bl-zh", ".bl-mode-zh-Hant", ".bl-mode-both"],
    both: [".bl-mode-zh-Hant", ".bl-mode-en"],
  };
  var BLOCKS = "p, li, td, th, dd, dt, div, section, figcaption, caption, blockquote, h1, h2, h3, h4, h5, h6, label";

  function pageText(page, anchor, leaveOut, language) {
    var found = (anchor && page.querySelector('[role="main"] ' + anchor)) || page.querySelector('[role="main"]');
    if (!found) return "";
    var main = found.cloneNode(true);
    leaveOut.concat(OTHER_LANGUAGE[language] || []).forEach(function (selector) {
      main.querySelectorAll(selector).forEach(function (el) { el.remove(); });
    });
    // Blocks end with a space: "….md" and "…Binder" ran words of two blocks together.
    main.querySelectorAll(BLOCKS).forEach(function (el) { el.append(" "); });
    return main.textContent.replace(/\s+/g, " ").trim();
  }

  // The words the reader typed (Chinese cut into pairs, as the index is),
  // the whole query first; Sphinx's own terms are stems ("hegemoni"),
  // which the text does not contain.
  function queryWords(keywords) {
    var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    var words = typeof splitQuery === "function" ? splitQuery(query) : query.split(/\s+/);
    return [query].concat(words, Array.from(keywords || [])).filter(Boolean).map(function (w) { return w.toLowerCase(); });
  }

  function firstAt(text, words) {
    var lower = text.toLowerCase();
    for (var i = 0; i < words.length; i++) {
      var at = lower.indexOf(words[i]);
      if (at >= 0) return at;
    }
    return -1;
  }

  // Body text where it has the word; else the page with its quiz and
  // headings, in the reader's language; else in both (a Chinese word typed
  // by a reader of the English pages is shown where the Chinese has it);
  // else the whole page, as Sphinx shows it (a word of a menu or a link).
  function summary(htmlText, keywords, anchor) {
    var page = new DOMParser().parseFromString(htmlText, "text/html");
    var words = queryWords(keywords);
    var candidates = [pageText(page, anchor, NOT_BODY, mode()), pageText(page, anchor, CHROME, mode()),
                      pageText(page, anchor, CHROME, "both"), pageText(page, anchor, ["script", "style"], "both")];
    var text = "", at = -1;
    for (var i = 0; i < candidates.length && at < 0; i++) {
      text = candidates[i];
      at = firstAt(text, words);
    }
    if (!text) return null;
    var start = Math.max(at - 80, 0);
    var p = document.createElement("p");
    p.classList.add("context");
    p.textContent = (start ? "..." : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? "..." : "");
    return p;
  }

  function install() {
    // searchtools.js declares Search with const: a global name, not a window property.
    if (typeof Search === "undefined") return;
    Search.makeSearchSummary = summary;
    watchWords();
  }

  // ---- Sphinx's words, in the reader's language -------------------------------
  var WORDS = [
    [/^Search Results$/, function () { return ["搜尋結果", "Search Results"]; }],
    [/^Searching$/, function () { return ["搜尋中", "Searching"]; }],
    [/^Preparing search/, function () { return ["準備搜尋……", "Preparing search..."]; }],
    [/^Search finished, found (\d+) page/, function (m) {
      return ["搜尋完成，找到 " + m[1] + " 個符合的頁面。", "Search finished, found " + m[1] + " page(s) matching the search query."];
    }],
    [/^Your search did not match any documents/, function () {
      return ["沒有任何頁面符合搜尋。請檢查拼寫，或改用較短、較常見的詞。", "Your search did not match any documents. Check the spelling, or try a shorter, more common word."];
    }],
  ];

  function pair(zh, en) {
    var out = document.createDocumentFragment();
    [["zh-Hant", "bl-zh", zh], ["en", "bl-en", en]].forEach(function (part) {
      var span = document.createElement("span");
      span.lang = part[0];
      span.className = part[1];
      span.textContent = part[2];
      out.appendChild(span);
    });
    return out;
  }

  function translate(el) {
    if (!el || el.querySelector(".bl-zh")) return;
    var text = el.textContent.trim();
    for (var i = 0; i < WORDS.length; i++) {
      var match = text.match(WORDS[i][0]);
      if (match) {
        var words = WORDS[i][1](match);
        el.textContent = "";
        el.appendChild(pair(words[0], words[1]));
        return;
      }
    }
  }

  // Sphinx writes its words into #search-results (title, summary) and
  // #search-progress while it searches: each change is put into words.
  var WORDED = "#search-results > h2, #search-results > p.search-summary, #search-progress";
  function watchWords() {
    var targets = ["search-results", "search-progress"].map(function (id) { return document.getElementById(id); }).filter(Boolean);
    var observer = new MutationObserver(function () { document.querySelectorAll(WORDED).forEach(translate); });
    targets.forEach(function (el) { observer.observe(el, { childList: true, characterData: true, subtree: true }); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
