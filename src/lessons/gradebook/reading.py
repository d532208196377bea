"""Reading a class's exports: files in, one checked table of attempts out.

Students export their answers from the book or a live notebook (format:
:mod:`lessons.answers`, as JSON or as the live quiz's CSV, which is turned
into the same document and checked the same way). :func:`read_class` reads
a set of export files or folders and checks every file before anything is
merged:

* a file that is not UTF-8 JSON or CSV (or is nested too deeply to read),
  not a lessons export, a CSV whose rows mix students or lessons, from
  another course or another *major* course version, for an unknown lesson,
  without a student name, with an unknown question id, or with an *edited
  score* (below) is *skipped* and reported by file name with the reason;
* a byte-for-byte copy of another file, or a file with the same student,
  lesson and answers as another, is a *duplicate*: reported and skipped;
* two different files of the same student and lesson are both kept: their
  attempts are merged (reported as a note).

Scores are checked, not trusted: each answer is graded again by
:func:`lessons.grading.grade` against the current bank, and the regraded
score is the one used. Each answer carries its question's content hash
(``question_hash``), which tells why a recorded score may differ:

* the hash differs: the question was edited since (say, an answer key was
  corrected). The file is kept, the regraded score counts, and a note names
  the file, student, question and both scores.
* the hash matches, or is missing: the score can only differ if the file
  was edited. The *whole file* is skipped (an edited file cannot be trusted
  in its other answers either); the reason asks for a fresh export.
* the file was scored under other grading rules (its ``rules_version``,
  :data:`lessons.answers.RULES_VERSION`; format version 1 files are rules
  version 1, before fair scoring): every answer is graded again under the
  current rules, none is refused for its old score, and a note names the
  file and how many scores changed. A rule change therefore never refuses
  a file; raising ``RULES_VERSION`` with the change is what tells the two
  apart (an edited file keeps the current rules version and is refused).

Newer exports also record the points the page showed (``earned`` of
``points``, :mod:`lessons.answers`); where present they are checked the same
way, and older files without them are read alike.

Attempts graded ``invalid`` stay in the table but are no tries
(:mod:`lessons.progress`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .. import classfolder
from ..answers import RULES_VERSION, SHOWN_FIELDS, VERSION, ExportError, document_from_csv, parse_export, shown_points
from ..grading import grade
from ..problems import Skipped
from ..progress import POLICIES
from ..quizbank import Bank, load_bank
from . import lmszip
from .analysis import ClassResults

#: What the gradebook reads: lessons.answers exports as JSON, or as the live quiz's CSV.
EXPORT_SUFFIXES = (".json", ".csv")


class _Refused(Exception):
    """Internal: this file is skipped for the reason given."""


def export_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The ``.json`` and ``.csv`` files named by ``paths`` (folders are
    searched, sorted), and those inside ``.zip`` files as an LMS's
    "download all submissions" gives them (:class:`lmszip.ZipMember`).

    A path that does not exist, or a folder with no export file in it, is
    reported rather than ignored.
    """
    files: list[Path] = []
    problems: list[Skipped] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = _folder_files(path, problems)
            # By stem first, so "a.json" comes before its copy "a (1).json".
            found = sorted((p for p in inside if p.suffix.lower() in EXPORT_SUFFIXES), key=lambda p: (p.parent, p.stem, p.suffix))
            zips = sorted(p for p in inside if p.suffix.lower() == ".zip")
            if not found and not zips:
                problems.append(Skipped(str(path), "folder has no .json or .csv export files in it"))
            files.extend(found)
            for archive in zips:
                _zip_members(archive, files, problems)
        elif path.is_file() and path.suffix.lower() == ".zip":
            _zip_members(path, files, problems)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Skipped(str(path), "no such file or folder: check the path"))
    return list(dict.fromkeys(files)), problems


def _folder_files(folder: Path, problems: list[Skipped]) -> list[Path]:
    """Every file under ``folder`` but those in the archives `class archive`
    made there: an earlier class's files would count in this one's results.
    Each archive left out is said once; named itself, it is read."""
    inside = list(folder.rglob("*"))
    archives = sorted(p for p in inside if p.is_dir() and classfolder.is_archive(p))
    for archive in archives:
        problems.append(Skipped(str(archive), "an earlier class, archived by `python -m lessons class archive`: left out (give this folder itself to grade that class)"))
    return [p for p in inside if p.is_file() and not any(a in p.parents for a in archives)]


def _zip_members(archive: Path, files: list, problems: list[Skipped]) -> None:
    """The exports in an LMS's "download all submissions" zip (lmszip)."""
    try:
        found = lmszip.members(archive, EXPORT_SUFFIXES)
    except OSError as error:
        problems.append(Skipped(str(archive), str(error)))
        return
    if not found:
        problems.append(Skipped(str(archive), "zip has no .json or .csv export files in it"))
    files.extend(found)


