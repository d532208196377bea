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
  With a roster (Canvas's own gradebook export, :mod:`~lessons.gradebook.roster`)
  the ids and section are filled in for every student it names.
* ``moodle-grades.csv``: the identity columns of Moodle's CSV grade export
  (``First name, Last name, ID number, Institution, Department, Email
  address``; Moodle imports the format it exports), then a column per
  lesson as a percentage, so it fits a new grade item's default maximum of
  100. Moodle's import matches users by a column the teacher maps ("Map
  from" -> "Map to"): with a roster (Moodle's own grade export) the names,
  ``ID number`` and ``Email address`` are filled in; without one the name
  as exported is in ``First name`` and the ids are for the teacher to fill.

A lesson the student sent nothing for is an empty cell, never 0.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .chart import CSV_ENCODING, _spreadsheet_safe
from .lmszip import identities
from .roster import CANVAS_IDS, MOODLE_IDS, Roster, match

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


def canvas_rows(results, people: dict[str, dict[str, str]] | None = None) -> list[list[str]]:
    """Canvas's columns; ``people`` (student -> Canvas roster row) fills its ids."""
    totals = results.lesson_totals()
    lessons = results.lessons
    ids = canvas_ids(results)
    people = people or {}
    rows = [CANVAS_COLUMNS + [lesson_column(lesson) for lesson in lessons]]
    rows.append(["Points Possible", "", "", "", ""] + [_points(results.lesson_possible(lesson)) for lesson in lessons])
    for student in results.students:
        known = people.get(student, {})
        who = [ids.get(student) or known.get("ID", "")] + [known.get(column, "") for column in CANVAS_IDS[1:]]
        rows.append([student, *who] + [_points(totals.at[student, lesson]) for lesson in lessons])
    return rows


def moodle_rows(results, people: dict[str, dict[str, str]] | None = None) -> list[list[str]]:
    """Moodle's columns; ``people`` (student -> Moodle roster row) fills its names and ids."""
    totals = results.lesson_totals()
    lessons = results.lessons
    people = people or {}
    rows = [MOODLE_COLUMNS + [lesson_column(lesson) for lesson in lessons]]
    for student in results.students:
        known = people.get(student)
        names = [known.get("First name", ""), known.get("Last name", "")] if known else [student, ""]
        who = [(known or {}).get(column, "") for column in MOODLE_IDS]
        rows.append(names + who + [_points(totals.at[student, f"{lesson} %"]) for lesson in lessons])
    return rows


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def write_lms_grades(results, out_dir: str | Path, rosters: Iterable[Roster] = ()) -> tuple[list[Path], list[str]]:
    """Write both import files into ``out_dir``; returns their paths and a
    line for each student a roster could not place."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    people: dict[str, dict] = {"canvas": {}, "moodle": {}}
    messages: list[str] = []
    for roster in rosters:
        people[roster.lms], problems = match(list(results.students), roster)
        messages += problems
    written = []
    tables = (canvas_rows(results, people["canvas"]), moodle_rows(results, people["moodle"]))
    for name, rows in zip(FILES, tables):
        path = out / name
        with path.open("w", newline="", encoding=CSV_ENCODING) as handle:
            writer = csv.writer(handle)
            writer.writerow(rows[0])
            writer.writerows([[_spreadsheet_safe(cell) for cell in row] for row in rows[1:]])
        written.append(path)
    return written, messages


__all__ = ["CANVAS_COLUMNS", "FILES", "MOODLE_COLUMNS", "lesson_column", "write_lms_grades"]
