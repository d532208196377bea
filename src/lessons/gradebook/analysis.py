"""A class's results: scores by the instructor's counting policy, attempts,
per-lesson subtotals, the item analysis, options chosen and open answers.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
import math
from fractions import Fraction
from pathlib import Path

import pandas as pd

from .. import qtypes
from ..bilingual import BOTH, Text, check_mode
from ..grading import max_score
from ..model import Bank, Question
from ..progress import progress
from ..qtypes._base import no_choices
from ..svg import unique_prefix
from .chart import CSV_ENCODING, chart_html, item_chart, save_chart, spreadsheet_safe

#: Question types whose answers pick options; the item analysis counts them
#: (a type says so by having ``choices``, see lessons.qtypes.protocol).
CHOICE_TYPES = tuple(name for name, kind in qtypes.TYPES.items() if kind.choices is not no_choices)
SELF_ASSESSED = "open"


@dataclass(frozen=True)
class ClassResults:
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

    def summary(self, mode: str = BOTH) -> str:
        """A short report for the instructor in ``mode`` (zh-Hant, en or both)."""
        return "\n".join(line.in_mode(mode, sep="\n") if isinstance(line, Text) else line for line in self._summary())

    def _summary(self) -> list:
        lines: list = [
            Text(
                f"已讀取 {len(self.files_read)} 個檔案：{len(self.students)} 位學生，課次 {', '.join(self.lessons) or '無'}",
                f"Read {_count(len(self.files_read), 'file')}: {_count(len(self.students), 'student')}, "
                f"lessons {', '.join(self.lessons) or 'none'}",
            )
        ]
        if self.skipped:
            lines.append(Text(f"略過 {len(self.skipped)} 個檔案：", f"Skipped {_count(len(self.skipped), 'file')}:"))
            lines += [f"  - {item}" for item in self.skipped]
        if self.notes:
            lines.append(Text("注意：", "Notes:"))
            lines += [f"  - {note}" for note in self.notes]
        if not self.files_read:
            return lines
        percent = self.scores()["percent"].mean()
        policy = POLICY_WORDS[self.count]
        lines.append(
            Text(
                f"平均得分率 {percent:.1f}%（{policy.zh}；只算每位學生做過的課）",
                f"Mean score {percent:.1f}% ({policy.en}; over the lessons each student did)",
            )
        )
        missed = self.most_missed(3)
        if len(missed):
            lines.append(Text("最常答錯的題目：", "Most often missed:"))
            lines += [Text(f"  - {text.zh}", f"  - {text.en}") for text in map(self.item_words, missed.itertuples())]
            lines.append(METRICS[self.count])
        opened = self.open_answers()
        if len(opened):
            lines.append(
                Text(
                    f"自評的簡述題答案 {len(opened)} 份，請閱讀 open-answers.csv（不判對錯）",
                    f"{len(opened)} self-assessed open answers to read in open-answers.csv (never marked right or wrong)",
                )
            )
        return lines

    def item_words(self, row) -> Text:
        """One row of :meth:`items` in words: "lesson-2 Q3 (id): 70 % of the
        points · 6 of 10 students missed it at their first try"."""
        tried = TRY_WORDS[self.count]
        label = self.label(row.lesson, row.question)
        share = round(100 * row.difficulty)
        return Text(
            f"{label}：得分比例 {share} % · {row.answered} 位學生中有 {row.missed} 位{tried.zh}沒有全對",
            f"{label}: {share} % of the points · {row.missed} of {row.answered} students missed it {tried.en}",
        )

    def chart(self, mode: str = BOTH, lesson: str | None = None):
        """One lesson's chart, a matplotlib Figure: the share of the points
        per question (by the number students saw) and the wrong options
        chosen most. ``lesson`` may be left out when only one was answered."""
        lesson = self._one_lesson(lesson)
        items = self.items()
        return item_chart(items[items["lesson"] == lesson], self.wrong_options(lesson=lesson), check_mode(mode), self.count)

    def _one_lesson(self, lesson: str | None) -> str:
        if lesson is None and len(self.lessons) == 1:
            return self.lessons[0]
        if lesson not in self.lessons:
            raise ValueError(f"chart of which lesson? Name one of {', '.join(self.lessons) or 'none answered'}")
        return lesson

    def chart_html(self, mode: str = BOTH, id_prefix: str | None = None, lesson: str | None = None) -> str:
        """One inline SVG figure per lesson (or only ``lesson``), text kept as
        text, each with a bilingual caption; ids start with ``id_prefix``
        (default: one unique in this kernel), then the lesson when there are several."""
        lessons = [self._one_lesson(lesson)] if lesson or len(self.lessons) == 1 else self.lessons
        prefix = id_prefix or unique_prefix("lessons-gradebook-chart")
        return "".join(
            chart_html(self.chart(mode, name), self.chart_description(name), prefix if len(lessons) == 1 else f"{prefix}-{name}")
            for name in lessons
        )

    def chart_description(self, lesson: str | None = None) -> Text:
        """What one lesson's chart shows, for its caption and screen readers."""
        lesson = self._one_lesson(lesson)
        items = self.items()
        items = items[items["lesson"] == lesson].dropna(subset=["difficulty"])
        if items.empty:
            return Text(f"{lesson}：沒有可繪製的作答。", f"{lesson}: no answers to chart.")
        hardest = self.item_words(items.sort_values("difficulty", kind="stable").iloc[0])
        policy, metrics = POLICY_WORDS[self.count], METRICS[self.count]
        return Text(
            f"{lesson} 上圖：{len(items)} 題各自的得分比例（{policy.zh}），題號與學生看到的相同；最難的是 {hardest.zh}。"
            f"下圖：最常被選的錯誤選項。{metrics.zh}",
            f"{lesson}, top: the share of the points on each of {len(items)} questions ({policy.en}), numbered as students "
            f"saw them; the hardest is {hardest.en}. Below: the wrong options chosen most often. {metrics.en}",
        )

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


