"""The one format for a student's exported answers: its writers and its reader.

The published book's "export my answers" button (static/quiz.js, which reads
the format's name and version from the page: quizhtml writes them from
here), the live quiz (:func:`attempt_record`, :func:`write_json`,
:func:`write_csv`) and the gradebook (:func:`parse_export`) all speak this
format. Version it here; the gradebook refuses what it does not know, by
file name.

Example::

    {
      "format": "lessons-answers", "version": 2,
      "course": "china-russia-2023", "course_version": "1.0.0",
      "student": "alias", "lesson": "lesson-1", "source": "book",
      "exported_at": "2026-11-27T10:00:00Z",
      "answers": [
        {"question": "sanctions-1989", "question_hash": "3f2a9c01b7de",
         "response": 0, "score": 1, "max_score": 1, "status": "correct",
         "revealed": false, "time": "2026-11-27T09:58:12Z",
         "earned": 1, "points": 1}
      ]
    }

``answers`` holds every attempt, oldest first. ``score`` / ``max_score`` is
the exact fraction of the question earned; ``revealed`` says the answer was
already shown when the attempt was made (such an attempt is kept but earns
nothing). Which attempt counts is :mod:`lessons.progress`'s rule and the
instructor's choice (``gradebook --count first|best|last``).

``earned`` / ``points`` (added in course 1.x without a new format version:
older files lack them and are read alike) record what the page showed for
the attempt: the points it scored, rounded as shown (0.33), and what the
question is worth. ``earned`` is 0 for a ``revealed`` attempt, where
``score`` keeps the grader's raw result. Self-assessed and invalid attempts,
which show no points, have neither.

Each export also says which scoring rules scored it (``rules_version``,
:data:`RULES_VERSION`; absent in older files and the book's export, where it
is the format version's). The gradebook grades every answer again; a score
that differs under the *same* rules means the file was edited (refused),
under *other* rules that the rules changed (regraded, with a note).

Versions: 2 (fair scores: net-correct ``multiple``, every question one point
by default, ``revealed``, the ``classify`` and ``open`` types). Version 1
files are still read: the gradebook grades every answer again under the
current rules and says so (:data:`READ_VERSIONS`).

The live quiz can also write it as CSV (``Quiz.export_csv``): one row per
attempt, columns :data:`CSV_COLUMNS`, the export's fields repeated on each
row and ``response`` as JSON text. :func:`document_from_csv` turns such a
file back into the document above, so both go through :func:`parse_export`.

``course_version`` is the course package's version (``lessons.__version__``,
the one place it is written; pyproject.toml reads it from there). An export
is read when its version has the same MAJOR number as the course's: a minor
or patch release (a corrected answer key, a new question) keeps every export
readable, since each answer is graded again and its ``question_hash`` tells
an edited question apart. Raise the major version only when exports of the
old one can no longer be graded (questions renamed or lessons renumbered):
those are then reported as "from another course version" and skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .model import STATUSES
from .problems import LoadError, Problem

FORMAT = "lessons-answers"
VERSION = 2
#: The version of the scoring rules (lessons.grading and its vectors,
#: tests/data/grading-vectors.json, which a test ties to this number). Raise
#: it when a rule changes what an answer scores: the gradebook then grades
#: files of an older rules version again, with a note, instead of taking a
#: changed score for an edited file.
RULES_VERSION = 2
#: The rules an export was scored under when it does not say (files written
#: before ``rules_version`` existed, and the book's export): its format's.
RULES_OF_FORMAT = {1: 1, 2: 2}
#: Versions the gradebook reads (older ones are graded again, with a note).
READ_VERSIONS = (1, 2)
COURSE = "china-russia-2023"
SOURCES = ("book", "notebook")
#: The CSV form: the export's fields, then one attempt's.
EXPORT_FIELDS = ("course", "course_version", "student", "lesson", "source", "exported_at")
ANSWER_FIELDS = ("question", "question_hash", "response", "score", "max_score", "status", "revealed", "time")
#: What the page showed for an attempt (see the notes above): optional, in JSON and CSV.
SHOWN_FIELDS = ("earned", "points")
CSV_COLUMNS = [*EXPORT_FIELDS, *ANSWER_FIELDS, *SHOWN_FIELDS]


def course_version() -> str:
    from . import __version__

    return __version__


VERSION_PATTERN = re.compile(r"(\d+)(?:\.\d+)*(?:[-+.]?[0-9A-Za-z.+-]*)?")


def major_version(version: object) -> int | None:
    """The MAJOR number of a version such as "1.2.0" (None if it is not one)."""
    if not isinstance(version, str):
        return None
    match = VERSION_PATTERN.fullmatch(version.strip())
    return int(match.group(1)) if match else None


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def make_export(lesson: str, answers: list[dict], student: str = "", source: str = "notebook") -> dict:
    """An export document for ``answers`` (dicts with the keys shown above)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "rules_version": RULES_VERSION,
        "course": COURSE,
        "course_version": course_version(),
        "student": student,
        "lesson": lesson,
        "source": source,
        "exported_at": now_iso(),
        "answers": answers,
    }


