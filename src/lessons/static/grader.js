/* grader.js: the browser port of lessons.grading, lessons.qtypes and
 * lessons.progress (src/lessons/).
 *
 * The published book has no kernel, so its quiz forms grade in the page with
 * this file. Python is the authority: both must pass every case in
 * tests/data/grading-vectors.json and tests/data/progress-vectors.json, and
 * tests/test_grader_js.py also checks that this port returns exactly what
 * Python returns (messages included). The rules are written out in
 * grading.py's and progress.py's module docstrings; keep them in step.
 *
 * One entry per question type in TYPES (the twin of a lessons.qtypes
 * module): maxScore, grade, and the form's controls (read: the response
 * from the controls, or EMPTY / INCOMPLETE / SHOW_MODEL; write: a response
 * back into them).
 *
 * Scores are exact fractions: score / max_score, both whole numbers
 * computed with integers only, so both runtimes agree exactly.
 *
 * API: window.LessonsGrader.grade(question, response) where question is the
 * bank-style mapping (Question.raw) and response a JSON value; returns
 * {question_id, status, score, max_score, points, feedback: [{zh, en}],
 * explanation, message, parts}. It never throws for a bad response.
 * LessonsGrader.progress(attempts, hints, instructorReveal) is the progress
 * rule; LessonsGrader.types the type entries; normalizeText the text
 * normalisation.
 */
