"""The one authority on whether an answer is right: ``grade(question, response)``.

Pure functions: no I/O, no widgets, no notebook state, no ``eval``, no
presentation. The browser port (``static/grader.js``) must agree with this
module on every case in ``tests/data/grading-vectors.json``; when they
disagree, the vectors decide. Each type's rule lives in its own module of
:mod:`lessons.qtypes`; this module dispatches and turns a malformed response
into an ``invalid`` grade.

Scores are exact fractions of the question: ``score`` / ``max_score``, two
whole numbers computed with integers only in both languages, so Python and
the browser agree exactly. A question is worth ``points`` (1 unless the bank
says ``points:``); the points earned are ``points × score / max_score``,
summed exactly (``fractions.Fraction``) and shown rounded to two decimals.

Each type's response and score are written in its module's docstring
(:mod:`lessons.qtypes.single` ...), the one place a type is described; the
response table of docs/architecture.md sums them up for authors.

Partial credit, and why:

* ``multiple`` uses net-correct scoring (PrairieLearn's "PC"): every wrong
  option chosen cancels a right one, so ticking everything, or nothing,
  earns nothing; ``parts`` holds the decision per option.
* ``ordering`` earns a pair per two items in the right relative order
  (Kendall's tau): one event at the wrong end costs a few pairs, not all.
* ``matching`` and ``classify`` earn a part per term or statement.
* Every other auto-graded type is all or nothing.

Status is ``correct`` (score == max_score), ``incorrect`` (0) or ``partial``
(``self-assessed`` for ``open``). A malformed response (None, the wrong
type, a bool where an index is expected, an index out of range, duplicates,
the wrong length, NaN or infinity, a number beyond 1e15, text over 1000
characters, a list over 1000 items) never raises: it gets status
``invalid``, score 0, and a bilingual ``message`` that says what to fix. An
index may be written 2 or 2.0 because JSON (and the browser) cannot tell
them apart.

Text is normalised before comparing (:func:`lessons.textnorm.normalize_text`):
Unicode NFKC, lower case, every punctuation character dropped (Unicode
category P*), white space collapsed and trimmed. A numeric response given as
text is read after NFKC and trimming; it may use thousands separators
("1,991") and end with the question's unit ("1991年"). Numbers are compared
with a round-off allowance of 1e-9 × max(1, |answer|).

Which attempt counts, and when an answer counts as shown, is
:mod:`lessons.progress`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import qtypes
from .bilingual import Text
from .model import MAX_ITEMS, STATUSES, Grade, InvalidResponse, Question
from .quizbank import question_from_dict
from .textnorm import normalize_text

__all__ = ["MAX_ITEMS", "STATUSES", "Grade", "grade", "max_score", "normalize_text"]


def max_score(question: Question) -> int:
    """The denominator of ``question``'s score (its score is a fraction of its points)."""
    return qtypes.of(question).max_score(question)


def grade(question: Question | Mapping, response: Any) -> Grade:
    """Grade ``response`` (a JSON value) to ``question``; never raises for a bad response.

    ``question`` is a validated :class:`~lessons.model.Question` or a
    bank-style mapping (validated here; a broken question raises BankError,
    which is the author's problem, not the student's).

    Feedback: the feedback of every option the student chose (``single``,
    ``multiple``); which statements are placed wrong (``classify``) or which
    positions are wrong (``ordering``), never the key, so a retry is still
    a real try; the answer, once shown, carries every option's and
    statement's note.
    """
    if not isinstance(question, Question):
        question = question_from_dict(question)
    if response is None:
        return _invalid(question, Text("尚未作答：請先作答再送出。", "No answer yet: answer first, then submit."))
    try:
        return qtypes.of(question).grade(question, response)
    except InvalidResponse as problem:
        return _invalid(question, problem.message)


def _invalid(question: Question, message: Text) -> Grade:
    return Grade(
        question_id=question.id,
        status="invalid",
        score=0,
        max_score=max_score(question),
        points=question.points,
        message=message,
    )
