"""The one vocabulary of what went wrong: :class:`Problem` (one thing wrong
in a file, where, and the fix), :class:`LoadError` (a file that cannot be
used, with all its problems at once), :class:`SetupError` (the machine lacks
a program or font; what, and the command that installs it) and
:class:`Skipped` (a file left out of a class's results, and why).

Every checker reports in these words: a bank (:class:`lessons.model.BankError`),
an evidence dataset (:class:`lessons.datasets.DatasetError`), the timeline
events (:class:`lessons.events.EventsError`, which words a problem as
"file, line N, field 'f': ..."), the primary sources, role cards, lesson
notebooks, answer exports and LMS rosters (``SourcesError``,
``RoleCardsError``, ``NotebookError``, ``ExportError``, ``RosterError``),
and the gradebook and class view for the files they skip. A missing CJK
font (``svg.CJKFontMissing``) and a tool the handouts need
(``handouts.build.HandoutToolMissing``) are SetupErrors. Below everything:
it imports nothing of the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["LoadError", "Problem", "SetupError", "Skipped"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: ``file:line: subject: what is wrong — how to fix it``.

    ``subject`` is what the problem is about: a question id (banks), a
    column (datasets), a field (events), an excerpt or card id (primary
    sources, role cards); ``line`` and ``subject`` are left out of the words
    when empty.
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
    so an author mends them all in one pass. The message is the problems, one
    a line, unless the class words its own (a count first, or the one line
    its callers have always shown). IPython shows the message, never a
    traceback."""

    problems: Sequence[Problem]

    def __init__(self, problems: Sequence[Problem], message: str | None = None):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) if message is None else message)

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]

    def __reduce__(self) -> tuple[Any, ...]:
        return _restored, (type(self), self.args, self.__dict__)


class SetupError(RuntimeError):
    """This machine lacks something a command needs (a program, a font): not
    a problem in any file. ``missing`` names it, ``fix`` is the command (or
    step) that installs it; the message says both in a sentence. IPython
    shows the message, never a traceback."""

    def __init__(self, message: str, *, missing: str, fix: str):
        self.missing = missing
        self.fix = fix
        super().__init__(message)

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]

    def __reduce__(self) -> tuple[Any, ...]:
        return _restored, (type(self), self.args, self.__dict__)


def _restored(cls: type[BaseException], args: tuple, state: dict) -> BaseException:
    """An error as it was pickled (sent from a worker process, say): its
    message and attributes as they were. Exception's own pickling would call
    ``cls(message)``, which fits none of these constructors."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


@dataclass(frozen=True)
class Skipped:
    """A file left out (of the gradebook or the class view), and why: ``file: reason``."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"