def attempt_record(question, grade, response: object, revealed: bool, time: str | None = None) -> dict:
    """One attempt as the export stores it (the live quiz's writer; quiz.js
    writes the same keys)."""
    record = {
        "question": question.id,
        "question_hash": question.content_hash,
        "response": response,
        "score": grade.score,
        "max_score": grade.max_score,
        "status": grade.status,
        "revealed": bool(revealed),
        "time": time or now_iso(),
    }
    return record | shown_points(grade, revealed)


def shown_points(grade, revealed: bool) -> dict:
    """``earned`` and ``points`` as the quiz shows them for this attempt (none
    for a self-assessed or invalid one); quiz.js computes the same."""
    if grade.status in ("self-assessed", "invalid"):
        return {}
    return {"earned": _number(0 if revealed else grade.earned), "points": _number(grade.points)}


def _number(value) -> int | float:
    """A number as the quiz prints it (quizui.format_points): 1, 0.5, 0.33."""
    from .quizui import format_points

    text = format_points(value)
    return int(text) if text.lstrip("-").isdigit() else float(text)


def write_json(path, document: dict):
    """Write an export document as JSON (what the gradebook reads); returns the path."""
    path = Path(path)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def write_csv(path, document: dict):
    """Write an export document as CSV: one attempt per row, the export's
    fields repeated on each row, ``response`` as JSON text; returns the path."""
    path = Path(path)
    header = {key: document[key] for key in EXPORT_FIELDS}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for attempt in document["answers"]:
            row = {**header, **{key: attempt.get(key) for key in ANSWER_FIELDS}}
            row["response"] = json.dumps(attempt["response"], ensure_ascii=False)
            row["revealed"] = "true" if attempt.get("revealed") else "false"
            for key in SHOWN_FIELDS:  # absent: an attempt that showed no points (or an older file)
                row[key] = "" if attempt.get(key) is None else attempt[key]
            writer.writerow(row)
    return path


class ExportError(LoadError):
    """An export that cannot be read. The message is the reason alone (why,
    and what to do): the checks see a document, not a file, so its readers
    word it ``file: reason`` (the gradebook's and the class view's
    :class:`~lessons.problems.Skipped`). ``problems`` holds it as one
    :class:`~lessons.problems.Problem` with the CSV line and the question id
    where known, naming the file its reader passed in (``<answers>`` if none)."""

    def __init__(self, reason: str, *, line: int | None = None, subject: str | None = None, file: str = "<answers>"):
        super().__init__([Problem(file, line, subject, reason)], reason)

    def in_file(self, file: str) -> ExportError:
        """The same error, its problem naming ``file``."""
        problem = self.problems[0]
        return ExportError(str(self), line=problem.line, subject=problem.subject, file=file)


@dataclass(frozen=True)
class Export:
    student: str
    lesson: str
    source: str
    course_version: str
    exported_at: str
    answers: tuple[dict, ...]
    version: int = VERSION
    rules_version: int = RULES_VERSION


def parse_export(data: object, file: str = "<answers>") -> Export:
    """Check an export document and return it typed; raise ExportError
    otherwise, its problem naming ``file`` (where the document was read)."""
    try:
        return _checked(data)
    except ExportError as error:
        raise error.in_file(file) from None


