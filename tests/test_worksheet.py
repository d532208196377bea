"""lessons.worksheet: the quiz as paper (numbered, boxes, lines), with no
answer, feedback or hint in it, for every question type and every real bank."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from lessons import qtypes, worksheet
from lessons.paths import book_dir
from lessons.quizbank import load_bank, question_from_dict

BANKS = sorted((book_dir() / "quizzes").glob("lesson-*.yml"))


def test_every_question_type_has_its_own_worksheet_body():
    assert set(worksheet.BODIES) == set(qtypes.TYPES)


def _secrets(question) -> list[str]:
    """Texts a student copy must never hold: explanation, feedback, hints, model answer."""
    texts = [question.explanation, *question.hints, question.model_answer]
    texts += [option.feedback for option in question.options] + [s.feedback for s in question.statements]
    return [escaped for text in texts if text for escaped in (html.escape(text.zh), html.escape(text.en))]


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_a_bank_prints_numbered_with_no_control_and_no_answer(path):
    bank = load_bank(path)
    ids = [q.id for q in bank.quiz_questions(None)]
    markup = worksheet.render_worksheet(bank, ids)
    assert markup.startswith('<section class="lq-worksheet"') and " hidden>" in markup.split("\n", 1)[0]
    numbers = re.findall(r'<span class="ws-number">(\d+)\.</span>', markup)
    assert numbers == [str(n) for n in range(1, len(ids) + 1)]
    for tag in ("<input", "<select", "<button", "<textarea", "<details", "<script"):
        assert tag not in markup
    for question in bank.quiz_questions(None):
        for secret in _secrets(question):
            assert secret not in markup, (question.id, secret)


def _question(qtype: str):
    """A question of this type: from the banks, else from the grader's vectors (every type is there)."""
    for path in BANKS:
        for question in load_bank(path).questions:
            if question.type == qtype:
                return question
    vectors = json.loads((Path(__file__).parent / "data" / "grading-vectors.json").read_text(encoding="utf-8"))
    for vector in vectors:
        if vector["question"].get("type") == qtype:
            return question_from_dict(vector["question"])
    pytest.fail(f"no {qtype} question in the banks or the grading vectors to test with")


@pytest.mark.parametrize("qtype", ["matching", "classify"])
def test_choices_hidden_in_a_select_on_screen_are_listed_with_letters_on_paper(qtype):
    question = _question(qtype)
    markup = worksheet.render_question(question, 1)
    choices = [p.match for p in question.pairs] if qtype == "matching" else list(question.categories)
    for letter, choice in zip("ABCDEFGH", choices):
        assert f'<span class="ws-letter">{letter}.</span>' in markup
        assert html.escape(choice.en) in markup and html.escape(choice.zh) in markup
    rows = question.pairs if qtype == "matching" else question.statements
    assert markup.count('class="ws-box"') == len(rows)


def test_ordering_items_print_in_the_forms_shuffle_never_in_the_answers_order():
    question = _question("ordering")
    markup = worksheet.render_question(question, 1)
    positions = [markup.index(html.escape(item.en)) for item in question.items]
    assert positions != sorted(positions)


@pytest.mark.parametrize("qtype,lines", [("open", 6), ("numeric", 1), ("text", 1)])
def test_written_answers_get_lines_to_write_on(qtype, lines):
    question = _question(qtype)
    markup = worksheet.render_question(question, 1)
    assert markup.count('class="ws-line"') == lines
    if qtype == "numeric" and question.unit:
        assert html.escape(question.unit.en) in markup
