"""Reading a course CSV file row by row, each row with the line it starts on.

The course's data files (``book/data/*.csv``) are checked by a loader that
names the file, line and column of every problem. This module holds what
those loaders share: reading the header and rows (:func:`read_rows`) and
parsing a date of day, month or year precision (:func:`parse_date`). It
raises nothing: each loader turns the ``(line, column, message)`` triples
into its own problems and error, in its own words.
"""

from __future__ import annotations

import calendar
import csv
import re
from datetime import date
from io import StringIO
from pathlib import Path

PRECISIONS = ("day", "month", "year")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_SHAPES = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}

#: A problem found while reading: (line, column, message); line 0 = the whole file.
Found = tuple[int, str, str]


def read_rows(path: Path, columns: tuple[str, ...], how_to_create: str) -> tuple[list[tuple[int, dict]], list[Found]]:
    """The file's non-blank rows as ``(line, {column: stripped text})``, and
    every problem met on the way.

    A file that cannot be read or whose header is wrong gives no rows, only
    the problems saying why; a row with the wrong number of fields is left
    out and reported. ``how_to_create`` finishes the message for a missing
    file (e.g. "create it (see CONTRIBUTING.md)").
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [(0, "", f"file not found: {how_to_create}")]
    except UnicodeDecodeError as error:
        return [], [(0, "", f"is not UTF-8 text ({error.reason}): save it as UTF-8")]
    reader = csv.reader(StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return [], [(1, "", "the file is empty: the first line must be the header " + ",".join(columns))]
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns]
    problems = [(1, c, "column is missing from the header: add it") for c in missing]
    problems += [(1, c, f"unknown column: remove it or fix its name (columns: {', '.join(columns)})") for c in unknown]
    if problems:
        return [], problems

    rows = []
    start = reader.line_num + 1
    for fields in reader:
        line, start = start, reader.line_num + 1
        if not any(f.strip() for f in fields):  # skip blank lines
            continue
        if len(fields) != len(header):
            problems.append((line, "", (
                f"has {len(fields)} fields but the header has {len(columns)}: "
                "put text containing commas in double quotes")))
            continue
        rows.append((line, {name: value.strip() for name, value in zip(header, fields)}))
    return rows, problems


def parse_date(text: str, precision: str) -> tuple[date, date] | str:
    """The first and last day a date of ``precision`` covers (``2005-07`` at
    month precision: 1 to 31 July 2005), or a message saying what is wrong."""
    match = DATE_PATTERN.match(text)
    if not match:
        return f"date {text!r} does not parse: write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2014-03-18)"
    year, month, day = (int(g) if g else None for g in match.groups())
    given = "day" if day else "month" if month else "year"
    try:
        first = date(year, month or 1, day or 1)
    except ValueError:
        return f"date {text!r} is not a real calendar date: check the month and day"
    if precision in PRECISIONS and given != precision:
        return (
            f"precision is '{precision}' but date {text!r} gives a {given}: "
            f"write the date as {DATE_SHAPES[precision]}, or set precision to '{given}'"
        )
    if day:
        return first, first
    if month:
        return first, date(year, month, calendar.monthrange(year, month)[1])
    return first, date(year, 12, 31)