def _checked(data: object) -> Export:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportError(f'not a lessons answers file (expected "format": "{FORMAT}")')
    if data.get("version") not in READ_VERSIONS or isinstance(data.get("version"), bool):
        readable = ", ".join(map(str, READ_VERSIONS))
        raise ExportError(f"answers format version {data.get('version')!r}; this course reads versions {readable}")
    if data.get("course") != COURSE:
        raise ExportError(f"from another course ({data.get('course')!r}), not {COURSE!r}")
    _check_course_version(data.get("course_version"))
    for key in ("student", "lesson", "source", "exported_at"):
        if not isinstance(data.get(key), str):
            raise ExportError(f"field {key!r} is missing or not text")
    answers = data.get("answers")
    if not isinstance(answers, list):
        raise ExportError("field 'answers' is missing or not a list")
    for number, answer in enumerate(answers, start=1):
        _check_answer(answer, number)
    return Export(
        student=data["student"],
        lesson=data["lesson"],
        source=data["source"],
        course_version=data["course_version"],
        exported_at=data["exported_at"],
        answers=tuple(answers),
        version=data["version"],
        rules_version=_rules_version(data),
    )


def _rules_version(data: dict) -> int:
    """The scoring rules' version the export was made under (see :data:`RULES_VERSION`)."""
    if data["version"] == 1:  # the field came after format version 1: such files are rules version 1
        return 1
    version = data.get("rules_version", RULES_OF_FORMAT[data["version"]])
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ExportError(f"rules_version {version!r} is not a whole number >= 1: ask the student to export again")
    return version


def _check_course_version(version: object) -> None:
    """Same MAJOR version as the course, or ExportError (see the module's notes)."""
    major = major_version(version)
    if major is None:
        raise ExportError(f"course_version {version!r} is not a version number such as {course_version()!r}")
    if major != major_version(course_version()):
        raise ExportError(
            f"from course version {version!r}, this is {course_version()!r}: another major version of the "
            "course, whose questions may differ: ask the student to export again from the current book"
        )


def _check_answer(answer: object, number: int) -> None:
    if not isinstance(answer, dict):
        raise ExportError(f"answer {number} is not an object")
    if not isinstance(answer.get("question"), str):
        raise ExportError(f"answer {number} has no question id")
    for key in ("score", "max_score"):
        value = answer.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ExportError(f"answer {number} ({answer['question']}): {key} must be a whole number >= 0", subject=answer["question"])
    if answer["score"] > answer["max_score"]:
        raise ExportError(f"answer {number} ({answer['question']}): score is above max_score", subject=answer["question"])
    if answer.get("status") not in STATUSES:
        raise ExportError(
            f"answer {number} ({answer['question']}): status must be one of {', '.join(STATUSES)}", subject=answer["question"]
        )
    if "revealed" in answer and not isinstance(answer["revealed"], bool):
        raise ExportError(f"answer {number} ({answer['question']}): revealed must be true or false", subject=answer["question"])
    if not isinstance(answer.get("time"), str):
        raise ExportError(f"answer {number} ({answer['question']}): time is missing", subject=answer["question"])
    _check_shown(answer, number)


def _check_shown(answer: dict, number: int) -> None:
    """``earned`` and ``points``: both or neither (older files have neither)."""
    earned, points = (answer.get(key) for key in SHOWN_FIELDS)
    if earned is None and points is None:
        return
    numbers = all(not isinstance(v, bool) and isinstance(v, (int, float)) and v >= 0 for v in (earned, points))
    if not numbers or earned > points:  # type: ignore[operator]  # both are numbers when compared
        raise ExportError(
            f"answer {number} ({answer['question']}): earned and points must be numbers with 0 <= earned <= points "
            f"(found {earned!r} and {points!r}): ask the student to export again rather than editing the file",
            subject=answer["question"],
        )


def document_from_csv(text: str, file: str = "<answers>") -> dict:
    """The export document held in a CSV export's ``text``; ExportError if the
    rows cannot make one (its problem naming ``file`` and the line). The
    document still goes through :func:`parse_export`.

    The CSV has no format or version column: a header with ``revealed`` is
    version 2, one without it version 1.
    """
    try:
        return _document(text)
    except ExportError as error:
        raise error.in_file(file) from None


