"""Checking bank fields: the helpers every question type's validation uses.

Each problem is collected (never raised at once), pointing at its file,
line and question id, and says how to fix it, so an author mends a bank in
one pass. Used by :mod:`lessons.quizbank` and every module of
:mod:`lessons.qtypes`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any

from .bilingual import Text
from .model import MAX_NUMBER, Problem

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "Traditional Chinese", "en": "English"}


class Report:
    """Problems found so far, all pointing at one question (or the bank)."""

    def __init__(self, file: str, line: int | None, question_id: str | None, problems: list[Problem]):
        self.file, self.line, self.question_id, self.problems = file, line, question_id, problems
        self.count = 0

    def add(self, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, self.question_id, message))
        self.count += 1


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def describe(value: Any) -> str:
    """How a YAML value was read, in words an author recognises."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"read as {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"read as the number {value!r}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"read as {type(value).__name__} {value!r}"


def text_field(value: Any, what: str, report: Report) -> Text | None:
    """A ``{zh, en}`` mapping with both languages non-empty, else None (reported)."""
    if not isinstance(value, Mapping):
        report.add(f"{what} must be a mapping with zh and en ({describe(value)}): write {what}: {{zh: 中文, en: English}}")
        return None
    ok = True
    for lang in LANGS:
        if lang not in value:
            report.add(f"{what} has no {lang}: add the {LANG_NAMES[lang]} text")
            ok = False
        elif not isinstance(value[lang], str):
            report.add(f"{what}.{lang} must be text ({describe(value[lang])}): put it in quotes")
            ok = False
        elif not value[lang].strip():
            report.add(f"{what}.{lang} is empty: write the {LANG_NAMES[lang]} text")
            ok = False
    for key in value:
        if key not in LANGS:
            report.add(f"{what} has an unknown key {key!r}: use only zh and en")
            ok = False
    return Text(zh=value["zh"], en=value["en"]) if ok else None


def unknown_keys(mapping: Mapping, allowed: tuple[str, ...], what: str, report: Report, elsewhere: dict[str, str] | None = None) -> None:
    for key in mapping:
        if key in allowed:
            continue
        if elsewhere and key in elsewhere:
            report.add(f"{key!r} is not used by {what}: remove it ({elsewhere[key]})")
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(allowed)})"
        report.add(f"unknown key {key!r} in {what}{hint}: fix the spelling or remove it")


def list_field(value: Any, what: str, report: Report, minimum: int, example: str) -> list | None:
    if not isinstance(value, list):
        report.add(f"{what} must be a list ({describe(value)}): write it as {example}")
        return None
    if len(value) < minimum:
        report.add(f"{what} has {len(value)}; at least {minimum} are needed: add {minimum - len(value)} more")
    return value


def duplicates(texts: list[Text], what: str, report: Report) -> None:
    """Report two entries that read the same in either language."""
    for lang in LANGS:
        first_seen: dict[str, int] = {}
        for number, text in enumerate(texts, start=1):
            key = getattr(text, lang).strip()
            if key in first_seen:
                report.add(
                    f"{what} {first_seen[key]} and {number} have the same {lang} text {key!r}: make each one different"
                )
            else:
                first_seen[key] = number


def finite_number(value: Any, what: str, example: str, report: Report) -> int | float | None:
    if not is_number(value):
        report.add(f"{what} must be a number ({describe(value)}): write e.g. {example}")
        return None
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        report.add(f"{what} must be a finite number no larger than {MAX_NUMBER:.0e} ({value!r}): use a real value")
        return None
    return value




def text_list(value: Any, what: str, item: str, report: Report, fewest: int, most: int) -> tuple[Text, ...]:
    """A list of ``fewest`` to ``most`` distinct ``{zh, en}`` texts (classify's
    categories, open's rubric); () when any problem was reported."""
    raw = list_field(value, what, report, fewest, f"a list of {fewest} to {most} {{zh: ..., en: ...}}")
    if raw is None:
        return ()
    if len(raw) > most:
        report.add(f"{what} has {len(raw)}; at most {most} are allowed: merge or drop some")
    texts = [text_field(entry, f"{item} {number}", report) for number, entry in enumerate(raw, start=1)]
    if not all(texts):
        return ()
    duplicates(texts, what, report)
    return tuple(texts)
