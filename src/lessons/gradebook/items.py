"""The item analysis of a class's results: per question (difficulty,
missed, first try, attempts, self-assessment), the options chosen, the
wrong options chosen most and the open answers to read.

:class:`ItemAnalysis` is a part of :class:`lessons.gradebook.analysis.ClassResults`
(it reads ``questions()``, ``counted()``, ``last_attempts()``, ``unit``...);
:func:`quiz_numbers`, :func:`_choices` and :func:`_picks` are also the
class view's reading of numbers and choices.
"""

from __future__ import annotations

import pandas as pd

from .. import qtypes
from ..bilingual import Text
from ..model import Bank, Question
from ..qtypes._base import no_choices

__all__ = ["CHOICE_TYPES", "SELF_ASSESSED", "ItemAnalysis", "quiz_numbers"]

#: Question types whose answers pick options; the item analysis counts them
#: (a type says so by having ``choices``, see lessons.qtypes.protocol).
CHOICE_TYPES = tuple(name for name, kind in qtypes.TYPES.items() if kind.choices is not no_choices)
SELF_ASSESSED = "open"


class ItemAnalysis:
    """Per-question statistics of :class:`~lessons.gradebook.analysis.ClassResults`."""

    def items(self) -> pd.DataFrame:
        """Item analysis, one row per question, in course order.

        ``difficulty`` is the mean points counted divided by the question's
        points (the classical difficulty index: 1.0 = everyone right);
        ``missed`` counts students whose counted attempt was not fully right;
        ``first_try`` the mean fraction earned at the first try;
        ``attempts`` the mean number of tries. An ``open`` question has
        none of these (it is never right or wrong): only ``self_assessed``,
        the mean share of its criteria the students ticked.
        """
        counted = self.counted()
        by_question = {key: frame for key, frame in counted.groupby(["lesson", "question"], sort=False)}
        last = self.last_attempts()
        rows = []
        for lesson, question in self.questions():
            answers = by_question.get((lesson, question.id), counted.iloc[0:0])
            row = {
                "lesson": lesson,
                "question": question.id,
                "number": quiz_numbers(self.banks[lesson])[question.id],
                "type": question.type,
                "level": question.level,
                "objective": question.objective,
                "answered": len(answers),
                "max_points": float(question.weight),
                "mean_points": pd.NA,
                "difficulty": pd.NA,
                "missed": pd.NA,
                "first_try": pd.NA,
                "attempts": float(answers["attempts"].mean()) if len(answers) else pd.NA,
                "self_assessed": pd.NA,
                "prompt_zh": question.prompt.zh,
                "prompt_en": question.prompt.en,
            }
            if question.type == SELF_ASSESSED:
                mine = last[(last["lesson"] == lesson) & (last["question"] == question.id)]
                if len(mine):
                    row["self_assessed"] = float((mine["score"] / mine["max_score"]).mean())
            elif len(answers):
                mean = int(answers["earned"].sum()) / (len(answers) * self.unit)
                row.update(
                    mean_points=mean,
                    difficulty=mean / float(question.weight),
                    missed=int((~answers["full"]).sum()),
                    first_try=int(answers["first_try"].sum()) / (len(answers) * self.unit) / float(question.weight),
                )
            rows.append(row)
        frame = pd.DataFrame(rows)
        for column in ("mean_points", "difficulty", "first_try", "attempts", "self_assessed"):
            frame[column] = frame[column].astype("Float64")
        frame["missed"] = frame["missed"].astype("Int64")
        return frame

    def most_missed(self, count: int = 5) -> pd.DataFrame:
        """The questions most often missed (hardest first), at most ``count``."""
        items = self.items()
        items = items[items["missed"].fillna(0) > 0]
        return items.sort_values(["missed", "difficulty"], ascending=[False, True], kind="stable").head(count)

    def open_answers(self) -> pd.DataFrame:
        """Every student's last answer to each ``open`` question, for the
        instructor to read, with the self-assessment beside it: the criteria
        ticked and ``self_assessed`` as "met / criteria". Never right or wrong."""
        last = self.last_attempts()
        rows = []
        for lesson, question in self.questions():
            if question.type != SELF_ASSESSED:
                continue
            mine = last[(last["lesson"] == lesson) & (last["question"] == question.id)]
            for row in mine.itertuples(index=False):
                response = row.response if isinstance(row.response, dict) else {}
                met = [int(n) for n in response.get("met", [])]
                rows.append(
                    {
                        "lesson": lesson,
                        "question": question.id,
                        "student": row.student,
                        "answer": response.get("text", ""),
                        "self_assessed": f"{row.score}/{row.max_score}",
                        "criteria_met": "; ".join(question.rubric[n].en for n in met),
                        "criteria_met_zh": "；".join(question.rubric[n].zh for n in met),
                        "time": row.time,
                    }
                )
        return pd.DataFrame(
            rows, columns=["lesson", "question", "student", "answer", "self_assessed", "criteria_met", "criteria_met_zh", "time"]
        )

    def options(self) -> pd.DataFrame:
        """For each choice question, how often each option was chosen.

        ``chosen``: in the last valid attempt (what was finally chosen); ``counted``:
        in the attempt the counting policy counts (:meth:`counted_attempts`);
        ``chosen_ever``: by how many students in any attempt (a wrong option
        tried and then corrected still shows a misconception).
        """
        if "options" not in self._cache:
            self._cache["options"] = self._options()
        return self._cache["options"]

    def _options(self) -> pd.DataFrame:
        last, tried, counts = self.last_attempts(), self.valid_attempts(), self.counted_attempts()
        rows = []
        for lesson, question in self.questions():
            if question.type not in CHOICE_TYPES:
                continue
            numbers = quiz_numbers(self.banks[lesson])
            mine = tried[(tried["lesson"] == lesson) & (tried["question"] == question.id)]
            final = last[(last["lesson"] == lesson) & (last["question"] == question.id)]
            counted = counts[(counts["lesson"] == lesson) & (counts["question"] == question.id)]
            for index, (label, correct) in enumerate(_choices(question)):
                # A boolean Series, not a list: an empty list would select no columns.
                picked = lambda frame: frame[frame["response"].map(lambda r: _picks(question, r, index)).astype(bool)]  # noqa: E731
                rows.append(
                    {
                        "lesson": lesson,
                        "question": question.id,
                        "number": numbers[question.id],
                        "option": index + 1,
                        "correct": correct,
                        "chosen": len(picked(final)),
                        "counted": len(picked(counted)),
                        "chosen_ever": picked(mine)["student"].nunique(),
                        "text_zh": label.zh,
                        "text_en": label.en,
                    }
                )
        return pd.DataFrame(
            rows, columns=["lesson", "question", "number", "option", "correct", "chosen", "counted", "chosen_ever", "text_zh", "text_en"]
        )

    def wrong_options(self, count: int = 8, lesson: str | None = None) -> pd.DataFrame:
        """The wrong options chosen most often in the attempts that count
        (``counted``, under :attr:`count`) (of one ``lesson``, or all)."""
        options = self.options()
        wrong = options[~options["correct"] & (options["counted"] > 0)]
        if lesson is not None:
            wrong = wrong[wrong["lesson"] == lesson]
        return wrong.sort_values("counted", ascending=False, kind="stable").head(count)


def quiz_numbers(bank: Bank) -> dict[str, str]:
    """Each question's number as the lesson quiz shows it ("Q3"); a question
    shown only in a lesson's Try-it cells (``tryit: true``) is "Try it"."""
    numbers = {question.id: f"Q{number}" for number, question in enumerate(bank.quiz_questions(), 1)}
    return {question.id: numbers.get(question.id, "Try it") for question in bank.questions}


def _choices(question: Question) -> list[tuple[Text, bool]]:
    """(label, correct) for each option of a choice question (its type's)."""
    return qtypes.of(question).choices(question)


def _picks(question: Question, response: object, index: int) -> bool:
    """Whether ``response`` chose option ``index``, read as the grader reads it
    (1.0 is option 1; malformed responses choose nothing)."""
    return qtypes.of(question).picks(question, response, index)
