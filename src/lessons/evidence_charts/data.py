"""The charts' data: the typed datasets of :mod:`lessons.datasets`, the
questions :mod:`lessons.evidence` answers, and each code's label from the
data dictionary — nothing here re-reads a file or re-counts what
:mod:`lessons.evidence` already counts.
"""

from __future__ import annotations

from .. import datasets, evidence
from ..bilingual import Text
from ..datasets.columns import cell_text

#: Chart name -> the name :func:`lessons.datasets.load` knows it by.
DATASETS = {
    "trade": "china-russia-trade",
    "vetoes": "unsc-vetoes",
    "unga": "unga-ukraine-votes",
    "membership": "bloc-membership",
    "exercises": "china-russia-exercises",
}

#: The date the brief was published: later rows are context "as of" the data.
BRIEF_DATE = evidence.BRIEF_DATE.isoformat()

NOT_VERIFIED = Text("未核實", "not verified")


def known(name: str) -> str:
    if name not in DATASETS:
        raise ValueError(f"unknown evidence chart {name!r}: use one of {', '.join(DATASETS)}")
    return name


def load(name: str):
    """The dataset behind chart ``name``, checked and typed by
    :func:`lessons.datasets.load` (a bad row stops here with file, line and
    fix): dates are Timestamps, amounts floats, an empty cell missing."""
    return datasets.load(DATASETS[known(name)])


def as_of(name: str) -> str:
    """The "as of" date of chart ``name``'s data (ISO), from its dictionary."""
    return evidence.as_of(DATASETS[known(name)]).isoformat()


def labels(name: str, column: str) -> dict[str, Text]:
    """Each code of ``column`` with its one short label, from the data dictionary."""
    return datasets.dataset(DATASETS[known(name)]).column(column).allowed


def number(value) -> float | None:
    """A numeric cell as float; an empty (not verified) cell as None."""
    if value is None or value != value or str(value).strip() in ("", "<NA>", "nan", "None"):
        return None
    return float(value)


def year_of(value) -> int:
    """The year of a date or year cell, typed (Timestamp, int) or as text."""
    return int(getattr(value, "year", None) or str(value)[:4])


def text_of(name: str, row, column: str) -> str:
    """A cell as it reads in the file ("2005-07" for a month date, "" when
    empty), whether the frame is loaded (typed) or read as text."""
    spec = datasets.dataset(DATASETS[known(name)])
    return cell_text(spec.column(column), row[column], row)


# --- the questions the charts ask, answered by lessons.evidence ----------------

#: Who vetoed, and how the other voted: the vetoes chart's and explorer's groups.
VETO_PATTERNS = ("joint", "russia-china-abstained", "russia-china-yes", "russia-china-unverified", "china-alone")


def veto_patterns(vetoes) -> list[str]:
    """Each veto's group (:data:`VETO_PATTERNS`), from
    :func:`lessons.evidence.classify_vetoes`; a Russian veto alone is split
    by China's vote."""
    classified = evidence.classify_vetoes(vetoes)
    return [_pattern(who, china) for who, china in zip(classified["vetoed_by"], classified["china"])]


def _pattern(vetoed_by: str, china) -> str:
    if vetoed_by == evidence.BOTH:
        return "joint"
    if vetoed_by == evidence.RUSSIA_ALONE:
        return {"abstained": "russia-china-abstained", "yes": "russia-china-yes"}.get(china, "russia-china-unverified")
    if vetoed_by == evidence.RUSSIA_OTHER_UNVERIFIED:
        return "russia-china-unverified"
    return "china-alone"


def veto_pattern(row) -> str:
    """One veto's group (a row of the loaded vetoes file)."""
    import pandas as pd

    return veto_patterns(pd.DataFrame([row]))[0]


def membership_counts(membership) -> list[tuple[str, int, int]]:
    """(date, Shanghai Five/SCO members, BRICS members) at every date a row
    changes status, in the narrow reading of :func:`lessons.evidence.member_counts_on`
    (Saudi Arabia disputed, not counted). The Shanghai Five and the SCO are
    one line: the Shanghai Five's count until the SCO has rows."""
    # A chart and its words each ask, in three language modes: count each set of rows once.
    key = tuple(zip(membership["organisation"], membership["country_en"], membership["status"], membership["date"]))
    if key not in _COUNTS:
        counts = []
        for day in sorted(set(membership["date"])):
            on = evidence.member_counts_on(day, membership).set_index("organisation")["members_narrow"]
            sco = on.get("SCO", on.get("Shanghai Five", 0))
            counts.append((day.date().isoformat(), int(sco), int(on.get("BRICS", 0))))
        _COUNTS.clear()  # one set of rows at a time: the book's, or an explorer's
        _COUNTS[key] = counts
    return list(_COUNTS[key])


_COUNTS: dict[tuple, list] = {}


def status_on(membership, day: str):
    """Each country's row in force on ``day`` (ISO; its latest on or before
    it), per organisation line (the Shanghai Five and the SCO count as one)."""
    import pandas as pd

    rows = membership[membership["date"] <= pd.Timestamp(day)]
    rows = rows.assign(_line=["BRICS" if o == "BRICS" else "SCO" for o in rows["organisation"]])
    latest = rows.sort_values("date", kind="stable").groupby(["_line", "country_en"], sort=False).tail(1)
    return latest.sort_values(["_line", "date"], kind="stable").drop(columns=["_line"])
