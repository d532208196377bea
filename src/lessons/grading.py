"""The one authority on whether an answer is right: ``grade(question, response)``.

Pure functions: no I/O, no widgets, no notebook state, no ``eval``. The
browser port (``static/grader.js``) must agree with this module on every case
in ``tests/data/grading-vectors.json``; when they disagree, the vectors decide.

Responses are JSON values, one shape per type, and scores are whole numbers:

========== ======================================= ========== ==============================
type       response                                max_score  score
========== ======================================= ========== ==============================
single     option index (0-based int)              1          1 if it is the correct option
multiple   list of distinct option indices         n options  options decided right
truefalse  true / false                            1          1 if equal to the answer
numeric    number, or text such as "１９９１"      1          1 if abs(r - answer) <= tolerance
ordering   item indices in the student's order     n(n-1)/2   pairs in the right relative order
matching   item i = match index for term i, or     n pairs    terms matched right
           null (not matched yet)
text       string                                  1          1 if it equals an accepted answer
                                                              once both are normalised
========== ======================================= ========== ==============================

Partial credit, and why:

* ``multiple`` follows PrairieLearn's "each correct selection plus each
  correct non-selection": every option is a true/false decision, and each one
  decided right (chosen and correct, or left out and wrong) earns a point. So
  ticking everything, or nothing, never earns full marks; ``parts`` holds the
  decision per option.
* ``ordering`` earns one point per pair of items the student put in the right
  relative order (n(n-1)/2 minus the inversions, as in Kendall's tau). Moving
  one event to the wrong end costs a few points, not all of them. ``parts``
  says, per position, whether the right item is there.
* ``matching`` earns a point per term matched to its own meaning; ``parts``
  holds one flag per term.
* Every other type is all or nothing.

Status is ``correct`` (score == max_score), ``incorrect`` (0) or ``partial``.
A malformed response (None, the wrong type, a bool where an index is
expected, an index out of range, duplicates, the wrong length, NaN or
infinity, a number beyond 1e15, text over 1000 characters, a list over 1000
items) never raises: it gets status ``invalid``, score 0, and a bilingual
``message`` that says what to fix. An index may be written 2 or 2.0 because
JSON (and the browser) cannot tell them apart.

Text is normalised before comparing (:func:`normalize_text`): Unicode NFKC
(full-width letters and digits become ASCII), lower case (``str.lower``, which
JavaScript's ``toLowerCase`` matches), every punctuation character dropped
(Unicode category P*: 「」“”"。，、.- …), white space collapsed and trimmed.
A numeric response given as text is read after NFKC and trimming; it may use
thousands separators ("1,991") and end with the question's unit ("1991年").
Numbers are compared with a round-off allowance of 1e-9 × max(1, |answer|)
so that, say, 0.4 is within 0.1 of 0.3 as a person expects.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .bilingual import CSS_CLASS, EN, ZH, Text
from .quizbank import MAX_NUMBER, MAX_TEXT, Question, question_from_dict

STATUSES = ("correct", "partial", "incorrect", "invalid")
#: Longest list response read; longer ones are invalid before any work is done.
MAX_ITEMS = 1000

# The same white-space set as grader.js (Python's and JavaScript's \s differ).
_WHITESPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# Digits are ASCII only after NFKC: Python's \d would accept other scripts, JS's not.
_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Grade:
    """The grade of one response to one question.

    ``score`` is a whole number in [0, ``max_score``]. ``feedback`` is what to
    show the student now (see :func:`grade`), ``explanation`` the question's
    explanation (None when the response is invalid), ``message`` what to fix
    when ``status`` is ``invalid`` (else None), ``parts`` the per-option,
    per-pair or per-position result where a type has parts.
    """

    question_id: str
    status: str
    score: int
    max_score: int
    feedback: tuple[Text, ...] = ()
    explanation: Text | None = None
    message: Text | None = None
    parts: tuple[bool, ...] = ()

    @property
    def points(self) -> float:
        """The score as a fraction of the maximum, 0.0 to 1.0."""
        return self.score / self.max_score

    def to_dict(self) -> dict:
        """Plain JSON data, the same shape as ``LessonsGrader.grade`` in the browser."""
        return {
            "question_id": self.question_id,
            "status": self.status,
            "score": self.score,
            "max_score": self.max_score,
            "feedback": [text.to_dict() for text in self.feedback],
            "explanation": self.explanation.to_dict() if self.explanation else None,
            "message": self.message.to_dict() if self.message else None,
            "parts": list(self.parts),
        }

    def _repr_html_(self) -> str:
        symbol, label = STATUS_LABELS[self.status]
        rows = [
            f'<p class="lessons-grade-status"><strong><span aria-hidden="true">{symbol}</span> '
            f"{_pair(label)}</strong> · {self.score} / {self.max_score}</p>"
        ]
        if self.message:
            rows.append(f'<div class="lessons-grade-message">{_pair(self.message, "p")}</div>')
        if self.parts:
            marks = " ".join(STATUS_LABELS["correct" if part else "incorrect"][0] for part in self.parts)
            rows.append(f'<p class="lessons-grade-parts">{_pair(PARTS_LABEL)}: {marks}</p>')
        if self.feedback:
            items = "".join(f"<li>{_pair(text)}</li>" for text in self.feedback)
            rows.append(f'<ul class="lessons-grade-feedback">{items}</ul>')
        if self.explanation:
            rows.append(f'<div class="lessons-grade-explanation">{_pair(self.explanation, "p")}</div>')
        return (
            f'<div class="lessons-grade lessons-grade-{html.escape(self.status)}" '
            f'data-question="{html.escape(self.question_id)}">{"".join(rows)}</div>'
        )


#: Each status as a symbol and in words, so it never depends on colour
#: alone. The one table: Grade._repr_html_, the live quiz (widgets.py) and
#: the book's quiz (quizhtml.UI, which hands it to quiz.js as JSON) all read it.
STATUS_LABELS = {
    "correct": ("✓", Text("正確", "Correct")),
    "partial": ("◐", Text("部分正確", "Partly correct")),
    "incorrect": ("✗", Text("不正確", "Incorrect")),
    "invalid": ("⚠", Text("無法批改這個答案", "This answer cannot be checked")),
}
PARTS_LABEL = Text("各部分", "Parts")


def _pair(text: Text, tag: str = "span") -> str:
    """Both languages, escaped, each with its lang attribute, separated by a space."""
    return (
        f'<{tag} lang="{ZH}" class="{CSS_CLASS[ZH]}">{html.escape(text.zh)}</{tag}> '
        f'<{tag} lang="{EN}" class="{CSS_CLASS[EN]}">{html.escape(text.en)}</{tag}>'
    )


# --- Text --------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """NFKC, lower case, punctuation dropped, white space collapsed and trimmed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _squash("".join(char for char in text if not unicodedata.category(char).startswith("P")))


