"""The class's lesson scores as files Canvas's and Moodle's gradebooks import.

One row per student, one column per lesson, UTF-8 with a byte-order mark
(so a spreadsheet program shows Chinese names as written), every student's
text made spreadsheet-safe (:func:`~lessons.gradebook.chart.spreadsheet_safe`).

* ``canvas-grades.csv``: the columns of Canvas's own gradebook export, which
  its import reads back (Grades > Import): ``Student, ID, SIS User ID, SIS
  Login ID, Section``, then a column per lesson and, as in Canvas's export,
  a ``Points Possible`` row first. A new column becomes a new assignment.
  ``ID`` is the Canvas user id when the student's export came from a Canvas
  "download submissions" zip (:mod:`lessons.gradebook.lmszip`); otherwise
  it is empty and Canvas's import asks who each unmatched name is.
* ``moodle-grades.csv``: the identity columns of Moodle's CSV grade export
  (``First name, Last name, ID number, Institution, Department, Email
  address``; Moodle imports the format it exports), then a column per
  lesson as a percentage, so it fits a new grade item's default maximum of
  100. The student's name as exported is in ``First name``; Moodle's import
  matches users by a column the teacher maps ("Map from" -> "Map to"), so
  fill ``Email address`` or ``ID number`` from Moodle's own export first.

A lesson the student sent nothing for is an empty cell, never 0.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .chart import CSV_ENCODING, _spreadsheet_safe
from .lmszip import identities

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
FILES = ("canvas-grades.csv", "moodle-grades.csv")


def lesson_column(lesson: str) -> str:
    """A lesson's column title (the assignment or grade item it becomes)."""
    return f"{lesson} quiz"


def canvas_ids(results) -> dict[str, str]:
    """Student -> Canvas user id, for students whose exports came from a Canvas zip."""
    found: dict[str, str] = {}
    files = results.attempts[["student", "file"]].drop_duplicates()
    who = identities(files["file"].tolist())
    for student, file in zip(files["student"], files["file"]):
        identity = who.get(file)
        if identity and identity.lms == "canvas" and identity.id.isdigit():
            found.setdefault(student, identity.id)
    return found


def _points(value) -> str:
    return "" if _missing(value) else f"{round(float(value), 2):g}"


def canvas_rows(results) -> list[list[str]]:
    totals = results.lesson_totals()
    lessons = results.lessons
    ids = canvas_ids(results)
    rows = [CANVAS_COLUMNS + [lesson_column(lesson) for lesson in lessons]]
    rows.append(["Points Possible", "", "", "", ""] + [_points(results.lesson_possible(lesson)) for lesson in lessons])
    for student in results.students:
        cells = [_points(totals.at[student, lesson]) for lesson in lessons]
        rows.append([student, ids.get(student, ""), "", "", ""] + cells)
    return rows


def moodle_rows(results) -> list[list[str]]:
    totals = results.lesson_totals()
    lessons = results.lessons
    rows = [MOODLE_COLUMNS + [lesson_column(lesson) for lesson in lessons]]
    for student in results.students:
        cells = []
        for lesson in lessons:
            value = totals.at[student, f"{lesson} %"]
            cells.append(_points(value))
        rows.append([student, "", "", "", "", ""] + cells)
    return rows


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def write_lms_grades(results, out_dir: str | Path) -> list[Path]:
    """Write both import files into ``out_dir``; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in zip(FILES, (canvas_rows(results), moodle_rows(results))):
        path = out / name
        with path.open("w", newline="", encoding=CSV_ENCODING) as handle:
            writer = csv.writer(handle)
            writer.writerow(rows[0])
            writer.writerows([[_spreadsheet_safe(cell) for cell in row] for row in rows[1:]])
        written.append(path)
    return written


__all__ = ["CANVAS_COLUMNS", "FILES", "MOODLE_COLUMNS", "lesson_column", "write_lms_grades"]
