"""The class folder: who may write, read and clear what in it.

One set-up serves a single computer, a synced drive and a multi-user server
(The Littlest JupyterHub, a school server where each student is a Unix
user). On a server the teacher makes the folder a *drop box*
(``python -m lessons class setup <folder>`` does it)::

    owner   the teacher            group  the teacher's group (students are not in it)
    mode    3733 = setgid + sticky, rwx for the teacher, -wx for group and others

so a student can create a file in it but not list the folder; every file
made there belongs to the teacher's group (setgid), and the quiz writes it
``0640`` (:data:`FILE_MODE`): the teacher reads it through the group, other
students cannot; the sticky bit keeps a student from replacing or deleting a
file someone else made. The teacher, owning the folder, can still move
files (:func:`archive`).

Each file carries its writer (``"writer"``: the token of the student's
progress folder, :func:`lessons.livestore.writer_id`): a quiz writes a
class file only when it is new or its own (:func:`send`), so a second
student who types a name already taken is told so, and a rename or a Reset
removes only the quiz's own file (:func:`withdraw`).

The class-wide reveal (:func:`reveal_on`) is the file
``_reveal.<lesson>.txt`` in the folder (not ``.json``: the gradebook, which
reads every export in a folder, leaves it alone), and counts only when the folder's
owner made it: a student can create a file of that name in the drop box,
but not one owned by the teacher. (On one computer or a synced drive
everyone is the same user, so nothing in the folder is private there.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import livestore

FILE_MODE = 0o640  # the teacher's group reads; other students do not
FOLDER_MODE = 0o3733  # setgid + sticky; the teacher lists, students only drop files
REVEAL_PREFIX = "_reveal."
ARCHIVE_PREFIX = "archive-"
ARCHIVE_NAME = re.compile(r"archive-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?")


class NameTaken(Exception):
    """The class file of this name is someone else's (another writer, or unreadable to us)."""


def owner_of(path: Path) -> int | None:
    try:
        return path.stat().st_uid
    except OSError:
        return None


def writer_of(path: Path, mine: list[dict] | None = None) -> str | None:
    """The writer token in the class file at ``path``; None if there is no
    file. Raises NameTaken when the file exists but is not ours to read (a
    classmate's file in a drop box) or says nothing readable about its writer.

    A file written before files carried a writer counts as ours (None) when
    every attempt in it is one of ``mine``: a course updated during a term
    then keeps each student's file."""
    owner = owner_of(path)
    if owner is None:
        return None
    if hasattr(os, "getuid") and owner != os.getuid():
        raise NameTaken(str(path))
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        writer = document.get("writer")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        raise NameTaken(str(path)) from None
    if isinstance(writer, str):
        return writer
    if "writer" not in document and mine is not None and _all_mine(document.get("answers"), mine):
        return None
    raise NameTaken(str(path))


def _all_mine(answers: object, mine: list[dict]) -> bool:
    ours = {json.dumps(a, sort_keys=True) for a in livestore.as_exported(mine)}
    return isinstance(answers, list) and all(json.dumps(a, sort_keys=True) in ours for a in answers if isinstance(a, dict))


def available(path: Path, writer: str) -> bool:
    """True if ``writer`` may write the class file at ``path`` (new, or its own)."""
    try:
        return writer_of(path) in (None, writer)
    except NameTaken:
        return False


def send(path: Path, document: dict, writer: str) -> Path:
    """Write ``document`` (an export) as ``writer``'s class file at ``path``.

    A new file is created exclusively; an existing one is replaced only if
    its writer is ``writer``. NameTaken otherwise (nothing written); OSError
    when the folder cannot be written."""
    document = {**document, "writer": writer}
    known = writer_of(path, document["answers"])
    if known is None:
        try:
            return livestore.write_atomically(path, document, mode=FILE_MODE, exclusive=not path.exists())
        except livestore.Exists:  # another student took the name a moment ago
            raise NameTaken(str(path)) from None
    if known != writer:
        raise NameTaken(str(path))
    return livestore.write_atomically(path, document, mode=FILE_MODE)


def withdraw(path: Path, writer: str) -> bool:
    """Remove ``writer``'s own class file at ``path`` (a rename, a Reset);
    someone else's file is never touched. True if a file was removed."""
    try:
        if writer_of(path) != writer:
            return False
    except NameTaken:
        return False
    path.unlink(missing_ok=True)
    return True


# --- the teacher's side: the class-wide reveal and the archive ---------------------------------


def reveal_path(folder: Path, lesson: str) -> Path:
    return Path(folder) / f"{REVEAL_PREFIX}{lesson}.txt"


def reveal_on(folder: Path | None, lesson: str) -> bool:
    """True if the folder's owner (the teacher) has revealed ``lesson``'s answers."""
    if folder is None:
        return False
    owner = owner_of(Path(folder))
    return owner is not None and owner_of(reveal_path(folder, lesson)) == owner


class NotTheTeacher(PermissionError):
    """Only the class folder's owner can switch the class-wide reveal."""


def set_reveal(folder: Path, lesson: str, on: bool) -> None:
    """Reveal ``lesson``'s answers to the whole class (``on``) or hide them
    again. Only the folder's owner may: anyone else gets NotTheTeacher."""
    folder = Path(folder)
    if hasattr(os, "getuid") and owner_of(folder) not in (os.getuid(), None):
        raise NotTheTeacher(
            f"{folder}: only the class folder's owner (the teacher) can reveal answers to the class"
        )
    path = reveal_path(folder, lesson)
    if on:
        stamp = {"lesson": lesson, "revealed_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        livestore.write_atomically(path, stamp, mode=0o644)  # what counts is its owner; the content says when
    else:
        path.unlink(missing_ok=True)


def class_files(folder: Path) -> list[Path]:
    """The students' files and reveal switches directly in ``folder``."""
    return sorted(
        path for path in Path(folder).iterdir()
        if path.is_file() and (path.name.endswith(".json") and "--" in path.name or path.name.startswith(REVEAL_PREFIX))
    )


@dataclass(frozen=True)
class Archived:
    folder: Path
    moved: tuple[Path, ...]


def is_archive(folder: Path) -> bool:
    """Whether ``folder`` is one that :func:`archive` made (an earlier class)."""
    return ARCHIVE_NAME.fullmatch(Path(folder).name) is not None


def archive(folder: Path, now: dt.datetime | None = None) -> Archived:
    """Move every class file and reveal switch of ``folder`` into a new
    ``archive-<date>-<time>/`` in it (nothing deleted, nothing overwritten),
    so the next lesson starts empty. FileNotFoundError for no folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such class folder")
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"{ARCHIVE_PREFIX}{stamp}"
    suffix = 1
    while target.exists():
        suffix += 1
        target = folder / f"{ARCHIVE_PREFIX}{stamp}-{suffix}"
    files = class_files(folder)
    target.mkdir(mode=0o700)  # the teacher's only: students never read the old class
    moved = []
    for path in files:
        destination = target / path.name
        shutil.move(str(path), str(destination))
        moved.append(destination)
    return Archived(target, tuple(moved))


def set_up(folder: Path, group: str | None = None) -> Path:
    """Make ``folder`` the drop box described above (mode 3733; ``group``,
    default the caller's primary group). Returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if group is not None:
        shutil.chown(folder, group=group)
    os.chmod(folder, FOLDER_MODE)
    return folder
