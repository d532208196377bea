"""The one format for a student's exported answers.

The published book's "export my answers" button (static/quiz.js), the live
quiz's ``export_json`` and the gradebook all speak this format. Version it
here; the gradebook refuses what it does not know, by file name.

Example::

    {
      "format": "lessons-answers", "version": 1,
      "course": "china-russia-2023", "course_version": "1.0.0",
      "student": "alias", "lesson": "lesson-1", "source": "book",
      "exported_at": "2026-11-27T10:00:00Z",
      "answers": [
        {"question": "sanctions-1989", "question_hash": "3f2a9c01b7de",
         "response": 0, "score": 1, "max_score": 1, "status": "correct",
         "time": "2026-11-27T09:58:12Z"}
      ]
    }

``answers`` holds every attempt, oldest first; the last attempt at a
question is the one that counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FORMAT = "lessons-answers"
VERSION = 1
COURSE = "china-russia-2023"
STATUSES = ("correct", "partial", "incorrect", "invalid")
SOURCES = ("book", "notebook")


def course_version() -> str:
    from . import __version__

    return __version__


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def make_export(lesson: str, answers: list[dict], student: str = "", source: str = "notebook") -> dict:
    """An export document for ``answers`` (dicts with the keys shown above)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "course": COURSE,
        "course_version": course_version(),
        "student": student,
        "lesson": lesson,
        "source": source,
        "exported_at": now_iso(),
        "answers": answers,
    }


class ExportError(ValueError):
    """An export that cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Export:
    student: str
    lesson: str
    source: str
    course_version: str
    exported_at: str
    answers: tuple[dict, ...]


def parse_export(data: object) -> Export:
    """Check an export document and return it typed; raise ExportError otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportError(f"not a lessons answers file (expected \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise ExportError(f"answers format version {data.get('version')!r}; this course reads version {VERSION}")
    if data.get("course") != COURSE:
        raise ExportError(f"from another course ({data.get('course')!r}), not {COURSE!r}")
    if data.get("course_version") != course_version():
        raise ExportError(
            f"from course version {data.get('course_version')!r}, this is {course_version()!r}: "
            "ask the student to export again from the current book"
        )
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
    )


def _check_answer(answer: object, number: int) -> None:
    if not isinstance(answer, dict):
        raise ExportError(f"answer {number} is not an object")
    if not isinstance(answer.get("question"), str):
        raise ExportError(f"answer {number} has no question id")
    for key in ("score", "max_score"):
        value = answer.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ExportError(f"answer {number} ({answer['question']}): {key} must be a whole number >= 0")
    if answer["score"] > answer["max_score"]:
        raise ExportError(f"answer {number} ({answer['question']}): score is above max_score")
    if answer.get("status") not in STATUSES:
        raise ExportError(f"answer {number} ({answer['question']}): status must be one of {', '.join(STATUSES)}")
    if not isinstance(answer.get("time"), str):
        raise ExportError(f"answer {number} ({answer['question']}): time is missing")
