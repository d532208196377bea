"""``python -m lessons grade``: one student's responses (JSON) against a
bank, printed as JSON."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from pathlib import Path

from .base import EXIT_OK, InputError, shown


def configure_grade(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bank", type=Path, metavar="BANK", help="a quiz bank, e.g. book/quizzes/lesson-1.yml")
    parser.add_argument(
        "responses", type=Path, metavar="RESPONSES.json",
        help='a JSON object {"question-id": response, ...}; a question left out is graded as unanswered',
    )


def read_responses(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error}): check the path") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text: save it with UTF-8 encoding") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}: not valid JSON ({error.msg}): fix it and try again") from None
    if not isinstance(data, dict):
        raise InputError(f'{path}: must be a JSON object {{"question-id": response, ...}}, not a {type(data).__name__}')
    return data


def run_grade(args: argparse.Namespace) -> int:
    from ..grading import grade
    from ..quizbank import BankError, load_bank

    try:
        bank = load_bank(shown(args.bank))
    except BankError as error:
        more = f" (and {len(error.problems) - 1} more: run 'python -m lessons check {shown(args.bank)}')" if len(error.problems) > 1 else ""
        raise InputError(f"{error.problems[0]}{more}") from None
    responses = read_responses(args.responses)
    ids = {q.id for q in bank.questions}
    unknown = sorted(set(responses) - ids)
    if unknown:
        raise InputError(
            f"{shown(args.responses)}: no question {unknown[0]!r} in {bank.lesson}: use one of {', '.join(sorted(ids))}"
        )
    grades = [grade(q, responses.get(q.id)) for q in bank.questions]
    # Each question is worth its points; an open (self-assessed) one counts in no total.
    scored = [g for g in grades if g.status != "self-assessed" and bank.question(g.question_id).type != "open"]
    earned = sum((g.earned for g in scored), Fraction(0))
    possible = sum((Fraction(str(g.points)) for g in scored), Fraction(0))
    report = {
        "lesson": bank.lesson,
        "results": [
            {"id": g.question_id, "score": g.score, "max_score": g.max_score, "points": round(float(g.earned), 4), "status": g.status}
            for g in grades
        ],
        "total": {"points": round(float(earned), 4), "possible": float(possible), "share": round(float(earned / possible), 4) if possible else 0.0},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return EXIT_OK
