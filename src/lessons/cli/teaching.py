"""The instructor's commands: gradebook, notebooks, classroom, class,
handouts and export-lms. Each only reads its arguments and calls the module
that does the work (gradebook/, notebooks, classroom, classfolder,
handouts/, lms/)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .base import EXIT_OK, InputError, shown


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
    from ..gradebook import run

    return run(args.paths, args.out, args.lang, args.count, args.lesson, args.roster)


def configure_notebooks(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("notebooks"), metavar="DIR", help="folder for the .ipynb files (default: notebooks)")


def run_notebooks(args: argparse.Namespace) -> int:
    from ..notebooks import NotebookError, write_notebooks

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
    from ..classroom import prepare
    from ..notebooks import NotebookError
    from ..paths import repo_root

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
    from .. import classfolder

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
    from ..handouts import FOLDER
    from ..handouts.build import HandoutError, build_handouts
    from ..paths import repo_root

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
    from ..gradebook.reading import default_banks
    from ..lms import FORMATS, LANGUAGES, export
    from ..model import BankError

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