(function () {
  "use strict";

  var MAX_TEXT = 1000;
  var MAX_OPEN_TEXT = 2000; // an open answer (lessons.model.MAX_OPEN_TEXT)
  var MAX_ITEMS = 1000;
  var MAX_NUMBER = 1e15;
  // The same white-space set as grading.py (JavaScript's \s and Python's differ).
  var WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  var PUNCTUATION = /\p{P}/gu;
  var NUMBER = /^[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

  function text(zh, en) {
    return { zh: zh, en: en };
  }

  var OPTION = text("選項", "option");
  var ITEM = text("項目", "item");
  var MEANING = text("配對", "match");
  var TERM = text("詞語", "term");
  var CATEGORY = text("類別", "category");
  var STATEMENT = text("敘述", "statement");
  var CRITERION = text("標準", "criterion");
  var EMPTY = { empty: true };             // nothing chosen yet: not graded
  var INCOMPLETE = { incomplete: true };   // an ordering with gaps or repeats
  var SHOW_MODEL = { showModel: true };    // an open answer written: show the model answer
  var NUMBER_PLEASE = text("請輸入一個數字，例如 1991。", "Type a number, for example 1991.");

  function squash(s) {
    return s.replace(WHITESPACE, " ").replace(/^ | $/g, "");
  }

  function normalizeText(s) {
    return squash(s.normalize("NFKC").toLowerCase().replace(PUNCTUATION, ""));
  }

  // Length in code points, as Python's len() counts (not UTF-16 units).
  function tooLong(s, limit) {
    var most = limit || MAX_TEXT;
    return s.length > most && Array.from(s).length > most;
  }

  function Invalid(message) {
    this.message = message;
  }

  function tooLongText(limit) {
    var most = limit || MAX_TEXT;
    return new Invalid(text("作答太長（超過 " + most + " 個字）。", "The answer is too long (over " + most + " characters)."));
  }

  // An index in [0, count): JSON cannot tell 2 from 2.0, so any whole number.
  function index(value, count, noun) {
    if (typeof value !== "number") {
      throw new Invalid(text("請用" + noun.zh + "的編號作答。", "Answer with the number of a " + noun.en + "."));
    }
    if (!Number.isInteger(value)) {
      throw new Invalid(text(noun.zh + "編號必須是整數。", "A " + noun.en + " number must be a whole number."));
    }
    if (!(value >= 0 && value < count)) {
      throw new Invalid(
        text("沒有這個" + noun.zh + "：請從 " + count + " 個" + noun.zh + "中選擇。", "There is no such " + noun.en + ": choose one of the " + count + ".")
      );
    }
    return value;
  }

  function indexList(value, count, noun, allowEmptySlots, repeatsAllowed) {
    if (!Array.isArray(value)) {
      throw new Invalid(text("請以" + noun.zh + "編號的清單作答。", "Answer with a list of " + noun.en + " numbers."));
    }
    if (value.length > MAX_ITEMS) {
      throw new Invalid(text("作答清單太長（超過 " + MAX_ITEMS + " 項）。", "The answer list is too long (over " + MAX_ITEMS + " entries)."));
    }
    var indices = value.map(function (entry) {
      return entry === null && allowEmptySlots ? null : index(entry, count, noun);
    });
    var seen = {};
    indices.forEach(function (i) {
      if (i === null || repeatsAllowed) return;
      if (seen[i]) throw new Invalid(text("每個" + noun.zh + "只能用一次。", "Use each " + noun.en + " only once."));
      seen[i] = true;
    });
    return indices;
  }

  function exactLength(indices, count, noun) {
    if (indices.length !== count) {
      throw new Invalid(
        text(
          "請為全部 " + count + " 個" + noun.zh + "作答（收到 " + indices.length + " 個）。",
          "Give all " + count + " " + noun.en + "s (got " + indices.length + ")."
        )
      );
    }
  }

  function parseNumberText(s, question) {
    if (tooLong(s)) throw tooLongText();
    var lowered = squash(s.normalize("NFKC")).toLowerCase();
    if (question.unit) {
      var units = [question.unit.zh, question.unit.en];
      for (var i = 0; i < units.length; i++) {
        var suffix = squash(units[i].normalize("NFKC")).toLowerCase();
        if (suffix && lowered.endsWith(suffix)) {
          lowered = squash(lowered.slice(0, lowered.length - suffix.length));
          break;
        }
      }
    }
    if (!NUMBER.test(lowered)) throw new Invalid(NUMBER_PLEASE);
    return Number(lowered.replace(/,/g, ""));
  }

  function textResponse(value, limit) {
    if (typeof value !== "string") throw new Invalid(text("請輸入文字答案。", "Type your answer as text."));
    if (tooLong(value, limit)) throw tooLongText(limit);
    return value;
  }

  function number(value, question) {
    if (typeof value === "string") {
      value = parseNumberText(value, question);
    } else if (typeof value !== "number") {
      throw new Invalid(NUMBER_PLEASE);
    }
    if (Number.isNaN(value)) throw new Invalid(NUMBER_PLEASE);
    if (!(Math.abs(value) <= MAX_NUMBER)) {
      throw new Invalid(text("這個數字太大了：請輸入合理的數值。", "That number is too large: type a realistic value."));
    }
    return value;
  }

  function points(question) {
    return question.points === undefined ? 1 : question.points;
  }

  function outcome(question, score, max, feedback, parts) {
    return {
      question_id: question.id,
      status: score === max ? "correct" : score === 0 ? "incorrect" : "partial",
      score: score,
      max_score: max,
      points: points(question),
      feedback: feedback || [],
      explanation: question.explanation || null,
      message: null,
      parts: parts || [],
    };
  }

  function count(flags) {
    return flags.filter(Boolean).length;
  }

  /* ---- the form's controls (shared by several types) ------------------ */

  function checkedValues(controls) {
    return controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
  }

  function selectValues(controls) {
    return controls.map(function (c) { return c.value === "" ? null : parseInt(c.value, 10); });
  }

  function writeSelects(controls, response) {
    controls.forEach(function (c, i) {
      var value = Array.isArray(response) ? response[i] : null;
      c.value = value === null || value === undefined ? "" : String(value);
    });
  }

  var radio = {
    read: function (controls, asValue) {
      var chosen = checkedValues(controls)[0];
      return chosen === undefined ? EMPTY : asValue(chosen);
    },
    write: function (controls, response) {
      controls.forEach(function (c) { c.checked = c.value === String(response); });
    },
  };

  var textField = {
    read: function (controls) {
      var value = controls[0].value;
      return value.trim() === "" ? EMPTY : value;
    },
    write: function (controls, response) {
      controls[0].value = response == null ? "" : String(response);
    },
  };

  /* ---- one entry per type (lessons.qtypes.<module>) -------------------- */

  var TYPES = {
    single: {
      maxScore: function () { return 1; },
      grade: function (question, response) {
        var options = question.options;
        var option = options[index(response, options.length, OPTION)];
        return outcome(question, option.correct ? 1 : 0, 1, option.feedback ? [option.feedback] : []);
      },
      read: function (controls) { return radio.read(controls, function (v) { return parseInt(v, 10); }); },
      write: radio.write,
    },

    multiple: {
      maxScore: function (question) { return count(question.options.map(function (o) { return o.correct === true; })); },
      grade: function (question, response) {
        var options = question.options;
        var chosen = indexList(response, options.length, OPTION);
        var right = count(chosen.map(function (i) { return options[i].correct === true; }));
        var wrong = chosen.length - right;
        var score = chosen.length === options.length ? 0 : Math.max(0, right - wrong);
        var parts = options.map(function (option, i) { return chosen.indexOf(i) >= 0 === (option.correct === true); });
        var feedback = [];
        options.forEach(function (option, i) {
          if (chosen.indexOf(i) >= 0 && option.feedback) feedback.push(option.feedback);
        });
        return outcome(question, score, TYPES.multiple.maxScore(question), feedback, parts);
      },
      read: function (controls) {
        var picked = checkedValues(controls).map(function (v) { return parseInt(v, 10); });
        return picked.length ? picked.sort(function (a, b) { return a - b; }) : EMPTY;
      },
      write: function (controls, response) {
        controls.forEach(function (c) { c.checked = Array.isArray(response) && response.indexOf(parseInt(c.value, 10)) >= 0; });
      },
    },

    truefalse: {
      maxScore: function () { return 1; },
      grade: function (question, response) {
        if (typeof response !== "boolean") throw new Invalid(text("請回答「對」或「錯」。", "Answer true or false."));
        return outcome(question, response === question.answer ? 1 : 0, 1);
      },
      read: function (controls) { return radio.read(controls, function (v) { return v === "true"; }); },
      write: radio.write,
    },

    numeric: {
      maxScore: function () { return 1; },
      grade: function (question, response) {
        var value = number(response, question);
        var allowance = 1e-9 * Math.max(1, Math.abs(question.answer));
        var tolerance = question.tolerance || 0;
        return outcome(question, Math.abs(value - question.answer) <= tolerance + allowance ? 1 : 0, 1);
      },
      read: textField.read,
      write: textField.write,
    },

    ordering: {
      maxScore: function (question) { return (question.items.length * (question.items.length - 1)) / 2; },
      grade: function (question, response) {
        var n = question.items.length;
        var order = indexList(response, n, ITEM);
        exactLength(order, n, ITEM);
        var inOrder = 0;
        for (var i = 0; i < n; i++) {
          for (var j = i + 1; j < n; j++) if (order[i] < order[j]) inOrder++;
        }
        var parts = order.map(function (item, position) { return item === position; });
        // Which positions are wrong (1 = first), never which item belongs there.
        var wrong = [];
        parts.forEach(function (right, position) { if (!right) wrong.push(String(position + 1)); });
        var feedback = wrong.length ? [text("第 " + wrong.join("、") + " 個位置不對。", "Positions " + wrong.join(", ") + " are not right.")] : [];
        return outcome(question, inOrder, TYPES.ordering.maxScore(question), feedback, parts);
      },
      // Each select gives an item's position; the response lists items by position.
      read: function (controls) {
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
      },
      write: function (controls, response) {
        controls.forEach(function (c) {
          var position = Array.isArray(response) ? response.indexOf(parseInt(c.getAttribute("data-item"), 10)) : -1;
          c.value = position >= 0 ? String(position + 1) : "";
        });
      },
    },

    matching: {
      maxScore: function (question) { return question.pairs.length; },
      grade: function (question, response) {
        var n = question.pairs.length;
        var matches = indexList(response, n, MEANING, true);
        exactLength(matches, n, TERM);
        var parts = matches.map(function (match, term) { return match === term; });
        return outcome(question, count(parts), n, [], parts);
      },
      read: function (controls) {
        var matches = selectValues(controls);
        return matches.every(function (m) { return m === null; }) ? EMPTY : matches;
      },
      write: writeSelects,
    },

    text: {
      maxScore: function () { return 1; },
      grade: function (question, response) {
        var answer = normalizeText(textResponse(response));
        if (!answer) throw new Invalid(text("請先輸入答案。", "Type an answer first."));
        var accepted = question.accept.zh.concat(question.accept.en).map(normalizeText);
        return outcome(question, accepted.indexOf(answer) >= 0 ? 1 : 0, 1);
      },
      read: textField.read,
      write: textField.write,
    },

    classify: {
      maxScore: function (question) { return question.statements.length; },
      grade: function (question, response) {
        var statements = question.statements;
        var chosen = indexList(response, question.categories.length, CATEGORY, true, true);
        exactLength(chosen, statements.length, STATEMENT);
        var parts = statements.map(function (s, i) { return chosen[i] === s.category; });
        // Each statement placed wrong, by its words, never its category (the
        // bank's note on it may name the category: it shows with the answer).
        var feedback = [];
        statements.forEach(function (s, i) {
          if (!parts[i] && chosen[i] !== null) {
            feedback.push(text("「" + s.text.zh + "」：類別不對。", "\u201c" + s.text.en + "\u201d: not the right category."));
          }
        });
        return outcome(question, count(parts), statements.length, feedback, parts);
      },
      read: function (controls) {
        var chosen = selectValues(controls);
        return chosen.every(function (c) { return c === null; }) ? EMPTY : chosen;
      },
      write: writeSelects,
    },

    open: {
      maxScore: function (question) { return question.rubric.length; },
      grade: function (question, response) {
        var keys = response && typeof response === "object" && !Array.isArray(response) ? Object.keys(response).sort() : [];
        if (keys.length !== 2 || keys[0] !== "met" || keys[1] !== "text") {
          throw new Invalid(text("請寫下答案並勾選符合的標準。", 'Answer with {"text": your answer, "met": [criteria met]}.'));
        }
        if (!squash(textResponse(response.text, MAX_OPEN_TEXT))) throw new Invalid(text("請先寫下你的答案。", "Write your answer first."));
        var met = indexList(response.met, question.rubric.length, CRITERION);
        return {
          question_id: question.id,
          status: "self-assessed",
          score: met.length,
          max_score: question.rubric.length,
          points: points(question),
          feedback: [],
          explanation: question.explanation || null,
          message: null,
          parts: question.rubric.map(function (c, i) { return met.indexOf(i) >= 0; }),
        };
      },
      // controls: the text area, then one check box per criterion; the
      // criteria are hidden (in .lq-assess) until the model answer is shown.
      read: function (controls, node) {
        var value = controls[0].value;
        if (value.trim() === "") return EMPTY;
        var assess = node && node.querySelector(".lq-assess");
        if (assess && assess.hidden) return SHOW_MODEL;
        var met = [];
        controls.slice(1).forEach(function (c, i) { if (c.checked) met.push(i); });
        return { text: value, met: met };
      },
      write: function (controls, response) {
        var given = response && typeof response === "object" ? response : { text: "", met: [] };
        controls[0].value = given.text == null ? "" : String(given.text);
        controls.slice(1).forEach(function (c, i) { c.checked = Array.isArray(given.met) && given.met.indexOf(i) >= 0; });
      },
    },
  };

  function maxScore(question) {
    return TYPES[question.type].maxScore(question);
  }

  function invalid(question, message) {
    return {
      question_id: question.id,
      status: "invalid",
      score: 0,
      max_score: maxScore(question),
      points: points(question),
      feedback: [],
      explanation: null,
      message: message,
      parts: [],
    };
  }

  function grade(question, response) {
    if (!Object.prototype.hasOwnProperty.call(TYPES, question.type)) {
      throw new Error("lessons grader: unknown question type " + JSON.stringify(question.type));
    }
    if (response === null || response === undefined) {
      return invalid(question, text("尚未作答：請先作答再送出。", "No answer yet: answer first, then submit."));
    }
    try {
      return TYPES[question.type].grade(question, response);
    } catch (error) {
      if (error instanceof Invalid) return invalid(question, error.message);
      throw error;
    }
  }

  /* ---- progress: lessons.progress, the same table ------------------------ */

  function best(credits) {
    var found = null;
    credits.forEach(function (c) {
      if (found === null || c[0] * found[1] > found[0] * c[1]) found = c;
    });
    return found;
  }

  function progress(attempts, hints, instructorReveal) {
    var wrong = 0, solved = false, shown = false, assessed = false;
    var credits = [];
    (attempts || []).forEach(function (attempt) {
      var status = attempt.status;
      if (status === "invalid") return;
      var selfAssessed = status === "self-assessed";
      var late = !selfAssessed && (shown || attempt.revealed === true);
      var score = attempt.score || 0;
      var most = attempt.max_score === undefined ? 1 : attempt.max_score;
      credits.push([late ? 0 : score, most]);
      if (status === "correct") solved = true;
      else if (!selfAssessed) wrong += 1;
      assessed = assessed || selfAssessed;
      shown = shown || attempt.revealed === true || solved || wrong > hints || assessed;
    });
    return {
      attempts: credits.length,
      wrong: wrong,
      solved: solved,
      answer_shown: shown || instructorReveal === true,
      credits: credits,
      first: credits.length ? credits[0] : null,
      best: best(credits),
      last: credits.length ? credits[credits.length - 1] : null,
    };
  }

  /* Points for people: 1, 0.5, 0.33 -- to 2 places, a half rounded up
     (Math.round); quizui.format_points is its Python twin. */
  function formatPoints(value) {
    return String(Math.round(value * 100) / 100);
  }

  window.LessonsGrader = {
    grade: grade,
    formatPoints: formatPoints,
    maxScore: maxScore,
    progress: progress,
    types: TYPES,
    EMPTY: EMPTY,
    INCOMPLETE: INCOMPLETE,
    SHOW_MODEL: SHOW_MODEL,
    normalizeText: normalizeText,
    MAX_TEXT: MAX_TEXT,
    MAX_ITEMS: MAX_ITEMS,
  };
})();
