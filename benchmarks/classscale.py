"""5. Class scale: the gradebook on a synthetic class.

Every student answers every question of the course, in the lessons.answers
export format, one file per student and lesson, graded by lessons.grading
(so the gradebook, which grades every answer again, accepts them all): the
right answer or a typical slip, from each type's ``sample_response``. A
quarter of the answers are retried once, as students do. Only the gradebook's
work is timed: reading and merging the files, the score table and the item
analysis.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from .support import MeasurementError


def write_class(banks: dict, students: int, folder: Path, seed: int = 2023) -> int:
    """Write ``students`` × every lesson export files into ``folder``; the number of answers."""
    from lessons import answers, grading, progress, qtypes

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for number in range(1, students + 1):
        student = f"student-{number:04d}"
        ability = rng.random()
        minute = 0
        for lesson, bank in banks.items():
            attempts = []
            for question in bank.questions:
                tries = 2 if rng.random() < 0.25 else 1
                mine: list[dict] = []
                for _ in range(tries):
                    minute += 1
                    knows = rng.random() < ability
                    response = qtypes.of(question).sample_response(question, rng, knows=knows)
                    revealed = progress.progress(mine, len(question.hints)).answer_shown
                    when = f"2026-11-27T{8 + minute // 60:02d}:{minute % 60:02d}:00Z"
                    mine.append(answers.attempt_record(question, grading.grade(question, response), response, revealed, when))
                attempts += mine
            export = answers.make_export(lesson, attempts, student=student, source="book")
            path = folder / f"{student}-{lesson}.json"
            path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
            written += len(attempts)
    return written


def measure_gradebook(folder: Path, banks: dict, students: int = 500) -> dict:
    """Time the gradebook's merge and item analysis of a synthetic class."""
    from lessons import gradebook

    questions = sum(len(bank.questions) for bank in banks.values())
    answers_written = write_class(banks, students, folder)
    started = time.perf_counter()
    results = gradebook.read_class([folder], banks)
    merged = time.perf_counter()
    scores = results.scores()
    scored = time.perf_counter()
    items = results.items()
    done = time.perf_counter()
    if results.skipped:
        first = results.skipped[0]
        raise MeasurementError(f"the gradebook skipped {len(results.skipped)} synthetic files, e.g. {first}")
    if len(scores) != students or len(items) != questions:
        raise MeasurementError(
            f"the gradebook saw {len(scores)} students and {len(items)} questions; expected {students} and {questions}"
        )
    return {
        "students": students,
        "lessons": len(banks),
        "questions": questions,
        "files": len(results.files_read),
        "answers": answers_written,
        "merge_seconds": round(merged - started, 3),
        "scores_seconds": round(scored - merged, 3),
        "items_seconds": round(done - scored, 3),
        "total_seconds": round(done - started, 3),
    }
