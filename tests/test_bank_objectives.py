"""Each quiz bank's objectives are its lesson's learning objectives, word for
word and in order, so a question's ``objective`` names what the lesson page
promises (issue 12). Source-level check: no build needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BANKS = sorted((BOOK / "quizzes").glob("lesson-*.yml"))
ITEM = re.compile(r"^\d+\. (.+)$", re.M)


def page_objectives(lesson: str) -> list[tuple[str, str]]:
    """The numbered learning objectives of book/<lesson>.md as (zh, en) pairs."""
    text = (BOOK / f"{lesson}.md").read_text(encoding="utf-8")
    start = text.index(f"({lesson.replace('lesson-', 'l')}-objectives)=")
    block = text[start : text.index("\n::::\n", start)]
    zh, en = block.split(":::{en}", 1)
    return list(zip(ITEM.findall(zh), ITEM.findall(en)))


def objectives_problem(data: dict) -> str | None:
    """Why a bank's objectives are not its lesson page's, or None."""
    in_bank = [(o["text"]["zh"], o["text"]["en"]) for o in data.get("objectives", [])]
    on_page = page_objectives(data["lesson"])
    if not on_page:
        return f"book/{data['lesson']}.md has no numbered learning objectives"
    # Other helpers may append objectives of their own (the evidence sections
    # add `evidence`); the lesson's own come first, in the page's order.
    if in_bank[: len(on_page)] != on_page:
        return (
            f"its objectives differ from the learning objectives of book/{data['lesson']}.md: "
            "copy each text from the page word for word, in order"
        )
    return None


@pytest.mark.parametrize("bank", BANKS, ids=[bank.name for bank in BANKS])
def test_bank_objectives_are_the_lesson_objectives_word_for_word(bank):
    problem = objectives_problem(yaml.safe_load(bank.read_text(encoding="utf-8")))
    assert problem is None, f"book/quizzes/{bank.name}: {problem}"


def test_the_objectives_check_can_fail():
    data = yaml.safe_load(BANKS[0].read_text(encoding="utf-8"))
    data["objectives"][0]["text"]["zh"] += "。"
    assert "word for word" in objectives_problem(data)
    data["objectives"].reverse()
    assert objectives_problem(data) is not None
