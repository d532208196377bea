"""The LMS's own class list: who each student is in Canvas or Moodle, so the
grade import files can carry the ids each import matches on.

A roster is the CSV the LMS's gradebook exports (``gradebook --roster``):
Canvas's has ``Student`` ("Lee, Ana"), ``ID``, ``SIS User ID``, ``SIS Login
ID`` and ``Section``; Moodle's has ``First name``, ``Last name``, ``ID
number``, ``Institution``, ``Department`` and ``Email address``. A student
of the class is matched to a roster row by name, whatever the order of its
parts ("Ana Lee" = "Lee, Ana"; "王小明" = last name 王 + first name 小明),
ignoring case, width and spaces. A name that matches no row, or more than
one, is left for the LMS's import to ask about, and said.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import LoadError, Problem

CANVAS_IDS = ("ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_IDS = ("ID number", "Institution", "Department", "Email address")


class RosterError(LoadError):
    """A roster that cannot be used: one :class:`~lessons.problems.Problem`
    naming the file and the fix."""


@dataclass(frozen=True)
class Roster:
    lms: str  # "canvas" or "moodle"
    rows: tuple[dict[str, str], ...] = field(default_factory=tuple)


def read_roster(path: str | Path) -> Roster:
    """The rows of an LMS gradebook export; RosterError if it is not one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError([Problem(str(path), None, None, f"cannot be read as UTF-8 text ({error}): export it from the LMS again")]) from None
    rows = list(csv.DictReader(text.splitlines()))
    header = set(rows[0]) if rows else set()
    if "Student" in header and "ID" in header:
        lms = "canvas"
    elif {"First name", "Last name"} <= header:
        lms = "moodle"
    else:
        raise RosterError([Problem(
            str(path), None, None,
            "not an LMS gradebook export: Canvas's has the columns Student and ID, "
            "Moodle's First name and Last name (export the gradebook as CSV from the LMS)",
        )])
    # Canvas's export puts the assignments' points in a row of their own.
    kept = tuple(row for row in rows if (row.get("Student") or "").strip() not in ("Points Possible", ""))
    return Roster(lms, kept if lms == "canvas" else tuple(r for r in rows if (r.get("First name") or r.get("Last name"))))


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(",", " ").strip()


def name_keys(*parts: str) -> set[str]:
    """Ways to write a name made of ``parts``: any order, with or without spaces."""
    words = [w for part in parts for w in _clean(part).split()]
    return {" ".join(sorted(words)), "".join(words), "".join(reversed(words))} - {""}


def _row_keys(roster: Roster, row: dict[str, str]) -> set[str]:
    if roster.lms == "canvas":
        return name_keys(row.get("Student") or "")
    return name_keys(row.get("First name") or "", row.get("Last name") or "")


def match(students: list[str], roster: Roster) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Each student's roster row, and a line for every student left unmatched."""
    keyed = [(_row_keys(roster, row), row) for row in roster.rows]
    found, problems = {}, []
    for student in students:
        keys = name_keys(student)
        rows = [row for row_keys, row in keyed if keys & row_keys]
        if len(rows) == 1:
            found[student] = rows[0]
        else:
            why = "no row" if not rows else f"{len(rows)} rows"
            problems.append(f"roster ({roster.lms}): {student}: {why} of that name; the LMS's import will ask who it is")
    return found, problems
