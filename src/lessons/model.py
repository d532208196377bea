"""The quiz model: what a validated question, a bank and a grade are.

Plain frozen dataclasses, no I/O and no presentation. It sits below both
the bank loader (:mod:`lessons.quizbank`, which builds them) and the grader
(:mod:`lessons.grading`, which reads them), so neither imports the other's
internals and the package's import graph stays one-way
(tests/test_imports.py checks it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from .bilingual import Text
from .problems import LoadError, Problem  # noqa: F401  (Problem: re-exported, the bank loader and the types import it from here)

#: Longest accepted text answer; the grader refuses longer responses too.
MAX_TEXT = 1000
#: Longest written answer to an ``open`` question (a model answer may run
#: to a thousand characters; a student's should have room to match it).
MAX_OPEN_TEXT = 2000
#: Longest list response read; longer ones are invalid before any work is done.
MAX_ITEMS = 1000
#: Largest magnitude of a numeric answer or response. Every whole number up
#: to it is exact in both Python and the browser's doubles, so both graders agree.
MAX_NUMBER = 1e15

#: ``self-assessed`` is the status of an ``open`` answer: the student ticked
#: the rubric criteria they met; it is never right or wrong.
STATUSES = ("correct", "partial", "incorrect", "self-assessed", "invalid")
LEVELS = ("recall", "understand", "apply", "analyse", "evaluate")
#: Levels that ask for more than recognising: a lesson needs 40 % of these.
HIGHER_LEVELS = ("apply", "analyse", "evaluate")


@dataclass(frozen=True)
class Option:
    """One choice of a ``single`` or ``multiple`` question."""

    text: Text
    correct: bool = False
    feedback: Text | None = None


@dataclass(frozen=True)
class Pair:
    """One ``matching`` pair: a term and the meaning that belongs to it."""

    term: Text
    match: Text


@dataclass(frozen=True)
class Statement:
    """One ``classify`` statement and the index of the category it belongs to."""

    text: Text
    category: int
    feedback: Text | None = None


@dataclass(frozen=True)
class Accepted:
    """The accepted answers of a ``text`` question, per language. The first
    of each list is the canonical answer that "reveal" shows; the rest are
    variants kept only for matching."""

    zh: tuple[str, ...]
    en: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return self.zh + self.en

    def canonical(self) -> Text:
        return Text(self.zh[0], self.en[0])


@dataclass(frozen=True)
class Objective:
    """One learning objective of a lesson (verbatim from its page)."""

    id: str
    text: Text


@dataclass(frozen=True)
class Question:
    """One validated question. Fields a type does not use are empty/None.

    ``raw`` is the validated mapping as written in the bank (plain JSON
    types): the published page embeds it for the browser grader, and
    :attr:`content_hash` identifies this exact version of the question in
    exported answers. Treat it as read-only.
    """

    id: str
    type: str
    prompt: Text
    options: tuple[Option, ...] = ()
    answer: bool | int | float | None = None
    tolerance: float = 0
    unit: Text | None = None
    items: tuple[Text, ...] = ()
    pairs: tuple[Pair, ...] = ()
    accept: Accepted | None = None
    categories: tuple[Text, ...] = ()
    statements: tuple[Statement, ...] = ()
    model_answer: Text | None = None
    rubric: tuple[Text, ...] = ()
    hints: tuple[Text, ...] = ()
    explanation: Text | None = None
    section: str = ""
    level: str | None = None
    objective: str | None = None
    points: int | float = 1
    tryit: bool = False
    line: int | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property  # the gradebook asks once per answer; raw never changes
    def content_hash(self) -> str:
        """First 12 hex digits of the SHA-256 of ``raw`` as canonical JSON."""
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    @cached_property
    def weight(self) -> Fraction:
        """The question's points as an exact fraction (0.5 is 1/2, not a float)."""
        return Fraction(str(self.points))


@dataclass(frozen=True)
class Bank:
    """A lesson's quiz bank: its objectives and its questions in the order written."""

    path: Path
    lesson: str
    title: Text
    questions: tuple[Question, ...]
    objectives: tuple[Objective, ...] = ()

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError naming the known ids otherwise."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise KeyError(f"no question {question_id!r} in {self.lesson} (its questions: {known})")

    def quiz_questions(self, ids: list[str] | tuple[str, ...] | None = None) -> tuple[Question, ...]:
        """The questions a quiz shows: those named by ``ids`` (in that order;
        KeyError for an unknown id), else every question not marked ``tryit``."""
        if ids is None:
            return tuple(q for q in self.questions if not q.tryit)
        return tuple(self.question(qid) for qid in ids)


class BankError(LoadError):
    """A bank (or question) that cannot be used; ``problems`` lists them all
    (each a :class:`~lessons.problems.Problem` whose subject is the question id)."""


class InvalidResponse(Exception):
    """A malformed response, raised inside the graders; never escapes
    :func:`lessons.grading.grade`, which turns it into an ``invalid`` grade."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.message = Text(zh, en)


@dataclass(frozen=True)
class Grade:
    """The grade of one response to one question.

    ``score`` / ``max_score`` is the exact fraction of the question earned
    (two whole numbers: both graders compute them with integers only, so
    Python and the browser agree exactly). ``points`` is what the question
    is worth (1 unless the bank says ``points:``); the points earned are
    ``points * score / max_score`` (:attr:`earned`, an exact Fraction).
    ``feedback`` is what to show the student now, ``explanation`` the
    question's explanation (None when the response is invalid), ``message``
    what to fix when ``status`` is ``invalid`` (else None), ``parts`` the
    per-option, per-statement or per-position result where a type has parts.
    """

    question_id: str
    status: str
    score: int
    max_score: int
    points: int | float = 1
    feedback: tuple[Text, ...] = ()
    explanation: Text | None = None
    message: Text | None = None
    parts: tuple[bool, ...] = ()

    @property
    def fraction(self) -> Fraction:
        """The share of the question earned, 0 to 1, exact."""
        return Fraction(self.score, self.max_score)

    @property
    def earned(self) -> Fraction:
        """The points earned, exact."""
        return Fraction(str(self.points)) * self.fraction

    def to_dict(self) -> dict:
        """Plain JSON data, the same shape as ``LessonsGrader.grade`` in the browser."""
        return {
            "question_id": self.question_id,
            "status": self.status,
            "score": self.score,
            "max_score": self.max_score,
            "points": self.points,
            "feedback": [text.to_dict() for text in self.feedback],
            "explanation": self.explanation.to_dict() if self.explanation else None,
            "message": self.message.to_dict() if self.message else None,
            "parts": list(self.parts),
        }

    def _repr_html_(self) -> Markup:
        # Presentation lives with the quiz's words, not in the model.
        from .gradeview import grade_html

        return grade_html(self)
