"""``python -m lessons check``: quiz banks (fields, sections, coverage) and
the data files in book/data/ (timeline events, evidence datasets)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .base import EXIT_OK, EXIT_PROBLEMS, InputError, shown


def configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="bank files or folders of them, or data .csv files "
        "(default: every book/quizzes/*.yml of this course, book/data/events.csv and the evidence datasets in book/data/)",
    )


def bank_paths(paths: list[Path]) -> list[Path]:
    """The bank files named (folders expand to their *.yml), or the book's banks."""
    from ..paths import book_dir

    if not paths:
        try:
            folder = book_dir(Path.cwd()) / "quizzes"  # the course here, never the installed copy
        except FileNotFoundError as error:
            raise InputError(str(error)) from None
        return sorted(folder.glob("*.yml"))
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.yml")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder: check the path")
    return found


def section_labels(bank) -> set[str] | None:
    """MyST labels ``(name)=`` in the bank's own lesson (``book/<lesson>.md``):
    the quiz links ``#label`` on that page, so a label elsewhere would not
    work. None when the bank is not inside a course (nothing to check against)."""
    from ..paths import book_dir

    try:
        book = book_dir(bank.path.resolve().parent)
    except FileNotFoundError:
        return None
    lesson = book / f"{bank.lesson}.md"
    if not lesson.is_file():
        return set()
    from ..myst import labels

    return labels(lesson.read_text(encoding="utf-8", errors="replace"))


def section_problems(bank, file: str) -> list:
    """Each question whose ``section`` is not a label in its own lesson."""
    from ..quizbank import Problem

    labels = section_labels(bank)
    if labels is None:
        return []
    return [
        Problem(
            file, q.line, q.id,
            f"section {q.section!r} is not a label in book/{bank.lesson}.md: add ({q.section})= on the line "
            "above that section's heading in the lesson, or use one of its labels",
        )
        for q in bank.questions
        if q.section not in labels
    ]


def events_problems(args: argparse.Namespace) -> list:
    """Check the data files named on the command line (.csv), or every data
    file the course has (book/data/events.csv, the evidence datasets, and
    any other .csv there) when no path is given; print a summary line for
    each good one. A .csv is checked as the evidence dataset of its file
    name (or of its header, for a copy), else as timeline events; in the
    default run an unknown .csv in book/data/ is a problem."""
    from .. import datasets
    from ..paths import book_dir, events_path

    named = [p for p in args.paths if p.suffix == ".csv"]
    if args.paths and not named:
        return []
    problems = []
    if not named:
        try:
            data = book_dir() / "data"
        except FileNotFoundError:
            return []
        named = [p for p in [events_path(), *(data / d.file for d in datasets.DATASETS.values())] if p.is_file()]
        problems += unknown_data_files(data, named)
    for path in named:
        spec = datasets.by_file(path.name) or datasets.by_header(path)
        if spec is None:
            problems.extend(check_events(path))
            continue
        try:
            frame = datasets.load(spec.name, shown(path))
        except datasets.DatasetError as error:
            problems.extend(error.problems)
            continue
        print(f"{shown(path)}: {len(frame)} rows OK ({spec.name})")
    return problems


def unknown_data_files(data: Path, known: list[Path]) -> list:
    """A problem for each .csv in book/data/ that no loader checks."""
    from ..datasets import Problem

    return [
        Problem(shown(path), 0, "", "no loader checks this file — add its data dictionary to "
                "src/lessons/datasets/catalogue.py (see CONTRIBUTING.md), or move it out of book/data/")
        for path in sorted(data.glob("*.csv")) if path not in known
    ]


def check_events(path: Path) -> list:
    """The timeline events file's problems (none: print a summary line)."""
    from ..events import EventsError, load_events

    try:
        events = load_events(path)
    except EventsError as error:
        return error.problems
    print(f"{shown(path)}: {len(events)} events OK")
    return []


def run_check(args: argparse.Namespace) -> int:
    from ..quizbank import TYPES, BankError, coverage, load_bank

    bank_args = [p for p in args.paths if p.suffix != ".csv"]
    only_events = bool(args.paths) and not bank_args
    paths = [] if only_events else bank_paths(bank_args)
    if not paths and not only_events:
        print("no quiz banks found: add book/quizzes/lesson-N.yml (see CONTRIBUTING.md)", file=sys.stderr)
        return EXIT_PROBLEMS
    problems = []
    for path in paths:
        file = shown(path)
        try:
            bank = load_bank(file)
        except BankError as error:
            problems.extend(error.problems)
            continue
        found = section_problems(bank, file)
        if found:
            problems.extend(found)
            continue
        counts = Counter(q.type for q in bank.questions)
        summary = ", ".join(f"{t} {counts[t]}" for t in TYPES if counts[t])
        covered = coverage(bank)
        verdict = "OK" if not covered.problems else f"{len(covered.problems)} coverage problem(s)"
        print(f"{file}: {len(bank.questions)} questions {verdict} ({summary})")
        print("\n".join(covered.lines()))
        problems.extend(covered.problems)
    problems.extend(events_problems(args))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
