"""Where the course's files are, wherever a lesson runs from.

A live lesson's kernel starts in ``book/``; tests and the command line start
at the top of the repository. Both find the book by walking up to ``_toc.yml``.
"""

from __future__ import annotations

from pathlib import Path


def repo_root(start: Path | None = None) -> Path:
    """The folder holding ``_toc.yml``, searched upward from ``start`` (default: cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file() and (folder / "book").is_dir():
            return folder
    raise FileNotFoundError(
        f"no course found above {here}: run this inside the course repository "
        "(the folder with _toc.yml and book/)"
    )


def book_dir(start: Path | None = None) -> Path:
    return repo_root(start) / "book"


def quiz_bank_path(lesson: str, start: Path | None = None) -> Path:
    """``book/quizzes/<lesson>.yml``, e.g. ``quiz_bank_path("lesson-1")``."""
    return book_dir(start) / "quizzes" / f"{lesson}.yml"


def events_path(start: Path | None = None) -> Path:
    return book_dir(start) / "data" / "events.csv"