#: Which try a "missed" count is about, by counting policy.
TRY_WORDS = {
    "first": Text("第一次作答", "at their first try"),
    "best": Text("最好的一次作答", "at their best try"),
    "last": Text("最後一次作答", "at their last try"),
}
#: The item metrics, defined once for the summary and the chart's caption.
METRICS = {
    policy: Text(
        f"（得分比例：全班在該題{words.zh}所得分數占配分的比例，100 % 表示人人全對；"
        f"沒有全對：{words.zh}沒有拿到全部分數的學生人數，部分對也算在內。）",
        f"(Share of the points: what the students earned on the question {words.en}, over its points; 100 % = everyone fully right. "
        f"Missed: students who did not earn all its points {words.en}, partly right included.)",
    )
    for policy, words in TRY_WORDS.items()
}
#: How the counting policy reads in a report.
POLICY_WORDS = {
    "first": Text("以第一次作答計分", "first attempts count"),
    "best": Text("以最好的一次作答計分", "best attempts count"),
    "last": Text("以最後一次作答計分", "last attempts count"),
}


def quiz_numbers(bank: Bank) -> dict[str, str]:
    """Each question's number as the lesson quiz shows it ("Q3"); a question
    shown only in a lesson's Try-it cells (``tryit: true``) is "Try it"."""
    numbers = {question.id: f"Q{number}" for number, question in enumerate(bank.quiz_questions(), 1)}
    return {question.id: numbers.get(question.id, "Try it") for question in bank.questions}


def _percent(earned: Fraction, possible: Fraction) -> float | None:
    return float(100 * earned / possible) if possible else None


def _lesson_order(lesson: str) -> tuple:
    number = lesson.rsplit("-", 1)[-1]
    return (0, int(number), lesson) if number.isdigit() else (1, 0, lesson)


def _choices(question: Question) -> list[tuple[Text, bool]]:
    """(label, correct) for each option of a choice question (its type's)."""
    return qtypes.of(question).choices(question)


def _picks(question: Question, response: object, index: int) -> bool:
    """Whether ``response`` chose option ``index``, read as the grader reads it
    (1.0 is option 1; malformed responses choose nothing)."""
    return qtypes.of(question).picks(question, response, index)


def _count(number: int, noun: str) -> str:
    """"1 file", "3 files": the teacher reads the summary aloud, not a template."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
