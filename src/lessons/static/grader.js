/* grader.js: the browser port of lessons.grading (src/lessons/grading.py).
 *
 * The published book has no kernel, so its quiz forms grade in the page with
 * this file. Python is the authority: both must pass every case in
 * tests/data/grading-vectors.json, and tests/test_grader_js.py also checks
 * that this port returns exactly what grading.py returns (messages included).
 * The rules (partial credit, normalisation, invalid responses) are written
 * out in grading.py's module docstring; keep the two in step.
 *
 * API: window.LessonsGrader.grade(question, response) where question is the
 * bank-style mapping (Question.raw) and response a JSON value; returns
 * {question_id, status, score, max_score, feedback: [{zh, en}], explanation,
 * message, parts}. It never throws for a bad response.
 * window.LessonsGrader.normalizeText(s) is the text normalisation.
 */
(function () {
  "use strict";

  var MAX_TEXT = 1000;
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
  var NUMBER_PLEASE = text("請輸入一個數字，例如 1991。", "Type a number, for example 1991.");

  function squash(s) {
    return s.replace(WHITESPACE, " ").replace(/^ | $/g, "");
  }

  function normalizeText(s) {
    return squash(s.normalize("NFKC").toLowerCase().replace(PUNCTUATION, ""));
  }

  // Length in code points, as Python's len() counts (not UTF-16 units).
  function tooLong(s) {
    return s.length > MAX_TEXT && Array.from(s).length > MAX_TEXT;
  }

  function Invalid(message) {
    this.message = message;
  }

  function tooLongText() {
    return new Invalid(text("作答太長（超過 " + MAX_TEXT + " 個字）。", "The answer is too long (over " + MAX_TEXT + " characters)."));
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

  function indexList(value, count, noun, allowEmptySlots) {
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
      if (i === null) return;
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

  function maxScore(question) {
    if (question.type === "multiple") return question.options.length;
    if (question.type === "ordering") return (question.items.length * (question.items.length - 1)) / 2;
    if (question.type === "matching") return question.pairs.length;
    return 1;
  }

  function outcome(question, score, max, feedback, parts) {
    return {
      question_id: question.id,
      status: score === max ? "correct" : score === 0 ? "incorrect" : "partial",
      score: score,
      max_score: max,
      feedback: feedback || [],
      explanation: question.explanation || null,
      message: null,
      parts: parts || [],
    };
  }

  function count(flags) {
    return flags.filter(Boolean).length;
  }

  var graders = {
    single: function (question, response) {
      var options = question.options;
      var option = options[index(response, options.length, OPTION)];
      var feedback = option.feedback ? [option.feedback] : [];
      return outcome(question, option.correct ? 1 : 0, 1, feedback);
    },

    multiple: function (question, response) {
      var chosen = indexList(response, question.options.length, OPTION);
      var parts = question.options.map(function (option, i) {
        return chosen.indexOf(i) >= 0 === (option.correct === true);
      });
      var feedback = [];
      question.options.forEach(function (option, i) {
        if (chosen.indexOf(i) >= 0 && option.feedback) feedback.push(option.feedback);
      });
      return outcome(question, count(parts), parts.length, feedback, parts);
    },

    truefalse: function (question, response) {
      if (typeof response !== "boolean") throw new Invalid(text("請回答「對」或「錯」。", "Answer true or false."));
      return outcome(question, response === question.answer ? 1 : 0, 1);
    },

    numeric: function (question, response) {
      var value = number(response, question);
      var allowance = 1e-9 * Math.max(1, Math.abs(question.answer));
      var tolerance = question.tolerance || 0;
      return outcome(question, Math.abs(value - question.answer) <= tolerance + allowance ? 1 : 0, 1);
    },

    ordering: function (question, response) {
      var n = question.items.length;
      var order = indexList(response, n, ITEM);
      exactLength(order, n, ITEM);
      var inOrder = 0;
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) if (order[i] < order[j]) inOrder++;
      }
      var parts = order.map(function (item, position) { return item === position; });
      return outcome(question, inOrder, (n * (n - 1)) / 2, [], parts);
    },

    matching: function (question, response) {
      var n = question.pairs.length;
      var matches = indexList(response, n, MEANING, true);
      exactLength(matches, n, TERM);
      var parts = matches.map(function (match, term) { return match === term; });
      return outcome(question, count(parts), n, [], parts);
    },

    text: function (question, response) {
      if (typeof response !== "string") throw new Invalid(text("請輸入文字答案。", "Type your answer as text."));
      if (tooLong(response)) throw tooLongText();
      var answer = normalizeText(response);
      if (!answer) throw new Invalid(text("請先輸入答案。", "Type an answer first."));
      var accepted = question.accept.zh.concat(question.accept.en).map(normalizeText);
      return outcome(question, accepted.indexOf(answer) >= 0 ? 1 : 0, 1);
    },
  };

  function invalid(question, message) {
    return {
      question_id: question.id,
      status: "invalid",
      score: 0,
      max_score: maxScore(question),
      feedback: [],
      explanation: null,
      message: message,
      parts: [],
    };
  }

  function grade(question, response) {
    if (!Object.prototype.hasOwnProperty.call(graders, question.type)) {
      throw new Error("lessons grader: unknown question type " + JSON.stringify(question.type));
    }
    if (response === null || response === undefined) {
      return invalid(question, text("尚未作答：請先作答再送出。", "No answer yet: answer first, then submit."));
    }
    try {
      return graders[question.type](question, response);
    } catch (error) {
      if (error instanceof Invalid) return invalid(question, error.message);
      throw error;
    }
  }

  window.LessonsGrader = { grade: grade, normalizeText: normalizeText, MAX_TEXT: MAX_TEXT, MAX_ITEMS: MAX_ITEMS };
})();
