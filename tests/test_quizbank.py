"""lessons.quizbank: loading, the data model, and one test per malformed-bank
case with the exact message an author sees."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import textwrap
from pathlib import Path

import pytest

from lessons.bilingual import Text
from lessons.paths import book_dir
from bank_sample import GOOD_BANK, HEADER, OBJECTIVES
from lessons.quizbank import (
    TYPES,
    Accepted,
    Bank,
    BankError,
    Option,
    Pair,
    Problem,
    Question,
    load_bank,
    question_from_dict,
)

COMMON = """\
    section: l9-test
    prompt: {zh: 題目, en: Question}
    explanation: {zh: 說明, en: Why}
    level: recall
    objective: o
"""



def write(tmp_path: Path, text: str, name: str = "lesson-9.yml") -> Path:
    path = tmp_path / name
    if text.startswith("lesson:") and "\nobjectives:" not in text:
        text = text.rstrip("\n") + "\n" + OBJECTIVES
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str, name: str = "lesson-9.yml") -> list[str]:
    """The messages load_bank reports, with the tmp folder taken out of the file names."""
    path = write(tmp_path, text, name)
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


# --- A good bank -------------------------------------------------------------------


def test_a_good_bank_loads_into_typed_questions(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    assert isinstance(bank, Bank)
    assert (bank.lesson, bank.title) == ("lesson-9", Text("測試", "Test"))
    assert [q.type for q in bank.questions][:9] == list(TYPES)
    single, multiple, truefalse, numeric, ordering, matching, text, classify, open_ = bank.questions[:9]
    assert single.options == (
        Option(Text("1989", "1989"), correct=True, feedback=Text("對", "Right")),
        Option(Text("1991", "1991"), correct=False, feedback=None),
    )
    assert single.hints == (Text("想想天安門", "Think of Tiananmen"),)
    assert single.explanation == Text("說明", "Why") and single.section == "l9-test"
    assert [o.correct for o in multiple.options] == [True, False, True]
    assert truefalse.answer is False
    assert (numeric.answer, numeric.tolerance, numeric.unit) == (1991, 0, Text("年", "year"))
    assert ordering.items == (Text("一", "one"), Text("二", "two"), Text("三", "three"))
    assert matching.pairs[0] == Pair(Text("金磚國家", "BRICS"), Text("巴西等", "Brazil and others"))
    assert text.accept == Accepted(zh=("上合組織",), en=("SCO",))
    assert [s.category for s in classify.statements] == [0, 1, 0] and len(classify.categories) == 2
    assert open_.model_answer == Text("參考答案", "A model answer") and len(open_.rubric) == 3
    assert (single.level, single.objective, single.points, single.tryit) == ("recall", "o", 1, False)
    assert [o.id for o in bank.objectives] == ["o", "weigh"]


def test_each_question_knows_its_line(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    lines = GOOD_BANK.splitlines()
    for question in bank.questions:
        assert lines[question.line - 1].strip() == f"- id: {question.id}"


def test_raw_is_the_plain_mapping_as_written(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    raw = bank.question("the-year").raw
    assert raw == {
        "id": "the-year", "type": "numeric", "section": "l9-test",
        "prompt": {"zh": "哪一年？", "en": "Which year?"}, "answer": 1991, "tolerance": 0,
        "unit": {"zh": "年", "en": "year"}, "explanation": {"zh": "說明", "en": "Why"},
        "level": "apply", "objective": "weigh",
    }
    assert type(raw) is dict and type(raw["prompt"]) is dict
    assert all(json.loads(json.dumps(q.raw)) == q.raw for q in bank.questions)


def test_content_hash_is_12_hex_of_the_canonical_raw_json(tmp_path):
    question = load_bank(write(tmp_path, GOOD_BANK)).question("name-it")
    canonical = json.dumps(question.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert question.content_hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    # Key order in the file does not matter; content does.
    reordered = question_from_dict(dict(reversed(list(question.raw.items()))))
    assert reordered.content_hash == question.content_hash
    changed = question_from_dict({**question.raw, "accept": {"zh": ["上合組織"], "en": ["SCO", "S.C.O."]}})
    assert changed.content_hash != question.content_hash


def test_models_are_frozen_dataclasses_and_questions_hashable(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    for model in (Bank, Question, Option, Pair, Accepted, Problem):
        assert dataclasses.is_dataclass(model) and model.__dataclass_params__.frozen
    assert len({hash(q) for q in bank.questions}) == len(bank.questions)


def test_bank_question_lookup_names_the_known_ids(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    with pytest.raises(KeyError, match="pick-one"):
        bank.question("missing")


def test_question_from_dict_reports_every_problem():
    with pytest.raises(BankError) as caught:
        question_from_dict({"id": "Bad Id", "type": "single", "prompt": {"zh": "題"}})
    assert [str(p) for p in caught.value.problems] == [
        "<question>: Bad Id: explanation is missing: add explanation: {zh: 中文說明, en: English explanation}",
        "<question>: Bad Id: section is missing: add section: l1-origins (the MyST label of the lesson section the explanation cites)",
        "<question>: Bad Id: id 'Bad Id' is not usable: use lowercase letters, digits and hyphens, e.g. id: sanctions-1989",
        "<question>: Bad Id: prompt has no en: add the English text",
        "<question>: Bad Id: a single question needs options: add options: a list of options, exactly one with correct: true",
    ]


def test_problem_format():
    assert str(Problem("book/quizzes/lesson-1.yml", 12, "q-1", "fix it")) == "book/quizzes/lesson-1.yml:12: q-1: fix it"
    assert str(Problem("a.yml", 3, None, "fix it")) == "a.yml:3: fix it"
    assert str(Problem("a.yml", None, None, "fix it")) == "a.yml: fix it"


# --- Malformed banks: one case each, the exact message ------------------------------------


def question(body: str, qid: str = "q1") -> str:
    """A bank with one question starting on line 4: id, the given lines, and COMMON."""
    return HEADER + f"  - id: {qid}\n" + textwrap.indent(textwrap.dedent(body), "    ") + COMMON


SINGLE_OPTIONS = """\
type: single
options:
  - {text: {zh: 甲, en: A}, correct: true}
  - {text: {zh: 乙, en: B}}
