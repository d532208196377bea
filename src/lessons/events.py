"""The timeline's events: what ``book/data/events.csv`` may hold, and loading it.

The file has one row per event, in both languages, each with its source.
:func:`load_events` checks every row and returns a pandas DataFrame, or
raises one :class:`EventsError` listing every problem by file, line and
field, with the fix. ``python -m lessons check`` and the timeline
(:mod:`lessons.timeline`) both load the events through it.

Nothing here draws: matplotlib is never imported, and pandas only when a
file is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .bilingual import Text, has_chinese, mostly_chinese
from .citations import SITE, mirror_host
from .csvrows import PRECISIONS, parse_date, read_rows
from .paths import events_path
from .problems import LoadError
from .problems import Problem as FileProblem

# --------------------------------------------------------------------------
# What the data may contain
# --------------------------------------------------------------------------

COLUMNS = (
    "id", "date", "precision", "category", "anchor",
    "title_zh", "title_en", "description_zh", "description_en", "source",
)
YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class Category:
    """A kind of event: its bilingual label, and a marker shape and colour
    (shape first, so the chart does not rely on colour alone)."""

    label: Text
    marker: str
    shape: Text
    color: str


#: The categories an event may have. How the chart marks each one lives here
#: too, in the same row, so a category cannot be added only half-way.
#: Okabe–Ito colours (safe for colour-blind readers) on distinct shapes.
CATEGORIES = {
    "china": Category(Text("中國", "China"), "o", Text("圓形", "circle"), "#D55E00"),
    "russia": Category(Text("俄羅斯／蘇聯", "Russia / Soviet Union"), "s", Text("方形", "square"), "#0072B2"),
    "bilateral": Category(Text("中俄雙邊", "China–Russia bilateral"), "D", Text("菱形", "diamond"), "#CC79A7"),
    "multilateral": Category(Text("多邊組織", "Multilateral groupings"), "^", Text("正三角形", "triangle"), "#009E73"),
    "west": Category(Text("西方", "The West"), "v", Text("倒三角形", "inverted triangle"), "#E69F00"),
    "brief": Category(Text("本課程的摘要", "The brief"), "*", Text("星形", "star"), "#000000"),
}

#: The four years the brief turns on, with what happened in each. Only
#: events in these years may be marked ``anchor = yes``.
ANCHOR_YEARS = {
    1989: Text("天安門事件與西方制裁", "Tiananmen and Western sanctions on China"),
    1991: Text("蘇聯解體", "collapse of the Soviet Union"),
    2014: Text("俄羅斯兼併克里米亞", "Russia annexes Crimea"),
    2022: Text("俄羅斯全面入侵烏克蘭", "Russia's full-scale invasion of Ukraine"),
}

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: How a problem names each text column.
FIELD_NAMES = {
    "title_zh": "Traditional Chinese title",
    "title_en": "English title",
    "description_zh": "Traditional Chinese description",
    "description_en": "English description",
}

# --------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------


class Problem(FileProblem):
    """One thing wrong in the events file (its subject the field), worded
    as the timeline's authors read it: "file, line N, field 'f': ..."."""

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}, field '{self.subject}': {self.message}" if self.subject else f"{where}: {self.message}"


class EventsError(LoadError):
    """The events file has problems; ``problems`` lists them all."""

    def __init__(self, path, problems: list[Problem]):
        self.path = str(path)
        count = len(problems)
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(problems, f"{self.path}: {count} problem{'s' if count != 1 else ''} in the timeline events:\n{lines}")


# --------------------------------------------------------------------------
# Checking one row
# --------------------------------------------------------------------------