def _read_export(path: Path) -> tuple[object, str]:
    """The export document (from JSON, or from CSV for a ``.csv`` file) and the
    SHA-256 of the bytes; _Refused if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _Refused(f"cannot be read ({error.strerror or error})") from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused(
            "is not UTF-8 text: hand in the answers file as exported "
            "(a spreadsheet program that saves a CSV again may change its encoding)"
        ) from None
    if path.suffix.lower() == ".csv":
        try:
            return document_from_csv(text, str(path)), digest
        except ExportError as error:
            raise _Refused(str(error)) from None
    try:
        return json.loads(text), digest
    except json.JSONDecodeError as error:
        raise _Refused(
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}): "
            "ask the student to export again rather than editing the file"
        ) from None
    except RecursionError:
        raise _Refused(TOO_DEEP) from None
    except ValueError as error:  # e.g. a number of more than 4300 digits
        raise _Refused(f"is not usable JSON ({error}): ask the student to export again") from None


#: Python's JSON reader gives up (RecursionError) on lists or objects nested
#: about a thousand deep; no export is nested more than three.
TOO_DEEP = "is nested too deeply to be an answers file (was it edited or made by another program?): skipped"


def default_banks() -> dict[str, Bank]:
    """Every quiz bank of the book, by lesson."""
    from ..paths import book_dir

    banks = {}
    for path in sorted((book_dir() / "quizzes").glob("*.yml")):
        bank = load_bank(path)
        banks[bank.lesson] = bank
    return banks


def _parse_time(value: str, where: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Refused(f"{where}: time {value!r} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _student_key(name: str) -> str:
    """Names compare as written, ignoring width variants and outer spaces."""
    return unicodedata.normalize("NFKC", name).strip()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _check_against_bank(export, banks: Mapping[str, Bank], file: str) -> tuple[list[dict], list[str], list[str]]:
    """Every answer of ``export`` as a row, graded again by the current bank.

    Returns the rows, the ids of questions edited since they were answered
    whose grade did not change, and a note for each answer whose grade did
    change with the edit (the regraded score counts). A recorded score that
    differs for a question that has *not* changed refuses the file.
    """
    bank = banks.get(export.lesson)
    if bank is None:
        known = ", ".join(sorted(banks)) or "none"
        raise _Refused(f"lesson {export.lesson!r} is not in this course (its lessons: {known})")
    student = _student_key(export.student)
    rows, edited, regraded_notes = [], [], []
    changed = 0
    for number, answer in enumerate(export.answers, start=1):
        qid = answer["question"]
        where = f"answer {number} ({qid})"
        try:
            question = bank.question(qid)
        except KeyError:
            raise _Refused(
                f"answer {number}: unknown question id {qid!r} in {export.lesson}: the file comes from "
                "another version of the course or was edited"
            ) from None
        result = grade(question, answer.get("response"))
        recorded, regraded = _recorded(answer), _regraded(answer, result)
        edited_since = answer.get("question_hash") not in (None, question.content_hash)
        if export.rules_version != RULES_VERSION:
            changed += recorded != regraded  # scored under other rules: graded again, never refused
        elif recorded != regraded and not edited_since:
            raise _Refused(f"{where}: recorded score {recorded} but the grader gives {regraded}: {_why_refused(answer)}")
        elif edited_since and recorded != regraded:
            regraded_notes.append(
                f"{file}: {student}, {export.lesson}/{qid}: recorded {recorded}, regraded {regraded} "
                "(the question was edited in the bank after it was answered; the regraded score counts)"
            )
        elif edited_since:
            edited.append(qid)
        rows.append(
            {
                "student": student,
                "lesson": export.lesson,
                "question": qid,
                "response": answer.get("response"),
                "score": result.score,
                "max_score": result.max_score,
                "status": result.status,
                "revealed": answer.get("revealed") is True,
                "time": _parse_time(answer["time"], where),
                "file": file,
            }
        )
    if changed and export.version >= VERSION:  # format version 1 files have their own note (read_class)
        regraded_notes.append(
            f"{file}: {student}, {export.lesson}: scored under grading rules version {export.rules_version}, the course's "
            f"are version {RULES_VERSION}: every answer was graded again and {changed} score(s) changed "
            "(the regraded scores count; a rule change, not an edited file)"
        )
    return rows, edited, list(dict.fromkeys(regraded_notes))


def _recorded(answer: dict) -> str:
    """The recorded score, with the points the page showed when the file has them (newer exports)."""
    text = f"{answer['score']}/{answer['max_score']}"
    if "earned" in answer:
        text += f" ({answer['earned']} of {answer['points']} points shown)"
    return text


def _regraded(answer: dict, result) -> str:
    """The regraded score, said like :func:`_recorded` so the two compare: an
    older file (no ``earned``) is checked on its raw score alone."""
    text = f"{result.score}/{result.max_score}"
    if "earned" in answer:
        shown = shown_points(result, answer.get("revealed") is True) or dict.fromkeys(SHOWN_FIELDS)
        # Before 2026-12-06 the live quiz (Python) rounded 0.125 to even (0.12)
        # where the browser showed 0.13: exports of either kind were what was shown.
        if shown["earned"] is not None:
            exact = {"earned": 0 if answer.get("revealed") is True else result.earned, "points": result.points}
            shown = {key: answer[key] if abs(answer[key] - float(exact[key])) <= 0.005 + 1e-9 else shown[key] for key in SHOWN_FIELDS}
        text += f" ({shown['earned']} of {shown['points']} points shown)"
    return text


def _why_refused(answer: dict) -> str:
    """Why a score the grader does not confirm refuses the file."""
    if "question_hash" not in answer:
        return (
            "the file was edited (it has no question_hash, which every export writes, so it cannot show "
            "that the question changed since): ask the student to export again"
        )
    return (
        "the file was edited (the question is unchanged since it was answered, so its score cannot differ): "
        "ask the student to export again rather than editing the file"
    )


def read_class(
    paths: Iterable[str | Path], banks: Mapping[str, Bank] | None = None, count: str = "first", lesson: str | None = None
) -> ClassResults:
    """Read and check every export under ``paths``; merge the valid ones.

    ``banks`` maps lesson -> Bank (default: the book's banks); ``count`` is
    which attempt counts (lessons.progress.POLICIES: first, best or last);
    ``lesson`` keeps only that lesson's exports (the others are counted in a
    note, not checked further).
    """
    if count not in POLICIES:
        raise ValueError(f"unknown --count {count!r}: use one of {', '.join(POLICIES)}")
    banks = default_banks() if banks is None else dict(banks)
    if lesson is not None and lesson not in banks:
        raise ValueError(f"unknown --lesson {lesson!r}: use one of {', '.join(sorted(banks)) or 'none (no quiz banks found)'}")
    other_lessons = 0
    files, skipped = export_files(paths)
    notes: list[str] = []
    edited: Counter[str] = Counter()
    regraded: list[str] = []
    rows: list[dict] = []
    read: list[str] = []
    seen_bytes: dict[str, str] = {}
    seen_content: dict[tuple[str, str, str], str] = {}
    files_of: dict[tuple[str, str], list[str]] = {}
    older: list[str] = []
    for path in files:
        file = str(path)
        try:
            data, digest = _read_export(path)
            if digest in seen_bytes:
                raise _Refused(f"duplicate: an exact copy of {seen_bytes[digest]}")
            seen_bytes[digest] = file
            try:
                export = parse_export(data, file)
            except ExportError as error:
                raise _Refused(str(error)) from None
            if lesson is not None and export.lesson != lesson:
                other_lessons += 1
                continue
            student = _student_key(export.student)
            if not student:
                raise _Refused("has no student name or alias: ask the student to export again with their name")
            content = (student, export.lesson, _canonical(export.answers))
            if content in seen_content:
                raise _Refused(f"duplicate: same student, lesson and answers as {seen_content[content]}")
            file_rows, file_edited, file_notes = _check_against_bank(export, banks, file)
        except _Refused as refusal:
            skipped.append(Skipped(file, str(refusal)))
            continue
        except RecursionError:  # a response nested too deeply to compare or grade
            skipped.append(Skipped(file, TOO_DEEP))
            continue
        seen_content[content] = file
        files_of.setdefault((student, export.lesson), []).append(file)
        rows.extend(file_rows)
        edited.update(f"{export.lesson}/{qid}" for qid in file_edited)
        regraded += file_notes
        read.append(file)
        if export.version < VERSION:
            older.append(file)
    for (student, lesson), names in files_of.items():
        if len(names) > 1:
            notes.append(
                f"{student}, {lesson}: {len(names)} files ({', '.join(names)}); their attempts are merged "
                f"in time order (the {count} attempt at each question counts)"
            )
    notes += [
        f"{question}: edited in the bank after {count} of these answers were given; "
        "the grader gives them the same score, so they are kept"
        for question, count in edited.items()
    ]
    notes += regraded
    if other_lessons:
        notes.append(f"--lesson {lesson}: {other_lessons} file(s) of other lessons left out")
    if older:
        notes.append(
            f"{len(older)} file(s) in answers format version 1, scored under the old rules, were graded again under "
            "the current ones (net-correct multiple answers, one point per question, no credit once the answer "
            f"was shown): {', '.join(older[:3])}" + (f" and {len(older) - 3} more" if len(older) > 3 else "")
        )
    return ClassResults(_attempts_frame(rows), banks, tuple(read), tuple(skipped), tuple(notes), count=count)


ATTEMPT_COLUMNS = ["student", "lesson", "question", "response", "score", "max_score", "status", "revealed", "time", "file"]


def _attempts_frame(rows: list[dict]) -> pd.DataFrame:
    """All attempts, oldest first; the same attempt in two files counts once."""
    frame = pd.DataFrame(rows, columns=ATTEMPT_COLUMNS)
    if frame.empty:
        return frame
    frame["order"] = range(len(frame))
    key = frame["response"].map(_canonical)
    frame = frame.loc[~pd.concat([frame[["student", "lesson", "question", "time"]], key], axis=1).duplicated()]
    frame = frame.sort_values(["time", "order"], kind="stable").drop(columns="order")
    return frame.reset_index(drop=True)
