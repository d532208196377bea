"""Typed HTML (issue 26): every HTML builder returns ``markupsafe.Markup``,
and text an author or a student wrote (a bank's prompt and options, a
student's name, a folder's name) is escaped exactly once in what each builder
writes: never left raw (a ``<script>`` that runs), never twice
(``&amp;amp;`` on the page)."""

from __future__ import annotations

import dataclasses
import re

import ipywidgets
import pytest
from markupsafe import Markup

from lessons import answers, bilingual, classview, datasets, gradeview, primary_sources, quizhtml, worksheet
from lessons.bilingual import EN, MODES, LanguageState, Text
from lessons.citations import url_links_html
from lessons.evidence_charts import table_html
from lessons.grading import grade
from lessons.handouts import lesson_title
from lessons.handouts.answerkey import render_answer_key
from lessons.handouts.pdf import footer_template
from lessons.handouts.worksheetdoc import render_worksheet_handout
from lessons.paths import quiz_bank_path
from lessons.quizbank import load_bank
from lessons.quizload import BankProblems
from lessons.sphinxext.downloads import download_links_html, lms_links_html
from lessons.sphinxext.handouts import answer_key_links_html, student_links_html
from lessons.timeline import events_table_html, load_events, source_html
from lessons.widgets import Quiz

LESSON = "lesson-2"
QID = "what-pushed-them-closer"  # lesson 2's first question: single, option 3 right
PROMPT = Text("<script>alert(1)</script> 甲 & 乙", "<script>alert(1)</script> A & B")
RIGHT = Text("丙 & <丁>", "C & <D>")
WRONG_FEEDBACK = Text("不對 & <i>再想</i>", "No & <i>think again</i>")
STUDENT = "<b>Ann</b> & Co"
#: The tags written in the texts above (and the folder name ``a&b <c>``):
#: only these may appear escaped; an escaped ``<p>`` or ``<span>`` is the
#: builder's own markup escaped by a ``str + Markup`` join.
AUTHORS_TAGS = {"script", "i", "b", "D", "丁", "c"}


@pytest.fixture(scope="module")
def bank():
    return load_bank(quiz_bank_path(LESSON))


@pytest.fixture(scope="module")
def risky(bank):
    """Lesson 2 with author text full of HTML characters in one question."""
    question = bank.question(QID)
    options = list(question.options)
    right = next(i for i, option in enumerate(options) if option.correct)
    wrong = next(i for i, option in enumerate(options) if not option.correct)
    options[right] = dataclasses.replace(options[right], text=RIGHT)
    options[wrong] = dataclasses.replace(options[wrong], feedback=WRONG_FEEDBACK)
    changed = dataclasses.replace(question, prompt=PROMPT, options=tuple(options), explanation=PROMPT)
    return dataclasses.replace(bank, questions=tuple(changed if q.id == QID else q for q in bank.questions)), wrong


def escaped_once(html: str, text: Text = PROMPT) -> None:
    """``text``'s English is in ``html`` escaped exactly once."""
    once = text.en.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert once in html, f"{once!r} not in the output"
    assert text.en not in html, "author text written raw (not escaped)"
    assert "&amp;amp;" not in html and "&amp;lt;" not in html, "escaped twice"
    escaped_markup = set(re.findall(r"&lt;/?(\w+)", html)) - AUTHORS_TAGS
    assert not escaped_markup, f"the builder's own markup escaped: {escaped_markup}"


# ---- every builder returns Markup ---------------------------------------------------------------

