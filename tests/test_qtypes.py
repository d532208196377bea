"""Every registered question type keeps the whole contract
(lessons.qtypes.protocol.QuestionType): a new type that forgets a part
fails here, not silently in the live quiz, the worksheet or the gradebook."""

from __future__ import annotations

import inspect
import random
from pathlib import Path

import pytest

import quiz_sample
from lessons import qtypes
from lessons.gradebook.analysis import _choices, _picks
from lessons.grading import grade
from lessons.paths import book_dir
from lessons.qtypes.protocol import QuestionType
from lessons.quizbank import load_bank, question_from_dict

BANKS = sorted((book_dir() / "quizzes").glob("lesson-*.yml"))
#: The protocol's members: its annotated constants and its functions.
MEMBERS = sorted({*QuestionType.__annotations__, *(n for n, v in vars(QuestionType).items() if callable(v) and not n.startswith("_"))})


@pytest.fixture(scope="module")
def sample_bank(tmp_path_factory):
    return quiz_sample.load(tmp_path_factory.mktemp("bank"))


def every_question(sample_bank):
    return [*sample_bank.questions, *(q for path in BANKS for q in load_bank(path).questions)]


@pytest.mark.parametrize("name", sorted(qtypes.TYPES))
def test_every_type_implements_the_whole_protocol(name):
    kind = qtypes.TYPES[name]
    assert isinstance(kind, QuestionType) and all(hasattr(kind, m) for m in MEMBERS), (
        f"{name}: missing {[m for m in MEMBERS if not hasattr(kind, m)]}"
    )
    assert kind.NAME == name and kind.ANSWER_LIST in ("ol", "ul") and kind.KEYS and kind.EXAMPLE
    for member in MEMBERS:
        wanted = getattr(QuestionType, member, None)
        if callable(wanted):
            mine = inspect.signature(getattr(kind, member))
            # The protocol's own parameters minus self: the type must take as many positionally.
            needed = [p for p in inspect.signature(wanted).parameters.values() if p.name != "self" and p.default is p.empty]
            assert len([p for p in mine.parameters.values() if p.default is p.empty]) == len(needed), f"{name}.{member}{mine}"


def test_the_protocol_lists_what_the_rest_of_the_package_asks():
    asked = {"grade", "max_score", "html_controls", "widget_read", "widget_write", "worksheet_body", "ANSWER_LIST",
             "choices", "picks", "sample_response", "answer_lines", "fields", "LABEL"}
    assert asked <= set(MEMBERS)


def test_every_type_is_in_the_sample_bank(sample_bank):
    assert {q.type for q in sample_bank.questions} == set(qtypes.TYPES)


def test_sample_responses_grade_without_error_right_when_known(sample_bank):
    rng = random.Random(7)
    for question in every_question(sample_bank):
        kind = qtypes.of(question)
        for language in ("zh", "en"):
            right = grade(question, kind.sample_response(question, rng, knows=True, language=language))
            assert right.status == ("self-assessed" if question.type == "open" else "correct"), question.id
            slip = grade(question, kind.sample_response(question, rng, knows=False, language=language))
            assert slip.status != "invalid", question.id
            if question.type != "open":
                assert slip.status != "correct", f"{question.id}: a slip must cost something"


COMMON = {"prompt": {"zh": "題", "en": "Q"}, "explanation": {"zh": "說明", "en": "Why"}, "section": "l1-origins"}


def test_picks_reads_a_response_as_the_grader_does():
    """The drift issue 26 found: 1.0 is option 1 to the grader, so to the item analysis too."""
    single = question_from_dict(
        {**COMMON, "id": "s", "type": "single",
         "options": [{"text": {"zh": "甲", "en": "A"}}, {"text": {"zh": "乙", "en": "B"}, "correct": True}]}
    )
    assert grade(single, 1.0).status == "correct" and _picks(single, 1.0, 1)
    for response in (0, 1, 1.0, 0.0, True, "1", None, 5, [1], 1.5):
        valid = grade(single, response).status != "invalid"
        assert [_picks(single, response, i) for i in (0, 1)] == [valid and response == 0, valid and response == 1], repr(response)
    multiple = question_from_dict(
        {**COMMON, "id": "m", "type": "multiple",
         "options": [{"text": {"zh": "甲", "en": "A"}, "correct": True}, {"text": {"zh": "乙", "en": "B"}},
                     {"text": {"zh": "丙", "en": "C"}, "correct": True}]}
    )
    assert [_picks(multiple, [0, 2.0], i) for i in range(3)] == [True, False, True]
    assert not any(_picks(multiple, [0, 0], i) for i in range(3)), "duplicates are invalid: they choose nothing"
    assert [label.en for label, _ in _choices(multiple)] == ["A", "B", "C"]