def _squash(text: str) -> str:
    """White space collapsed to single spaces and trimmed (grader.js: squash)."""
    return _WHITESPACE.sub(" ", text).strip(" ")


# --- Reading responses ---------------------------------------------------------


class _Invalid(Exception):
    """Raised inside this module for a malformed response; never escapes grade()."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.message = Text(zh, en)


def _index(value: Any, count: int, noun: Text) -> int:
    """An index in [0, count): an int, or a whole float (JSON cannot tell 2 from 2.0)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(f"請用{noun.zh}的編號作答。", f"Answer with the number of a {noun.en}.")
    if isinstance(value, float) and not value.is_integer():
        raise _Invalid(f"{noun.zh}編號必須是整數。", f"A {noun.en} number must be a whole number.")
    if not 0 <= value < count:
        raise _Invalid(
            f"沒有這個{noun.zh}：請從 {count} 個{noun.zh}中選擇。",
            f"There is no such {noun.en}: choose one of the {count}.",
        )
    return int(value)


def _index_list(value: Any, count: int, noun: Text, allow_empty_slots: bool = False) -> list[int | None]:
    """A list (or tuple) of distinct indices; ``None`` entries only if allowed."""
    if not isinstance(value, (list, tuple)):
        raise _Invalid(f"請以{noun.zh}編號的清單作答。", f"Answer with a list of {noun.en} numbers.")
    if len(value) > MAX_ITEMS:
        raise _Invalid(f"作答清單太長（超過 {MAX_ITEMS} 項）。", f"The answer list is too long (over {MAX_ITEMS} entries).")
    indices = [None if entry is None and allow_empty_slots else _index(entry, count, noun) for entry in value]
    chosen = [index for index in indices if index is not None]
    if len(set(chosen)) != len(chosen):
        raise _Invalid(f"每個{noun.zh}只能用一次。", f"Use each {noun.en} only once.")
    return indices


def _exact_length(indices: list, count: int, noun: Text) -> None:
    if len(indices) != count:
        raise _Invalid(
            f"請為全部 {count} 個{noun.zh}作答（收到 {len(indices)} 個）。",
            f"Give all {count} {noun.en}s (got {len(indices)}).",
        )


def _number(value: Any, question: Question) -> float | int:
    """A finite number no larger than MAX_NUMBER, given as a number or as text."""
    if isinstance(value, str):
        value = _parse_number_text(value, question)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid("請輸入一個數字，例如 1991。", "Type a number, for example 1991.")
    if isinstance(value, float) and math.isnan(value):
        raise _Invalid("請輸入一個數字，例如 1991。", "Type a number, for example 1991.")
    if not abs(value) <= MAX_NUMBER:  # also catches infinity
        raise _Invalid("這個數字太大了：請輸入合理的數值。", "That number is too large: type a realistic value.")
    return value


