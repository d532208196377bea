"""Where the course's files are, wherever a lesson runs from.

A live lesson's kernel starts in ``book/``; tests and the command line start
at the top of the repository. Both find the book by walking up to ``_toc.yml``.

Outside a repository (a downloaded notebook in Colab, a JupyterHub, VS Code)
the quiz banks and data come from the installed package: the wheel carries
``book/quizzes`` and ``book/data`` as ``lessons/book/`` (copied at build
time by ``setup.py``), so :func:`book_dir` answers with that folder.
"""

from __future__ import annotations

from pathlib import Path

#: The course files inside an installed wheel: the same layout as ``book/``.
INSTALLED_BOOK = Path(__file__).resolve().parent / "book"


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
    """The course's ``book/`` folder.

    With ``start``: the repository holding ``start``, or FileNotFoundError.
    Without: the repository holding the current folder; else the repository
    this package runs from (an editable install); else the course files
    installed with the package.
    """
    if start is not None:
        return repo_root(start) / "book"
    for where in (None, Path(__file__).resolve().parent):
        try:
            return repo_root(where) / "book"
        except FileNotFoundError:
            pass
    if (INSTALLED_BOOK / "quizzes").is_dir():
        return INSTALLED_BOOK
    raise FileNotFoundError(
        f"no course files found: run this inside the course repository (the folder with _toc.yml and "
        f"book/), or install the course package (pip install lessons-*.whl); {INSTALLED_BOOK} is missing"
    )


def quiz_bank_path(lesson: str, start: Path | None = None) -> Path:
    """``book/quizzes/<lesson>.yml``, e.g. ``quiz_bank_path("lesson-1")``."""
    return book_dir(start) / "quizzes" / f"{lesson}.yml"


def events_path(start: Path | None = None) -> Path:
    return book_dir(start) / "data" / "events.csv"
