"""What a data file's problems look like: one :class:`Problem` each, all raised together.

Below both the package and its loader, so neither imports the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where, and how to fix it."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DatasetError(ValueError):
    """A data file has problems; ``problems`` lists them all."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{file}: {count} problem{'s' if count != 1 else ''}:\n{lines}")

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: what is wrong and how to fix it."""
        return [f"DatasetError: {self}"]
