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

========== ======================================= ============ ==========================================
type       response                                max_score    score
========== ======================================= ============ ==========================================
single     option index (0-based int)              1            1 if it is the correct option
multiple   list of distinct option indices         right opts   right chosen − wrong chosen, floored at 0;
                                                                nothing or every option chosen: 0
truefalse  true / false                            1            1 if equal to the answer
numeric    number, or text such as "１９９１"      1            1 if abs(r - answer) <= tolerance
ordering   item indices in the student's order     n(n-1)/2     pairs in the right relative order
matching   item i = match index for term i, or     n pairs      terms matched right
           null (not matched yet)
text       string                                  1            1 if it equals an accepted answer
                                                                once both are normalised
classify   item i = category index for statement   n statements statements placed right
           i, or null
open       {"text": str, "met": [criteria]}        n criteria   criteria the student ticked (status
                                                                ``self-assessed``: never right/wrong)
========== ======================================= ============ ==========================================

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
    ``multiple``) or statement placed wrong (``classify``), so a retry is
    still a real try; the answer, once shown, carries every option's.
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
