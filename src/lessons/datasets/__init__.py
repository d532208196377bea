"""The evidence datasets in ``book/data/``: one data dictionary per file and
one loader that enforces it.

>>> from lessons import datasets
>>> vetoes = datasets.load("unsc-vetoes")        # a checked pandas DataFrame
>>> datasets.describe("unsc-vetoes")             # its dictionary, as a DataFrame

Names: ``unsc-vetoes``, ``unga-ukraine-votes``, ``china-russia-trade``,
``bloc-membership``, ``china-russia-exercises`` (see :data:`NAMES`).

:func:`load` checks every cell against the dictionary (:mod:`.catalogue`)
and raises one :class:`DatasetError` listing every problem as
``file:line: column: what is wrong — how to fix`` (never a traceback in a
notebook). An empty cell means "not verified": it stays missing after
loading (NaN, NaT or <NA>), never 0. Dates become Timestamps (a month- or
year-precision date: its first day; read the precision column), years and
counts integers, amounts floats. Parsed frames are cached per process and
file version; each call returns a fresh copy.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..paths import book_dir
from .catalogue import DATASETS
from .columns import Column, Dataset
from .problems import DatasetError, Problem

__all__ = ["NAMES", "DATASETS", "Column", "Dataset", "DatasetError", "Problem", "describe", "dictionary_html", "load", "overview_html", "path"]

#: The dataset names :func:`load` accepts.
NAMES = tuple(DATASETS)


def dataset(name: str) -> Dataset:
    """The dictionary of dataset ``name``; an unknown name raises a clear ValueError."""
    if name not in DATASETS:
        raise ValueError(f"no dataset {name!r}: use one of {', '.join(NAMES)}")
    return DATASETS[name]


def path(name: str) -> Path:
    """Where dataset ``name`` lives: ``book/data/<file>`` of this course."""
    return book_dir() / "data" / dataset(name).file


def by_file(file_name: str) -> Dataset | None:
    """The dataset whose file is called ``file_name`` (e.g. ``unsc-vetoes.csv``), or None."""
    return next((d for d in DATASETS.values() if d.file == file_name), None)


def by_header(file: Path) -> Dataset | None:
    """The dataset whose columns are exactly the header of ``file`` (a copy
    under another name), or None (also when the file cannot be read)."""
    import csv

    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            header = {name.strip() for name in next(csv.reader(handle), [])}
    except (OSError, UnicodeDecodeError):
        return None
    return next((d for d in DATASETS.values() if set(d.column_names) == header), None)


# --- loading ----------------------------------------------------------------------

_CACHE: dict[tuple, object] = {}


def load(name: str, file: str | Path | None = None):
    """Load and check dataset ``name`` (from ``file``, default its file in
    ``book/data/``); returns a pandas DataFrame with the file's columns in
    the file's order and row order. Raises :class:`DatasetError`."""
    from .loader import read_frame

    spec = dataset(name)
    shown = str(file) if file is not None else f"book/data/{spec.file}"
    where = Path(file) if file is not None else path(name)
    try:
        stat = where.stat()
        key = (name, str(where.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is None or key not in _CACHE:
        frame = read_frame(spec, where, shown)
        if key is None:
            return frame
        _CACHE[key] = frame
    return _CACHE[key].copy()


# --- the dictionary, for people ---------------------------------------------------


def describe(name: str):
    """The data dictionary of ``name`` as a DataFrame: one row per column
    with its kind, unit, allowed values, whether it may be empty, and its
    meaning in both languages."""
    from .dictionary import dictionary_frame

    return dictionary_frame(dataset(name))


def dictionary_html(name: str) -> Markup:
    """The data dictionary of ``name`` as a bilingual HTML table (each text
    in a ``lang`` span the page's language switch shows or hides)."""
    from .dictionary import dictionary_table

    return dictionary_table(dataset(name))


def overview_html(name: str) -> Markup:
    """What dataset ``name`` holds, for the data page: bilingual HTML with
    what a row is, the scope, the number of rows, the "as of" date, the
    notes file and the dictionary table. Loads (and so checks) the file."""
    from .dictionary import overview

    return overview(dataset(name), len(load(name)))