def _document(text: str) -> dict:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _csv_header(next(rows, None))
        answers, export = [], None
        for fields in rows:
            line = rows.line_num
            if not any(field.strip() for field in fields):
                continue  # a blank line, as spreadsheet programs leave at the end
            if len(fields) != len(header):
                raise ExportError(f"line {line} has {len(fields)} fields, the header has {len(header)}", line=line)
            row = dict(zip(header, fields))
            fields_of_export = {key: row[key] for key in EXPORT_FIELDS}
            export = export or (line, fields_of_export)
            _check_same_export(fields_of_export, export, line)
            answers.append(_answer_from_csv(row, line))
    except csv.Error as error:
        raise ExportError(f"is not readable as CSV (line {rows.line_num}: {error})", line=rows.line_num) from None
    if export is None:
        raise ExportError("has a header but no attempts: export again after answering at least one question")
    version = VERSION if "revealed" in header else 1
    return {"format": FORMAT, "version": version, **export[1], "answers": answers}


def _csv_header(header: list[str] | None) -> list[str]:
    """The column names; ExportError unless they are exactly :data:`CSV_COLUMNS` (any order)."""
    if not header:
        raise ExportError(f"is empty: a CSV export starts with the header {','.join(CSV_COLUMNS)}", line=1)
    names = [name.strip() for name in header]
    # Version 1 had no revealed column; files before earned/points lack those.
    missing = [name for name in CSV_COLUMNS if name not in names and name not in ("revealed", *SHOWN_FIELDS)]
    unknown = [name for name in names if name not in CSV_COLUMNS]
    if missing or unknown or len(names) != len(set(names)):
        problems = [f"missing column(s) {', '.join(missing)}"] if missing else []
        problems += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        problems = problems or ["a column is repeated"]
        raise ExportError(f"is not a lessons answers CSV ({'; '.join(problems)}): the header must be {','.join(CSV_COLUMNS)}", line=1)
    return names


def _check_same_export(fields: dict, first: tuple[int, dict], line: int) -> None:
    """One file is one student's export of one lesson."""
    first_line, expected = first
    for key in EXPORT_FIELDS:
        if fields[key] != expected[key]:
            raise ExportError(
                f"line {line}: {key} {fields[key]!r} differs from {expected[key]!r} on line {first_line}: "
                "one file must hold one student's export of one lesson",
                line=line,
            )


def _answer_from_csv(row: dict, line: int) -> dict:
    question = row["question"]
    try:
        response = json.loads(row["response"])
    except json.JSONDecodeError as error:
        raise ExportError(
            f"line {line} ({question}): response {row['response'][:40]!r} is not valid JSON ({error.msg}): "
            "ask the student to export again rather than editing the file",
            line=line,
            subject=question,
        ) from None
    except RecursionError:
        raise ExportError(f"line {line} ({question}): response is nested too deeply to be an answer", line=line, subject=question) from None
    except ValueError as error:  # e.g. a number of more than 4300 digits
        raise ExportError(f"line {line} ({question}): response is not usable JSON ({error})", line=line, subject=question) from None
    answer = {key: row[key] for key in ANSWER_FIELDS if key in row} | {"response": response}
    if "revealed" in row:  # "true"/"false"; anything else is left for parse_export to refuse
        answer["revealed"] = {"true": True, "false": False}.get(row["revealed"].strip().lower(), row["revealed"])
    for key in SHOWN_FIELDS:  # empty: no points shown; text that is not a number is left for parse_export
        text = row.get(key, "").strip()
        if not text:
            answer.pop(key, None)
        elif re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
            answer[key] = int(text) if text.isdigit() else float(text)
    for key in ("score", "max_score"):  # text that is not a whole number is left for parse_export to refuse
        if re.fullmatch(r"[0-9]+", row[key].strip()):
            answer[key] = int(row[key])
    if not row["question_hash"]:
        del answer["question_hash"]  # as in a JSON export without one
    return answer
