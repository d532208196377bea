"""lessons.handouts without a browser: file names, the answer key's content
and the links (student pages never link an answer key)."""

from __future__ import annotations

import html

import pytest

from lessons import handouts
from lessons.bilingual import MODES
from lessons.handouts.answerkey import render_answer_key
from lessons.paths import book_dir
from lessons.qtypes import of as qtype_of
from lessons.quizbank import load_bank
from lessons.sphinxext.handouts import answer_key_links_html, student_links_html

BANKS = sorted((book_dir() / "quizzes").glob("lesson-*.yml"))


def test_every_lesson_kind_and_mode_has_a_file_and_so_do_the_class_sets():
    files = handouts.expected_files(["lesson-1", "lesson-2"])
    assert len(files) == len(set(files)) == 3 * 3 * 3  # (2 lessons + class set) x 3 kinds x 3 modes
    assert "lesson-1-student-en.pdf" in files and "class-set-answer-key-zh-Hant.pdf" in files
    with pytest.raises(ValueError, match="kinds are"):
        handouts.file_name("lesson-1", "teacher", "en")


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_the_answer_key_holds_every_question_answer_explanation_and_hint(path):
    bank = load_bank(path)
    key = render_answer_key(bank, "both", handouts.lesson_title(bank.lesson), "<section>discussion</section>")
    for question in bank.questions:  # the Try-it questions too
        assert f'data-question-id="{question.id}"' in key
        texts = [*qtype_of(question).answer_lines(question), *question.hints, question.explanation]
        for text in filter(None, texts):
            assert html.escape(text.zh) in key and html.escape(text.en) in key, (question.id, text)
    assert "<section>discussion</section>" in key
    assert 'data-lessons-lang="both"' in key and "@media (min-width: 40em)" in key  # print.css inlined


def test_a_lesson_page_links_its_three_student_handouts_and_no_answer_key():
    links = student_links_html("lesson-2", "../")
    for mode in MODES:
        assert f'href="../handouts/lesson-2-student-{mode}.pdf"' in links
        assert f'href="../handouts/lesson-2-worksheet-{mode}.pdf"' in links
    assert "answer-key" not in links
    assert 'lang="zh-Hant"' in links and 'lang="en"' in links


def test_the_guide_links_every_answer_key_and_the_class_sets():
    titles = {lesson: handouts.lesson_title(lesson) for lesson in ("lesson-1", "lesson-2")}
    table = answer_key_links_html(["lesson-1", "lesson-2"], titles, "../")
    for name in handouts.expected_files(["lesson-1", "lesson-2"]):
        assert f'href="../handouts/{name}"' in table


def budget_row(figures: dict, name: str) -> tuple:
    from benchmarks import budgets

    row = next(r for r in budgets.check_budgets({"handouts": figures}) if r["budget"].startswith(name))
    return row["limit"], row["status"]


def test_the_benchmark_reports_make_handouts_against_its_two_minute_budget():
    from benchmarks import report

    figures = {"seconds": 130.0, "files": 30, "total_bytes": 4_000_000, "largest": "a.pdf", "largest_bytes": 9000}
    printed = report.handouts_table(figures)
    assert "130" in printed and "30" in printed and "a.pdf" in printed
    assert budget_row(figures, "make handouts") == (120, "MISS")
    figures["seconds"] = 80.0
    assert budget_row(figures, "make handouts") == (120, "PASS")


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_the_answer_key_names_and_boxes_every_right_option(path):
    """A small ✓ among ✗ lines was easy to miss: each choice question now
    opens with an "Answer:" line naming its right option(s), and the right
    lines are marked for bold and a box, the wrong ones plain."""
    bank = load_bank(path)
    key = render_answer_key(bank, "en", handouts.lesson_title(bank.lesson), "")
    for question in bank.questions:
        body = key[key.index(f'data-question-id="{question.id}"'):]
        body = body[: body.index("</li>\n") if "</li>\n" in body else len(body)]
        right = [option for option in question.options if option.correct]
        if not right:
            continue
        summary = body[body.index('class="key-answer-summary"'):]
        summary = summary[: summary.index("</p>")]
        assert "Answer: " in summary and all(html.escape(option.text.en) in summary for option in right), question.id
        assert body.count("key-answer-line key-right") == len(right), question.id
        assert body.count("key-answer-line key-wrong") == len(question.options) - len(right), question.id


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_the_worksheet_handout_holds_the_quiz_and_the_tables_it_is_given(path):
    from lessons.handouts.worksheetdoc import DataTable, data_sections, render_worksheet_handout

    bank = load_bank(path)
    sections = data_sections(bank)
    # Lessons 1-4 read an evidence table; the unit (lesson 5) reads its
    # primary-source reader and role cards, the sections its questions name.
    evidence = [label for label in sections if "evidence" in label] or sections
    assert evidence, "every lesson quiz names the sections it reads"
    tables = [DataTable(evidence[0], '<table class="lessons-evidence-table"><tr><td>row</td></tr></table>')]
    sheet = render_worksheet_handout(bank, "zh-Hant", handouts.lesson_title(bank.lesson), tables)
    for question in bank.quiz_questions(None):
        assert f'data-question-id="{question.id}"' in sheet
    assert "<td>row</td>" in sheet and 'data-lessons-lang="zh-Hant"' in sheet
    numbers = [n for n, q in enumerate(bank.quiz_questions(None), 1) if q.section == evidence[0]]
    assert f"第{'、'.join(map(str, numbers))}題用" in sheet
    body = sheet[sheet.index("<main"):]
    assert "✓" not in body and "key-answer" not in body  # no answers on a student's paper


def test_the_benchmark_prints_pages_per_handout_and_the_worksheet_budget():
    from benchmarks import report

    pages = {"lesson-1-student-en.pdf": 30, "lesson-1-worksheet-en.pdf": 5, "lesson-1-answer-key-en.pdf": 14}
    figures = {"seconds": 80.0, "files": 3, "pages": pages, "worksheet_max_pages": 5}
    printed = report.handouts_table(figures)
    assert "Pages per handout" in printed and "lesson 1" in printed and "30" in printed
    assert budget_row(figures, "Worksheet handout") == (4, "MISS")
    figures["worksheet_max_pages"] = 4
    assert budget_row(figures, "Worksheet handout") == (4, "PASS")
