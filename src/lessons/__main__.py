"""The course's command line: ``python -m lessons <command>``.

Each command is one :class:`Command` in :data:`COMMANDS`: a help line, a
function that adds its arguments, and a function that runs it and returns
the exit code. To add a command, write those two functions (import heavy
modules inside ``run`` so ``--help`` stays fast) and add one entry.

Exit codes: 0 success; 1 the input was read and has problems (``check``);
2 the input could not be read or makes no sense (raise :class:`InputError`);
3 an unexpected error, which is a bug in the course code. No command ever
shows a traceback: errors become one line on stderr.
"""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


class InputError(Exception):
    """Input that cannot be used; the message (one line) says what and how to fix it."""


@dataclass(frozen=True)
class Command:
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- check ---------------------------------------------------------------------

def configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="bank files or folders of them, or data .csv files "
        "(default: every book/quizzes/*.yml of this course, book/data/events.csv and the evidence datasets in book/data/)",
    )


def bank_paths(paths: list[Path]) -> list[Path]:
    """The bank files named (folders expand to their *.yml), or the book's banks."""
    from .paths import book_dir

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
    from .paths import book_dir

    try:
        book = book_dir(bank.path.resolve().parent)
    except FileNotFoundError:
        return None
    lesson = book / f"{bank.lesson}.md"
    if not lesson.is_file():
        return set()
    from .myst import labels

    return labels(lesson.read_text(encoding="utf-8", errors="replace"))


def section_problems(bank, file: str) -> list:
    """Each question whose ``section`` is not a label in its own lesson."""
    from .quizbank import Problem

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
    from . import datasets
    from .paths import book_dir, events_path

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
    from .datasets import Problem

    return [
        Problem(shown(path), 0, "", "no loader checks this file — add its data dictionary to "
                "src/lessons/datasets/catalogue.py (see CONTRIBUTING.md), or move it out of book/data/")
        for path in sorted(data.glob("*.csv")) if path not in known
    ]


def check_events(path: Path) -> list:
    """The timeline events file's problems (none: print a summary line)."""
    from .events import EventsError, load_events

    try:
        events = load_events(path)
    except EventsError as error:
        return error.problems
    print(f"{shown(path)}: {len(events)} events OK")
    return []


def run_check(args: argparse.Namespace) -> int:
    from .quizbank import TYPES, BankError, coverage, load_bank

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


# --- grade ---------------------------------------------------------------------


def configure_grade(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bank", type=Path, metavar="BANK", help="a quiz bank, e.g. book/quizzes/lesson-1.yml")
    parser.add_argument(
        "responses", type=Path, metavar="RESPONSES.json",
        help='a JSON object {"question-id": response, ...}; a question left out is graded as unanswered',
    )


def read_responses(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error}): check the path") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text: save it with UTF-8 encoding") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}: not valid JSON ({error.msg}): fix it and try again") from None
    if not isinstance(data, dict):
        raise InputError(f'{path}: must be a JSON object {{"question-id": response, ...}}, not a {type(data).__name__}')
    return data


