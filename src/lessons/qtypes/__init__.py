"""Question types, one module each, and the one table that registers them.

A type's module holds everything about it (PrairieLearn's elements work the
same way); :class:`~lessons.qtypes.protocol.QuestionType` is the contract,
and nothing outside this package branches on a question's type:

=================== ============================================================
``NAME``            the ``type:`` written in a bank
``LABEL``           the hint after the prompt, e.g. "(choose one)"
``KEYS``            the bank keys the type adds (the first is required)
``EXAMPLE``         how to write the required key, for error messages
``ANSWER_LIST``     "ol" when the order is the answer (ordering), else "ul"
``fields``          (mapping, report) -> Question fields; reports problems
``max_score``       (question) -> the denominator of its score (an int)
``grade``           (question, response) -> Grade; raises InvalidResponse
``answer_lines``    (question) -> the answer as lines of text (what reveal shows)
``html_controls``   (question, qid) -> the book form's controls (static HTML)
``worksheet_body``  (question) -> the printed worksheet's boxes and lines
``choices``         (question) -> [(label, correct)] the item analysis counts, or []
``picks``           (question, response, index) -> whether it chose that option
``sample_response`` (question, rng, knows, language) -> a synthetic response
``widget_controls`` (view) -> the live quiz's widgets
``widget_relabel``  (view, mode) -> labels in a language mode
``widget_read``     (view) -> the response, or EMPTY / INCOMPLETE / SHOW_MODEL
``widget_write``    (view, response) -> a stored response back in the widgets
``widget_refresh``  optional (view) -> redraw what depends on progress
=================== ============================================================

Its browser twin is the entry of the same name in ``static/grader.js``
(grading, reading and writing the form's controls). Adding a type: a
module here, a line in :data:`TYPES`, an entry in grader.js, vectors in
tests/data/grading-vectors.json and a row in docs (CONTRIBUTING.md).
"""

from __future__ import annotations

from . import classify, matching, multiple, numeric, open_answer, ordering, single, text, truefalse
from .protocol import QuestionType

#: Every question type, by the name written in a bank (in the order docs list them).
_MODULES: tuple[QuestionType, ...] = (single, multiple, truefalse, numeric, ordering, matching, text, classify, open_answer)
TYPES: dict[str, QuestionType] = {module.NAME: module for module in _MODULES}


def of(question) -> QuestionType:
    """The module of ``question``'s type."""
    return TYPES[question.type]
