"""Reading one evidence file against its dictionary: every cell checked,
every problem gathered, then a typed pandas DataFrame.

Used by :func:`lessons.datasets.load`; the problems become one
:class:`~lessons.datasets.DatasetError`.
"""

from __future__ import annotations

from pathlib import Path

from ..csvrows import read_rows
from .columns import Dataset, check_cell
from .problems import DatasetError, Problem

#: pandas dtype of each kind when no cell is empty / when some may be.
DTYPES = {"year": ("int64", "Int64"), "count": ("int64", "Int64"), "amount": ("float64", "float64")}


def checked_rows(spec: Dataset, file: Path, shown: str) -> tuple[list[dict], list]:
    """Each good row as ``{column: value}`` (None where empty), and every problem."""
    how = f"it should be book/data/{spec.file} (see book/data/README.md)"
    rows, found = read_rows(file, spec.column_names, how)
    problems = [Problem(shown, line, column, f"{what} — {fix}") for line, column, what, fix in found]
    records = []
    seen: dict[tuple, dict] = {key: {} for key in (spec.key, *spec.unique)}
    for line, raw in rows:
        row_problems, values = [], {}
        for column in spec.columns:
            value, message = check_cell(column, raw[column.name], raw)
            if message:
                row_problems.append(Problem(shown, line, column.name, message))
            values[column.name] = value
        row_problems += [Problem(shown, line, c, m) for c, m in _out_of_scope(spec, values)]
        if not row_problems:
            for rule in spec.row_rules:
                row_problems += [Problem(shown, line, c, m) for c, m in rule(values)]
            row_problems += _duplicates(spec, raw, line, seen, shown)
        problems += row_problems
        if not row_problems:
            records.append(values)
    if not records and not problems:
        problems.append(Problem(shown, 2, "", "has no rows — add one row per record under the header"))
    return records, problems


def _out_of_scope(spec: Dataset, values: dict) -> list[tuple[str, str]]:
    first, last = spec.period
    when = values.get(spec.time_column)
    if when is None:
        return []
    if isinstance(when, int):
        inside, shown = first.year <= when <= last.year, f"{first.year}–{last.year}"
    else:
        inside, shown = first <= when <= last, f"{first} to {last}"
    if inside:
        return []
    return [(spec.time_column, f"{when} is outside this file's scope ({shown}) — check it, or widen the scope in "
             "lessons/datasets/catalogue.py and in the notes")]


def _duplicates(spec: Dataset, raw: dict, line: int, seen: dict, shown: str) -> list:
    problems = []
    for key, first_lines in seen.items():
        values = tuple(raw[c] for c in key)
        if not all(values):
            continue
        if values in first_lines:
            named = ", ".join(f"{c} {v!r}" for c, v in zip(key, values))
            problems.append(Problem(shown, line, key[0], (
                f"duplicate of line {first_lines[values]} ({named}) — each row must be a different record: "
                "remove the copy or correct it")))
        else:
            first_lines[values] = line
    return problems


def read_frame(spec: Dataset, file: Path, shown: str):
    """The checked file as a typed DataFrame; raises DatasetError."""
    import pandas as pd

    records, problems = checked_rows(spec, file, shown)
    if problems:
        raise DatasetError(shown, problems)
    frame = pd.DataFrame.from_records(records, columns=list(spec.column_names))
    for column in spec.columns:
        frame[column.name] = _typed(frame[column.name], column, pd)
    return frame


def _typed(series, column, pd):
    if column.kind in ("date", "partial-date"):
        return pd.to_datetime(series, errors="raise")
    if column.kind in DTYPES:
        full, nullable = DTYPES[column.kind]
        return series.astype(nullable if column.may_be_empty else full)
    if column.kind == "choices":
        series = series.map(lambda v: " ; ".join(v) if v else None)
    return pd.Series(series.tolist(), index=series.index, dtype=_text_dtype(pd))


def _text_dtype(pd):
    """pandas 3's string dtype (missing = NaN, so ``df.china == "yes"`` is
    False on an empty cell); on pandas 2, object, where ``astype("str")``
    would turn an empty cell into the text 'None'."""
    return "str" if int(pd.__version__.split(".")[0]) >= 3 else object
