"""A class's results: scores by the instructor's counting policy, attempts,
per-lesson subtotals (here); the item analysis, options chosen and open
answers (:mod:`.items`); the summary and charts (:mod:`.report`).

Which attempt counts is :mod:`lessons.progress`'s rule, the same one the
book and the live quiz apply: by default the **first** valid attempt
(``count="first"``; ``best`` and ``last`` are the alternatives), and an
attempt made once the answer was shown earns nothing. Every question is
worth its ``points`` (1 by default); a score is that many points times the
exact fraction earned. Sums stay exact without slow Fraction arithmetic:
every earned amount is kept as a whole number of *units*, 1/``unit`` of a
point, where ``unit`` is the least common multiple of every question's
denominator (max_score × the denominator of its points); totals are sums of
integers, shown as decimals.

``open`` questions are self-assessed: they are in no score or total and
never right or wrong; :meth:`ClassResults.open_answers` lists them for the
instructor to read, with the self-assessed score beside each, and the item
analysis gives their mean self-assessment only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..bilingual import BOTH
from ..grading import max_score
from ..model import Bank, Question
from ..progress import progress
from .chart import CSV_ENCODING, save_chart, spreadsheet_safe
from .items import CHOICE_TYPES, SELF_ASSESSED, ItemAnalysis, _choices, _picks, quiz_numbers  # noqa: F401  (where the class view and tests read choices)
from .report import Report

__all__ = ["CHOICE_TYPES", "SELF_ASSESSED", "ClassResults", "quiz_numbers"]


@dataclass(frozen=True)
class ClassResults(ItemAnalysis, Report):
    """A class's merged answers and what was skipped.

    ``attempts`` holds one row per attempt (oldest first); ``count`` is the
    attempt that counts (first, best or last, see :mod:`lessons.progress`).
    """

    attempts: pd.DataFrame
    banks: Mapping[str, Bank]
    files_read: tuple[str, ...]
    skipped: tuple[Skipped, ...]  # noqa: F821  (lessons.gradebook.reading.Skipped)
    notes: tuple[str, ...] = ()
    count: str = "first"
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def lessons(self) -> list[str]:
        """The lessons answered, in course order."""
        if "lessons" not in self._cache:
            present = set(self.attempts["lesson"])
            self._cache["lessons"] = [lesson for lesson in sorted(self.banks, key=_lesson_order) if lesson in present]
        return self._cache["lessons"]

    @property
    def students(self) -> list[str]:
        if "students" not in self._cache:
            self._cache["students"] = sorted(set(self.attempts["student"]))
        return self._cache["students"]

    def questions(self) -> list[tuple[str, Question]]:
        """(lesson, question) for every question of the lessons answered, in bank order."""
        return [(lesson, q) for lesson in self.lessons for q in self.banks[lesson].questions]

    def label(self, lesson: str, question_id: str) -> str:
        """A question's column name: the lesson, the number students saw in
        the lesson quiz and the id, e.g. "lesson-2 Q3 (order-not-cause)";
        "Try it" for a question shown only in a lesson's Try-it cells."""
        if "labels" not in self._cache:
            self._cache["labels"] = {
                (lesson_, qid): f"{lesson_} {number} ({qid})"
                for lesson_, bank in self.banks.items()
                for qid, number in quiz_numbers(bank).items()
            }
        return self._cache["labels"][(lesson, question_id)]

    def scored_questions(self) -> list[tuple[str, Question]]:
        """The questions that score (every type but the self-assessed ``open``)."""
        return [(lesson, q) for lesson, q in self.questions() if q.type != SELF_ASSESSED]

    def valid_attempts(self) -> pd.DataFrame:
        """The attempts that are answers: without those graded ``invalid``
        (a malformed response is no try). ``attempts`` keeps them all."""
        return self.attempts[self.attempts["status"] != "invalid"]

    def last_attempts(self) -> pd.DataFrame:
        """The last valid attempt per student, lesson and question (what was
        finally chosen: the options table and the open answers read it)."""
        if "last" not in self._cache:
            last = self.valid_attempts().groupby(["student", "lesson", "question"], sort=False).tail(1)
            self._cache["last"] = last.reset_index(drop=True)
        return self._cache["last"]

    def counted_attempts(self) -> pd.DataFrame:
        """The valid attempt that counts per student, lesson and question
        under :attr:`count` (first, best or last: :mod:`lessons.progress`;
        of equal best attempts the earliest), for the chart's wrong options."""
        if "counted_attempts" not in self._cache:
            valid = self.valid_attempts()
            groups = valid.groupby(["student", "lesson", "question"], sort=False)
            if self.count == "first":
                kept = groups.head(1)
            elif self.count == "last":
                kept = groups.tail(1)
            else:
                hints = {(lesson, q.id): len(q.hints) for lesson, bank in self.banks.items() for q in bank.questions}
                best = []
                for (_student, lesson, qid), frame in groups:
                    state = progress(frame.to_dict("records"), hints[(lesson, qid)])
                    best.append(frame.index[state.credits.index(state.best)])
                kept = valid.loc[best]
            self._cache["counted_attempts"] = kept.reset_index(drop=True)
        return self._cache["counted_attempts"]

    def counted(self) -> pd.DataFrame:
        """One row per student and question answered: ``attempts`` (valid
        tries), ``first_try`` and ``earned`` (the points at the first try and
        under the counting policy) and ``points`` (what the question is
        worth), all three in units of 1/:attr:`unit` point (whole numbers,
        so sums are exact), and ``full`` (the counted attempt earned all)."""
        if "counted" not in self._cache:
            self._cache["counted"] = self._count()
        return self._cache["counted"]

    def _count(self) -> pd.DataFrame:
        groups: dict[tuple[str, str, str], list[dict]] = {}
        frame = self.attempts
        columns = [frame[c].tolist() for c in ("student", "lesson", "question", "status", "score", "max_score", "revealed")]
        for student, lesson, qid, status, score, most, revealed in zip(*columns):
            groups.setdefault((student, lesson, qid), []).append(
                {"status": status, "score": score, "max_score": most, "revealed": revealed}
            )
        by_id = {(lesson, q.id): q for lesson, bank in self.banks.items() for q in bank.questions}
        unit = self.unit

        def units(question, credit) -> int:  # points × score / max_score, in units
            weight = question.weight
            return credit[0] * weight.numerator * (unit // (credit[1] * weight.denominator))

        rows = []
        for (student, lesson, qid), attempts in groups.items():
            question = by_id[(lesson, qid)]
            state = progress(attempts, len(question.hints))
            credit = state.counted(self.count)
            if credit is None:  # only invalid attempts: no answer
                continue
            rows.append(
                {
                    "student": student,
                    "lesson": lesson,
                    "question": qid,
                    "type": question.type,
                    "attempts": state.attempts,
                    "first_try": units(question, state.first),
                    "earned": units(question, credit),
                    "points": int(question.weight * unit),
                    "full": credit[0] == credit[1],
                }
            )
        return pd.DataFrame(rows, columns=["student", "lesson", "question", "type", "attempts", "first_try", "earned", "points", "full"])

    @property
    def unit(self) -> int:
        """The denominator every score of the course divides: earned points are whole numbers of 1/unit."""
        if "unit" not in self._cache:
            denominators = [max(max_score(q), 1) * q.weight.denominator for bank in self.banks.values() for q in bank.questions]
            self._cache["unit"] = math.lcm(*denominators) if denominators else 1
        return self._cache["unit"]

    def _scored(self) -> pd.DataFrame:
        counted = self.counted()
        return counted[counted["type"] != SELF_ASSESSED]

    def lessons_done(self) -> dict[str, list[str]]:
        """The lessons each student sent answers for."""
        if "done" not in self._cache:
            done: dict[str, set[str]] = {}
            for student, lesson in zip(self.attempts["student"].tolist(), self.attempts["lesson"].tolist()):
                done.setdefault(student, set()).add(lesson)
            order = self.lessons
            self._cache["done"] = {student: [lesson for lesson in order if lesson in mine] for student, mine in done.items()}
        return self._cache["done"]

    def lesson_possible(self, lesson: str) -> Fraction:
        """The points a lesson's scored questions are worth."""
        return sum((q.weight for q in self.banks[lesson].questions if q.type != SELF_ASSESSED), Fraction(0))

    def scores(self) -> pd.DataFrame:
        """Student × question points (``lesson/question`` columns, by the
        counting policy), ``total``, ``possible`` (the points of the lessons
        this student did) and ``percent``. An empty cell is a question the
        student did not answer (0 in ``total``). Open questions are left
        out: see :meth:`open_answers`."""
        columns = [self.label(lesson, q.id) for lesson, q in self.scored_questions()]
        scored = self._scored()
        table = scored.assign(column=self._labels_of(scored), value=scored["earned"] / self.unit).pivot(
            index="student", columns="column", values="value"
        )
        table = table.reindex(index=self.students, columns=columns).astype("Float64")
        totals = self._totals()
        table["total"] = [float(totals[s][0]) for s in self.students]
        table["possible"] = [float(totals[s][1]) for s in self.students]
        table["percent"] = [_percent(*totals[s]) for s in self.students]
        table.index.name = "student"
        table.columns.name = None
        return table

    def _labels_of(self, frame: pd.DataFrame) -> list[str]:
        return [self.label(lesson, qid) for lesson, qid in zip(frame["lesson"], frame["question"])]

    def _totals(self) -> dict[str, tuple[Fraction, Fraction]]:
        """(points earned, points possible) per student, exact, over the lessons they did."""
        if "totals" not in self._cache:
            scored = self._scored()
            sums = scored.groupby("student")["earned"].sum().to_dict()
            earned = {s: Fraction(int(sums.get(s, 0)), self.unit) for s in self.students}
            done = self.lessons_done()
            possible = {lesson: self.lesson_possible(lesson) for lesson in self.lessons}
            self._cache["totals"] = {s: (earned[s], sum((possible[lesson] for lesson in done[s]), Fraction(0))) for s in self.students}
        return self._cache["totals"]

    def lesson_totals(self) -> pd.DataFrame:
        """Student × lesson subtotals (points, and ``<lesson> %``), then
        ``total``, ``possible`` and ``percent`` over the lessons each student
        did. An empty cell is a lesson the student sent no answers for."""
        scored = self._scored()
        done = self.lessons_done()
        sums = {key: Fraction(int(value), self.unit) for key, value in scored.groupby(["student", "lesson"])["earned"].sum().items()}
        table = pd.DataFrame(index=pd.Index(self.students, name="student"))
        for lesson in self.lessons:
            possible = self.lesson_possible(lesson)
            points = [float(sums.get((s, lesson), 0)) if lesson in done[s] else None for s in self.students]
            table[lesson] = pd.array(points, dtype="Float64")
            table[f"{lesson} %"] = pd.array(
                [_percent(sums.get((s, lesson), Fraction(0)), possible) if lesson in done[s] else None for s in self.students],
                dtype="Float64",
            )
        totals = self._totals()
        table["total"] = [float(totals[s][0]) for s in self.students]
        table["possible"] = [float(totals[s][1]) for s in self.students]
        table["percent"] = [_percent(*totals[s]) for s in self.students]
        return table

    def attempts_per_question(self) -> pd.DataFrame:
        """Student × question: the number of valid attempts (empty: not answered)."""
        columns = [self.label(lesson, q.id) for lesson, q in self.questions()]
        counted = self.counted()
        table = counted.assign(column=self._labels_of(counted)).pivot(
            index="student", columns="column", values="attempts"
        )
        table = table.reindex(index=self.students, columns=columns).astype("Int64")
        table.index.name = "student"
        table.columns.name = None
        return table

    def write(self, out_dir: str | Path, mode: str = BOTH) -> tuple[list[Path], list[str]]:
        """Write the tables (CSV) and the chart (SVG, and PNG when a CJK font exists).

        Returns the paths written and any messages for the user.
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        tables = {
            "scores.csv": self.scores(),
            "lessons.csv": self.lesson_totals(),
            "attempts-per-question.csv": self.attempts_per_question(),
            "items.csv": self.items(),
            "options.csv": self.options(),
            "open-answers.csv": self.open_answers(),
            "attempts.csv": self.attempts,
            "skipped.csv": pd.DataFrame([vars(s) for s in self.skipped], columns=["file", "reason"]),
        }
        indexed = ("scores.csv", "lessons.csv", "attempts-per-question.csv")
        written = []
        for name, table in tables.items():
            path = out / name
            spreadsheet_safe(table).to_csv(path, index=name in indexed, encoding=CSV_ENCODING, float_format="%.3g")
            written.append(path)
        charts, messages = [], []
        for lesson in self.lessons:  # one readable chart per lesson
            files, messages = save_chart(self.chart(mode, lesson), out / f"item-analysis-{lesson}")
            charts += files
        return written + charts, messages


def _percent(earned: Fraction, possible: Fraction) -> float | None:
    return float(100 * earned / possible) if possible else None


def _lesson_order(lesson: str) -> tuple:
    number = lesson.rsplit("-", 1)[-1]
    return (0, int(number), lesson) if number.isdigit() else (1, 0, lesson)
