"""The class gradebook: student exports in, scores and an item analysis out.

Students export their answers from the book or a live notebook (format:
:mod:`lessons.answers`, as JSON or as the live quiz's CSV, which is turned
into the same document and checked the same way). :func:`read_class` reads
a set of export files or folders and checks every file before anything is
merged:

* a file that is not UTF-8 JSON or CSV (or is nested too deeply to read),
  not a lessons export, a CSV whose rows mix students or lessons, from
  another course or another *major* course version, for an unknown lesson,
  without a student name, with an unknown question id, or with an *edited
  score* (below) is *skipped* and reported by file name with the reason;
* a byte-for-byte copy of another file, or a file with the same student,
  lesson and answers as another, is a *duplicate*: reported and skipped;
* two different files of the same student and lesson are both kept: their
  attempts are merged (reported as a note).

Nothing valid is dropped. **The last attempt at a question counts**: a quiz
lets students retry, and their final answer is what they stand by. Attempts
are ordered by their time stamp (equal times: in the order written). An
attempt graded ``invalid`` (a malformed response) is not an answer: it stays
in ``attempts`` (and attempts.csv) but never counts as the last attempt nor
in the item analysis, as the book's page and the live quiz do not count it.

Scores are checked, not trusted: each answer is graded again by
:func:`lessons.grading.grade` against the current bank, and the regraded
score is the one used. Each answer carries its question's content hash
(``question_hash``), which tells why a recorded score may differ:

* the hash differs: the question was edited since (say, an answer key was
  corrected). The file is kept, the regraded score counts, and a note names
  the file, student, question and both scores. (Same grade: one note per
  question says how many such answers were kept.)
* the hash matches, or is missing (every export writes it): the question is
  the one the student answered, so the score can only differ if the file was
  edited. The *whole file* is skipped, not only that answer: an edited file
  cannot be trusted in its other answers either, and dropping just the
  edited attempt would let an earlier attempt count in its place without
  anyone having chosen it. The reason asks for a fresh export.

:class:`ClassResults` gives the score table (student × question, total), the
item analysis (per question: difficulty, answers, misses), the wrong options
chosen, a chart, and a printed summary; :meth:`ClassResults.write` saves them
(CSV text cells that a spreadsheet would run as a formula get a leading
``'``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import sys
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .answers import ExportError, document_from_csv, parse_export
from .bilingual import BOTH, Text, check_mode, html_pair
from .grading import grade, max_score
from .quizbank import Bank, BankError, Question, load_bank
from .svg import CJK_PACKAGE_HINT, describe_svg, inline_svg, installed_cjk_font, pin_text, unique_prefix

#: What the gradebook reads: lessons.answers exports as JSON, or as the live quiz's CSV.
EXPORT_SUFFIXES = (".json", ".csv")
#: Question types whose answers pick options; the item analysis counts them.
CHOICE_TYPES = ("single", "multiple", "truefalse")
TRUE_FALSE = (Text("對", "True"), Text("錯", "False"))
#: CSV files open in spreadsheet programs; the byte-order mark makes Excel
#: read the Chinese text as UTF-8.
CSV_ENCODING = "utf-8-sig"
#: A spreadsheet program runs a cell that starts with one of these as a
#: formula; student names and answers are the students' own text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_CJK_FONT = (
    "No Chinese (CJK) font found, so no PNG chart was written (the SVG chart keeps its text as text "
    f"and shows Chinese in any browser). For a PNG, install one ({CJK_PACKAGE_HINT}; "
    "Fedora: sudo dnf install google-noto-sans-cjk-fonts)."
)


@dataclass(frozen=True)
class Skipped:
    """A file that was not merged, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


class _Refused(Exception):
    """Internal: this file is skipped for the reason given."""


# Reading files --------------------------------------------------------------