def _check_row(row: dict, path: str, line: int, seen: dict) -> list[Problem]:
    """Every problem in one data row; ``seen`` maps ids to their first line."""
    problems = []

    def bad(field, message):
        problems.append(Problem(path, line, field, message))

    event_id = row["id"]
    if not event_id:
        bad("id", "is empty: give the event a short unique id such as 'crimea-2014'")
    elif not ID_PATTERN.match(event_id):
        bad("id", f"{event_id!r} is not a valid id: use lower-case letters, digits and hyphens, e.g. 'crimea-2014'")
    elif event_id in seen:
        bad("id", f"duplicate id {event_id!r} (first used on line {seen[event_id]}): give each event its own id")
    else:
        seen[event_id] = line

    precision = row["precision"]
    if precision not in PRECISIONS:
        bad("precision", f"{precision!r} is not a precision: use day, month or year")
    if not row["date"]:
        bad("date", "is empty: write the date as YYYY-MM-DD, YYYY-MM or YYYY")
    else:
        parsed = parse_date(row["date"], precision)
        if isinstance(parsed, str):
            bad("precision" if parsed.startswith("precision") else "date", parsed)
        elif row["anchor"] == "yes" and parsed[0].year not in ANCHOR_YEARS:
            years = ", ".join(map(str, ANCHOR_YEARS))
            bad("anchor", f"is 'yes' but {parsed[0].year} is not one of the brief's anchor years ({years}): set it to 'no'")

    if row["category"] not in CATEGORIES:
        known = ", ".join(CATEGORIES)
        bad("category", f"{row['category']!r} is not a known category: use one of {known}")
    if row["anchor"] not in YES_NO:
        bad("anchor", f"{row['anchor']!r} is not yes or no: write 'yes' for the brief's anchor events, else 'no'")

    for field, name in FIELD_NAMES.items():
        text = row[field]
        if not text:
            bad(field, f"is empty: write the {name}")
        elif field.endswith("_zh") and not has_chinese(text):
            bad(field, f"has no Chinese text: write the {name} (is the English text in the wrong column?)")
        elif field.endswith("_en") and mostly_chinese(text):
            bad(field, f"is mostly Chinese: write the {name} (is the Chinese text in the wrong column?)")
    bad_source = _source_problem(row["source"])
    if bad_source:
        bad("source", bad_source)
    return problems


def _source_problem(source: str) -> str | None:
    """A source must say where the date comes from and name the site read,
    so the timeline can link it; the brief itself is cited by its file."""
    if not source:
        return "is empty: cite where the date comes from (publication or web page, with its date)"
    host = mirror_host(source)
    if host:
        return (f"names {host}, a copy site a teacher cannot cite: cite the page it copies "
                "(a UN record, an official statement or declaration, or a reputable outlet)")
    if not SITE.search(source) and "book/data/" not in source:
        return ("names no web page: add the address read (e.g. press.un.org/en/2022/ga12410.doc.htm) "
                "so the timeline can link it")
    return None


# --------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------


def _checked_records(path: Path) -> list[dict]:
    """One record per row, the CSV's fields plus ``start``, ``end`` (dates)
    and ``line``. Every problem in the file is gathered first, then raised
    as one :class:`EventsError`, so an author fixes them all in one go."""
    shown = str(path)
    rows, found = read_rows(path, COLUMNS, "create it (see CONTRIBUTING.md, 'Add an event to the timeline')")
    problems = [Problem(shown, line, column, f"{what}: {fix}") for line, column, what, fix in found]
    records, seen = [], {}
    for line, row in rows:
        row_problems = _check_row(row, shown, line, seen)
        problems += row_problems
        if not row_problems:
            first, last = parse_date(row["date"], row["precision"])
            records.append({**row, "anchor": YES_NO[row["anchor"]], "start": first, "end": last, "line": line})
    if problems:
        raise EventsError(shown, problems)
    if not records:
        raise EventsError(shown, [Problem(shown, 2, "", "has no events: add one row per event under the header")])
    return records


def load_events(path=None):
    """Load and check the timeline events; returns a pandas DataFrame.

    One row per event, sorted by date, with the CSV's columns (``anchor`` as
    bool) plus ``start`` and ``end`` (Timestamps: the first and last day the
    date covers), ``when`` (its midpoint, as a decimal year, for plotting)
    and ``line`` (where the row is in the file). Any problem raises one
    :class:`EventsError` that lists all of them.
    """
    import pandas as pd

    events = pd.DataFrame.from_records(_checked_records(Path(path) if path is not None else events_path()))
    events["start"] = pd.to_datetime(events["start"])
    events["end"] = pd.to_datetime(events["end"])
    events["when"] = [decimal_year(s + (e - s) / 2 + pd.Timedelta(hours=12)) for s, e in zip(events["start"], events["end"])]
    return events.sort_values(["when", "line"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# Working with loaded events
# --------------------------------------------------------------------------


def decimal_year(moment) -> float:
    """A date or timestamp as a year with a fraction (1 July ≈ .5)."""
    year_start = date(moment.year, 1, 1).toordinal()
    days = date(moment.year + 1, 1, 1).toordinal() - year_start
    day = moment.toordinal() - year_start + getattr(moment, "hour", 0) / 24
    return moment.year + day / days


def select_events(events, categories=None, years=None):
    """The events in ``categories`` (ids; default all) whose date falls in
    ``years`` = (first, last), both inclusive (default all)."""
    chosen = events
    if categories is not None:
        chosen = chosen[chosen["category"].isin(list(categories))]
    if years is not None:
        first, last = years
        chosen = chosen[(chosen["when"] >= first) & (chosen["when"] < last + 1)]
    return chosen.reset_index(drop=True)
