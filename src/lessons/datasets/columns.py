"""What a column of an evidence dataset may hold, and checking one cell.

A :class:`Column` is one entry of a data dictionary: its name, its *kind*
(what a cell must look like, see :data:`KINDS`), unit, allowed values and
whether a cell may be empty. :func:`check_cell` turns one cell's text into
its value, or says what is wrong and how to fix it. A :class:`Dataset`
gathers a file's columns with its scope, key, sources and "as of" date.
Nothing here reads files or imports pandas.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..bilingual import Text, has_chinese, mostly_chinese
from ..citations import url_problem
from ..csvrows import DATE_SHAPES, parse_date

#: Every kind of column, with what a cell must be (shown on the data page).
KINDS = {
    "text": Text("文字", "text"),
    "text-zh": Text("中文（正體）文字", "text in Traditional Chinese"),
    "text-en": Text("英文文字", "text in English"),
    "urls": Text("網址（https://…），以「 ; 」分隔", "web addresses (https://…), separated by ' ; '"),
    "choice": Text("列出的值之一", "one of the listed values"),
    "choices": Text("列出的值，以「 ; 」分隔", "listed values, separated by ' ; '"),
    "code": Text("符合格式的代號", "a symbol of the shape shown"),
    "date": Text("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
    "partial-date": Text("日期 YYYY-MM-DD、YYYY-MM 或 YYYY（依精確度欄）", "date YYYY-MM-DD, YYYY-MM or YYYY (as its precision column says)"),
    "year": Text("年份（整數）", "year (whole number)"),
    "count": Text("計數（非負整數）", "count (whole number, 0 or more)"),
    "amount": Text("數額（非負小數）", "amount (decimal number, 0 or more)"),
}
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
WHOLE = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Column:
    """One column of a dataset: what its cells mean and may hold."""

    name: str
    kind: str
    description: Text
    #: the unit in both languages (the Data-and-sources page shows the reader's), or None
    unit: Text | None = None
    may_be_empty: bool = False
    #: choice / choices: each allowed value with its bilingual label
    allowed: dict[str, Text] = field(default_factory=dict)
    #: code: the shape a value must have, and an example for the message
    pattern: str = ""
    example: str = ""
    #: partial-date: the column that says day, month or year
    precision_column: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r} (use one of {', '.join(KINDS)})")


#: A rule across a row's cells: gets the converted row, returns (column, message) pairs.
RowRule = Callable[[dict], list[tuple[str, str]]]


@dataclass(frozen=True)
class Dataset:
    """One evidence file: its dictionary, scope, key, notes and "as of" date."""

    name: str
    file: str
    title: Text
    row: Text
    scope: Text
    notes: str
    as_of: date
    as_of_text: Text
    #: first and last day a row's time column may fall on (the scope)
    period: tuple[date, date]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    #: the column whose date (or year) places a row in time
    time_column: str
    #: further column sets whose values must be unique (rows with an empty one are skipped)
    unique: tuple[tuple[str, ...], ...] = ()
    row_rules: tuple[RowRule, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _or_empty(column: Column) -> str:
    return " (or leave it empty if not verified)" if column.may_be_empty else ""


def _listed(allowed: dict) -> str:
    return ", ".join(f"'{value}'" for value in allowed)


def check_cell(column: Column, text: str, row: dict):
    """``(value, None)`` for a good cell, ``(None, message)`` for a bad one.

    ``row`` holds the row's raw text (a partial date needs its precision).
    An empty cell is ``None`` where the column may be empty. Values: str for
    text, choice and code; tuple of str for choices; ``datetime.date`` for
    dates (the first day a partial date covers); int for years and counts;
    float for amounts.
    """
    if not text:
        if column.may_be_empty:
            return None, None
        return None, "is empty but this column may not be — fill it from a source (or, if it cannot be verified, this row does not belong in the file)"
    return _CHECKERS[column.kind](column, text, row)


def _text(column, text, row):
    return text, None


def _text_zh(column, text, row):
    if not has_chinese(text):
        return None, f"{text!r} has no Chinese characters — write it in Traditional Chinese (Taiwan usage), or move the English text to its own column"
    return text, None


def _text_en(column, text, row):
    if mostly_chinese(text):
        return None, f"{text!r} is mostly Chinese — write it in English (the Chinese goes in the _zh column)"
    return text, None


def _urls(column, text, row):
    problem = url_problem(text)
    return (None, problem) if problem else (text, None)


def _choice(column, text, row):
    if text not in column.allowed:
        return None, f"{text!r} is not an allowed value — use one of {_listed(column.allowed)}" + _or_empty(column)
    return text, None


def _choices(column, text, row):
    values = tuple(v.strip() for v in text.split(";"))
    wrong = [v for v in values if v not in column.allowed]
    if wrong:
        return None, f"{wrong[0]!r} is not an allowed value — list values from {_listed(column.allowed)}, separated by ' ; '"
    return values, None


def _code(column, text, row):
    if not re.fullmatch(column.pattern, text):
        return None, f"{text!r} is not a valid symbol — write it like {column.example!r}" + _or_empty(column)
    return text, None


def _date(column, text, row):
    parsed = parse_date(text, "day")
    if isinstance(parsed, str):
        return None, _date_message(parsed, "day")
    return parsed[0], None


def _partial_date(column, text, row):
    precision = row.get(column.precision_column, "")
    parsed = parse_date(text, precision)
    if isinstance(parsed, str):
        if parsed.startswith("precision"):
            return None, (f"{text!r} does not match {column.precision_column} '{precision}' — write the date as "
                          f"{DATE_SHAPES[precision]}, or correct {column.precision_column}")
        return None, _date_message(parsed, None)
    return parsed[0], None


def _date_message(parsed: str, precision: str | None) -> str:
    """Re-word :func:`parse_date`'s message in the datasets' style (what — fix)."""
    what, _, fix = parsed.partition(": ")
    if precision == "day" and "does not parse" in what:
        fix = "write YYYY-MM-DD (e.g. 2014-03-18)"
    elif precision == "day" and what.startswith("precision"):
        what, fix = what.replace("precision is 'day' but ", ""), "write the full day as YYYY-MM-DD"
    return f"{what} — {fix}"


def _year(column, text, row):
    if not re.fullmatch(r"\d{4}", text):
        return None, f"{text!r} is not a year — write four digits, e.g. 2014"
    return int(text), None


def _count(column, text, row):
    if not WHOLE.match(text):
        return None, f"{text!r} is not a whole number — write digits only, e.g. 141" + _or_empty(column)
    return int(text), None


def _amount(column, text, row):
    if not NUMBER.match(text):
        unit = f" in {column.unit.en}" if column.unit else ""
        return None, f"{text!r} is not a number — write digits with a decimal point{unit}, e.g. 95.28, with no units, commas or words" + _or_empty(column)
    return float(text), None


_CHECKERS = {
    "text": _text, "text-zh": _text_zh, "text-en": _text_en, "urls": _urls, "choice": _choice, "choices": _choices,
    "code": _code, "date": _date, "partial-date": _partial_date, "year": _year, "count": _count, "amount": _amount,
}


def cell_text(column: Column, value, row: dict) -> str:
    """A loaded cell as it reads in the file (the inverse of :func:`check_cell`),
    for tables: "" for a missing value, a partial date to its precision
    (``row`` holds the row's loaded values), a whole amount without ".0".
    Text that is already a string is returned as it is."""
    if isinstance(value, str):
        return value
    if value is None or value != value or str(value) in ("<NA>", "NaT"):  # None, NaN, pd.NA, NaT
        return ""
    if column.kind in ("date", "partial-date"):
        precision = row.get(column.precision_column, "day") if column.precision_column else "day"
        return value.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(precision, "%Y-%m-%d"))
    if column.kind in ("year", "count"):
        return str(int(value))
    if column.kind == "amount":
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)
