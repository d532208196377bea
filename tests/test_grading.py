"""lessons.grading: the shared vectors, each rule per type, and properties."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.bilingual import Text
from lessons.grading import STATUSES, Grade, grade, max_score, normalize_text
from lessons.quizbank import TYPES, BankError, question_from_dict
from lessons.quizhtml import answer_lines

VECTORS_PATH = Path(__file__).resolve().parent / "data" / "grading-vectors.json"
VECTORS = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))

WHY = {"zh": "說明", "en": "Why"}


def make(qtype: str, **fields) -> dict:
    return {"id": f"{qtype}-q", "type": qtype, "prompt": {"zh": "題目", "en": "Question"},
            "section": "l1-origins", "explanation": WHY, **fields}


def T(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


SINGLE = make("single", options=[
    {"text": T("甲", "A"), "feedback": T("甲：不對", "A: no")},
    {"text": T("乙", "B"), "correct": True, "feedback": T("乙：對", "B: yes")},
    {"text": T("丙", "C")},
])
MULTIPLE = make("multiple", options=[
    {"text": T("甲", "A"), "correct": True, "feedback": T("甲該選", "A is right")},
    {"text": T("乙", "B"), "feedback": T("乙不該選", "B is wrong")},
    {"text": T("丙", "C"), "correct": True},
    {"text": T("丁", "D")},
])
ORDERING = make("ordering", items=[T("一", "1"), T("二", "2"), T("三", "3"), T("四", "4")])
MATCHING = make("matching", pairs=[{"term": T(z, e), "match": T(z + "義", e + " means")} for z, e in
                                   [("甲", "A"), ("乙", "B"), ("丙", "C")]])
TEXT = make("text", accept={"zh": ["金磚國家"], "en": ["BRICS"]})
NUMERIC = make("numeric", answer=2014, tolerance=0)
TRUEFALSE = make("truefalse", answer=True)
CLASSIFY = make("classify", categories=[T("簡報所言", "The brief says it"), T("推論", "An inference")],
                statements=[{"text": T("一", "one"), "category": 0},
                            {"text": T("二", "two"), "category": 1, "feedback": T("這是推論", "An inference")},
                            {"text": T("三", "three"), "category": 0}])
OPEN = make("open", model_answer=T("參考答案", "A model answer"), rubric=[T("一", "one"), T("二", "two"), T("三", "three")])
EVERY_TYPE = [SINGLE, MULTIPLE, TRUEFALSE, NUMERIC, ORDERING, MATCHING, TEXT, CLASSIFY, OPEN]


# --- The contract ----------------------------------------------------------------


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_vector(case):
    result = grade(question_from_dict(case["question"]), case["response"])
    got = {"status": result.status, "score": result.score, "max_score": result.max_score}
    if "feedback" in case["expected"]:  # what the student reads, where a vector pins it
        got["feedback"] = [text.to_dict() for text in result.feedback]
    assert got == case["expected"]


def test_the_vectors_cover_every_type_every_status_and_invalid_responses():
    assert len(VECTORS) >= 60
    assert len({c["name"] for c in VECTORS}) == len(VECTORS), "vector names must be unique"
    seen = {(c["question"]["type"], c["expected"]["status"]) for c in VECTORS}
    for qtype in TYPES:
        statuses = ("self-assessed", "invalid") if qtype == "open" else ("correct", "incorrect", "invalid")
        for status in statuses:
            assert (qtype, status) in seen, f"no {status} vector for {qtype}"
    for qtype in ("multiple", "ordering", "matching", "classify"):
        assert (qtype, "partial") in seen, f"no partial-credit vector for {qtype}"
    for case in VECTORS:
        assert set(case) == {"name", "question", "response", "expected"}
        assert {"status", "score", "max_score"} <= set(case["expected"]) <= {"status", "score", "max_score", "feedback"}
        assert case["expected"]["status"] in STATUSES


# --- Per type --------------------------------------------------------------------


def test_single_right_answer_shows_its_own_feedback_only():
    result = grade(SINGLE, 1)
    assert (result.status, result.score, result.max_score) == ("correct", 1, 1)
    assert result.feedback == (Text("乙：對", "B: yes"),)
    assert result.parts == ()


def test_single_wrong_answer_shows_the_chosen_feedback_only_so_a_retry_is_a_real_try():
    result = grade(SINGLE, 0)
    assert result.status == "incorrect"
    assert result.feedback == (Text("甲：不對", "A: no"),)


def test_single_wrong_option_without_feedback_gives_nothing_away():
    assert grade(SINGLE, 2).feedback == ()


def test_multiple_is_net_correct_out_of_the_right_options():
    result = grade(MULTIPLE, [0, 1])
    # A chosen & correct, B chosen & wrong, C missed, D rightly left out.
    assert result.parts == (True, False, False, True)
    # One right chosen, one wrong chosen: they cancel.
    assert (result.status, result.score, result.max_score) == ("incorrect", 0, 2)
    assert (grade(MULTIPLE, [0]).status, grade(MULTIPLE, [0]).score) == ("partial", 1)
    assert grade(MULTIPLE, []).score == 0 and grade(MULTIPLE, [0, 1, 2, 3]).score == 0


def test_multiple_feedback_is_for_the_chosen_options():
    assert grade(MULTIPLE, [1]).feedback == (Text("乙不該選", "B is wrong"),)
    assert grade(MULTIPLE, [0, 1]).feedback == (Text("甲該選", "A is right"), Text("乙不該選", "B is wrong"))
    assert grade(MULTIPLE, [2]).feedback == ()


def test_multiple_accepts_a_tuple_from_a_live_widget():
    assert grade(MULTIPLE, (2, 0)).status == "correct"


def test_truefalse():
    assert grade(TRUEFALSE, True).status == "correct"
    assert grade(TRUEFALSE, False).status == "incorrect"
    assert grade(TRUEFALSE, 1).status == "invalid"


def test_numeric_with_tolerance():
    near = make("numeric", answer=2014, tolerance=2)
    assert [grade(near, r).score for r in (2012, 2016, 2011.9, 2016.1)] == [1, 1, 0, 0]


def test_numeric_float_round_off_is_forgiven_but_not_more():
    question = make("numeric", answer=0.3, tolerance=0.1)
    assert grade(question, 0.4).status == "correct"  # 0.4 - 0.3 is 0.10000000000000003 in floats
    assert grade(question, 0.400001).status == "incorrect"


def test_numeric_text_with_unit_and_separators():
    question = make("numeric", answer=1991, unit=T("年", "year"))
    for response in ("1991年", "１９９１ 年", "1991 YEAR", "1,991", " +1991 "):
        assert grade(question, response).status == "correct", response
    assert grade(question, "1991 km").status == "invalid"


def test_numeric_without_a_unit_refuses_trailing_words():
    assert grade(NUMERIC, "2014年").status == "invalid"


@pytest.mark.parametrize("response", [math.nan, math.inf, -math.inf, 10**400, 1e16, "1e999", "inf", "nan"])
def test_numeric_refuses_non_finite_and_absurd_numbers(response):
    result = grade(NUMERIC, response)
    assert (result.status, result.score) == ("invalid", 0)


def test_ordering_credit_counts_pairs_in_the_right_relative_order():
    assert grade(ORDERING, [0, 1, 2, 3]).score == 6
    assert grade(ORDERING, [0, 1, 3, 2]).score == 5  # one adjacent swap: one inversion
    assert grade(ORDERING, [1, 2, 3, 0]).score == 3  # the first moved to the end: 3 inversions
    assert grade(ORDERING, [3, 2, 1, 0]).score == 0


def test_ordering_parts_say_which_positions_hold_the_right_item():
    assert grade(ORDERING, [0, 2, 1, 3]).parts == (True, False, False, True)


def test_matching_credit_and_parts_are_per_term():
    result = grade(MATCHING, [0, None, 1])
    assert result.parts == (True, False, False)
    assert (result.status, result.score, result.max_score) == ("partial", 1, 3)


def test_text_accepts_either_language_after_normalisation():
    for response in ("BRICS", " brics ", "ＢＲＩＣＳ", "「金磚國家」", "金磚國家。", "B.R.I.C.S."):
        assert grade(TEXT, response).status == "correct", response
    assert grade(TEXT, "金磚 國家").status == "incorrect"  # spaces inside words still count


def test_max_score_per_type():
    assert [max_score(question_from_dict(q)) for q in EVERY_TYPE] == [1, 2, 1, 1, 6, 3, 1, 3, 3]


def test_classify_credit_and_feedback_per_statement():
    result = grade(CLASSIFY, [0, 0, None])
    assert (result.status, result.score, result.max_score, result.parts) == ("partial", 1, 3, (True, False, False))
    # Which statement is wrong, never its category: the bank's note (which
    # may name the category) shows with the answer instead.
    assert result.feedback == (Text("「二」：類別不對。", "\u201ctwo\u201d: not the right category."),)
    assert "An inference" not in str(result.to_dict()["feedback"])
    assert answer_lines(question_from_dict(CLASSIFY))[1] == Text("二 → 推論——這是推論", "two → An inference — An inference")


def test_classify_feedback_names_each_statement_placed_wrong_and_none_left_empty():
    assert [t.en for t in grade(CLASSIFY, [1, 0, None]).feedback] == [
        "\u201cone\u201d: not the right category.", "\u201ctwo\u201d: not the right category."]
    assert grade(CLASSIFY, [0, 1, 0]).feedback == ()


def test_ordering_feedback_names_the_wrong_positions_never_the_items():
    assert grade(ORDERING, [0, 2, 1, 3]).feedback == (Text("第 2、3 個位置不對。", "Positions 2, 3 are not right."),)
    assert grade(ORDERING, [3, 1, 2, 0]).feedback == (Text("第 1、4 個位置不對。", "Positions 1, 4 are not right."),)
    assert grade(ORDERING, [0, 1, 2, 3]).feedback == ()
    # No item's words in it: the key stays unsaid.
    assert all(word not in grade(ORDERING, [3, 2, 1, 0]).feedback[0].en for word in ("一", "二"))


def test_open_is_self_assessed_never_right_or_wrong():
    result = grade(OPEN, {"text": "我的答案", "met": [0, 2]})
    assert (result.status, result.score, result.max_score, result.parts) == ("self-assessed", 2, 3, (True, False, True))
    assert grade(OPEN, {"text": " ", "met": []}).message.en == "Write your answer first."


def test_points_weigh_the_fraction_exactly():
    question = question_from_dict(make("ordering", points=0.5, items=[T("一", "1"), T("二", "2"), T("三", "3")]))
    result = grade(question, [1, 0, 2])
    assert (result.score, result.max_score, result.points) == (2, 3, 0.5)
    assert result.fraction == Fraction(2, 3) and result.earned == Fraction(1, 3)


# --- Normalisation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  Hello   World  ", "hello world"),
        ("ＡＢＣ１２３", "abc123"),
        ("「上合組織」", "上合組織"),
        ("“no limits”", "no limits"),
        ('"no limits"', "no limits"),
        ("顏色革命，", "顏色革命"),
        ("上合\u3000組織", "上合 組織"),
        ("a\u00a0b\tc\nd", "a b c d"),
        ("U.S.-led", "usled"),
        ("ΟΔΟΣ", "οδος"),  # str.lower keeps the final sigma, as JavaScript does
        ("$100+", "$100+"),  # symbols (S*) are not punctuation (P*)
    ],
)
def test_normalize_text(raw, normalised):
    assert normalize_text(raw) == normalised


# --- Invalid responses -------------------------------------------------------------


@pytest.mark.parametrize("question", EVERY_TYPE, ids=[q["type"] for q in EVERY_TYPE])
@pytest.mark.parametrize("response", [None, {"a": 1}, [[0]], object()], ids=["none", "object", "nested", "python-object"])
def test_malformed_responses_get_an_invalid_grade_with_a_bilingual_message(question, response):
    result = grade(question, response)
    assert (result.status, result.score) == ("invalid", 0)
    assert result.max_score == max_score(question_from_dict(question))
    assert result.message.zh.strip() and result.message.en.strip()
    assert result.feedback == () and result.explanation is None and result.parts == ()


def test_invalid_messages_say_what_to_fix():
    assert grade(SINGLE, 7).message.en == "There is no such option: choose one of the 3."
    assert grade(MULTIPLE, [1, 1]).message.en == "Use each option only once."
    assert grade(ORDERING, [0, 1]).message.en == "Give all 4 items (got 2)."
    assert grade(MATCHING, [0]).message.en == "Give all 3 terms (got 1)."
    assert grade(TEXT, "x" * 1001).message.en == "The answer is too long (over 1000 characters)."
    assert grade(NUMERIC, "soon").message == Text("請輸入一個數字，例如 1991。", "Type a number, for example 1991.")
    assert grade(TRUEFALSE, None).message.en == "No answer yet: answer first, then submit."


def test_a_valid_grade_has_no_message_and_carries_the_explanation():
    result = grade(SINGLE, 0)
    assert result.message is None
    assert result.explanation == Text("說明", "Why")


# --- The Grade object ----------------------------------------------------------------


def test_grade_is_a_frozen_documented_dataclass_with_points():
    result = grade(MULTIPLE, [0])
    assert dataclasses.is_dataclass(result) and Grade.__doc__
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 4
    assert (result.fraction, result.points, result.earned) == (Fraction(1, 2), 1, Fraction(1, 2))
    assert result.question_id == "multiple-q"


def test_to_dict_is_plain_json():
    data = grade(SINGLE, 0).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["feedback"] == [{"zh": "甲：不對", "en": "A: no"}]


def test_repr_html_escapes_text_and_labels_both_languages():
    hostile = make("single", id="x", options=[
        {"text": T("甲", "A"), "correct": True, "feedback": T("<b>甲</b>", "<script>alert(1)</script>")},
        {"text": T("乙", "B")},
    ])
    page = grade(hostile, 0)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;甲&lt;/b&gt;" in page
    assert 'lang="zh-Hant"' in page and 'lang="en"' in page
    assert "Correct" in page and "正確" in page and "✓" in page  # words and a symbol, not colour alone


@pytest.mark.parametrize(
    ("question", "response", "words"),
    [
        (SINGLE, 0, ("不正確", "Incorrect", "✗")),
        (MULTIPLE, [0], ("部分正確", "Partly correct", "◐")),
        (SINGLE, None, ("無法批改這個答案", "This answer cannot be checked", "⚠", "No answer yet")),
    ],
    ids=["incorrect", "partial", "invalid"],
)
def test_repr_html_states_the_status_in_words(question, response, words):
    page = grade(question, response)._repr_html_()
    for word in words:
        assert word in page


def test_grade_takes_a_mapping_and_refuses_a_broken_question():
    assert grade(TEXT, "BRICS").status == "correct"
    with pytest.raises(BankError, match="type"):
        grade({"id": "x", "type": "essay"}, "anything")


# --- Properties --------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
    | st.sampled_from(["2014", "ＢＲＩＣＳ", "1e999", "-0", " 2014年 "]),
    lambda inner: st.lists(inner, max_size=8) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)
questions = st.sampled_from(EVERY_TYPE + [c["question"] for c in VECTORS[::7]])


@settings(max_examples=400)
@given(questions, json_values)
def test_any_json_response_gets_a_grade_in_range_and_never_raises(question, response):
    result = grade(question, response)
    assert 0 <= result.score <= result.max_score
    assert result.status in STATUSES
    if result.status == "invalid":
        assert result.score == 0 and result.message is not None
    elif question["type"] == "open":
        assert result.status == "self-assessed"
    else:
        expected = "correct" if result.score == result.max_score else "incorrect" if result.score == 0 else "partial"
        assert result.status == expected


@given(st.permutations(range(6)))
def test_ordering_score_is_pairs_minus_inversions(order):
    question = make("ordering", items=[T(str(i), f"item {i}") for i in range(6)])
    inversions = sum(1 for i in range(6) for j in range(i + 1, 6) if order[i] > order[j])
    assert grade(question, list(order)).score == 15 - inversions


@given(st.sets(st.integers(0, 3)))
def test_multiple_score_is_right_minus_wrong_floored_and_zero_for_everything(chosen):
    key = {0, 2}
    expected = 0 if len(chosen) == 4 else max(0, len(chosen & key) - len(chosen - key))
    assert grade(MULTIPLE, sorted(chosen)).score == expected


@given(st.text(max_size=60))
def test_normalisation_is_idempotent_and_trimmed(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip(" ") and "  " not in once
