"""What the rest of the package asks of a question type: :class:`QuestionType`.

Each module of :mod:`lessons.qtypes` implements it (a module satisfies a
Protocol by its names, as PEP 544 allows; mypy checks the ``TYPES`` table
against it, and tests/test_qtypes.py checks every registered module at run
time and grades each type's sample responses). Nothing outside
``lessons.qtypes`` branches on ``question.type``: the loader, grader, form,
worksheet, answer key, live quiz, gradebook and the synthetic classes all
call these.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from markupsafe import Markup

from ..bilingual import Text
from ..model import Grade, Question


@runtime_checkable
class QuestionType(Protocol):
    #: The ``type:`` written in a bank.
    NAME: str
    #: The hint after the prompt, e.g. "(choose one)".
    LABEL: Text
    #: The bank keys the type adds (the first is required).
    KEYS: tuple[str, ...]
    #: How to write the required key, for error messages.
    EXAMPLE: str
    #: The tag of the answer's list: "ol" when the order is the answer, else "ul".
    ANSWER_LIST: str

    def fields(self, mapping: Mapping, report: Any, /) -> dict:
        """The Question fields read from the bank mapping; problems go to ``report``."""

    def max_score(self, question: Question, /) -> int:
        """The denominator of the question's score."""

    def grade(self, question: Question, response: Any, /) -> Grade:
        """The grade of a response; raises InvalidResponse for a malformed one."""

    def answer_lines(self, question: Question, /) -> list[Text]:
        """The answer as lines of text (what reveal shows)."""

    def html_controls(self, question: Question, qid: str, /) -> Markup:
        """The book form's controls (static HTML)."""

    def worksheet_body(self, question: Question, /) -> Markup:
        """The printed worksheet's body of the question (boxes, lines; no answer)."""

    def choices(self, question: Question, /) -> list[tuple[Text, bool]]:
        """(label, correct) per option the item analysis counts; [] if the type has none."""

    def picks(self, question: Question, response: Any, index: int, /) -> bool:
        """Whether ``response`` chose option ``index``, read as the grader reads it
        (a malformed response chooses nothing)."""

    def sample_response(self, question: Question, rng: random.Random, /, knows: bool = True, language: str = "en") -> Any:
        """A synthetic response: the right one when ``knows``, else a typical slip
        (the sample class and the benchmarks; an ``open`` answer self-assesses at random)."""

    def widget_controls(self, view: Any, /) -> list:
        """The live quiz's answer widgets."""

    def widget_relabel(self, view: Any, mode: str, /) -> None:
        """Labels in a language mode."""

    def widget_read(self, view: Any, /) -> Any:
        """The response in the widgets, or EMPTY / INCOMPLETE / SHOW_MODEL."""

    def widget_write(self, view: Any, response: Any, /) -> None:
        """Put a stored response back in the widgets: what they can hold of it
        (read as the grader reads it); never raises, so a malformed stored
        value leaves the controls empty and a typed text is kept."""
