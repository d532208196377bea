"""The course's command line: ``python -m lessons <command>`` (``lessons/__main__.py``
runs :func:`main`).

Each command is one :class:`Command` in :data:`COMMANDS`: a help line, a
function that adds its arguments, and a function that runs it and returns
the exit code. To add a command, write those two functions (import heavy
modules inside ``run`` so ``--help`` stays fast) and add one entry.

Exit codes: 0 success; 1 the input was read and has problems (``check``);
2 the input could not be read or makes no sense (raise :class:`InputError`;
a :class:`~lessons.problems.LoadError` or :class:`~lessons.problems.SetupError`
a command lets through exits 2 as well: a file or a missing tool is not a
bug); 3 an unexpected error, which is a bug in the course code. No command
ever shows a traceback: errors become their message on stderr.

:class:`InputError` stays the command line's own: it is how a command says
"exit 2" in one line, whatever the cause (a bad argument, or a LoadError or
SetupError it caught and worded for the command); it carries no problems list.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..problems import LoadError, SetupError
from .base import EXIT_BAD_INPUT, EXIT_BUG, EXIT_OK, EXIT_PROBLEMS, Command, InputError, shown
from .check import configure_check, run_check
from .grade import configure_grade, run_grade
from .teaching import (
    configure_class,
    configure_classroom,
    configure_export_lms,
    configure_gradebook,
    configure_handouts,
    configure_notebooks,
    run_class,
    run_classroom,
    run_export_lms,
    run_gradebook,
    run_handouts,
    run_notebooks,
)

__all__ = [
    "COMMANDS", "EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_OK", "EXIT_PROBLEMS", "Command", "InputError",
    "build_parser", "main", "shown",
]

COMMANDS: dict[str, Command] = {
    "check": Command(
        help="validate quiz banks and data files; print one summary line per file, or every problem",
        description=(
            "Validate quiz banks (default: every book/quizzes/*.yml) and the data files in book/data/ "
            "(events.csv and the evidence datasets). Exit 0 with one line per file, "
            "or 1 with every problem as 'file:line: question-id (or column): what is wrong and how to fix it'."
        ),
        configure=configure_check,
        run=run_check,
    ),
    "grade": Command(
        help="grade a JSON file of responses against a bank; print the grades as JSON",
        description=(
            'Grade RESPONSES.json ({"question-id": response, ...}) against BANK and print JSON: '
            '{"lesson", "results": [{"id", "score", "max_score", "status"}], "total": {"score", "max_score", "points"}}. '
            "Unreadable or malformed input exits 2."
        ),
        configure=configure_grade,
        run=run_grade,
    ),
    "gradebook": Command(
        help="merge students' answer exports into scores, an item analysis and a chart",
        description=(
            "Read answer exports (files or folders of .json, and the live quiz's .csv exports), "
            "skip and list bad or duplicate files with the reason, "
            "and write scores.csv (student x question, columns named by the number students saw and the id, total), "
            "lessons.csv, items.csv, options.csv, attempts.csv, skipped.csv and one chart per lesson "
            "(item-analysis-<lesson>.svg/.png) into --out. The first attempt at each question counts (--count). "
            "Exit 0 when at least one export was read, 2 when none."
        ),
        configure=configure_gradebook,
        run=run_gradebook,
    ),
    "export-lms": Command(
        help="write the quiz banks as Moodle XML, a QTI 1.2 zip for Canvas and GIFT",
        description=(
            "Write each lesson's quiz bank, in zh-Hant, English and both, as Moodle XML, a QTI 1.2 zip for Canvas's "
            "classic quizzes and GIFT, into --out/<format>/. Prints, per format, what was left out or is scored "
            "differently from the course's grader, and why."
        ),
        configure=configure_export_lms,
        run=run_export_lms,
    ),
    "notebooks": Command(
        help="write each lesson as .ipynb in zh-Hant, in English and in both",
        description="Write lesson-N.zh-Hant.ipynb, lesson-N.en.ipynb and lesson-N.both.ipynb for every lesson in _toc.yml into --out.",
        configure=configure_notebooks,
        run=run_notebooks,
    ),
    "classroom": Command(
        help="make the classroom/ folder make lab opens: clean per-language notebooks to teach from",
        description=(
            "Write classroom/ (or --out): START-HERE.ipynb and every lesson's zh-Hant, English and both notebooks, "
            "plus exports/. Notebooks changed in class are kept, never overwritten. Live teaching works here, "
            "so nothing is saved into book/."
        ),
        configure=configure_classroom,
        run=run_classroom,
    ),
    "class": Command(
        help="manage a class folder: setup (a private drop box), archive (clear it for the next lesson), reveal/hide answers",
        description=(
            "setup FOLDER [--group G]: make FOLDER a drop box (mode 3733, the teacher's group) where students add files "
            "but cannot list or read each other's. archive FOLDER: move every student file and reveal switch into "
            "FOLDER/archive-<date>-<time>/ (nothing deleted). reveal|hide FOLDER --lesson L: show or hide L's answers "
            "in every student's quiz (only the folder's owner can)."
        ),
        configure=configure_class,
        run=run_class,
    ),
    "handouts": Command(
        help="print every lesson's student handout and answer key to PDF from the built book",
        description=(
            "From the built book (--book, default _build/html), print with Chromium, for each lesson and each language "
            "mode (zh-Hant, en, both), a student handout (the lesson with its quiz as a worksheet) and an answer key, "
            "plus class sets of all lessons, into --out (default BOOK/handouts). A4 unless --paper Letter."
        ),
        configure=configure_handouts,
        run=run_handouts,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lessons",
        description="Tools for the China–Russia course: quiz banks, grading and more.",
        epilog="Exit codes: 0 ok, 1 problems found, 2 unreadable or malformed input, 3 a bug (please report it).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.description or command.help)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return args.run(args)
    except (InputError, LoadError, SetupError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head`, which closed early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the promise: never a traceback for a user
        print(f"unexpected error (a bug in the course code, please report it): {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_BUG
