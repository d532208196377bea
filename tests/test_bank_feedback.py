"""Every choice a student can make in a quiz bank says why it is right or
wrong, in both languages: a wrong option with no feedback teaches nothing
but "no". Source-level check of the real banks: no build needed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BANKS = sorted((ROOT / "book" / "quizzes").glob("lesson-*.yml"))
LANGUAGES = ("zh", "en")


def choices_without_feedback(data: dict) -> list[str]:
    """'question-id: option text' for every option or classify statement
    whose feedback is missing or empty in either language."""
    missing = []
    for question in data.get("questions", []):
        choices = question.get("options") or question.get("statements") or []
        for choice in choices:
            feedback = choice.get("feedback") or {}
            if not all(str(feedback.get(lang, "")).strip() for lang in LANGUAGES):
                missing.append(f"{question['id']}: {choice['text']['en']}")
    return missing


@pytest.mark.parametrize("bank", BANKS, ids=[bank.name for bank in BANKS])
def test_every_option_says_why_in_both_languages(bank):
    missing = choices_without_feedback(yaml.safe_load(bank.read_text(encoding="utf-8")))
    assert not missing, f"book/quizzes/{bank.name}: add zh and en feedback to {missing}"


def test_the_feedback_check_can_fail():
    data = yaml.safe_load(BANKS[0].read_text(encoding="utf-8"))
    choice_question = next(q for q in data["questions"] if q.get("options"))
    del choice_question["options"][0]["feedback"]
    statement_question = next(q for q in data["questions"] if q.get("statements"))
    statement_question["statements"][0]["feedback"]["en"] = " "
    assert choices_without_feedback(data) == [
        f"{choice_question['id']}: {choice_question['options'][0]['text']['en']}",
        f"{statement_question['id']}: {statement_question['statements'][0]['text']['en']}",
    ]
