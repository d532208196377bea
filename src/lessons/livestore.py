"""Where the live quiz keeps a student's attempts outside the kernel.

Three places, all in the :mod:`lessons.answers` export format (so the
gradebook and :func:`lessons.class_view` read them as they read a handed-in
export):

- the progress file, ``.lessons-progress/<lesson>.json`` in the kernel's
  working folder (the notebook's folder): written on every check and read
  back when the quiz cell runs again, so a kernel restart loses nothing;
- the class folder, opt-in (``LESSONS_CLASS_FOLDER`` or
  ``lessons.quiz(..., class_folder=...)``): ``<name>-<code>--<lesson>.json``
  per student and lesson, for a teacher's live view (its rules:
  :mod:`lessons.classfolder`);
- the ``exports/`` folder beside the notebook, where the Export button saves.

Every write is atomic (a temporary file in the same folder, then
``os.replace``): a reader never sees half a file, and a crash mid-write
leaves the previous version.

Any number of kernels may run notebooks of one lesson in one folder (the
English and the both-languages notebook, say). None of them may remove an
attempt another made, so the progress file is never simply rewritten: under
a lock (``.lessons-progress/.<lesson>.lock``) a kernel reads the file, merges
its own attempts in (each attempt carries an ``id``; the union is kept,
oldest first) and writes the union back (:func:`merge_progress`). A Reset
is a merge too: the file lists the ids it cleared under ``"cleared"``, so a
kernel that still holds them in memory does not bring them back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import answers

PROGRESS_FOLDER = ".lessons-progress"
EXPORTS_FOLDER = "exports"
CLASS_FOLDER_VARIABLE = "LESSONS_CLASS_FOLDER"
#: Who writes from this progress folder: one random token per folder (one
#: student's notebooks), written into every class-folder file it sends.
WRITER_FILE = "writer-id"
PRIVATE = 0o600


def file_safe(name: str) -> str:
    """As quiz.js names the book's export: letters (any script), digits,
    - and _ survive, the rest becomes "-"."""
    return re.sub(r"[^\w-]+", "-", name.strip()).strip("-")[:60] or "student"


def write_atomically(path: str | Path, document: dict, mode: int = PRIVATE, exclusive: bool = False) -> Path:
    """Write ``document`` as JSON to ``path`` via a temporary file, making the
    folder if needed; the file gets ``mode``. ``exclusive``: only if ``path``
    does not exist yet (:class:`Exists` otherwise, nothing written): a hard
    link is an atomic "create with this content", so two writers racing for
    one new name never both win. Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.write("\n")
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())  # a shared (network) folder gets the whole file before the rename
        if exclusive:
            _link_new(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


class Exists(FileExistsError):
    """An exclusive write found the file already there (nothing was written)."""


def _link_new(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise Exists(17, "File exists", str(path)) from None
    except OSError:  # a file system without hard links: check, then rename (a narrow race)
        if path.exists():
            raise Exists(17, "File exists", str(path)) from None
        os.replace(temporary, path)


def progress_path(lesson: str, folder: str | Path | None = None) -> Path:
    """The progress file of ``lesson`` under ``folder`` (the kernel's working folder)."""
    return Path(folder or Path.cwd()) / PROGRESS_FOLDER / f"{lesson}.json"


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive lock beside ``path`` (``.<name>.lock``) while the
    block runs: kernels of one folder merge into the file one at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.stem}.lock")
    with open(lock, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: msvcrt locks a byte range
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield  # closing the file releases the lock


@dataclass
class Stored:
    """What a progress file holds: the attempts, the name, the ids a Reset cleared."""

    student: str = ""
    answers: list[dict] = field(default_factory=list)
    cleared: set[str] = field(default_factory=set)


def read_progress(path: Path) -> Stored | None:
    """The progress stored at ``path``; None when there is none or it cannot
    be read (a damaged file is set aside as ``<name>.damaged`` rather than
    overwritten, so it can still be looked at)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        export = answers.parse_export(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        try:
            os.replace(path, path.with_name(path.name + ".damaged"))
        except OSError:
            pass
        return None
    cleared = data.get("cleared") if isinstance(data.get("cleared"), list) else []
    return Stored(export.student, [dict(a) for a in export.answers], {str(c) for c in cleared})


def attempt_key(attempt: dict) -> str:
    """What makes an attempt itself: its ``id`` (older files: its whole content)."""
    if isinstance(attempt.get("id"), str):
        return attempt["id"]
    return json.dumps(attempt, sort_keys=True, ensure_ascii=False)


def as_exported(attempts: list[dict]) -> list[dict]:
    """Copies of ``attempts`` in the export format: without the ``id`` that
    only the progress file needs (an export and its CSV then stay equal)."""
    return [{key: value for key, value in attempt.items() if key != "id"} for attempt in attempts]


def new_attempt_id() -> str:
    return secrets.token_hex(8)


def merge(*lists: list[dict], cleared: set[str] = frozenset()) -> list[dict]:
    """Every attempt of ``lists`` once (by :func:`attempt_key`), oldest first
    (by time; the order given among equal times), leaving out ``cleared``."""
    seen: dict[str, dict] = {}
    for attempts in lists:
        for attempt in attempts:
            seen.setdefault(attempt_key(attempt), attempt)
    kept = [a for key, a in seen.items() if key not in cleared]
    return sorted(kept, key=lambda attempt: str(attempt.get("time", "")))


def merge_progress(path: Path, lesson: str, mine: list[dict], student: str | None, clear: bool = False) -> Stored:
    """Merge this kernel's attempts into the progress file at ``path`` and
    write the union back, under the lock; returns what the file now holds.

    ``student``: the name typed in this kernel since its last merge, or None
    to keep the file's. ``clear`` (Reset): every attempt known to the file or
    to this kernel is cleared, and stays cleared for the other kernels."""
    with locked(path):
        stored = read_progress(path) or Stored()
        cleared = set(stored.cleared)
        if clear:
            cleared |= {attempt_key(a) for a in [*stored.answers, *mine]}
        merged = Stored(student if student is not None else stored.student, merge(stored.answers, mine, cleared=cleared), cleared)
        document = answers.make_export(lesson, merged.answers, student=merged.student, source="notebook")
        document["cleared"] = sorted(cleared)
        write_atomically(path, document)
    return merged


def writer_id(folder: Path | None) -> str:
    """This progress folder's writer token (made once, kept in
    ``.lessons-progress/writer-id``); a fresh one without a folder, or when
    the folder cannot be written (never raises)."""
    if folder is None:
        return secrets.token_hex(12)
    path = Path(folder) / PROGRESS_FOLDER / WRITER_FILE
    try:
        return _read_token(path)
    except (OSError, ValueError):
        pass
    try:
        write_atomically(path, {"writer": secrets.token_hex(12)}, exclusive=True)
    except Exists:  # another kernel of this folder made it first: use theirs
        pass
    except OSError:  # a folder that cannot be written: this kernel's own token (the quiz says what failed)
        return secrets.token_hex(12)
    try:
        return _read_token(path)
    except (OSError, ValueError):
        return secrets.token_hex(12)


def _read_token(path: Path) -> str:
    token = json.loads(path.read_text(encoding="utf-8")).get("writer")
    if not isinstance(token, str) or not token:
        raise ValueError(f"{path}: no writer token")
    return token


def class_folder(given: str | Path | None = None) -> Path | None:
    """The class folder: ``given``, else ``$LESSONS_CLASS_FOLDER``, else None."""
    value = given if given not in (None, "") else os.environ.get(CLASS_FOLDER_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def class_file(folder: Path, student: str, lesson: str) -> Path:
    """``<folder>/<safe-name>-<code>--<lesson>.json``: one file per student and lesson.

    The code is six hex digits of the name's SHA-256, taken after NFKC and
    trimming (the key the class view and the gradebook group students by).
    It keeps apart names that :func:`file_safe` makes equal ("Mei Lin" and
    "Mei-Lin"; "Ann" and "ann" on a case-insensitive shared drive), so one
    student never overwrites another's file."""
    key = unicodedata.normalize("NFKC", student).strip()
    code = hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]
    return folder / f"{file_safe(key)}-{code}--{lesson}.json"


def exports_folder(folder: str | Path | None = None) -> Path:
    """``exports/`` beside the notebook (the kernel's working folder)."""
    return Path(folder or Path.cwd()) / EXPORTS_FOLDER
