/* Self-checking quizzes in the published book, with no kernel.

   lessons/quizhtml.py renders each quiz bank as plain, escaped HTML (native
   controls in fieldsets, answers in closed <details>). This script makes it
   interactive: it grades with window.LessonsGrader (grader.js, the JS port
   of lessons.grading), shows feedback in an aria-live region, reveals hints
   one per wrong try, keeps progress in localStorage and exports answers in
   the lessons.answers format.

   Safety: bank text is never parsed as HTML here. Text built from data goes
   in with textContent; everything else is server-rendered and only shown,
   hidden or cloned. */
(function () {
  "use strict";

  var ZH = "zh-Hant";
  var EN = "en";
  var STORE_PREFIX = "lessons-quiz/v1/";
  var EMPTY = { empty: true };          // "nothing chosen yet": not graded
  var INCOMPLETE = { incomplete: true }; // ordering with gaps or repeats
  var SYMBOLS = { correct: "✓", incorrect: "✗", partial: "◐", invalid: "!" };

  /* ---- storage that never breaks the quiz ----------------------------- */

  var storage = {
    get: function (key) {
      try {
        var raw = window.localStorage.getItem(key);
        return raw ? JSON.parse(raw) : null;
      } catch (e) { return null; } // blocked, or a value we cannot read
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* blocked or full: the page keeps working from memory */ }
    },
    removeByPrefix: function (prefix) {
      try {
        var store = window.localStorage;
        var doomed = [];
        for (var i = 0; i < store.length; i++) {
          var key = store.key(i);
          if (key && key.indexOf(prefix) === 0) doomed.push(key);
        }
        doomed.forEach(function (key) { store.removeItem(key); });
      } catch (e) { /* nothing stored, nothing to clear */ }
    }
  };

  /* ---- small helpers --------------------------------------------------- */

  function currentMode() {
    var mode = document.documentElement.getAttribute("data-lessons-lang");
    return mode === ZH || mode === EN ? mode : "both";
  }

  function nowIso() {
    return new Date().toISOString().replace(/\.\d+Z$/, "Z");
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* Both languages as two spans, the same shape bilingual.html_pair gives,
     so the book's language switch (CSS on bl-zh / bl-en) governs them. */
  function pair(text, values) {
    var fragment = document.createDocumentFragment();
    [[ZH, "zh", "bl-zh"], [EN, "en", "bl-en"]].forEach(function (lang) {
      var span = document.createElement("span");
      span.lang = lang[0];
      span.className = lang[2];
      span.textContent = fill(text && text[lang[1]] != null ? text[lang[1]] : "", values || {});
      fragment.appendChild(span);
    });
    return fragment;
  }

  function element(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function readJson(node) {
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }

  /* ---- one question ---------------------------------------------------- */

  function Question(quiz, node) {
    this.quiz = quiz;
    this.node = node;
    this.id = node.getAttribute("data-question-id");
    this.type = node.getAttribute("data-question-type");
    this.hash = node.getAttribute("data-question-hash");
    this.mapping = readJson(node.querySelector("script.lq-bank"));
    this.maxScore = parseInt(node.getAttribute("data-max-score"), 10) || 0;
    this.controls = Array.prototype.slice.call(node.querySelectorAll(".lq-control"));
    this.checkButton = node.querySelector(".lq-check");
    this.retryButton = node.querySelector(".lq-retry");
    this.feedback = node.querySelector(".lq-feedback");
    this.hints = Array.prototype.slice.call(node.querySelectorAll(".lq-hint"));
    this.answer = node.querySelector(".lq-answer");
    this.key = quiz.prefix + this.id + "/" + this.hash;
    this.state = { response: null, attempts: [], wrong: 0, checked: false };
  }

  Question.prototype.init = function () {
    var self = this;
    var actions = this.node.querySelector(".lq-actions");
    if (actions) actions.hidden = false;
    this.checkButton.addEventListener("click", function () { self.check(); });
    this.retryButton.addEventListener("click", function () { self.retry(); });
    this.controls.forEach(function (control) {
      if (control.tagName === "INPUT" && (control.type === "text" || control.type === "search")) {
        control.addEventListener("keydown", function (event) {
          // Enter confirms a Chinese IME candidate; only a bare Enter checks.
          if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
          event.preventDefault();
          self.check();
        });
      }
    });
    this.restore();
  };

  /* The response as a JSON value, EMPTY if nothing is chosen yet, or
     INCOMPLETE for an ordering with missing or repeated positions. */
  Question.prototype.read = function () {
    var controls = this.controls;
    switch (this.type) {
      case "single":
      case "truefalse": {
        var chosen = controls.filter(function (c) { return c.checked; })[0];
        if (!chosen) return EMPTY;
        return this.type === "truefalse" ? chosen.value === "true" : parseInt(chosen.value, 10);
      }
      case "multiple": {
        var picked = controls.filter(function (c) { return c.checked; }).map(function (c) { return parseInt(c.value, 10); });
        return picked.length ? picked.sort(function (a, b) { return a - b; }) : EMPTY;
      }
      case "numeric":
      case "text": {
        var value = controls[0].value;
        return value.trim() === "" ? EMPTY : value;
      }
      case "ordering": {
        var order = new Array(controls.length);
        var filled = 0;
        for (var i = 0; i < controls.length; i++) {
          var position = parseInt(controls[i].value, 10);
          if (!(position >= 1 && position <= controls.length)) continue;
          if (order[position - 1] !== undefined) return INCOMPLETE;
          order[position - 1] = parseInt(controls[i].getAttribute("data-item"), 10);
          filled++;
        }
        if (filled === 0) return EMPTY;
        return filled === controls.length ? order : INCOMPLETE;
      }
      case "matching": {
        var matches = controls.map(function (c) { return c.value === "" ? null : parseInt(c.value, 10); });
        return matches.every(function (m) { return m === null; }) ? EMPTY : matches;
      }
    }
    return EMPTY;
  };

  /* Put a stored response back into the controls. */
  Question.prototype.write = function (response) {
    var controls = this.controls;
    switch (this.type) {
      case "single":
      case "truefalse":
        controls.forEach(function (c) { c.checked = c.value === String(response); });
        break;
      case "multiple":
        controls.forEach(function (c) { c.checked = Array.isArray(response) && response.indexOf(parseInt(c.value, 10)) >= 0; });
        break;
      case "numeric":
      case "text":
        controls[0].value = response == null ? "" : String(response);
        break;
      case "ordering":
        controls.forEach(function (c) {
          var position = Array.isArray(response) ? response.indexOf(parseInt(c.getAttribute("data-item"), 10)) : -1;
          c.value = position >= 0 ? String(position + 1) : "";
        });
        break;
      case "matching":
        controls.forEach(function (c, i) {
          var match = Array.isArray(response) ? response[i] : null;
          c.value = match === null || match === undefined ? "" : String(match);
        });
        break;
    }
  };

  Question.prototype.lock = function (locked) {
    this.controls.forEach(function (c) { c.disabled = locked; });
  };

  Question.prototype.grade = function (response) {
    try {
      return window.LessonsGrader.grade(this.mapping, response);
    } catch (e) {
      // A grader fault must not lose the student's work; say so plainly.
      return { status: "invalid", score: 0, max_score: this.maxScore, feedback: [], message: this.quiz.ui.grader_failed };
    }
  };

  Question.prototype.check = function () {
    if (this.state.checked) return;
    var response = this.read();
    if (response === EMPTY || response === INCOMPLETE) {
      this.showNotice(response === EMPTY ? this.quiz.ui.choose_first : this.quiz.ui.positions_incomplete);
      return;
    }
    var grade = this.grade(response);
    this.state.response = response;
    this.state.attempts.push({
      question: this.id,
      question_hash: this.hash,
      response: response,
      score: grade.score,
      max_score: grade.max_score,
      status: grade.status,
      time: nowIso(),
      order: Date.now()
    });
    if (grade.status !== "invalid") {
      this.state.checked = true;
      if (grade.status !== "correct") this.state.wrong += 1;
    }
    this.save();
    this.show(grade);
    this.quiz.updateSummary();
    if (grade.status === "invalid") return;
    // Keep focus where a keyboard user can act next.
    if (grade.status === "correct") this.feedback.focus();
    else this.retryButton.focus();
  };

  Question.prototype.retry = function () {
    this.state.checked = false;
    this.save();
    this.show(null);
    var first = this.controls[0];
    if (this.type === "single" || this.type === "truefalse" || this.type === "multiple") {
      first = this.controls.filter(function (c) { return c.checked; })[0] || first;
    }
    if (first) first.focus();
  };

  /* Show a grade (or no grade: ready for a new try) in the page. */
  Question.prototype.show = function (grade) {
    var state = this.state;
    var locked = !!grade && grade.status !== "invalid";
    this.lock(locked);
    this.checkButton.hidden = locked;
    this.retryButton.hidden = !locked || grade.status === "correct";
    this.node.setAttribute("data-status", grade ? grade.status : "");
    var solved = state.attempts.some(function (a) { return a.status === "correct"; });
    this.hints.forEach(function (hint, i) { hint.hidden = i >= state.wrong; });
    // The answer and its explanation (the <details> a reader without
    // JavaScript opens at will) appear once the question is solved, or after
    // every hint has been tried and it is still wrong.
    var reveal = solved || state.wrong > this.hints.length;
    if (reveal && !this.revealed) this.answer.open = true;
    this.revealed = reveal;
    this.answer.hidden = !reveal;
    clear(this.feedback);
    if (grade) this.feedback.appendChild(this.renderGrade(grade));
  };

  Question.prototype.renderGrade = function (grade) {
    var ui = this.quiz.ui;
    var box = element("div", "lq-result lq-status-" + grade.status);
    var symbol = element("span", "lq-symbol");
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = SYMBOLS[grade.status] || "";
    var verdict = element("p", "lq-verdict", [symbol, element("strong", "lq-status-words", [pair(ui["status_" + grade.status])])]);
    if (grade.status !== "invalid") {
      verdict.appendChild(document.createTextNode(" "));
      verdict.appendChild(element("span", "lq-points", [pair(ui.points, { score: grade.score, max: grade.max_score })]));
    }
    box.appendChild(verdict);
    if (grade.message) box.appendChild(element("p", "lq-message", [pair(grade.message)]));
    var notes = (grade.feedback || []).filter(function (text) { return text && (text.zh || text.en); });
    if (notes.length) {
      var list = element("ul", "lq-option-feedback");
      notes.forEach(function (text) { list.appendChild(element("li", "", [pair(text)])); });
      box.appendChild(list);
    }
    return box;
  };

  Question.prototype.showNotice = function (text) {
    clear(this.feedback);
    var box = element("div", "lq-result lq-notice", [element("p", "lq-message", [pair(text)])]);
    this.feedback.appendChild(box);
  };

  Question.prototype.save = function () {
    storage.set(this.key, {
      response: this.state.response,
      attempts: this.state.attempts,
      wrong: this.state.wrong,
      checked: this.state.checked
    });
  };

  /* Bring back this question's progress. The key holds the content hash,
     so progress from an edited question is never restored. */
  Question.prototype.restore = function () {
    var saved = storage.get(this.key);
    if (!saved || !Array.isArray(saved.attempts)) { this.show(null); return; }
    this.state = {
      response: saved.response === undefined ? null : saved.response,
      attempts: saved.attempts,
      wrong: typeof saved.wrong === "number" ? saved.wrong : 0,
      checked: !!saved.checked && saved.response != null
    };
    if (this.state.response != null) this.write(this.state.response);
    this.show(this.state.checked ? this.grade(this.state.response) : null);
  };

  Question.prototype.reset = function () {
    this.state = { response: null, attempts: [], wrong: 0, checked: false };
    this.write(null);
    this.show(null);
  };

  Question.prototype.last = function () {
    var attempts = this.state.attempts;
    for (var i = attempts.length - 1; i >= 0; i--) {
      if (attempts[i].status !== "invalid") return attempts[i];
    }
    return null;
  };

  /* ---- one quiz (a lesson's bank) -------------------------------------- */

  function Quiz(root) {
    this.root = root;
    this.book = root.getAttribute("data-book");
    this.lesson = root.getAttribute("data-lesson");
    this.courseVersion = root.getAttribute("data-course-version");
    this.prefix = STORE_PREFIX + this.book + "/" + this.lesson + "/";
    this.ui = readJson(root.querySelector("script.lq-ui")) || {};
    this.summary = root.querySelector(".lq-summary");
    this.student = root.querySelector(".lq-student");
    var self = this;
    this.questions = Array.prototype.map.call(root.querySelectorAll(".lq-question"), function (node) {
      return new Question(self, node);
    });
  }

  Quiz.prototype.init = function () {
    var self = this;
    Array.prototype.forEach.call(this.root.querySelectorAll(".lq-js-only"), function (node) { node.hidden = false; });
    Array.prototype.forEach.call(this.root.querySelectorAll(".lq-nojs-only"), function (node) { node.hidden = true; });
    this.questions.forEach(function (question) { question.init(); });
    var studentKey = STORE_PREFIX + this.book + "/student";
    var alias = storage.get(studentKey);
    if (typeof alias === "string") this.student.value = alias;
    this.student.addEventListener("change", function () { storage.set(studentKey, self.student.value); });
    this.root.querySelector(".lq-reset").addEventListener("click", function () { self.reset(); });
    this.root.querySelector(".lq-export").addEventListener("click", function () { self.exportAnswers(); });
    this.relabelOptions();
    this.updateSummary();
    this.root.setAttribute("data-ready", "true");
  };

  /* <option> can hold no markup, so it cannot carry both language spans:
     its text follows the book's language switch from data-zh / data-en. */
  Quiz.prototype.relabelOptions = function () {
    var mode = currentMode();
    Array.prototype.forEach.call(this.root.querySelectorAll("option[data-zh]"), function (option) {
      var zh = option.getAttribute("data-zh");
      var en = option.getAttribute("data-en");
      option.textContent = mode === ZH ? zh : mode === EN ? en : zh + " / " + en;
      option.lang = mode === EN ? EN : ZH;
    });
  };

  Quiz.prototype.updateSummary = function () {
    var score = 0, max = 0, answered = 0;
    this.questions.forEach(function (question) {
      var last = question.last();
      max += question.maxScore;
      if (last) { answered++; score += last.score; }
    });
    clear(this.summary);
    this.summary.appendChild(pair(this.ui.summary, { score: score, max: max, answered: answered, total: this.questions.length }));
  };

  Quiz.prototype.reset = function () {
    storage.removeByPrefix(this.prefix);
    this.questions.forEach(function (question) { question.reset(); });
    this.updateSummary();
    var status = this.root.querySelector(".lq-tools-status");
    clear(status);
    status.appendChild(pair(this.ui.reset_done));
  };

  /* Every attempt, oldest first, in the lessons.answers format. */
  Quiz.prototype.exportDocument = function () {
    var answers = [];
    this.questions.forEach(function (question) { answers = answers.concat(question.state.attempts); });
    answers.sort(function (a, b) { return (a.order || 0) - (b.order || 0); });
    return {
      format: "lessons-answers",
      version: 1,
      course: this.book,
      course_version: this.courseVersion,
      student: this.student.value.trim(),
      lesson: this.lesson,
      source: "book",
      exported_at: nowIso(),
      answers: answers.map(function (a) {
        return {
          question: a.question, question_hash: a.question_hash, response: a.response,
          score: a.score, max_score: a.max_score, status: a.status, time: a.time
        };
      })
    };
  };

  /* A file the teacher can tell apart from the class's others; no export
     without a name, since the gradebook cannot credit an anonymous file. */
  Quiz.prototype.exportAnswers = function () {
    var status = this.root.querySelector(".lq-tools-status");
    clear(status);
    var student = this.student.value.trim();
    if (!student) {
      status.appendChild(pair(this.ui.student_first));
      this.student.focus();
      return;
    }
    var text = JSON.stringify(this.exportDocument(), null, 2);
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = this.lesson + "-" + fileSafe(student) + "-answers.json";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    status.appendChild(pair(this.ui.export_done, { file: link.download }));
  };

  /* Letters (any script), digits, - and _ survive; the rest becomes "-". */
  function fileSafe(name) {
    return name.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "student";
  }

  /* ---- start ------------------------------------------------------------ */

  var quizzes = [];

  function start() {
    if (!window.LessonsGrader) return; // without the grader the static form (answers in <details>) still works
    Array.prototype.forEach.call(document.querySelectorAll(".lq-quiz[data-lesson]"), function (root) {
      if (root.getAttribute("data-ready")) return;
      var quiz = new Quiz(root);
      quiz.init();
      quizzes.push(quiz);
    });
  }

  document.addEventListener("lessons:langchange", function () {
    quizzes.forEach(function (quiz) { quiz.relabelOptions(); });
  });

  window.LessonsQuiz = { start: start, quizzes: quizzes };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
