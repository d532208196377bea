"""Where the live quiz keeps a student's attempts outside the kernel.

Three places, all in the :mod:`lessons.answers` export format (so the
gradebook and :func:`lessons.class_view` read them as they read a handed-in
export):

- the progress file, ``.lessons-progress/<lesson>.json`` in the kernel's
  working folder (the notebook's folder): written on every check and read
  back when the quiz cell runs again, so a kernel restart loses nothing;
- the class folder, opt-in (``LESSONS_CLASS_FOLDER`` or
  ``lessons.quiz(..., class_folder=...)``): ``<name>-<code>--<lesson>.json``
  per student and lesson, replaced on every check, for a teacher's live view;
- the ``exports/`` folder beside the notebook, where the Export button saves.

Every write is atomic (a temporary file in the same folder, then
``os.replace``): a reader never sees half a file, and a crash mid-write
leaves the previous version.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from . import answers

PROGRESS_FOLDER = ".lessons-progress"
EXPORTS_FOLDER = "exports"
CLASS_FOLDER_VARIABLE = "LESSONS_CLASS_FOLDER"


def file_safe(name: str) -> str:
    """As quiz.js names the book's export: letters (any script), digits,
    - and _ survive, the rest becomes "-"."""
    return re.sub(r"[^\w-]+", "-", name.strip()).strip("-")[:60] or "student"


def write_atomically(path: str | Path, document: dict) -> Path:
    """Write ``document`` as JSON to ``path`` via a temporary file and
    ``os.replace``, making the folder if needed; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())  # a shared (network) folder gets the whole file before the rename
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def progress_path(lesson: str, folder: str | Path | None = None) -> Path:
    """The progress file of ``lesson`` under ``folder`` (the kernel's working folder)."""
    return Path(folder or Path.cwd()) / PROGRESS_FOLDER / f"{lesson}.json"


def read_progress(path: Path) -> answers.Export | None:
    """The export stored at ``path``; None when there is none or it cannot be
    read (a damaged file is set aside as ``<name>.damaged`` rather than
    overwritten, so it can still be looked at)."""
    try:
        return answers.parse_export(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        try:
            os.replace(path, path.with_name(path.name + ".damaged"))
        except OSError:
            pass
        return None


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
