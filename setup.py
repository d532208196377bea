"""The build step that puts the course files into the wheel.

The quiz banks and data live once, under ``book/`` (``book/quizzes/*.yml``
and everything under ``book/data/``). A wheel built from this repository
carries a copy of them as ``lessons/book/``, made here at build time, so an
installed package finds them (``lessons.paths.book_dir``) from any folder.
Nothing is ever copied into ``src/`` by hand. An editable install
(``pip install -e .``) copies nothing: it reads ``book/`` itself.
Everything else about the package is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: What the wheel carries, as globs relative to book/ (one list; MANIFEST.in
#: puts the same folders into an sdist, so a wheel built from it has them too).
COURSE_FILES = ("quizzes/*.yml", "data/**/*")


def course_files(book: Path) -> list[Path]:
    """The files of ``book`` that the wheel carries, relative to ``book``."""
    found = {path for pattern in COURSE_FILES for path in book.glob(pattern) if path.is_file()}
    return sorted(path.relative_to(book) for path in found if "__pycache__" not in path.parts)


class BuildWithCourseFiles(build_py):
    """``build_py``, then copy the course files into ``lessons/book/``."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        book = ROOT / "book"
        target = Path(self.build_lib) / "lessons" / "book"
        files = course_files(book)
        shutil.rmtree(target, ignore_errors=True)  # a file deleted from book/ must not linger from a last build
        if not any(name.parts[0] == "quizzes" for name in files):
            raise SystemExit(f"{book}/quizzes has no *.yml: build the wheel from the course repository (or its sdist)")
        for name in files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(book / name, target / name)


setup(cmdclass={"build_py": BuildWithCourseFiles})
