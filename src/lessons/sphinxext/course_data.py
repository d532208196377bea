"""The hidden "course data" cell: edits to banks, data or the package
re-execute the notebook pages.

A lesson's quiz and timeline are drawn from files its code cells only name
(``lessons.quiz("lesson-1")`` reads ``book/quizzes/lesson-1.yml``). The
execution cache keys on code alone, so an edited bank would keep a stale
quiz. Every notebook page therefore gets one hidden comment cell carrying a
hash of the course data and the package: any edit there re-executes, no edit
hits the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import myst

#: The package itself, wherever it is installed: outputs depend on its code.
PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CourseData:
    """The files executed outputs depend on (absolute paths) and their hash."""

    files: tuple[Path, ...]
    digest: str


def _course_files(root: Path, bank_folder: str, data_folder: str) -> list[Path]:
    """The banks (lessons_bank_folder), the data (lessons_data_folder, every
    file: the loaders read more than one kind) and the package's code."""
    course = [p for pattern in (f"{bank_folder}/*.yml", f"{data_folder}/**/*") for p in root.glob(pattern)]
    return sorted({p for p in (*course, *PACKAGE.rglob("*.py")) if p.is_file()})


def _name(path: Path, root: Path) -> str:
    """A file's name in the hash: relative, so the hash is the same in any checkout."""
    return (path.relative_to(root) if path.is_relative_to(root) else path.relative_to(PACKAGE.parent)).as_posix()


def course_data_hash(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(_name(path, root).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_course_data(app):
    """Once per build, before any page is read: list and hash the files.

    Kept on the build environment: forked parallel readers inherit it, and
    it is recomputed at the start of every build, so a pickled copy from an
    earlier build is never used.
    """
    root = Path(app.srcdir)
    files = _course_files(root, app.config.lessons_bank_folder, app.config.lessons_data_folder)
    app.env.lessons_course_data = CourseData(tuple(files), course_data_hash(files, root))


def add_course_data_cell(app, docname, source):
    if not any(block.name == "code-cell" for block in myst.blocks(source[0])):
        return  # not a notebook page
    data: CourseData = app.env.lessons_course_data
    for path in data.files:
        app.env.note_dependency(str(path))  # so Sphinx re-reads the page too
    source[0] += (
        "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
        f"# course data {data.digest} (added by lessons.sphinxext: edits to banks, data or the package re-execute this page)\n"
        "```\n"
    )


def setup_course_data(app) -> None:
    app.connect("builder-inited", read_course_data)
    app.connect("source-read", add_course_data_cell)
