"""The browser grader (static/grader.js) against the shared contract.

Every vector in tests/data/grading-vectors.json must get the expected status,
score and maximum in a real Chromium, and the whole result (feedback,
explanation, message, parts) must equal what lessons.grading returns, so a
student sees the same thing in the published book and in a live notebook.
"""

from __future__ import annotations

import json
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.grading import grade, normalize_text
from lessons.quizbank import load_bank, question_from_dict
from lessons.quizui import format_points

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
GRADER_JS = ROOT / "src" / "lessons" / "static" / "grader.js"
VECTORS = json.loads((ROOT / "tests" / "data" / "grading-vectors.json").read_text(encoding="utf-8"))

GRADE_ALL = """(cases) => cases.map((c) => {
  try { return LessonsGrader.grade(c.question, c.response); }
  catch (e) { return {error: String(e)}; }
})"""


@pytest.fixture(scope="module")
def grader_page(browser):
    """One blank page with grader.js loaded, shared by this module's tests."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(GRADER_JS))
    yield page
    context.close()


def test_every_vector_gets_the_expected_grade_in_the_browser(grader_page):
    results = grader_page.evaluate(GRADE_ALL, VECTORS)
    failures = []
    for case, result in zip(VECTORS, results, strict=True):
        got = {key: result.get(key) for key in case["expected"]}  # feedback too, where a vector pins it
        if got != case["expected"]:
            failures.append(f"{case['name']}: expected {case['expected']}, got {result}")
    assert not failures, "\n".join(failures)


def test_browser_results_equal_the_python_grades_field_for_field(grader_page):
    results = grader_page.evaluate(GRADE_ALL, VECTORS)
    failures = []
    for case, result in zip(VECTORS, results, strict=True):
        expected = grade(question_from_dict(case["question"]), case["response"]).to_dict()
        if result != expected:
            failures.append(f"{case['name']}:\n  python {expected}\n  browser {result}")
    assert not failures, "\n".join(failures)


def test_the_page_loads_grader_js_as_a_plain_script_with_its_api(page, page_log):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(GRADER_JS))
    api = page.evaluate("() => Object.keys(window.LessonsGrader).sort()")
    assert {"grade", "normalizeText"} <= set(api)
    assert page_log.console_errors == []
    assert page_log.foreign == []


def test_an_unknown_question_type_is_an_error_not_a_silent_grade(grader_page):
    error = grader_page.evaluate(
        """() => { try { LessonsGrader.grade({id: "x", type: "essay"}, "hi"); return null; }
                   catch (e) { return String(e); } }"""
    )
    assert error is not None and "essay" in error


# --- Properties: the two graders agree beyond the hand-written vectors --------------

# Characters the course's answers use (Latin, CJK, CJK and general punctuation,
# full- and half-width forms, Greek for the final-sigma rule, emoji outside the
# BMP), limited to those Python's Unicode database knows, so a newer Unicode in
# Chromium cannot make a difference by itself.
BLOCKS = [(0x20, 0x7E), (0xA0, 0x17F), (0x370, 0x3FF), (0x2000, 0x206F), (0x3000, 0x303F),
          (0x4E00, 0x4E80), (0x9F8D, 0x9F9F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x1F600, 0x1F64F)]
ALPHABET = [chr(c) for lo, hi in BLOCKS for c in range(lo, hi + 1) if unicodedata.category(chr(c)) not in ("Cn", "Cs")]
ALPHABET += ["\t", "\n", "\u3000", "\u00a0", "\u0130", "\u03a3"]
course_text = st.text(alphabet=st.sampled_from(ALPHABET), max_size=30)

PROPERTY_SETTINGS = settings(
    max_examples=40, derandomize=True, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(st.lists(course_text, min_size=1, max_size=50))
def test_text_normalisation_is_identical_in_python_and_the_browser(grader_page, texts):
    browser = grader_page.evaluate("(texts) => texts.map(LessonsGrader.normalizeText)", texts)
    assert browser == [normalize_text(t) for t in texts]


json_scalars = (
    st.none() | st.booleans() | st.integers(-5, 10) | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False) | course_text
    | st.sampled_from(["1991", "１９９１", " 1991年 ", "1,991", "SCO", "「上合組織」", "1e999", "0.4"])
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)
# The open type's shape, with the text and criteria varied (random
# dictionaries would almost never have exactly these keys).
open_responses = st.fixed_dictionaries({"text": course_text, "met": st.lists(st.integers(-1, 5) | st.none(), max_size=4)})
json_values = json_values | open_responses
# The vectors' questions and the course's own (real accepted answers, real units).
QUESTIONS = list({json.dumps(c["question"], sort_keys=True): c["question"] for c in VECTORS}.values())
QUESTIONS += [q.raw for bank in sorted((ROOT / "book" / "quizzes").glob("*.yml")) for q in load_bank(bank).questions]


@PROPERTY_SETTINGS
@given(st.lists(st.tuples(st.sampled_from(QUESTIONS), json_values), min_size=1, max_size=40))
def test_arbitrary_responses_get_the_same_result_in_python_and_the_browser(grader_page, cases):
    payload = [{"question": q, "response": r} for q, r in cases]
    results = grader_page.evaluate(GRADE_ALL, payload)
    for (question, response), result in zip(cases, results, strict=True):
        assert result == grade(question_from_dict(question), response).to_dict(), (question["id"], response)


# Points a quiz can show: a question's points (whole or half) times a part
# score over its maximum; 1/8, 5/8, 3/8 sit exactly on a half hundredth.
shown_points = st.builds(
    lambda points, score, most: (Fraction(points, 2) * Fraction(min(score, most), most)),
    st.integers(0, 20), st.integers(0, 16), st.integers(1, 16),
)


@PROPERTY_SETTINGS
@given(st.lists(shown_points, min_size=1, max_size=60))
def test_points_are_printed_alike_in_python_and_the_browser(grader_page, values):
    # The browser gets what quiz.js computes: (points * score) / max_score as a double.
    doubles = [value.numerator / value.denominator for value in values]
    assert grader_page.evaluate("(vs) => vs.map(LessonsGrader.formatPoints)", doubles) == [format_points(v) for v in values]


def test_a_half_hundredth_rounds_up():
    assert [format_points(Fraction(n, 8)) for n in (1, 3, 5)] == ["0.13", "0.38", "0.63"]
    assert [format_points(v) for v in (Fraction(1, 3), Fraction(2, 3), 1, Fraction(1, 2), 0)] == ["0.33", "0.67", "1", "0.5", "0"]