def export_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The ``.json`` and ``.csv`` files named by ``paths`` (folders are
    searched, sorted).

    A path that does not exist, or a folder with no export file in it, is
    reported rather than ignored.
    """
    files: list[Path] = []
    problems: list[Skipped] = []
    for path in map(Path, paths):
        if path.is_dir():
            # By stem first, so "a.json" comes before its copy "a (1).json".
            found = sorted(
                (p for p in path.rglob("*") if p.suffix.lower() in EXPORT_SUFFIXES and p.is_file()),
                key=lambda p: (p.parent, p.stem, p.suffix),
            )
            if not found:
                problems.append(Skipped(str(path), "folder has no .json or .csv export files in it"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Skipped(str(path), "no such file or folder: check the path"))
    return list(dict.fromkeys(files)), problems


def _read_export(path: Path) -> tuple[object, str]:
    """The export document (from JSON, or from CSV for a ``.csv`` file) and the
    SHA-256 of the bytes; _Refused if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _Refused(f"cannot be read ({error.strerror or error})") from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused(
            "is not UTF-8 text: hand in the answers file as exported "
            "(a spreadsheet program that saves a CSV again may change its encoding)"
        ) from None
    if path.suffix.lower() == ".csv":
        try:
            return document_from_csv(text), digest
        except ExportError as error:
            raise _Refused(str(error)) from None
    try:
        return json.loads(text), digest
    except json.JSONDecodeError as error:
        raise _Refused(
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}): "
            "ask the student to export again rather than editing the file"
        ) from None
    except RecursionError:
        raise _Refused(TOO_DEEP) from None
    except ValueError as error:  # e.g. a number of more than 4300 digits
        raise _Refused(f"is not usable JSON ({error}): ask the student to export again") from None


#: Python's JSON reader gives up (RecursionError) on lists or objects nested
#: about a thousand deep; no export is nested more than three.
TOO_DEEP = "is nested too deeply to be an answers file (was it edited or made by another program?): skipped"


def default_banks() -> dict[str, Bank]:
    """Every quiz bank of the book, by lesson."""
    from .paths import book_dir

    banks = {}
    for path in sorted((book_dir() / "quizzes").glob("*.yml")):
        bank = load_bank(path)
        banks[bank.lesson] = bank
    return banks


