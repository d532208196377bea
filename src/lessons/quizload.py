"""From a lesson name to a usable bank, and what a notebook shows when it is not.

Shared by the live quiz (:func:`lessons.quiz`) and the teacher's class view
(:func:`lessons.class_view`): one way from ``"lesson-2"`` to its bank file,
and a list of the bank's problems instead of a traceback.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from markupsafe import Markup

from . import bilingual, paths
from .model import Bank
from .quizui import LIVE


def progress_folder(bank: Bank) -> Path | None:
    """The kernel's folder, where the progress file goes; None in the
    course's own book/ (an author's `make lab-sources` or the book build):
    nothing of a class is kept in, or restored from, the course sources."""
    here = Path.cwd().resolve()
    return None if here == Path(bank.path).resolve().parent.parent else here


def unusable(problems: list[str]) -> BankProblems:
    # One line on stderr as well: the book build treats cell stderr as an
    # error, so a broken bank stops the build instead of publishing a page
    # that shows students an author's problem list.
    print(f"quiz bank unusable ({len(problems)} problem(s)): {problems[0]}", file=sys.stderr)
    return BankProblems(problems)


def bank_path(lesson_or_path: str | Path) -> Path:
    text = str(lesson_or_path)
    if isinstance(lesson_or_path, Path) or text.endswith((".yml", ".yaml")) or "/" in text or "\\" in text:
        return Path(lesson_or_path)
    path = paths.quiz_bank_path(text)
    if not path.is_file():
        known = sorted(p.stem for p in path.parent.glob("*.yml"))
        raise FileNotFoundError(
            f"no quiz bank for {text!r} (looked for {path}); "
            f"use one of: {', '.join(known) or 'none yet'}, or give the path to a .yml file"
        )
    return path


class BankProblems:
    """What a notebook shows for a bank it cannot use: every problem, no traceback."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def __repr__(self) -> str:
        return "\n".join([LIVE["bank_problems"].in_mode(bilingual.BOTH, sep=" "), *(f"  - {p}" for p in self.problems)])

    def _repr_html_(self) -> Markup:
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in self.problems)
        return Markup(
            '<div class="lq-bank-problems" role="alert">'
            f"<p><strong>{bilingual.pair(LIVE['bank_problems'])}</strong></p><ul>{items}</ul></div>"
        )
