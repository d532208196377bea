"""What a data file's problems look like: one :class:`~lessons.problems.Problem`
each (its subject the column), all raised together.

Below both the package and its loader, so neither imports the other for them.
"""

from __future__ import annotations

from ..problems import LoadError, Problem

__all__ = ["DatasetError", "Problem"]


class DatasetError(LoadError):
    """A data file has problems; ``problems`` lists them all."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(problems, f"{file}: {count} problem{'s' if count != 1 else ''}:\n{lines}")