def test_only_choice_types_have_choices(sample_bank):
    for question in sample_bank.questions:
        has = bool(qtypes.of(question).choices(question))
        assert has == (question.type in ("single", "multiple", "truefalse")), question.id


# --- the live quiz: a stored response goes back in the widgets ---------------------------------


@pytest.fixture
def live(sample_bank, tmp_path, monkeypatch):
    from lessons.bilingual import LanguageState
    from lessons.widgets import Quiz

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LESSONS_CLASS_FOLDER", raising=False)
    return Quiz(sample_bank, language=LanguageState(mode="en"))


@pytest.mark.parametrize("knows", [True, False])
def test_widget_write_then_read_grades_the_same(live, knows):
    rng = random.Random(3)
    for view in live.questions:
        question = view.question
        response = view.kind.sample_response(question, rng, knows=knows)
        view.kind.widget_write(view, response)
        back = view.read()
        assert grade(question, back) == grade(question, response), question.id
        if question.type == "open":
            assert view.assessing, "a self-assessed answer comes back assessed"


@pytest.mark.parametrize("stored", [None, {"x": 1}, [99, 99, 99], 2.5, True])
def test_widget_write_of_a_malformed_stored_value_leaves_the_controls_empty(live, stored):
    for view in live.questions:
        if view.question.type in ("numeric", "text") and isinstance(stored, float):
            continue  # a number typed in a text field comes back as typed
        if view.question.type == "truefalse" and stored is True:
            continue
        view.kind.widget_write(view, stored)
        assert view.read() is view.EMPTY, f"{view.question.id}: {stored!r}"


def test_a_typed_text_comes_back_even_when_it_was_not_a_valid_answer(live):
    """Nothing a student typed is lost: a numeric answer the grader called
    invalid ("about 1990") is restored into its field as it was typed."""
    [numeric] = [v for v in live.questions if v.question.type == "numeric"]
    assert grade(numeric.question, "about 1990").status == "invalid"
    numeric.restore({"response": "about 1990", "revealed": False})
    assert numeric.controls[0].value == "about 1990" and numeric.grade.status == "invalid"


def test_sample_class_generators_ask_the_types():
    """No per-type branch is left in the synthetic answer generators."""
    root = Path(__file__).resolve().parents[1]
    for path in ("scripts/make_sample_class.py", "benchmarks/classscale.py"):
        source = (root / path).read_text(encoding="utf-8")
        assert "sample_response" in source and '== "single"' not in source and "kind ==" not in source, path


# --- typed HTML ---------------------------------------------------------------------------------


def test_html_builders_return_markup_escaped_once(sample_bank):
    """Every type's form controls and worksheet body are typed HTML; a bank
    text with HTML characters is escaped once, never twice."""
    from markupsafe import Markup

    from lessons.bilingual import Text, pair
    from lessons.quizhtml import render_bank_html

    for question in sample_bank.questions:
        kind = qtypes.of(question)
        assert isinstance(kind.html_controls(question, "q"), Markup), question.id
        assert isinstance(kind.worksheet_body(question), Markup), question.id
    assert isinstance(render_bank_html(sample_bank), Markup)
    risky = question_from_dict(
        {**COMMON, "id": "r", "type": "single",
         "options": [{"text": {"zh": "甲 & <乙>", "en": "A & <B>"}, "correct": True}, {"text": {"zh": "丙", "en": "C"}}]}
    )
    for built in (qtypes.of(risky).html_controls(risky, "q"), qtypes.of(risky).worksheet_body(risky)):
        assert "A &amp; &lt;B&gt;" in built and "&amp;amp;" not in built and "<B>" not in built
    # One helper: text escaped, a language's own HTML (Markup) kept as it is.
    links = pair(Text(Markup('<a href="zh.pdf">中文</a>'), Markup('<a href="en.pdf">English</a>')))
    assert links == '<span lang="zh-Hant" class="bl-zh"><a href="zh.pdf">中文</a></span><span lang="en" class="bl-en"><a href="en.pdf">English</a></span>'
    assert pair(Text("甲 & 乙", "A & B"), mode="en") == '<span lang="en">A &amp; B</span>'
    assert pair(Text("甲", "A"), "p", css="bl") == '<p lang="zh-Hant" class="bl bl-zh">甲</p><p lang="en" class="bl bl-en">A</p>'
    assert not hasattr(__import__("lessons.bilingual").bilingual, "html_pair")  # one helper, no str twin
