"""5. Class scale: the gradebook on a synthetic class.

Every student answers every question of the course, in the lessons.answers
export format, one file per student and lesson, graded by lessons.grading
(so the gradebook, which grades every answer again, accepts them all). A
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


def correct_response(question):
    """A response the grader scores full marks (see docs/architecture.md)."""
    if question.type == "single":
        return next(i for i, option in enumerate(question.options) if option.correct)
    if question.type == "multiple":
        return [i for i, option in enumerate(question.options) if option.correct]
    if question.type in ("truefalse", "numeric"):
        return question.answer
    if question.type == "ordering":
        return list(range(len(question.items)))  # items are written in the right order
    if question.type == "matching":
        return list(range(len(question.pairs)))  # term i belongs with match i
    if question.type == "text":
        return question.accept.en[0]
    if question.type == "classify":
        return [statement.category for statement in question.statements]
    if question.type == "open":  # self-assessed: every criterion met is its full score
        return {"text": question.model_answer.en, "met": list(range(len(question.rubric)))}
    raise MeasurementError(f"question {question.id}: unknown type {question.type!r}")


def guessed_response(question, rng: random.Random):
    """A plausible response from a student who guesses (often wrong)."""
    if question.type == "single":
        return rng.randrange(len(question.options))
    if question.type == "multiple":
        count = len(question.options)
        return sorted(rng.sample(range(count), rng.randint(1, count)))
    if question.type == "truefalse":
        return rng.random() < 0.5
    if question.type == "numeric":
        return question.answer + rng.choice([-2, -1, 0, 1, 2])
    if question.type == "ordering":
        return rng.sample(range(len(question.items)), len(question.items))
    if question.type == "matching":
        return rng.sample(range(len(question.pairs)), len(question.pairs))
    if question.type == "text":
        return rng.choice([*question.accept.en, *question.accept.zh, "I do not know"])
    if question.type == "classify":
        return [rng.randrange(len(question.categories)) for _ in question.statements]
    if question.type == "open":
        return {"text": "I am not sure.", "met": sorted(rng.sample(range(len(question.rubric)), rng.randint(0, 2)))}
    raise MeasurementError(f"question {question.id}: unknown type {question.type!r}")


def write_class(banks: dict, students: int, folder: Path, seed: int = 2023) -> int:
    """Write ``students`` × every lesson export files into ``folder``; the number of answers."""
    from lessons import answers, grading, progress

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
                    response = correct_response(question) if knows else guessed_response(question, rng)
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
