"""``python -m lessons <command>``: runs :func:`lessons.cli.main`.

The commands live in :mod:`lessons.cli` (one module per group: check,
grade, the instructor's tools); this module keeps ``from lessons.__main__
import main`` (and the names below) working for scripts and tests.
"""

import sys

from .cli import (
    COMMANDS,
    EXIT_BAD_INPUT,
    EXIT_BUG,
    EXIT_OK,
    EXIT_PROBLEMS,
    Command,
    InputError,
    build_parser,
    main,
    shown,
)

__all__ = [
    "COMMANDS", "EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_OK", "EXIT_PROBLEMS", "Command", "InputError",
    "build_parser", "main", "shown",
]

if __name__ == "__main__":
    sys.exit(main())
