"""Instructor mode: whether the live quiz offers "Reveal all answers".

Off by default, so no student sees the switch. An instructor turns it on
with the environment variable ``LESSONS_INSTRUCTOR=1`` (set before the
kernel starts) or in the notebook with ``lessons.instructor.enable()``
before running the quiz cells.
"""

from __future__ import annotations

import os

ENV_VAR = "LESSONS_INSTRUCTOR"
_enabled: bool | None = None  # None: follow the environment variable


def enable(on: bool = True) -> None:
    """Turn instructor mode on (or off) in this kernel; quizzes made afterwards follow it."""
    global _enabled
    _enabled = bool(on)


def enabled() -> bool:
    """True in instructor mode (a call to :func:`enable`, else ``LESSONS_INSTRUCTOR``)."""
    if _enabled is not None:
        return _enabled
    return os.environ.get(ENV_VAR, "").strip().lower() in ("1", "true", "yes", "on")