"""

MALFORMED = {
    "unknown type, with a suggestion": (
        question("type: singel\n"),
        ["lesson-9.yml:4: q1: unknown type 'singel': did you mean 'single'? use one of "
         "single, multiple, truefalse, numeric, ordering, matching, text, classify, open"],
    ),
    "missing type": (
        question(""),
        ["lesson-9.yml:4: q1: type is missing: add type: single | multiple | truefalse | numeric | ordering | matching | text | classify | open"],
    ),
    "misspelt key": (
        question(SINGLE_OPTIONS + "explaination: {zh: 說明, en: Why}\n"),
        ["lesson-9.yml:4: q1: unknown key 'explaination' in single questions (did you mean 'explanation'?): "
         "fix the spelling or remove it"],
    ),
    "a key another type uses": (
        question(SINGLE_OPTIONS + "answer: 1991\n"),
        ["lesson-9.yml:4: q1: 'answer' is not used by single questions: remove it (truefalse, numeric questions use it)"],
    ),
    "id with capitals and spaces": (
        question(SINGLE_OPTIONS, qid="Sanctions 1989"),
        ["lesson-9.yml:4: Sanctions 1989: id 'Sanctions 1989' is not usable: use lowercase letters, digits and "
         "hyphens, e.g. id: sanctions-1989"],
    ),
    "id read as a number": (
        question(SINGLE_OPTIONS, qid="1989"),
        ["lesson-9.yml:4: question 1: id 1989 is not usable: use lowercase letters, digits and hyphens, e.g. id: sanctions-1989"],
    ),
    "missing English prompt": (
        HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n    section: s\n    level: recall\n    objective: o\n"
        "    prompt: {zh: 題目}\n    explanation: {zh: 說明, en: Why}\n",
        ["lesson-9.yml:4: q1: prompt has no en: add the English text"],
    ),
    "empty Chinese explanation": (
        HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n    section: s\n    level: recall\n    objective: o\n"
        "    prompt: {zh: 題目, en: Q}\n    explanation: {zh: '  ', en: Why}\n",
        ["lesson-9.yml:4: q1: explanation.zh is empty: write the Traditional Chinese text"],
    ),
    "prompt as a plain string": (
        HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n    section: s\n    level: recall\n    objective: o\n"
        "    prompt: Is it?\n    explanation: {zh: 說明, en: Why}\n",
        ["lesson-9.yml:4: q1: prompt must be a mapping with zh and en (read as str 'Is it?'): "
         "write prompt: {zh: 中文, en: English}"],
    ),
    "YAML reads an unquoted yes as true": (
        question("type: single\noptions:\n  - {text: {zh: 是, en: yes}, correct: true}\n  - {text: {zh: 否, en: 'no'}}\n"),
        ["lesson-9.yml:4: q1: option 1 text.en must be text (read as true): put it in quotes"],
    ),
    "an unknown language key": (
        question(SINGLE_OPTIONS + "hints: [{zh: 提示, en: Hint, fr: Indice}]\n"),
        ["lesson-9.yml:4: q1: hint 1 has an unknown key 'fr': use only zh and en"],
    ),
    "single with two correct options": (
        question("type: single\noptions:\n  - {text: {zh: 甲, en: A}, correct: true}\n  - {text: {zh: 乙, en: B}, correct: true}\n"),
        ["lesson-9.yml:4: q1: a single-choice question needs exactly one correct option, this one has 2: "
         "mark exactly one with correct: true"],
    ),
    "single with no correct option": (
        question("type: single\noptions:\n  - {text: {zh: 甲, en: A}}\n  - {text: {zh: 乙, en: B}}\n"),
        ["lesson-9.yml:4: q1: a single-choice question needs exactly one correct option, this one has 0: "
         "mark exactly one with correct: true"],
    ),
    "multiple with no correct option": (
        question("type: multiple\noptions:\n  - {text: {zh: 甲, en: A}}\n  - {text: {zh: 乙, en: B}}\n"),
        ["lesson-9.yml:4: q1: a multiple-choice question needs at least one correct option: "
         "mark one or more with correct: true"],
    ),
    "only one option": (
        question("type: single\noptions:\n  - {text: {zh: 甲, en: A}, correct: true}\n"),
        ["lesson-9.yml:4: q1: options has 1; at least 2 are needed: add 1 more"],
    ),
    "correct written as text": (
        question("type: single\noptions:\n  - {text: {zh: 甲, en: A}, correct: 'yes'}\n  - {text: {zh: 乙, en: B}, correct: true}\n"),
        ["lesson-9.yml:4: q1: option 1: correct must be true or false (read as str 'yes'): write correct: true, or leave it out"],
    ),
    "two options with the same text": (
        question("type: single\noptions:\n  - {text: {zh: 甲, en: A}, correct: true}\n  - {text: {zh: 甲, en: B}}\n"),
        ["lesson-9.yml:4: q1: options 1 and 2 have the same zh text '甲': make each one different"],
    ),
    "option without text": (
        question("type: single\noptions:\n  - {correct: true}\n  - {text: {zh: 乙, en: B}}\n"),
        ["lesson-9.yml:4: q1: option 1 has no text: add text: {zh: ..., en: ...}"],
    ),
    "options missing": (
        question("type: multiple\n"),
        ["lesson-9.yml:4: q1: a multiple question needs options: add options: a list of options, at least one with correct: true and one without"],
    ),
    "truefalse answer in quotes": (
        question("type: truefalse\nanswer: 'true'\n"),
        ["lesson-9.yml:4: q1: answer must be true or false (read as str 'true'): write answer: true or answer: false, without quotes"],
    ),
    "numeric answer as text": (
        question("type: numeric\nanswer: nineteen ninety-one\n"),
        ["lesson-9.yml:4: q1: answer must be a number (read as str 'nineteen ninety-one'): write e.g. answer: 1991"],
    ),
    "numeric answer read as a date": (
        question("type: numeric\nanswer: 2001-06-15\n"),
        ["lesson-9.yml:4: q1: answer must be a number (read as date datetime.date(2001, 6, 15)): write e.g. answer: 1991"],
    ),
    "negative tolerance": (
        question("type: numeric\nanswer: 1991\ntolerance: -1\n"),
        ["lesson-9.yml:4: q1: tolerance must be 0 or more (-1): write tolerance: 0 for an exact answer"],
    ),
    "infinite tolerance": (
        question("type: numeric\nanswer: 1991\ntolerance: .inf\n"),
        ["lesson-9.yml:4: q1: tolerance must be a finite number no larger than 1e+15 (inf): use a real value"],
    ),
    "tolerance wider than the answer": (
        question("type: numeric\nanswer: 2014\ntolerance: 3000\n"),
        ["lesson-9.yml:4: q1: tolerance 3000 is as large as the answer 2014, so nearly any number would count: "
         "use a tolerance smaller than the answer (0 for an exact year)"],
    ),
    "ordering with two items": (
        question("type: ordering\nitems: [{zh: 一, en: one}, {zh: 二, en: two}]\n"),
        ["lesson-9.yml:4: q1: items has 2; at least 3 are needed: add 1 more"],
    ),
    "ordering with a repeated item": (
        question("type: ordering\nitems: [{zh: 一, en: one}, {zh: 二, en: two}, {zh: 一, en: once}]\n"),
        ["lesson-9.yml:4: q1: items 1 and 3 have the same zh text '一': make each one different"],
    ),
    "matching with one pair": (
        question("type: matching\npairs:\n  - {term: {zh: 甲, en: A}, match: {zh: 一, en: one}}\n"),
        ["lesson-9.yml:4: q1: pairs has 1; at least 2 are needed: add 1 more"],
    ),
    "matching pair without its match": (
        question("type: matching\npairs:\n  - {term: {zh: 甲, en: A}, match: {zh: 一, en: one}}\n  - {term: {zh: 乙, en: B}}\n"),
        ["lesson-9.yml:4: q1: pair 2 has no match: add match: {zh: ..., en: ...}"],
    ),
    "matching with a repeated term": (
        question("type: matching\npairs:\n  - {term: {zh: 甲, en: A}, match: {zh: 一, en: one}}\n"
                 "  - {term: {zh: 甲, en: A2}, match: {zh: 二, en: two}}\n"),
        ["lesson-9.yml:4: q1: pair terms 1 and 2 have the same zh text '甲': make each one different"],
    ),
    "text accept missing English": (
        question("type: text\naccept: {zh: [上合組織]}\n"),
        ["lesson-9.yml:4: q1: accept.en must be a non-empty list: add the accepted English answers, e.g. en: [...]"],
    ),
    "text accept with an empty list": (
        question("type: text\naccept: {zh: [], en: [SCO]}\n"),
        ["lesson-9.yml:4: q1: accept.zh must be a non-empty list: add the accepted Traditional Chinese answers, e.g. zh: [...]"],
    ),
    "text accept entry that is only punctuation": (
        question("type: text\naccept: {zh: [上合組織], en: ['...']}\n"),
        ["lesson-9.yml:4: q1: accept.en answer 1 '...' is empty once punctuation and spaces are dropped: write words"],
    ),
    "text accept as a plain string": (
        question("type: text\naccept: SCO\n"),
        ["lesson-9.yml:4: q1: accept must be a mapping (read as str 'SCO'): write accept: {zh: [答案], en: [answer]}"],
    ),
    "a question that is not a mapping": (
        HEADER + "  - just text\n",
        ["lesson-9.yml: question 1: a question must be a mapping with id, type, prompt, ... (read as str 'just text')"],
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_malformed_question_message(tmp_path, case):
    text, expected = MALFORMED[case]
    assert problems_of(tmp_path, text) == expected


def test_duplicate_ids_point_at_the_second_question(tmp_path):
    text = HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n" + COMMON + "  - id: q1\n    type: truefalse\n    answer: false\n" + COMMON
    assert problems_of(tmp_path, text) == [
        "lesson-9.yml:12: q1: duplicate id (first used on line 4): give each question its own id"
    ]


def test_a_repeated_key_is_reported_against_its_question(tmp_path):
    text = HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n    answer: false\n" + COMMON
    assert problems_of(tmp_path, text) == [
        "lesson-9.yml:4: q1: the key 'answer' appears twice (line 7): keep one, YAML would silently use the last"
    ]


def test_invalid_yaml_is_one_problem_with_its_line(tmp_path):
    text = HEADER + "  - id: q1\n    type: truefalse\n    prompt: {zh: 題目, en: Q\n    answer: true\n"
    assert problems_of(tmp_path, text) == [
        "lesson-9.yml:7: invalid YAML: while parsing a flow mapping expected ',' or '}', but got ':': "
        "check the indentation, colons and quotes"
    ]


def test_tabs_in_yaml_are_reported_with_their_line(tmp_path):
    problems = problems_of(tmp_path, HEADER + "  - id: q1\n\ttype: single\n")
    assert len(problems) == 1 and problems[0].startswith("lesson-9.yml:5: invalid YAML:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["lesson-9.yml:1: a bank must be a mapping with lesson, title, objectives and questions (empty)"]),
        ("- a\n- b\n", ["lesson-9.yml:1: a bank must be a mapping with lesson, title, objectives and questions (a list)"]),
        (
            "lesson: lesson-2\ntitle: {zh: 測試, en: Test}\nquestions: []\n",
            ["lesson-9.yml:1: lesson 'lesson-2' does not match the file name lesson-9.yml: make them the same",
             "lesson-9.yml:1: questions is missing or empty: add a list of questions"],
        ),
        (
            "lesson: lesson-9\nquestions:\n  - id: q1\n    type: truefalse\n    answer: true\n" + COMMON,
            ["lesson-9.yml:1: title is missing: add title: {zh: 中文標題, en: English title}"],
        ),
        (
            "lesson: lesson-9\ntitel: {zh: 測試, en: Test}\ntitle: {zh: 測試, en: Test}\nquestions:\n"
            "  - id: q1\n    type: truefalse\n    answer: true\n" + COMMON,
            ["lesson-9.yml:1: unknown key 'titel' in the bank (did you mean 'title'?): fix the spelling or remove it"],
        ),
    ],
    ids=["empty file", "a list", "wrong lesson and no questions", "no title", "misspelt bank key"],
)
def test_malformed_bank_message(tmp_path, text, expected):
    assert problems_of(tmp_path, text) == expected


def test_a_missing_file_is_one_problem(tmp_path):
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path / "lesson-9.yml")
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path}/lesson-9.yml: cannot be read (No such file or directory): check the path"]


def test_a_file_that_is_not_utf8_is_one_problem(tmp_path):
    path = tmp_path / "lesson-9.yml"
    path.write_bytes(GOOD_BANK.encode("big5", errors="replace"))
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}: is not UTF-8 text: save it with UTF-8 encoding"]


def test_every_problem_of_every_question_is_reported_at_once_in_line_order(tmp_path):
    text = (
        HEADER
        + "  - id: a\n    type: single\n    options: []\n" + COMMON
        + "  - id: b\n    type: essay\n" + COMMON
        + "  - id: c\n    type: numeric\n    answer: x\n    tolerance: -2\n" + COMMON
    )
    assert problems_of(tmp_path, text) == [
        "lesson-9.yml:4: a: options has 0; at least 2 are needed: add 2 more",
        "lesson-9.yml:12: b: unknown type 'essay': use one of single, multiple, truefalse, numeric, ordering, matching, text, classify, open",
        "lesson-9.yml:19: c: answer must be a number (read as str 'x'): write e.g. answer: 1991",
        "lesson-9.yml:19: c: tolerance must be 0 or more (-2): write tolerance: 0 for an exact answer",
    ]


# --- The fields of issue 12: level, objective, points, tryit, classify, open ----------------

NEW_FIELDS = {
    "unknown level, with a suggestion": (
        HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n    level: analyze\n    objective: o\n"
        "    section: s\n    prompt: {zh: 題, en: Q}\n    explanation: {zh: 說明, en: Why}\n",
        ["lesson-9.yml:4: q1: level 'analyze' is not a level: did you mean 'analyse'? use one of recall, understand, apply, analyse, evaluate"],
    ),
    "objective not in the bank": (
        HEADER + "  - id: q1\n    type: truefalse\n    answer: true\n    level: recall\n    objective: origin\n"
        "    section: s\n    prompt: {zh: 題, en: Q}\n    explanation: {zh: 說明, en: Why}\n",
        ["lesson-9.yml:4: q1: objective 'origin' is not among the bank's objectives (o, weigh): use one of them or add it"],
    ),
    "points zero": (
        question("type: truefalse\nanswer: true\npoints: 0\n"),
        ["lesson-9.yml:4: q1: points must be a positive number with at most two decimals, e.g. points: 2 "
         "(read as the number 0): or leave it out for 1 point"],
    ),
    "tryit as text": (
        question("type: truefalse\nanswer: true\ntryit: 'yes'\n"),
        ["lesson-9.yml:4: q1: tryit must be true or false (read as str 'yes'): write tryit: true, or leave it out"],
    ),
    "classify with one category": (
        question("type: classify\ncategories: [{zh: 甲, en: A}]\nstatements:\n  - {text: {zh: 一, en: one}, category: 0}\n"
                 "  - {text: {zh: 二, en: two}, category: 0}\n  - {text: {zh: 三, en: three}, category: 0}\n"),
        ["lesson-9.yml:4: q1: categories has 1; at least 2 are needed: add 1 more"],
    ),
    "classify statement with a category out of range": (
        question("type: classify\ncategories: [{zh: 甲, en: A}, {zh: 乙, en: B}]\nstatements:\n"
                 "  - {text: {zh: 一, en: one}, category: 0}\n  - {text: {zh: 二, en: two}, category: 2}\n"
                 "  - {text: {zh: 三, en: three}, category: 1}\n"),
        ["lesson-9.yml:4: q1: statement 2: category must be the number of one of the categories, 0 to 1 "
         "(read as the number 2): write category: 0 for the first"],
    ),
    "classify without statements": (
        question("type: classify\ncategories: [{zh: 甲, en: A}, {zh: 乙, en: B}]\n"),
        ["lesson-9.yml:4: q1: a classify question needs statements: add statements: [{text: {zh, en}, category: 0}, ...]"],
    ),
    "open with two criteria": (
        question("type: open\nmodel_answer: {zh: 答, en: A}\nrubric: [{zh: 一, en: one}, {zh: 二, en: two}]\n"),
        ["lesson-9.yml:4: q1: rubric has 2; at least 3 are needed: add 1 more"],
    ),
    "open with six criteria": (
        question("type: open\nmodel_answer: {zh: 答, en: A}\nrubric: [{zh: 一, en: '1'}, {zh: 二, en: '2'}, {zh: 三, en: '3'}, "
                 "{zh: 四, en: '4'}, {zh: 五, en: '5'}, {zh: 六, en: '6'}]\n"),
        ["lesson-9.yml:4: q1: rubric has 6; at most 5 are allowed: merge or drop some"],
    ),
    "open without a rubric": (
        question("type: open\nmodel_answer: {zh: 答, en: A}\n"),
        ["lesson-9.yml:4: q1: an open question needs rubric: add rubric: a list of 3 to 5 criteria as {zh: ..., en: ...}"],
    ),
    "multiple whose every option is correct": (
        question("type: multiple\noptions:\n  - {text: {zh: 甲, en: A}, correct: true}\n  - {text: {zh: 乙, en: B}, correct: true}\n"),
        ["lesson-9.yml:4: q1: every option is correct, so choosing all of them would be the answer: add a wrong option"],
    ),
}


@pytest.mark.parametrize("case", NEW_FIELDS)
def test_new_field_message(tmp_path, case):
    text, expected = NEW_FIELDS[case]
    assert problems_of(tmp_path, text) == expected


def test_a_bank_without_objectives_says_how_to_add_them(tmp_path):
    path = tmp_path / "lesson-9.yml"
    path.write_text(question("type: truefalse\nanswer: true\n"), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith("objectives is missing: add objectives: [{id: origins")
    assert "objective 'o' is not among the bank's objectives (none: add objectives: at the top of the bank)" in messages[1]


def test_coverage_reports_levels_and_objectives_and_passes_the_good_bank(tmp_path):
    from lessons.quizbank import coverage

    covered = coverage(load_bank(write(tmp_path, GOOD_BANK)))
    assert covered.problems == ()
    assert covered.lines() == [
        "  levels: recall 3, understand 2, apply 1, analyse 3, evaluate 1 (50% at apply/analyse/evaluate)",
        "  objectives: o 5, weigh 5",
    ]


def test_coverage_names_every_rule_a_small_bank_breaks(tmp_path):
    from lessons.quizbank import coverage

    text = question("type: truefalse\nanswer: true\n")
    covered = coverage(load_bank(write(tmp_path, text)))
    assert [p.message for p in covered.problems] == [
        "1 questions; a lesson needs at least 10: add 9 more",
        "0 of 1 questions are at apply, analyse or evaluate; at least 40% (1) are needed: add or re-level questions",
        "objective 'o' has 1 question(s); each needs at least 2: add questions with objective: o",
        "objective 'weigh' has 0 question(s); each needs at least 2: add questions with objective: weigh",
        "no classify question; each lesson needs one: add a question with type: classify",
        "no open question; each lesson needs one: add a question with type: open",
    ]


def test_quiz_questions_leave_out_tryit_unless_named(tmp_path):
    text = GOOD_BANK.replace("- id: pick-again\n", "- id: pick-again\n    tryit: true\n")
    bank = load_bank(write(tmp_path, text))
    assert "pick-again" not in [q.id for q in bank.quiz_questions()]
    assert [q.id for q in bank.quiz_questions(["pick-again", "yes-no"])] == ["pick-again", "yes-no"]
    with pytest.raises(KeyError, match="no question 'nope'"):
        bank.quiz_questions(["nope"])


# --- The course's own banks -----------------------------------------------------------


def test_the_book_has_a_valid_bank_for_every_lesson_meeting_the_content_rules():
    book = book_dir(Path(__file__).parent)
    lessons = sorted(p.stem for p in book.glob("lesson-*.md"))
    assert lessons, "no lessons found in book/"
    banks = {name: load_bank(book / "quizzes" / f"{name}.yml") for name in lessons}
    for name, bank in banks.items():
        assert len(bank.questions) >= 6, f"{name}: at least 6 questions per lesson"
        labels = set(re.findall(r"^\(([^()\s]+)\)=\s*$", (book / f"{name}.md").read_text(encoding="utf-8"), re.MULTILINE))
        elsewhere = [q.id for q in bank.questions if q.section not in labels]
        assert not elsewhere, f"{name}: explanations must cite a section of this lesson: {elsewhere}"
    used = {q.type for bank in banks.values() for q in bank.questions}
    assert used == set(TYPES), f"types never used in the course: {set(TYPES) - used}"
    assert any(q.type == "ordering" for bank in banks.values() for q in bank.questions)


# --- Levels: the definitions in CONTRIBUTING and the share `check` prints ------------

LEVEL_BULLET = re.compile(r"^- \*\*(\w+)\*\* — (.+?)(?=^- \*\*|^\*\*|\Z)", re.MULTILINE | re.DOTALL)


def level_examples(contributing: str) -> dict[str, list[str]]:
    """{level: [question ids]} from the "Question levels" section of CONTRIBUTING.md."""
    start = contributing.index("## Question levels")
    section = contributing[start : contributing.index("\n## ", start + 1)]
    return {level: re.findall(r"`([a-z0-9-]+)`", text) for level, text in LEVEL_BULLET.findall(section)}


def test_contributing_defines_every_level_with_two_examples_at_that_level_in_the_banks():
    from lessons.model import LEVELS

    root = Path(__file__).resolve().parents[1]
    examples = level_examples((root / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert list(examples) == list(LEVELS), "CONTRIBUTING.md must define each level, in the order of lessons.model.LEVELS"
    levels = {q.id: q.level for bank in sorted((root / "book" / "quizzes").glob("*.yml")) for q in load_bank(bank).questions}
    for level, ids in examples.items():
        assert len(ids) >= 2, f"CONTRIBUTING.md: give two examples of {level} from the banks"
        wrong = {qid: levels.get(qid, "no such question") for qid in ids if levels.get(qid) != level}
        assert not wrong, f"CONTRIBUTING.md: the {level} examples are not {level} questions in book/quizzes: {wrong}"


def test_the_levels_check_can_fail():
    text = "## Question levels\n\n- **recall** — a. `one`, `two`.\n- **apply** — b. `three`.\n\n## Next\n"
    assert level_examples(text) == {"recall": ["one", "two"], "apply": ["three"]}


@pytest.mark.parametrize("bank", sorted((Path(__file__).resolve().parents[1] / "book" / "quizzes").glob("*.yml")), ids=lambda p: p.name)
def test_check_prints_each_course_banks_higher_order_share_and_it_is_at_least_40_percent(bank, capsys):
    from lessons.__main__ import main
    from lessons.model import HIGHER_LEVELS

    assert main(["check", str(bank)]) == 0
    shown = re.search(r"\((\d+%) at apply/analyse/evaluate\)", capsys.readouterr().out)
    assert shown, f"{bank.name}: `lessons check` printed no higher-order share"
    questions = load_bank(bank).questions
    share = sum(q.level in HIGHER_LEVELS for q in questions) / len(questions)
    assert shown.group(1) == f"{share:.0%}"
    assert share >= 0.4, f"{bank.name}: {share:.0%} at apply/analyse/evaluate; a lesson needs 40% (see CONTRIBUTING.md, Question levels)"


# --- Numeric answers the banks compute from the course's data ------------------------


def _data_answers() -> dict:
    """Each numeric bank answer that comes from book/data, computed here from
    the files the way a student would, so a corrected row cannot leave a key
    behind."""
    import csv

    import pandas as pd

    from lessons import datasets

    book = book_dir(Path(__file__).parent)
    with open(book / "data" / "events.csv", encoding="utf-8", newline="") as handle:
        day = {row["id"]: pd.Timestamp(row["date"]) for row in csv.DictReader(handle)}
    drills = datasets.load("china-russia-exercises")
    trade = datasets.load("china-russia-trade").set_index("year")
    votes = datasets.load("unga-ukraine-votes").set_index("resolution")
    vetoes = datasets.load("unsc-vetoes")
    blocs = datasets.load("bloc-membership")
    russia = vetoes[vetoes["russia"] == "vetoed"]
    alone_known = russia[~russia["china"].isin(["vetoed"]) & russia["china"].notna()]

    def members(organisation: str, on: str) -> int:
        rows = blocs[(blocs["organisation"] == organisation) & (blocs["date"] <= pd.Timestamp(on))]
        status = rows.sort_values("date").groupby("country_en")["status"].last()
        return int(status.isin(["founding member", "member"]).sum())

    recent = drills[drills["start_date"].dt.year.between(2021, 2024)]
    sco_members = blocs[(blocs["organisation"] == "SCO") & (blocs["status"] == "member")]
    return {
        ("lesson-1", "ev-bilateral-share-recent"): 100 * (recent["format"] == "bilateral").mean(),
        ("lesson-1", "ev-trade-2015-fall"): 100 * (trade.total_usd_bn[2014] - trade.total_usd_bn[2015]) / trade.total_usd_bn[2014],
        ("lesson-1", "ev-russia-vs-us-2023"): 100 * trade.total_usd_bn[2023] / trade.china_us_trade_usd_bn[2023],
        ("lesson-2", "crimea-to-resolution-days"): (pd.Timestamp(votes.loc["68/262", "date"]) - day["crimea-2014"]).days,
        ("lesson-2", "no-limits-days-before-invasion"): (day["invasion-2022"] - day["no-limits-2022"]).days,
        ("lesson-2", "ev-unga-yes-rise"): int(votes.loc["ES-11/1", "yes"] - votes.loc["68/262", "yes"]),
        ("lesson-3", "ev-joint-share"): 100 * (russia["china"] == "vetoed").mean(),
        ("lesson-3", "ev-sco-at-brief"): members("SCO", "2023-09-11"),
        ("lesson-3", "sco-first-new-members"): int(sco_members["date"].min().year),
        ("lesson-4", "brics-growth-since-brief"): members("BRICS", "2025-01-06") - members("BRICS", "2023-09-11"),
        ("lesson-4", "ev-solo-abstain-share"): 100 * (alone_known["china"] == "abstained").mean(),
    }


def test_numeric_answers_taken_from_the_data_match_the_data():
    from lessons.grading import grade

    book = book_dir(Path(__file__).parent)
    for (lesson, question_id), value in _data_answers().items():
        question = load_bank(book / "quizzes" / f"{lesson}.yml").question(question_id)
        assert grade(question, round(float(value), 4)).status == "correct", (
            f"book/quizzes/{lesson}.yml: {question_id}: the data now gives {value:.4g}, the key says {question.answer}"
        )
