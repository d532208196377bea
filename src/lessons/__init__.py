"""The course package every lesson imports: ``import lessons``.

Importing it is cheap: pandas, matplotlib and ipywidgets load only when a
quiz, the timeline or the language control is first used.

The public API is :data:`__all__` (what a lesson or a teacher calls) and
the submodules named in docs/architecture.md ("Public API"); every
submodule is reachable as ``lessons.<name>`` without importing it first.
"""

import pkgutil as _pkgutil
from importlib import import_module as _import_module

__version__ = "1.0.0"

#: What a lesson or a teacher calls: lessons.quiz("lesson-1"), ...
__all__ = ["__version__", "class_view", "language_control", "quiz"]

# name -> (module, attribute); resolved on first use (PEP 562).
_LAZY = {
    "class_view": ("lessons.classview", "class_view"),
    "language_control": ("lessons.bilingual", "language_control"),
    "quiz": ("lessons.widgets", "quiz"),
}
#: Every submodule and subpackage, read from the package folder (no list to keep).
_SUBMODULES = frozenset(info.name for info in _pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def __getattr__(name: str):
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(_import_module(module), attribute)
    if name in _SUBMODULES:
        return _import_module(f"lessons.{name}")
    raise AttributeError(f"module 'lessons' has no attribute {name!r}")


def __dir__():
    return sorted({*__all__, *_SUBMODULES})
