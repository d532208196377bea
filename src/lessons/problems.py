"""The one vocabulary of what is wrong with a file: :class:`Problem` (one
thing wrong, where, and the fix), :class:`LoadError` (a file that cannot be
used, with all its problems at once) and :class:`Skipped` (a file left out
of a class's results, and why).

Every checker reports in these words: a bank (:class:`lessons.model.BankError`),
an evidence dataset (:class:`lessons.datasets.DatasetError`), the timeline
events (:class:`lessons.events.EventsError`, which words a problem as
"file, line N, field 'f': ..."), and the gradebook and class view for the
files they skip. Below everything: it imports nothing of the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LoadError", "Problem", "Skipped"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: ``file:line: subject: what is wrong — how to fix it``.

    ``subject`` is what the problem is about: a question id (banks), a
    column (datasets) or a field (events); ``line`` and ``subject`` are
    left out of the words when empty.
    """

    file: str
    line: int | None
    subject: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.subject}: {self.message}" if self.subject else f"{where}: {self.message}"


class LoadError(ValueError):
    """A file that cannot be used; ``problems`` lists every problem found,
    so an author mends them all in one pass. IPython shows the message,
    never a traceback."""

    problems: Sequence[Problem]

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Skipped:
    """A file left out (of the gradebook or the class view), and why: ``file: reason``."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"
