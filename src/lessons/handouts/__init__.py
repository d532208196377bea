"""Printed handouts: what `make handouts` makes and what each file is called.

For each lesson and each language mode (zh-Hant, en, both), a student
handout (the lesson with its quiz as a worksheet and its data tables
printed), a worksheet (the quiz alone, with the data tables its questions
read; :mod:`lessons.handouts.worksheetdoc`) and an answer key (every
question with its answer, explanation and feedback, the discussion questions
with the instructor guide's rubrics); and a class set of each, all lessons
in one file. They are PDFs printed by the real Chromium from the built book
(:mod:`lessons.handouts.build`), written to ``_build/html/handouts/`` so they
are published with the book. Lesson pages link their student handouts; the
instructor guide links the answer keys (lessons.sphinxext.handouts).

This module is light (no browser): the book build imports it for the names.
"""

from __future__ import annotations

from pathlib import Path

from ..bilingual import BOTH, EN, MODES, ZH, Text
from ..paths import quiz_bank_path
from ..quizbank import load_bank

#: The folder of the handouts, under the built HTML root.
FOLDER = "handouts"
STUDENT = "student"
WORKSHEET = "worksheet"
KEY = "answer-key"
KINDS = (STUDENT, WORKSHEET, KEY)
CLASS_SET = "class-set"

KIND_WORDS = {
    STUDENT: Text("學生講義", "Student handout"),
    WORKSHEET: Text("學習單", "Worksheet"),
    KEY: Text("答案卷（教師用）", "Answer key (for teachers)"),
}
MODE_WORDS = {ZH: Text("中文", "Chinese"), EN: Text("英文", "English"), BOTH: Text("中英並列", "both languages")}
PAPER_SIZES = ("A4", "Letter")


def file_name(lesson: str, kind: str, mode: str) -> str:
    """``lesson-1-student-en.pdf``; ``lesson`` may be :data:`CLASS_SET`."""
    if kind not in KINDS or mode not in MODES:
        raise ValueError(f"no handout kind {kind!r} / mode {mode!r}: kinds are {KINDS}, modes {MODES}")
    return f"{lesson}-{kind}-{mode}.pdf"


def expected_files(lessons: list[str]) -> list[str]:
    """Every file `make handouts` writes for these lessons, by name."""
    return [file_name(lesson, kind, mode) for lesson in [*lessons, CLASS_SET] for kind in KINDS for mode in MODES]


def lesson_number(lesson: str) -> int:
    return int(lesson.rsplit("-", 1)[-1])


def lesson_title(lesson: str, bank: Path | None = None) -> Text:
    """「第1課：…」 / "Lesson 1: …", from the lesson's quiz bank title
    (``bank``: its file, when not the course's own, e.g. a book's ``lessons_bank_folder``)."""
    title = load_bank(bank or quiz_bank_path(lesson)).title
    number = lesson_number(lesson)
    return Text(f"第{number}課：{title.zh}", f"Lesson {number}: {title.en}")
