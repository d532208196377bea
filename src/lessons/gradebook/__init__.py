"""The class gradebook: student exports in, scores and an item analysis out.

Three parts, one job each: :mod:`~lessons.gradebook.reading` (export files,
or an LMS's "download all submissions" zip through
:mod:`~lessons.gradebook.lmszip` -> one checked table of attempts, every
answer graded again),
:mod:`~lessons.gradebook.analysis` (scores by the counting policy, lesson
subtotals, attempts, item analysis, open answers) and
:mod:`~lessons.gradebook.chart` (the chart and spreadsheet-safe CSV).
Besides, :mod:`~lessons.gradebook.lmsgrades` writes the lesson scores as
Canvas's and Moodle's grade import files. ``python -m lessons gradebook`` is
:func:`run`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from ..bilingual import BOTH, Text
from ..model import BankError
from .analysis import CHOICE_TYPES, ClassResults  # noqa: F401
from .chart import CSV_ENCODING, NO_CJK_FONT, chart_html, figure_svg, item_chart, save_chart, spreadsheet_safe  # noqa: F401
from .lmsgrades import write_lms_grades
from .reading import EXPORT_SUFFIXES, TOO_DEEP, Skipped, default_banks, export_files, read_class  # noqa: F401
from .roster import RosterError, read_roster


def run(
    paths: Iterable[str | Path], out_dir: str | Path, mode: str = BOTH, count: str = "first", lesson: str | None = None,
    rosters: Iterable[str | Path] = (),
) -> int:
    """``python -m lessons gradebook``: read, report, write. Returns the exit code:
    0 when at least one export was read (skipped files are listed), 2 when none
    (or a ``--roster`` file is not an LMS gradebook export)."""
    try:
        lists = [read_roster(path) for path in rosters]
    except RosterError as error:
        print(f"gradebook: {error}", file=sys.stderr)
        return 2
    try:
        results = read_class(paths, count=count, lesson=lesson)
    except (BankError, FileNotFoundError) as error:
        print(f"gradebook: cannot read the course's quiz banks:\n{error}", file=sys.stderr)
        return 2
    except ValueError as error:  # an unknown --lesson: the message names the lessons
        print(f"gradebook: {error}", file=sys.stderr)
        return 2
    print(results.summary(mode))
    if not results.files_read:
        print("gradebook: no valid answers file was read, so nothing was written.", file=sys.stderr)
        return 2
    written, messages = results.write(out_dir, mode)
    lms_files, roster_messages = write_lms_grades(results, out_dir, lists)
    written += lms_files
    messages = [*messages, *roster_messages]
    print(Text("已寫入：", "Written:").in_mode(mode, sep="\n"))
    for path in written:
        print(f"  {path}")
    for message in messages:
        print(message, file=sys.stderr)
    return 0
