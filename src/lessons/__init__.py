"""The course package every lesson imports: ``import lessons``.

Importing it is cheap: pandas, matplotlib and ipywidgets load only when a
quiz, the timeline or the language control is first used.
"""

from __future__ import annotations

import importlib

__version__ = "1.0.0"

# name -> (module, attribute); resolved on first use (PEP 562).
_LAZY = {
    "class_view": ("lessons.classview", "class_view"),
    "language_control": ("lessons.bilingual", "language_control"),
    "quiz": ("lessons.widgets", "quiz"),
}
# Every module and subpackage, reachable as ``lessons.<name>`` on first use;
# all but __main__ (the command line) and sphinxext (loaded by Sphinx, needs it).
_SUBMODULES = {
    "answers",
    "bankcheck",
    "bilingual",
    "chromium",
    "citations",
    "classroom",
    "classview",
    "csvrows",
    "datasets",
    "events",
    "evidence",
    "evidence_charts",
    "gradebook",
    "gradeview",
    "grading",
    "handouts",
    "instructor",
    "livestore",
    "localsite",
    "model",
    "myst",
    "notebooks",
    "paths",
    "progress",
    "qtypes",
    "quizbank",
    "quizhtml",
    "quizstyle",
    "quizui",
    "registry",
    "svg",
    "textnorm",
    "timeline",
    "widgets",
    "worksheet",
}


def __getattr__(name: str):
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    if name in _SUBMODULES:
        return importlib.import_module(f"lessons.{name}")
    raise AttributeError(f"module 'lessons' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)