BUILDERS = {
    "bilingual.pair": lambda bank: bilingual.pair(Text("甲", "A")),
    "quizhtml.render_bank_html": lambda bank: quizhtml.render_bank_html(bank),
    "worksheet.render_worksheet": lambda bank: worksheet.render_worksheet(bank, [q.id for q in bank.questions]),
    "handouts.render_answer_key": lambda bank: render_answer_key(bank, EN, lesson_title(LESSON), "<p>discussion</p>"),
    "handouts.render_worksheet_handout": lambda bank: render_worksheet_handout(bank, EN, lesson_title(LESSON), []),
    "gradeview.grade_html": lambda bank: gradeview.grade_html(grade(bank.question(QID), 0)),
    "classview.render": lambda bank: classview.render(classview.summarize(bank, []), EN),
    "timeline.events_table_html": lambda bank: events_table_html(load_events().head(3), EN),
    "timeline.source_html": lambda bank: source_html("Reuters, reuters.com"),
    "evidence_charts.table_html": lambda bank: table_html("vetoes"),
    "datasets.dictionary_html": lambda bank: datasets.dictionary_html("unsc-vetoes"),
    "datasets.overview_html": lambda bank: datasets.overview_html("unsc-vetoes"),
    "primary_sources.excerpt_html": lambda bank: primary_sources.excerpt_html(primary_sources.load()[0]),
    "citations.url_links_html": lambda bank: url_links_html("https://example.org/a?b=1&c=2"),
    "sphinxext.download_links_html": lambda bank: download_links_html(LESSON, "../"),
    "sphinxext.lms_links_html": lambda bank: lms_links_html([LESSON], "../"),
    "sphinxext.student_links_html": lambda bank: student_links_html(LESSON, "../"),
    "sphinxext.answer_key_links_html": lambda bank: answer_key_links_html([LESSON], {LESSON: lesson_title(LESSON)}, "../"),
    "Quiz.offline_html": lambda bank: Quiz(bank, language=LanguageState(mode=EN)).offline_html(),
    "Grade._repr_html_": lambda bank: grade(bank.question(QID), 0)._repr_html_(),
    "BankProblems._repr_html_": lambda bank: BankProblems(["lesson-2.yml:3: x: <bad> & worse"])._repr_html_(),
    "handouts.pdf.footer_template": lambda bank: footer_template("Worksheet", EN),
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_html_builder_returns_markup(name, bank):
    built = BUILDERS[name](bank)
    assert isinstance(built, Markup), f"{name} returns {type(built).__name__}, not Markup"
    assert built.strip(), f"{name} wrote nothing"


def test_one_bilingual_pair_helper():
    assert not hasattr(bilingual, "html_pair")
    from lessons.qtypes import _base

    assert not hasattr(_base, "mode_html")


# ---- author and student text is escaped exactly once ----------------------------------------------


def test_bank_text_is_escaped_once_in_the_book_quiz_the_worksheet_and_every_answer_key(risky):
    bank, _ = risky
    escaped_once(quizhtml.render_bank_html(bank))
    escaped_once(quizhtml.render_bank_html(bank), RIGHT)
    escaped_once(worksheet.render_worksheet(bank, [QID]))
    escaped_once(worksheet.render_worksheet(bank, [QID]), RIGHT)
    for mode in MODES:
        key = render_answer_key(bank, mode, lesson_title(LESSON), "")
        sheet = render_worksheet_handout(bank, mode, lesson_title(LESSON), [])
        if mode != "zh-Hant":
            escaped_once(key)
            escaped_once(key, RIGHT)
            escaped_once(sheet)
        assert "&amp;amp;" not in key + sheet and "<script>alert" not in key + sheet


def test_bank_text_and_feedback_are_escaped_once_in_the_live_quiz(risky):
    bank, wrong = risky
    live = Quiz(bank, language=LanguageState(mode="both"))
    [view] = [v for v in live.questions if v.question.id == QID]
    view.controls[0].value = wrong
    view.check()
    live.reveal.value = True  # the instructor shows the answers: the right option's text is shown
    shown = "".join(w.value for w in walk(live.widget) if isinstance(w, ipywidgets.HTML))
    escaped_once(shown)
    escaped_once(shown, RIGHT)
    escaped_once(shown, WRONG_FEEDBACK)
    escaped_once(view.feedback.value, WRONG_FEEDBACK)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_a_grade_shows_the_authors_feedback_escaped_once(risky):
    bank, wrong = risky
    escaped_once(gradeview.grade_html(grade(bank.question(QID), wrong)), WRONG_FEEDBACK)


def test_a_students_name_and_an_option_are_escaped_once_in_the_class_view(risky):
    bank, wrong = risky
    question = bank.question(QID)
    records = [answers.attempt_record(question, grade(question, wrong), wrong, False, "2026-12-01T10:00:00Z")]
    summary = classview.summarize(bank, [answers.parse_export(answers.make_export(LESSON, records, student=STUDENT))])
    shown = classview.render(summary, EN, hide_names=False)
    escaped_once(shown, Text(STUDENT, STUDENT))
    escaped_once(shown)  # the prompt, in the question's row


def test_a_folder_name_is_escaped_once_in_the_class_view(tmp_path, bank):
    folder = tmp_path / "a&b <c>"
    view = classview.ClassView(bank, folder, seconds=60, language=LanguageState(mode=EN))
    try:
        escaped_once(view.body.value, Text(str(folder), str(folder)))
    finally:
        view.close()


def test_the_worksheet_joins_the_built_page_without_escaping_it(bank, monkeypatch):
    """The page body Sphinx hands over is a str: the worksheet (Markup) goes
    in after each quiz form, and the page's own markup stays markup."""
    from lessons.sphinxext import handouts

    monkeypatch.setattr(handouts, "bank_path", lambda app, lesson: quiz_bank_path(lesson))
    body = f"<p>before</p>\n{quizhtml.render_bank_html(bank, [QID])}\n<p>after &amp; more</p>"
    context = {"body": body}
    handouts.add_worksheets(None, LESSON, "page.html", context, None)
    assert context["body"].startswith("<p>before</p>") and context["body"].endswith("<p>after &amp; more</p>")
    assert '</section>\n<section class="lq-worksheet"' in context["body"]
    assert "&lt;" not in context["body"] and "&amp;amp;" not in context["body"]
