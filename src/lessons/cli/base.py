"""What every command shares: exit codes, :class:`InputError`, the
:class:`Command` entry and how a path is shown to the user."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_OK", "EXIT_PROBLEMS", "Command", "InputError", "shown"]

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


class InputError(Exception):
    """Input that cannot be used; the message (one line) says what and how to fix it.

    The command line's own, outside :mod:`lessons.problems` on purpose: it is
    how a command asks for exit 2 (a bad argument, or a LoadError/SetupError
    it caught and worded for itself), and carries no list of problems."""


@dataclass(frozen=True)
class Command:
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