def _parse_time(value: str, where: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Refused(f"{where}: time {value!r} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _student_key(name: str) -> str:
    """Names compare as written, ignoring width variants and outer spaces."""
    return unicodedata.normalize("NFKC", name).strip()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _check_against_bank(export, banks: Mapping[str, Bank], file: str) -> tuple[list[dict], list[str], list[str]]:
    """Every answer of ``export`` as a row, graded again by the current bank.

    Returns the rows, the ids of questions edited since they were answered
    whose grade did not change, and a note for each answer whose grade did
    change with the edit (the regraded score counts). A recorded score that
    differs for a question that has *not* changed refuses the file.
    """
    bank = banks.get(export.lesson)
    if bank is None:
        known = ", ".join(sorted(banks)) or "none"
        raise _Refused(f"lesson {export.lesson!r} is not in this course (its lessons: {known})")
    student = _student_key(export.student)
    rows, edited, regraded_notes = [], [], []
    for number, answer in enumerate(export.answers, start=1):
        qid = answer["question"]
        where = f"answer {number} ({qid})"
        try:
            question = bank.question(qid)
        except KeyError:
            raise _Refused(
                f"answer {number}: unknown question id {qid!r} in {export.lesson}: the file comes from "
                "another version of the course or was edited"
            ) from None
        result = grade(question, answer.get("response"))
        recorded = f"{answer['score']}/{answer['max_score']}"
        regraded = f"{result.score}/{result.max_score}"
        edited_since = answer.get("question_hash") not in (None, question.content_hash)
        if recorded != regraded and not edited_since:
            raise _Refused(f"{where}: recorded score {recorded} but the grader gives {regraded}: {_why_refused(answer)}")
        if edited_since and recorded != regraded:
            regraded_notes.append(
                f"{file}: {student}, {export.lesson}/{qid}: recorded {recorded}, regraded {regraded} "
                "(the question was edited in the bank after it was answered; the regraded score counts)"
            )
        elif edited_since:
            edited.append(qid)
        rows.append(
            {
                "student": student,
                "lesson": export.lesson,
                "question": qid,
                "response": answer.get("response"),
                "score": result.score,
                "max_score": result.max_score,
                "status": result.status,
                "time": _parse_time(answer["time"], where),
                "file": file,
            }
        )
    return rows, edited, list(dict.fromkeys(regraded_notes))


def _why_refused(answer: dict) -> str:
    """Why a score the grader does not confirm refuses the file."""
    if "question_hash" not in answer:
        return (
            "the file was edited (it has no question_hash, which every export writes, so it cannot show "
            "that the question changed since): ask the student to export again"
        )
    return (
        "the file was edited (the question is unchanged since it was answered, so its score cannot differ): "
        "ask the student to export again rather than editing the file"
    )


def read_class(paths: Iterable[str | Path], banks: Mapping[str, Bank] | None = None) -> ClassResults:
    """Read and check every export under ``paths``; merge the valid ones.

    ``banks`` maps lesson -> Bank (default: the book's banks).
    """
    banks = default_banks() if banks is None else dict(banks)
    files, skipped = export_files(paths)
    notes: list[str] = []
    edited: Counter[str] = Counter()
    regraded: list[str] = []
    rows: list[dict] = []
    read: list[str] = []
    seen_bytes: dict[str, str] = {}
    seen_content: dict[tuple[str, str, str], str] = {}
    files_of: dict[tuple[str, str], list[str]] = {}
    for path in files:
        file = str(path)
        try:
            data, digest = _read_export(path)
            if digest in seen_bytes:
                raise _Refused(f"duplicate: an exact copy of {seen_bytes[digest]}")
            seen_bytes[digest] = file
            try:
                export = parse_export(data)
            except ExportError as error:
                raise _Refused(str(error)) from None
            student = _student_key(export.student)
            if not student:
                raise _Refused("has no student name or alias: ask the student to export again with their name")
            content = (student, export.lesson, _canonical(export.answers))
            if content in seen_content:
                raise _Refused(f"duplicate: same student, lesson and answers as {seen_content[content]}")
            file_rows, file_edited, file_notes = _check_against_bank(export, banks, file)
        except _Refused as refusal:
            skipped.append(Skipped(file, str(refusal)))
            continue
        except RecursionError:  # a response nested too deeply to compare or grade
            skipped.append(Skipped(file, TOO_DEEP))
            continue
        seen_content[content] = file
        files_of.setdefault((student, export.lesson), []).append(file)
        rows.extend(file_rows)
        edited.update(f"{export.lesson}/{qid}" for qid in file_edited)
        regraded += file_notes
        read.append(file)
    for (student, lesson), names in files_of.items():
        if len(names) > 1:
            notes.append(
                f"{student}, {lesson}: {len(names)} files ({', '.join(names)}); their attempts are merged "
                "and the latest attempt at each question counts"
            )
    notes += [
        f"{question}: edited in the bank after {count} of these answers were given; "
        "the grader gives them the same score, so they are kept"
        for question, count in edited.items()
    ]
    notes += regraded
    return ClassResults(_attempts_frame(rows), banks, tuple(read), tuple(skipped), tuple(notes))


ATTEMPT_COLUMNS = ["student", "lesson", "question", "response", "score", "max_score", "status", "time", "file"]


def _attempts_frame(rows: list[dict]) -> pd.DataFrame:
    """All attempts, oldest first; the same attempt in two files counts once."""
    frame = pd.DataFrame(rows, columns=ATTEMPT_COLUMNS)
    if frame.empty:
        return frame
    frame["order"] = range(len(frame))
    key = frame["response"].map(_canonical)
    frame = frame.loc[~pd.concat([frame[["student", "lesson", "question", "time"]], key], axis=1).duplicated()]
    frame = frame.sort_values(["time", "order"], kind="stable").drop(columns="order")
    return frame.reset_index(drop=True)


# Results ------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassResults:
    """A class's merged answers and what was skipped.

    ``attempts`` holds one row per attempt (oldest first); every table below
    uses the last attempt of each student at each question.
    """

    attempts: pd.DataFrame
    banks: Mapping[str, Bank]
    files_read: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def lessons(self) -> list[str]:
        """The lessons answered, in course order."""
        present = set(self.attempts["lesson"])
        return [lesson for lesson in sorted(self.banks, key=_lesson_order) if lesson in present]

    @property
    def students(self) -> list[str]:
        return sorted(set(self.attempts["student"]))

    def questions(self) -> list[tuple[str, Question]]:
        """(lesson, question) for every question of the lessons answered, in bank order."""
        return [(lesson, q) for lesson in self.lessons for q in self.banks[lesson].questions]

    def valid_attempts(self) -> pd.DataFrame:
        """The attempts that are answers: without those graded ``invalid``
        (a malformed response, which the book's page and the live quiz do
        not count as a try either). ``attempts`` keeps them all."""
        return self.attempts[self.attempts["status"] != "invalid"]

    def last_attempts(self) -> pd.DataFrame:
        """The attempt that counts: the last valid one per student, lesson and question."""
        if "last" not in self._cache:
            last = self.valid_attempts().groupby(["student", "lesson", "question"], sort=False).tail(1)
            self._cache["last"] = last.reset_index(drop=True)
        return self._cache["last"]

    def possible(self) -> int:
        """The most points a student can earn in the lessons answered."""
        return sum(max_score(q) for _, q in self.questions())

    def scores(self) -> pd.DataFrame:
        """Student × question points (``lesson/question`` columns), ``total`` and ``possible``.

        An empty cell is a question the student did not answer (0 in ``total``).
        """
        columns = [f"{lesson}/{q.id}" for lesson, q in self.questions()]
        last = self.last_attempts()
        table = last.assign(column=last["lesson"] + "/" + last["question"]).pivot(
            index="student", columns="column", values="score"
        )
        table = table.reindex(index=self.students, columns=columns).astype("Float64")
        table["total"] = table[columns].sum(axis=1).astype("Int64")
        table["possible"] = self.possible()
        table.index.name = "student"
        table.columns.name = None
        return table

    def lesson_totals(self) -> pd.DataFrame:
        """Student × lesson points (last attempts), with ``total`` and ``possible``.

        An empty cell is a lesson the student sent no answers for.
        """
        last = self.last_attempts()
        table = last.pivot_table(index="student", columns="lesson", values="score", aggfunc="sum")
        table = table.reindex(index=self.students, columns=self.lessons).astype("Int64")
        table["total"] = table[self.lessons].sum(axis=1).astype("Int64")
        table["possible"] = self.possible()
        table.columns.name = None
        return table

    def items(self) -> pd.DataFrame:
        """Item analysis, one row per question, in course order.

        ``difficulty`` is the mean points on the last attempt divided by the
        question's maximum (the classical difficulty index: 1.0 = everyone
        right); ``missed`` counts last attempts that were not fully right.
        """
        last = self.last_attempts()
        rows = []
        for lesson, question in self.questions():
            answers = last[(last["lesson"] == lesson) & (last["question"] == question.id)]
            most = max_score(question)
            mean = answers["score"].mean() if len(answers) else float("nan")
            rows.append(
                {
                    "lesson": lesson,
                    "question": question.id,
                    "type": question.type,
                    "answered": len(answers),
                    "mean_points": mean,
                    "max_points": most,
                    "difficulty": mean / most,
                    "missed": int((answers["status"] != "correct").sum()),
                    "prompt_zh": question.prompt.zh,
                    "prompt_en": question.prompt.en,
                }
            )
        return pd.DataFrame(rows)

    def most_missed(self, count: int = 5) -> pd.DataFrame:
        """The questions most often missed (hardest first), at most ``count``."""
        items = self.items()
        items = items[items["missed"] > 0]
        return items.sort_values(["missed", "difficulty"], ascending=[False, True], kind="stable").head(count)

    def options(self) -> pd.DataFrame:
        """For each choice question, how often each option was chosen.

        ``chosen``: in the last attempt (the one that counts); ``chosen_ever``:
        by how many students in any attempt (a wrong option tried and then
        corrected still shows a misconception).
        """
        last, tried = self.last_attempts(), self.valid_attempts()
        rows = []
        for lesson, question in self.questions():
            if question.type not in CHOICE_TYPES:
                continue
            mine = tried[(tried["lesson"] == lesson) & (tried["question"] == question.id)]
            final = last[(last["lesson"] == lesson) & (last["question"] == question.id)]
            for index, (label, correct) in enumerate(_choices(question)):
                picked = lambda frame: frame[[_picks(question, r, index) for r in frame["response"]]]  # noqa: E731
                rows.append(
                    {
                        "lesson": lesson,
                        "question": question.id,
                        "option": index + 1,
                        "correct": correct,
                        "chosen": len(picked(final)),
                        "chosen_ever": picked(mine)["student"].nunique(),
                        "text_zh": label.zh,
                        "text_en": label.en,
                    }
                )
        return pd.DataFrame(
            rows, columns=["lesson", "question", "option", "correct", "chosen", "chosen_ever", "text_zh", "text_en"]
        )

    def wrong_options(self, count: int = 8) -> pd.DataFrame:
        """The wrong options chosen most often in last attempts."""
        options = self.options()
        wrong = options[~options["correct"] & (options["chosen"] > 0)]
        return wrong.sort_values("chosen", ascending=False, kind="stable").head(count)

    def summary(self, mode: str = BOTH) -> str:
        """A short report for the instructor in ``mode`` (zh-Hant, en or both)."""
        return "\n".join(line.in_mode(mode, sep="\n") if isinstance(line, Text) else line for line in self._summary())

    def _summary(self) -> list:
        lines: list = [
            Text(
                f"已讀取 {len(self.files_read)} 個檔案：{len(self.students)} 位學生，課次 {', '.join(self.lessons) or '無'}",
                f"Read {len(self.files_read)} files: {len(self.students)} students, lessons {', '.join(self.lessons) or 'none'}",
            )
        ]
        if self.skipped:
            lines.append(Text(f"略過 {len(self.skipped)} 個檔案：", f"Skipped {len(self.skipped)} files:"))
            lines += [f"  - {item}" for item in self.skipped]
        if self.notes:
            lines.append(Text("注意：", "Notes:"))
            lines += [f"  - {note}" for note in self.notes]
        if not self.files_read:
            return lines
        scores = self.scores()
        possible = self.possible()
        lines.append(
            Text(
                f"平均總分 {scores['total'].mean():.1f} / {possible}（最後一次作答計分）",
                f"Mean total {scores['total'].mean():.1f} / {possible} (the last attempt at each question counts)",
            )
        )
        missed = self.most_missed(3)
        if len(missed):
            lines.append(Text("最常答錯的題目：", "Most often missed:"))
            lines += [
                f"  - {row.lesson}/{row.question}: {row.missed}/{row.answered}, difficulty {row.difficulty:.2f}"
                for row in missed.itertuples()
            ]
        return lines

    def chart(self, mode: str = BOTH):
        """A matplotlib Figure: difficulty per question, and the wrong options chosen most."""
        return item_chart(self, check_mode(mode))

    def chart_html(self, mode: str = BOTH, id_prefix: str | None = None) -> str:
        """The chart as an inline SVG figure (text kept as text) with a
        bilingual caption; its ids start with ``id_prefix`` (default: one
        unique in this kernel)."""
        return chart_html(self.chart(mode), self.chart_description(), id_prefix)

    def chart_description(self) -> Text:
        """What the chart shows, for its caption and screen readers."""
        items = self.items().dropna(subset=["difficulty"])
        if items.empty:
            return Text("沒有可繪製的作答。", "No answers to chart.")
        hardest = items.sort_values("difficulty", kind="stable").iloc[0]
        name = f"{hardest['lesson']}/{hardest['question']}"
        return Text(
            f"上圖：{len(items)} 題的難度（最後一次作答所得分數比例，1 表示全對）；最難的是 {name}（{hardest['difficulty']:.2f}）。"
            "下圖：最常被選的錯誤選項。",
            f"Top: difficulty of {len(items)} questions (share of points on the last attempt; 1 = all right); "
            f"the hardest is {name} ({hardest['difficulty']:.2f}). Below: the wrong options chosen most often.",
        )

    def write(self, out_dir: str | Path, mode: str = BOTH) -> tuple[list[Path], list[str]]:
        """Write the tables (CSV) and the chart (SVG, and PNG when a CJK font exists).

        Returns the paths written and any messages for the user.
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        tables = {
            "scores.csv": self.scores(),
            "items.csv": self.items(),
            "options.csv": self.options(),
            "attempts.csv": self.attempts,
            "skipped.csv": pd.DataFrame([vars(s) for s in self.skipped], columns=["file", "reason"]),
        }
        written = []
        for name, table in tables.items():
            path = out / name
            spreadsheet_safe(table).to_csv(path, index=name == "scores.csv", encoding=CSV_ENCODING, float_format="%.3g")
            written.append(path)
        figure = self.chart(mode)
        charts, messages = save_chart(figure, out / "item-analysis")
        return written + charts, messages


def _spreadsheet_safe(value: object) -> object:
    """``value`` as a spreadsheet program will show it, never run it: text
    starting with = + - @ or a tab or carriage return gets a leading ``'``
    (so an alias "=HYPERLINK(...)" stays text)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with :func:`_spreadsheet_safe` applied to every
    text cell, the row labels (student names) included. Numbers stay
    numbers: only text is the students' own."""
    table = table.copy()
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].map(_spreadsheet_safe)
    if not pd.api.types.is_numeric_dtype(table.index):
        table.index = table.index.map(_spreadsheet_safe)
    return table


def run(paths: Iterable[str | Path], out_dir: str | Path, mode: str = BOTH) -> int:
    """``python -m lessons gradebook``: read, report, write. Returns the exit code:
    0 when at least one export was read (skipped files are listed), 2 when none."""
    try:
        results = read_class(paths)
    except (BankError, FileNotFoundError) as error:
        print(f"gradebook: cannot read the course's quiz banks:\n{error}", file=sys.stderr)
        return 2
    print(results.summary(mode))
    if not results.files_read:
        print("gradebook: no valid answers file was read, so nothing was written.", file=sys.stderr)
        return 2
    written, messages = results.write(out_dir, mode)
    print(Text("已寫入：", "Written:").in_mode(mode, sep="\n"))
    for path in written:
        print(f"  {path}")
    for message in messages:
        print(message, file=sys.stderr)
    return 0


def _lesson_order(lesson: str) -> tuple:
    number = lesson.rsplit("-", 1)[-1]
    return (0, int(number), lesson) if number.isdigit() else (1, 0, lesson)


def _choices(question: Question) -> list[tuple[Text, bool]]:
    """(label, correct) for each option of a choice question."""
    if question.type == "truefalse":
        return [(TRUE_FALSE[0], question.answer is True), (TRUE_FALSE[1], question.answer is False)]
    return [(option.text, option.correct) for option in question.options]


def _picks(question: Question, response: object, index: int) -> bool:
    """Whether ``response`` chose option ``index`` (malformed responses choose nothing)."""
    if question.type == "truefalse":
        return isinstance(response, bool) and response is (index == 0)
    if question.type == "single":
        return type(response) is int and response == index
    return isinstance(response, list) and index in [r for r in response if type(r) is int]



# The chart ----------------------------------------------------------------------

#: Below this difficulty a bar is hatched, so "hard" does not rest on colour.
HARD = 0.5
LABELS = {
    "difficulty": Text("題目難度（最後一次作答）", "Difficulty (last attempt)"),
    "share": Text("得分比例", "Share of points"),
    "wrong": Text("最常被選的錯誤選項", "Wrong options chosen most"),
    "students": Text("學生人數", "Students"),
    "hard": Text(f"斜線：低於 {HARD}", f"hatched: below {HARD}"),
    "none": Text("沒有人選錯誤選項", "No wrong option chosen"),
    "missed": Text("答錯", "missed"),
}


def _chart_rc() -> dict:
    """matplotlib settings while the chart is built and drawn (only inside
    ``rc_context``): text is prose, never mathtext; SVG keeps text as text
    with reproducible ids."""
    return {"text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": "lessons-gradebook"}


def item_chart(results: ClassResults, mode: str):
    """Difficulty per question (top) and the wrong options chosen most (below).

    Built on a bare Figure: no pyplot state changes, and a notebook shows it
    only when asked.
    """
    import matplotlib
    from matplotlib.figure import Figure

    items = results.items()
    wrong = results.wrong_options()
    label = lambda key: LABELS[key].in_mode(mode, sep=" · ")  # noqa: E731
    rows = [max(len(items), 1), max(len(wrong), 2)]
    with matplotlib.rc_context(_chart_rc()):
        figure = Figure(figsize=(9, 0.26 * sum(rows) + 2.2), layout="constrained")
        top, bottom = figure.subplots(2, 1, height_ratios=rows)
        _difficulty_bars(top, items, label, LABELS["missed"].in_mode(mode, sep=" "))
        _wrong_option_bars(bottom, wrong, label, mode)
        for axes in (top, bottom):
            axes.tick_params(axis="y", labelsize=8)
            axes.spines[["top", "right"]].set_visible(False)
        # Option texts are the course's own words: "$400 billion ... $55
        # billion" must not become a formula, on any label.
        pin_text(figure, installed_cjk_font())
    return figure


def _difficulty_bars(axes, items: pd.DataFrame, label, missed: str) -> None:
    names = [f"{row.lesson}/{row.question}" for row in items.itertuples()]
    bars = axes.barh(names, items["difficulty"].fillna(0), color="#4c72b0", edgecolor="black", linewidth=0.5)
    for bar, row in zip(bars, items.itertuples()):
        if row.answered and row.difficulty < HARD:
            bar.set_hatch("//")
        note = f"{row.difficulty:.2f} · {row.missed}/{row.answered} {missed}" if row.answered else "—"
        axes.annotate(note, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                      textcoords="offset points", va="center", fontsize=8)
    axes.axvline(HARD, color="black", linestyle=":", linewidth=0.8)
    axes.set_xlim(0, 1.35)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
    axes.invert_yaxis()
    axes.set_title(label("difficulty"), loc="left")
    axes.set_xlabel(f"{label('share')}  ({label('hard')})")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrong_option_bars(axes, wrong: pd.DataFrame, label, mode: str) -> None:
    if wrong.empty:
        axes.text(0.5, 0.5, label("none"), ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
    else:
        names = [
            f"{row.lesson}/{row.question} · {_shorten(Text(row.text_zh, row.text_en).in_mode(mode, sep=' / '))}"
            for row in wrong.itertuples()
        ]
        bars = axes.barh(names, wrong["chosen"], color="#dd8452", edgecolor="black", linewidth=0.5)
        axes.bar_label(bars, padding=3, fontsize=8)
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(label("wrong"), loc="left")
    axes.set_xlabel(label("students"))


@contextlib.contextmanager
def _svg_drawing():
    """Text stays text in the SVG, so the reader's browser draws the Chinese.

    Without a CJK font matplotlib warns of missing glyphs while measuring the
    text; the SVG still shows it, so that warning is silenced here only.
    """
    import matplotlib

    with warnings.catch_warnings(), matplotlib.rc_context(_chart_rc()):
        if installed_cjk_font() is None:
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def figure_svg(figure) -> str:
    """The figure as a standalone SVG file's markup (from ``<svg``), text
    kept as text, no date stamp. For a page, see :func:`chart_html`."""
    buffer = io.StringIO()
    with _svg_drawing():
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def chart_html(figure, description: Text, id_prefix: str | None = None) -> str:
    """An accessible ``<figure>`` for a page: the SVG (role img) named by a
    bilingual caption. Its style and ids are scoped by ``id_prefix`` (default:
    one unique in this kernel), so two charts can share a page."""
    prefix = id_prefix or unique_prefix("lessons-gradebook-chart")
    caption_id = f"{prefix}-caption"
    svg = describe_svg(
        inline_svg(figure_svg(figure), prefix),
        labelled_by=caption_id,
        attributes={"class": "lessons-gradebook-svg", "style": "max-width:100%;height:auto"},
    )
    caption = html_pair(description)
    return f'<figure class="lessons-gradebook-chart">{svg}<figcaption id="{caption_id}">{caption}</figcaption></figure>'


def save_chart(figure, stem: Path) -> tuple[list[Path], list[str]]:
    """``stem.svg`` always; ``stem.png`` when a CJK font exists (else a message)."""
    import matplotlib

    svg = stem.with_suffix(".svg")
    svg.write_text(figure_svg(figure), encoding="utf-8")
    if installed_cjk_font() is None:
        return [svg], [NO_CJK_FONT]
    png = stem.with_suffix(".png")
    with matplotlib.rc_context(_chart_rc()):
        figure.savefig(png, dpi=150, metadata={"Software": None})
    return [svg, png], []