def run_grade(args: argparse.Namespace) -> int:
    from .grading import grade
    from .quizbank import BankError, load_bank

    try:
        bank = load_bank(shown(args.bank))
    except BankError as error:
        more = f" (and {len(error.problems) - 1} more: run 'python -m lessons check {shown(args.bank)}')" if len(error.problems) > 1 else ""
        raise InputError(f"{error.problems[0]}{more}") from None
    responses = read_responses(args.responses)
    ids = {q.id for q in bank.questions}
    unknown = sorted(set(responses) - ids)
    if unknown:
        raise InputError(
            f"{shown(args.responses)}: no question {unknown[0]!r} in {bank.lesson}: use one of {', '.join(sorted(ids))}"
        )
    grades = [grade(q, responses.get(q.id)) for q in bank.questions]
    # Each question is worth its points; an open (self-assessed) one counts in no total.
    scored = [g for g in grades if g.status != "self-assessed" and bank.question(g.question_id).type != "open"]
    earned = sum((g.earned for g in scored), Fraction(0))
    possible = sum((Fraction(str(g.points)) for g in scored), Fraction(0))
    report = {
        "lesson": bank.lesson,
        "results": [
            {"id": g.question_id, "score": g.score, "max_score": g.max_score, "points": round(float(g.earned), 4), "status": g.status}
            for g in grades
        ],
        "total": {"points": round(float(earned), 4), "possible": float(possible), "share": round(float(earned / possible), 4) if possible else 0.0},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return EXIT_OK


# --- gradebook and notebooks (instructor tools: the work is in gradebook.py, notebooks.py)


def configure_gradebook(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR", help="student answer exports (.json, or a live quiz's .csv) or folders of them")
    parser.add_argument("--out", type=Path, default=Path("gradebook"), metavar="DIR", help="folder for the tables and chart (default: gradebook)")
    parser.add_argument("--lang", choices=["zh-Hant", "en", "both"], default="both", help="language of the summary and chart (default: both)")
    parser.add_argument(
        "--count", choices=["first", "best", "last"], default="first",
        help="which attempt at a question counts (default: first); an attempt made once the answer was shown earns nothing",
    )
    parser.add_argument("--lesson", metavar="LESSON", default=None, help="only this lesson's exports, e.g. lesson-2 (default: every lesson)")
    parser.add_argument(
        "--roster", action="append", type=Path, default=[], metavar="CSV",
        help="the LMS's own gradebook export (Canvas or Moodle, repeatable): fills the ids in canvas-grades.csv / moodle-grades.csv",
    )


def run_gradebook(args: argparse.Namespace) -> int:
    from .gradebook import run

    return run(args.paths, args.out, args.lang, args.count, args.lesson, args.roster)


def configure_notebooks(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("notebooks"), metavar="DIR", help="folder for the .ipynb files (default: notebooks)")


def run_notebooks(args: argparse.Namespace) -> int:
    from .notebooks import NotebookError, write_notebooks

    try:
        written = write_notebooks(args.out)
    except (NotebookError, FileNotFoundError) as error:
        raise InputError(str(error)) from None
    for path in written:
        print(shown(path))
    return EXIT_OK


def configure_classroom(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="the classroom folder (default: classroom/ in the course)")


def run_classroom(args: argparse.Namespace) -> int:
    from .classroom import prepare
    from .notebooks import NotebookError
    from .paths import repo_root

    try:
        room = prepare(repo_root(), args.out)
    except (NotebookError, FileNotFoundError) as error:
        raise InputError(str(error)) from None
    print(room.summary())
    return EXIT_OK



def configure_class(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("setup", "archive", "reveal", "hide"), help="what to do with the class folder")
    parser.add_argument("folder", type=Path, help="the class folder (what students set as LESSONS_CLASS_FOLDER)")
    parser.add_argument("--lesson", metavar="LESSON", help="reveal/hide: the lesson, e.g. lesson-2")
    parser.add_argument("--group", metavar="GROUP", help="setup: the teacher's group, which reads the students' files")


def run_class(args: argparse.Namespace) -> int:
    from . import classfolder

    if args.action in ("reveal", "hide") and not args.lesson:
        raise InputError(f"class {args.action}: which lesson? add --lesson lesson-N")
    try:
        if args.action == "setup":
            folder = classfolder.set_up(args.folder, args.group)
            print(f"{shown(folder)}: a drop box (mode 3733): students add files, only you list and read them")
        elif args.action == "archive":
            done = classfolder.archive(args.folder)
            print(f"moved {len(done.moved)} file(s) to {shown(done.folder)}; the class folder is ready for the next lesson")
        else:
            classfolder.set_reveal(args.folder, args.lesson, args.action == "reveal")
            print(f"{args.lesson}: answers {'revealed to' if args.action == 'reveal' else 'hidden from'} the class")
    except (OSError, LookupError) as error:  # no folder, not the owner, an unknown group
        raise InputError(str(error)) from None
    return EXIT_OK

# --- handouts --------------------------------------------------------------------


def configure_handouts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--book", type=Path, default=Path("_build/html"), help="the built book (default: _build/html; make it with `make book`)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the PDFs (default: BOOK/handouts, published with the book)")
    parser.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size (default: A4)")
    parser.add_argument("--lesson", action="append", metavar="LESSON", help="only this lesson, e.g. lesson-1 (repeatable; the class sets then hold only these)")


def run_handouts(args: argparse.Namespace) -> int:
    from .handouts import FOLDER
    from .handouts.build import HandoutError, build_handouts
    from .paths import repo_root

    try:
        report = build_handouts(repo_root(), args.book, args.out or args.book / FOLDER, paper=args.paper, only=args.lesson)
    except HandoutError as error:
        raise InputError(str(error)) from None
    print(report.summary())
    return EXIT_OK


# --- export-lms (the work is in lms/) -------------------------------------------


def configure_export_lms(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("moodle", "qti", "gift", "all"), default="all", help="moodle (Moodle XML), qti (QTI 1.2 zip for Canvas), gift, or all (default)")
    parser.add_argument("--lesson", action="append", metavar="LESSON", help="only this lesson, e.g. lesson-1 (repeatable; default: every lesson)")
    parser.add_argument("--language", choices=("zh-Hant", "en", "both", "all"), default="all", help="language of the questions (default: all three)")
    parser.add_argument("--out", type=Path, default=Path("_build/lms"), metavar="DIR", help="folder for the files, one subfolder per format (default: _build/lms)")


def run_export_lms(args: argparse.Namespace) -> int:
    from .gradebook.reading import default_banks
    from .lms import FORMATS, LANGUAGES, export
    from .model import BankError

    try:
        banks = default_banks()
    except (BankError, FileNotFoundError) as error:
        raise InputError(f"cannot read the course's quiz banks: {error}") from None
    unknown = [lesson for lesson in args.lesson or () if lesson not in banks]
    if unknown:
        raise InputError(f"unknown --lesson {', '.join(unknown)}: use one of {', '.join(sorted(banks))}")
    chosen = [banks[lesson] for lesson in (args.lesson or sorted(banks))]
    modes = LANGUAGES if args.language == "all" else (args.language,)
    for fmt in FORMATS if args.format == "all" else (args.format,):
        result = export(chosen, fmt, modes, args.out)
        print("\n".join(result.report()))
    return EXIT_OK


# --- the command table -----------------------------------------------------------

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
    except InputError as error:
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


if __name__ == "__main__":
    sys.exit(main())
