/* Self-checking quizzes in the published book, with no kernel.

   lessons/quizhtml.py renders each quiz bank as plain, escaped HTML (native
   controls in fieldsets, answers in closed <details>). This script makes it
   interactive: it grades with window.LessonsGrader (grader.js, the JS port
   of lessons.grading), shows feedback in an aria-live region, reveals hints
   one per wrong try, keeps progress in localStorage and exports answers in
   the lessons.answers format.

   Storage: one record per question, under
     lessons-quiz/v1/<book>/<lesson>/<question id>/<content hash>
   holding its attempts, hints earned, whether it is checked, and a draft of
   what is in the controls (saved on every input, so nothing typed is lost).
   The hash in the key means an edited question never restores a stale
   answer; records under an older hash are still read for the export, so no
   attempt is lost either. All interface text and the status symbols come
   from the page (script.lq-ui, lessons.quizhtml.ui_data).

   Safety: bank text is never parsed as HTML here. Text built from data goes
   in with textContent; everything else is server-rendered and only shown,
   hidden or cloned. */
(function () {
  "use strict";

  var ZH = "zh-Hant";
  var EN = "en";
  var BOTH = "both";
  var STORE_PREFIX = "lessons-quiz/v1/";
  var RESET_WINDOW_MS = 5000;            // the second press of "Reset quiz" must come within this

  /* ---- storage that never breaks the quiz ----------------------------- */

  var storage = {
    /* Whether this browser lets the page store anything at all. */
    works: function () {
      try {
        var probe = STORE_PREFIX + "probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        return true;
      } catch (e) { return false; }
    },
    get: function (key) {
      try {
        var raw = window.localStorage.getItem(key);
        return raw ? JSON.parse(raw) : null;
      } catch (e) { return null; } // blocked, or a value we cannot read
    },
    /* True if stored; false if blocked or full (the page then keeps working
       from memory, and the quiz says so). */
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
    keys: function (prefix) {
      var found = [];
      try {
        var store = window.localStorage;
        for (var i = 0; i < store.length; i++) {
          var key = store.key(i);
          if (key && key.indexOf(prefix) === 0) found.push(key);
        }
      } catch (e) { /* blocked: nothing stored */ }
      return found;
    },
    removeByPrefix: function (prefix) {
      this.keys(prefix).forEach(function (key) {
        try { window.localStorage.removeItem(key); } catch (e) { /* already gone */ }
      });
    }
  };

  /* ---- small helpers --------------------------------------------------- */

  function currentMode() {
    var mode = document.documentElement.getAttribute("data-lessons-lang");
    return mode === ZH || mode === EN ? mode : BOTH;
  }

  function nowIso() {
    return new Date().toISOString().replace(/\.\d+Z$/, "Z");
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* Both languages as two spans, the same shape bilingual.pair gives,
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

  /* Points for people (grader.js: the twin of quizui.format_points). */
  function formatPoints(value) {
    return window.LessonsGrader.formatPoints(value);
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
    this.points = parseFloat(node.getAttribute("data-points")) || 1;
    this.entry = window.LessonsGrader.types[this.type];
    this.assess = node.querySelector(".lq-assess"); // open questions: model answer and criteria
    this.controls = Array.prototype.slice.call(node.querySelectorAll(".lq-control"));
    this.checkButton = node.querySelector(".lq-check");
    this.retryButton = node.querySelector(".lq-retry");
    this.feedback = node.querySelector(".lq-feedback");
    this.hints = Array.prototype.slice.call(node.querySelectorAll(".lq-hint"));
    this.answer = node.querySelector(".lq-answer");
    this.key = quiz.prefix + this.id + "/" + this.hash;
    this.state = emptyState();
    this.earlier = []; // attempts at earlier versions of this question: exported, never shown
  }

  function emptyState() {
    return { response: null, attempts: [], checked: false, assessing: false, draft: null };
  }

  Question.prototype.init = function () {
    var self = this;
    var actions = this.node.querySelector(".lq-actions");
    if (actions) actions.hidden = false;
    this.checkButton.addEventListener("click", function () { self.check(); });
    this.retryButton.addEventListener("click", function () { self.retry(); });
    this.controls.forEach(function (control) {
      // Keep what the student enters as they go, not only on Check.
      control.addEventListener("input", function () { self.saveDraft(); });
      control.addEventListener("change", function () { self.saveDraft(); });
      if (control.tagName === "INPUT" && (control.type === "text" || control.type === "search")) {
        control.addEventListener("keydown", function (event) {
          // Enter confirms a Chinese IME candidate; only a bare Enter checks.
          if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
          event.preventDefault();
          self.check();
        });
      }
    });
    this.earlier = this.readEarlierVersions();
    this.restore();
  };

  /* The response as a JSON value, or EMPTY / INCOMPLETE / SHOW_MODEL:
     the type's entry in grader.js reads its own controls. */
  Question.prototype.read = function () {
    return this.entry.read(this.controls, this.node);
  };

  /* Put a stored response back into the controls. */
  Question.prototype.write = function (response) {
    this.entry.write(this.controls, response);
  };

  /* The raw state of the controls, keyed by the end of each control's id
     (o2, input, i3, t1: option, field, item, term), so a half-finished
     ordering or a long text survives a reload as it was. */
  Question.prototype.readDraft = function () {
    var prefix = this.node.id.length + 1;
    var draft = {};
    this.controls.forEach(function (c) {
      draft[c.id.slice(prefix)] = isCheckable(c) ? c.checked : c.value;
    });
    return draft;
  };

  Question.prototype.writeDraft = function (draft) {
    var prefix = this.node.id.length + 1;
    this.controls.forEach(function (c) {
      var name = c.id.slice(prefix);
      if (!Object.prototype.hasOwnProperty.call(draft, name)) return;
      if (isCheckable(c)) c.checked = draft[name] === true;
      else c.value = draft[name] == null ? "" : String(draft[name]);
    });
  };

  function isCheckable(control) {
    return control.type === "radio" || control.type === "checkbox";
  }

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
    var G = window.LessonsGrader;
    var response = this.read();
    if (response === G.SHOW_MODEL) {
      // An open question: the model answer and the criteria, then a second Check.
      this.assess.hidden = false;
      this.state.assessing = true;
      this.saveDraft();
      this.showNotice(this.quiz.ui.now_assess);
      return;
    }
    if (response === G.EMPTY || response === G.INCOMPLETE) {
      var empty = this.type === "open" ? this.quiz.ui.write_first : this.quiz.ui.choose_first;
      this.showNotice(response === G.EMPTY ? empty : this.quiz.ui.positions_incomplete);
      return;
    }
    var revealed = this.progress().answer_shown;
    var grade = this.grade(response);
    this.state.response = response;
    this.state.draft = this.readDraft();
    var attempt = {
      question: this.id,
      question_hash: this.hash,
      response: response,
      score: grade.score,
      max_score: grade.max_score,
      status: grade.status,
      revealed: revealed,
      time: nowIso(),
      order: Date.now()
    };
    // What the page shows for this try, as lessons.answers.shown_points records it.
    if (grade.status !== "invalid" && grade.status !== "self-assessed") {
      attempt.earned = Number(formatPoints(revealed ? 0 : (this.points * grade.score) / grade.max_score));
      attempt.points = Number(formatPoints(this.points));
    }
    this.state.attempts.push(attempt);
    if (grade.status !== "invalid") this.state.checked = true;
    this.save();
    this.show(grade);
    this.quiz.updateSummary();
    if (grade.status === "invalid") return;
    // Keep focus where a keyboard user can act next.
    if (grade.status === "correct" || grade.status === "self-assessed") this.feedback.focus();
    else this.retryButton.focus();
  };

  Question.prototype.retry = function () {
    this.state.checked = false;
    this.save();
    this.show(null);
    var first = this.controls[0];
    if (first && isCheckable(first)) {
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
    this.retryButton.hidden = !locked || grade.status === "correct" || grade.status === "self-assessed";
    this.node.setAttribute("data-status", grade ? grade.status : "");
    var progress = this.progress();
    this.hints.forEach(function (hint, i) { hint.hidden = i >= progress.wrong; });
    if (this.assess) this.assess.hidden = !state.assessing;
    // The answer and its explanation (the <details> a reader without
    // JavaScript opens at will) appear once the question is solved, or after
    // every hint has been tried and it is still wrong (lessons.progress).
    var reveal = progress.answer_shown;
    if (reveal && !this.revealed) this.answer.open = true;
    this.revealed = reveal;
    this.answer.hidden = !reveal;
    clear(this.feedback);
    if (grade) this.feedback.appendChild(this.renderGrade(grade, reveal));
  };

  /* This question's progress under the shared rule (grader.js: progress). */
  Question.prototype.progress = function () {
    return window.LessonsGrader.progress(this.state.attempts, this.hints.length, false);
  };

  Question.prototype.renderGrade = function (grade, revealed) {
    var ui = this.quiz.ui;
    var box = element("div", "lq-result lq-status-" + grade.status);
    var symbol = element("span", "lq-symbol");
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = (ui.symbols || {})[grade.status] || "";
    var verdict = element("p", "lq-verdict", [symbol, element("strong", "lq-status-words", [pair(ui["status_" + grade.status])])]);
    var last = this.state.attempts[this.state.attempts.length - 1];
    var late = grade.status !== "invalid" && grade.status !== "self-assessed" && !!last && last.revealed === true;
    if (grade.status === "self-assessed") {
      verdict.appendChild(document.createTextNode(" "));
      verdict.appendChild(element("span", "lq-points", [pair(ui.self_assessed, { met: grade.score, total: grade.max_score })]));
    } else if (grade.status !== "invalid") {
      var earned = late ? 0 : (this.points * grade.score) / grade.max_score;
      verdict.appendChild(document.createTextNode(" "));
      verdict.appendChild(element("span", "lq-points", [pair(ui.points, { score: formatPoints(earned), max: formatPoints(this.points) })]));
    }
    box.appendChild(verdict);
    // After a retry, the first try's points too: the total counts those.
    var progress = this.progress();
    var scored = grade.status !== "invalid" && grade.status !== "self-assessed";
    if (scored && progress.attempts > 1 && progress.first) {
      var first = (this.points * progress.first[0]) / progress.first[1];
      box.appendChild(element("p", "lq-message lq-first-try", [pair(ui.first_try, { score: formatPoints(first), max: formatPoints(this.points) })]));
    }
    if (late) box.appendChild(element("p", "lq-message lq-no-credit", [pair(ui.no_credit)]));
    if (grade.message) box.appendChild(element("p", "lq-message", [pair(grade.message)]));
    var notes = (grade.feedback || []).filter(function (text) { return text && (text.zh || text.en); });
    if (notes.length) {
      var list = element("ul", "lq-option-feedback");
      notes.forEach(function (text) { list.appendChild(element("li", "", [pair(text)])); });
      box.appendChild(list);
    }
    // Hints and the answer sit outside this live region: say that they are
    // there, so a screen reader user hears it with the grade.
    var wrongTry = grade.status === "incorrect" || grade.status === "partial";
    var wrong = progress.wrong;
    if (wrongTry && wrong >= 1 && wrong <= this.hints.length) {
      box.appendChild(element("p", "lq-pointer lq-pointer-hint", [pair(ui.hint_shown)]));
    }
    if (grade.status !== "invalid" && revealed) {
      box.appendChild(element("p", "lq-pointer lq-pointer-answer", [pair(ui.answer_shown)]));
    }
    return box;
  };

  Question.prototype.showNotice = function (text) {
    clear(this.feedback);
    var box = element("div", "lq-result lq-notice", [element("p", "lq-message", [pair(text)])]);
    this.feedback.appendChild(box);
  };

  Question.prototype.save = function () {
    this.quiz.noteStorage(storage.set(this.key, {
      response: this.state.response,
      attempts: this.state.attempts,
      checked: this.state.checked,
      assessing: this.state.assessing,
      draft: this.state.draft
    }));
  };

  Question.prototype.saveDraft = function () {
    if (this.state.checked) return; // locked: the controls show the checked answer
    this.state.draft = this.readDraft();
    this.save();
  };

  /* Bring back this question's progress. The key holds the content hash,
     so progress from an edited question is never restored. A checked
     question shows the answer its grade belongs to; an open one shows the
     draft (what was last entered), else the last checked answer. */
  Question.prototype.restore = function () {
    var saved = storage.get(this.key);
    if (!saved || typeof saved !== "object") { this.show(null); return; }
    var response = saved.response === undefined ? null : saved.response;
    this.state = {
      response: response,
      attempts: Array.isArray(saved.attempts) ? saved.attempts : [],
      checked: !!saved.checked && response != null,
      assessing: saved.assessing === true,
      draft: saved.draft && typeof saved.draft === "object" ? saved.draft : null
    };
    if (this.state.checked || !this.state.draft) {
      if (response != null) this.write(response);
    } else {
      this.writeDraft(this.state.draft);
    }
    this.show(this.state.checked ? this.grade(response) : null);
  };

  /* Attempts stored under this question id with another content hash: the
     student answered an earlier version. They stay in the export (each
     carries its own question_hash; the gradebook sorts them out) but never
     come back into the controls, the grade shown or the score. */
  Question.prototype.readEarlierVersions = function () {
    var mine = this.key;
    var earlier = [];
    storage.keys(this.quiz.prefix + this.id + "/").forEach(function (key) {
      if (key === mine) return;
      var saved = storage.get(key);
      if (saved && Array.isArray(saved.attempts)) earlier = earlier.concat(saved.attempts);
    });
    return earlier;
  };

  Question.prototype.reset = function () {
    this.state = emptyState();
    this.earlier = [];
    this.write(null);
    this.show(null);
  };

  /* ---- one quiz (a lesson's bank) -------------------------------------- */

  function Quiz(root) {
    this.root = root;
    this.book = root.getAttribute("data-book");
    this.lesson = root.getAttribute("data-lesson");
    this.courseVersion = root.getAttribute("data-course-version");
    this.format = root.getAttribute("data-format");
    this.formatVersion = parseInt(root.getAttribute("data-format-version"), 10);
    this.rulesVersion = parseInt(root.getAttribute("data-rules-version"), 10);
    this.prefix = STORE_PREFIX + this.book + "/" + this.lesson + "/";
    this.ui = readJson(root.querySelector("script.lq-ui")) || {};
    this.summary = root.querySelector(".lq-summary");
    this.student = root.querySelector(".lq-student");
    this.resetButton = root.querySelector(".lq-reset");
    this.toolsStatus = root.querySelector(".lq-tools-status");
    this.storageNotice = root.querySelector(".lq-storage-notice");
    this.resetArmed = false;
    var self = this;
    this.questions = Array.prototype.map.call(root.querySelectorAll(".lq-question"), function (node) {
      return new Question(self, node);
    });
  }

  Quiz.prototype.init = function () {
    var self = this;
    Array.prototype.forEach.call(this.root.querySelectorAll(".lq-js-only"), function (node) { node.hidden = false; });
    Array.prototype.forEach.call(this.root.querySelectorAll(".lq-nojs-only"), function (node) { node.hidden = true; });
    this.noteStorage(storage.works());
    this.questions.forEach(function (question) { question.init(); });
    var studentKey = STORE_PREFIX + this.book + "/student";
    var alias = storage.get(studentKey);
    if (typeof alias === "string") this.student.value = alias;
    this.student.addEventListener("input", function () { self.noteStorage(storage.set(studentKey, self.student.value)); });
    this.initReset();
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
      // "中文 / English" is in no single language: it keeps the page's.
      if (mode === BOTH) option.removeAttribute("lang");
      else option.lang = mode;
    });
  };

  /* Once storage has failed, say so (once) at the top of the quiz: the
     quiz still works, but only until the page is left. */
  Quiz.prototype.noteStorage = function (stored) {
    if (stored || !this.storageNotice || this.storageNotice.firstChild) return;
    var symbol = element("span", "lq-symbol");
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = (this.ui.symbols || {}).invalid || "";
    this.storageNotice.appendChild(symbol);
    this.storageNotice.appendChild(pair(this.ui.storage_failed));
  };

  /* The first-try score, as the gradebook counts by default (lessons.progress);
     self-assessed (open) questions count in no total. */
  Quiz.prototype.updateSummary = function () {
    var score = 0, max = 0, answered = 0;
    this.questions.forEach(function (question) {
      var progress = question.progress();
      if (progress.attempts) answered++;
      if (question.type === "open") return;
      max += question.points;
      if (progress.first) score += (question.points * progress.first[0]) / progress.first[1];
    });
    clear(this.summary);
    this.summary.appendChild(pair(this.ui.summary, {
      score: formatPoints(score), max: formatPoints(max), answered: answered, total: this.questions.length
    }));
  };

  /* "Reset quiz" clears every stored attempt, so it takes two presses: the
     first turns the button into "Press again to clear…" (also said in the
     tools' live region); a second press within RESET_WINDOW_MS clears.
     Leaving the button (blur), Escape or the time running out cancels. */
  Quiz.prototype.initReset = function () {
    var self = this;
    this.resetLabel = Array.prototype.slice.call(this.resetButton.childNodes);
    this.resetButton.addEventListener("click", function () {
      if (self.resetArmed) { self.disarmReset(false); self.reset(); } else self.armReset();
    });
    this.resetButton.addEventListener("blur", function () { self.disarmReset(true); });
    this.resetButton.addEventListener("keydown", function (event) {
      if (event.key === "Escape") self.disarmReset(true);
    });
  };

  Quiz.prototype.armReset = function () {
    var self = this;
    this.resetArmed = true;
    this.resetButton.setAttribute("data-armed", "true");
    clear(this.resetButton);
    this.resetButton.appendChild(pair(this.ui.reset_confirm));
    this.say(this.ui.reset_confirm);
    this.resetTimer = setTimeout(function () { self.disarmReset(true); }, RESET_WINDOW_MS);
  };

  Quiz.prototype.disarmReset = function (cancelled) {
    if (!this.resetArmed) return;
    var button = this.resetButton;
    this.resetArmed = false;
    clearTimeout(this.resetTimer);
    button.removeAttribute("data-armed");
    clear(button);
    this.resetLabel.forEach(function (node) { button.appendChild(node); });
    if (cancelled) this.say(this.ui.reset_cancelled);
  };

  /* Clears the lesson's storage, so every form of the lesson on the page
     ("Try it" quizzes and the lesson quiz) is cleared with it. */
  Quiz.prototype.reset = function () {
    var lesson = this.lesson, book = this.book;
    storage.removeByPrefix(this.prefix);
    quizzes.forEach(function (quiz) {
      if (quiz.lesson !== lesson || quiz.book !== book) return;
      quiz.questions.forEach(function (question) { question.reset(); });
      quiz.updateSummary();
    });
    this.say(this.ui.reset_done);
  };

  /* A line in the tools' live region (export, reset). */
  Quiz.prototype.say = function (text, values) {
    clear(this.toolsStatus);
    this.toolsStatus.appendChild(pair(text, values));
  };

  /* Every attempt at this lesson, oldest first, in the lessons.answers
     format (name and version from the page: lessons.answers writes them).
     Several forms of one lesson may share a page ("Try it" quizzes): each
     exports the attempts of all of them, from their shared storage, and
     this form's own from memory (in case the browser stores nothing). */
  Quiz.prototype.exportDocument = function () {
    var answers = [];
    var seen = {};
    function add(attempts) {
      (attempts || []).forEach(function (a) {
        var key = [a.question, a.question_hash, a.order, a.time].join("|");
        if (!seen[key]) { seen[key] = true; answers.push(a); }
      });
    }
    storage.keys(this.prefix).forEach(function (key) {
      var saved = storage.get(key);
      if (saved && Array.isArray(saved.attempts)) add(saved.attempts);
    });
    this.questions.forEach(function (question) { add(question.earlier); add(question.state.attempts); });
    answers.sort(function (a, b) { return (a.order || 0) - (b.order || 0); });
    return {
      format: this.format,
      version: this.formatVersion,
      rules_version: this.rulesVersion,
      course: this.book,
      course_version: this.courseVersion,
      student: this.student.value.trim(),
      lesson: this.lesson,
      source: "book",
      exported_at: nowIso(),
      answers: answers.map(function (a) {
        var record = {
          question: a.question, question_hash: a.question_hash, response: a.response,
          score: a.score, max_score: a.max_score, status: a.status, revealed: a.revealed === true, time: a.time
        };
        // The points the page showed (attempts stored before this existed have none).
        if (typeof a.earned === "number" && typeof a.points === "number") {
          record.earned = a.earned;
          record.points = a.points;
        }
        return record;
      })
    };
  };

  /* A file the teacher can tell apart from the class's others; no export
     without a name, since the gradebook cannot credit an anonymous file. */
  Quiz.prototype.exportAnswers = function () {
    var student = this.student.value.trim();
    if (!student) {
      this.say(this.ui.student_first);
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
    this.say(this.ui.export_done, { file: link.download });
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