def _parse_number_text(text: str, question: Question) -> float:
    if len(text) > MAX_TEXT:
        raise _Invalid(f"作答太長（超過 {MAX_TEXT} 個字）。", f"The answer is too long (over {MAX_TEXT} characters).")
    lowered = _squash(unicodedata.normalize("NFKC", text)).lower()
    if question.unit:
        for unit in (question.unit.zh, question.unit.en):
            suffix = _squash(unicodedata.normalize("NFKC", unit)).lower()
            if suffix and lowered.endswith(suffix):
                lowered = _squash(lowered[: -len(suffix)])
                break
    if not _NUMBER.fullmatch(lowered):
        raise _Invalid("請輸入一個數字，例如 1991。", "Type a number, for example 1991.")
    return float(lowered.replace(",", ""))


# --- Grading per type ------------------------------------------------------------

OPTION = Text("選項", "option")
ITEM = Text("項目", "item")
MEANING = Text("配對", "match")


def _outcome(question: Question, score: int, max_score: int, feedback=(), parts=()) -> Grade:
    status = "correct" if score == max_score else "incorrect" if score == 0 else "partial"
    return Grade(
        question_id=question.id,
        status=status,
        score=score,
        max_score=max_score,
        feedback=tuple(feedback),
        explanation=question.explanation,
        parts=tuple(parts),
    )


def _grade_single(question: Question, response: Any) -> Grade:
    chosen = _index(response, len(question.options), OPTION)
    option = question.options[chosen]
    feedback = [option.feedback] if option.feedback else []
    return _outcome(question, int(option.correct), 1, feedback)


def _grade_multiple(question: Question, response: Any) -> Grade:
    chosen = set(_index_list(response, len(question.options), OPTION))
    parts = [(number in chosen) == option.correct for number, option in enumerate(question.options)]
    feedback = [o.feedback for number, o in enumerate(question.options) if number in chosen and o.feedback]
    return _outcome(question, sum(parts), len(parts), feedback, parts)


def _grade_truefalse(question: Question, response: Any) -> Grade:
    if not isinstance(response, bool):
        raise _Invalid("請回答「對」或「錯」。", "Answer true or false.")
    return _outcome(question, int(response == question.answer), 1)


def _grade_numeric(question: Question, response: Any) -> Grade:
    value = _number(response, question)
    allowance = 1e-9 * max(1, abs(question.answer))
    return _outcome(question, int(abs(value - question.answer) <= question.tolerance + allowance), 1)


def _grade_ordering(question: Question, response: Any) -> Grade:
    count = len(question.items)
    order = _index_list(response, count, ITEM)
    _exact_length(order, count, ITEM)
    in_order = sum(1 for i in range(count) for j in range(i + 1, count) if order[i] < order[j])
    parts = [item == position for position, item in enumerate(order)]
    return _outcome(question, in_order, count * (count - 1) // 2, parts=parts)


def _grade_matching(question: Question, response: Any) -> Grade:
    count = len(question.pairs)
    matches = _index_list(response, count, MEANING, allow_empty_slots=True)
    _exact_length(matches, count, Text("詞語", "term"))
    parts = [match == term for term, match in enumerate(matches)]
    return _outcome(question, sum(parts), count, parts=parts)


def _grade_text(question: Question, response: Any) -> Grade:
    if not isinstance(response, str):
        raise _Invalid("請輸入文字答案。", "Type your answer as text.")
    if len(response) > MAX_TEXT:
        raise _Invalid(f"作答太長（超過 {MAX_TEXT} 個字）。", f"The answer is too long (over {MAX_TEXT} characters).")
    answer = normalize_text(response)
    if not answer:
        raise _Invalid("請先輸入答案。", "Type an answer first.")
    accepted = {normalize_text(text) for text in question.accept.all()}
    return _outcome(question, int(answer in accepted), 1)


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "truefalse": _grade_truefalse,
    "numeric": _grade_numeric,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
    "text": _grade_text,
}


def max_score(question: Question) -> int:
    """The most a response to ``question`` can score."""
    if question.type == "multiple":
        return len(question.options)
    if question.type == "ordering":
        return len(question.items) * (len(question.items) - 1) // 2
    if question.type == "matching":
        return len(question.pairs)
    return 1


def grade(question: Question | Mapping, response: Any) -> Grade:
    """Grade ``response`` (a JSON value) to ``question``; never raises for a bad response.

    ``question`` is a validated :class:`~lessons.quizbank.Question` or a
    bank-style mapping (validated here; a broken question raises BankError,
    which is the author's problem, not the student's).

    Feedback: the feedback of every option the student chose (``single``,
    ``multiple``), so a retry is still a real try; every option's feedback,
    chosen or not, is shown with the answer once it is revealed (see
    lessons.quizhtml.answer_lines). Other types carry no per-answer feedback.
    """
    if not isinstance(question, Question):
        question = question_from_dict(question)
    if response is None:
        return _invalid(question, Text("尚未作答：請先作答再送出。", "No answer yet: answer first, then submit."))
    try:
        return _GRADERS[question.type](question, response)
    except _Invalid as problem:
        return _invalid(question, problem.message)


def _invalid(question: Question, message: Text) -> Grade:
    return Grade(question_id=question.id, status="invalid", score=0, max_score=max_score(question), message=message)
