"""The live quiz, driven through the widget API as a student and an
instructor would: choose, check, retry, hints, reveal, language, export."""

from __future__ import annotations

import csv
import html
import json
import subprocess
import sys

import ipywidgets as widgets
import pytest

import quiz_sample
from quiz_sample import answer_correctly, self_assess, shown
from lessons import answers, bilingual
from lessons.bilingual import LanguageState
from lessons.quizhtml import render_bank_html
from lessons.widgets import BankProblems, Quiz, quiz


@pytest.fixture(autouse=True)
def notebook_folder(tmp_path, monkeypatch):
    """Every quiz runs in its own folder, as a notebook does: its progress
    file and exports land there, never in the repository."""
    folder = tmp_path / "notebook"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("LESSONS_CLASS_FOLDER", raising=False)
    return folder


@pytest.fixture
def bank(tmp_path):
    return quiz_sample.load(tmp_path)


@pytest.fixture
def language():
    return LanguageState(mode="en")


@pytest.fixture
def live(bank, language):
    return Quiz(bank, language=language)


def view(live, question_id):
    [found] = [v for v in live.questions if v.question.id == question_id]
    return found


def test_every_type_graded_correct_through_the_widgets(live):
    for v in live.questions:
        answer_correctly(v)
        if v.question.type == "open":
            self_assess(v)
            v.check_button.click()
            assert (v.grade.status, v.grade.score) == ("self-assessed", 2), "never right or wrong"
            assert "2 of 3 criteria met (self-assessed)" in v.feedback.value
            continue
        v.check_button.click()
        assert v.grade.status == "correct", v.question.id
        assert "Correct" in v.feedback.value and "✓" in v.feedback.value
        assert all(control.disabled for control in v.controls)
        assert not shown(v.check_button) and not shown(v.retry_button)
        assert shown(v.answer) and html.escape(v.question.explanation.en) in v.answer.value
    assert "Total of first tries: 9 / 9 (10 of 10 questions answered; self-assessed questions are not scored)" in live.summary.value
    assert [a["status"] for a in live.attempts] == ["correct"] * 9 + ["self-assessed"]


def test_wrong_try_shows_feedback_and_a_hint_then_retry_unlocks(live):
    v = view(live, "closer-since")
    assert v.hints.value == "" and not shown(v.answer)
    v.controls[0].value = 1
    v.check_button.click()
    assert "Incorrect" in v.feedback.value and "✗" in v.feedback.value
    assert "2022 is one of the recent challenges" in v.feedback.value  # the chosen option's feedback
    assert "Hint 1" in v.hints.value and "two events" in v.hints.value
    assert shown(v.retry_button) and not shown(v.check_button)
    assert v.controls[0].disabled
    assert not shown(v.answer)  # a hint is left to try: the answer stays hidden

    v.retry_button.click()
    assert not v.controls[0].disabled and shown(v.check_button) and v.feedback.value == ""
    assert "Hint 1" in v.hints.value  # earned hints stay
    v.check_button.click()  # same wrong answer again: every hint used
    assert shown(v.answer) and "Answer" in v.answer.value

    v.retry_button.click()
    v.controls[0].value = 0
    v.check_button.click()
    assert v.grade.status == "correct"
    assert [a["response"] for a in live.attempts] == [1, 1, 0]
    # Honest attempts (issue 12): the right answer after it was shown is kept, flagged, and earns nothing.
    assert [a["revealed"] for a in live.attempts] == [False, False, True]
    assert "(this try scores 0 / 1)" in v.feedback.value and "scores nothing" in v.feedback.value
    # One score story (issue 24), as in the book: the first try's points, and the export records the 0 shown.
    assert "Your first try scored 0 / 1; the total counts first tries only." in v.feedback.value
    assert "Total of first tries: 0 / 9 (1 of 10 questions answered" in live.summary.value
    exported = live.export_document(student="Mei")["answers"]
    assert [(a["score"], a["earned"], a["points"]) for a in exported] == [(0, 0, 1), (0, 0, 1), (1, 0, 1)]


def test_partial_credit_is_shown_as_partly_correct(live):
    v = view(live, "bilateral-ties")
    v.controls[0].value = True  # arms sales only: 1 of the 2 right options, no wrong one
    v.check_button.click()
    assert v.grade.status == "partial" and (v.grade.score, v.grade.max_score) == (1, 2)
    assert "Partly correct" in v.feedback.value and "(this try scores 0.5 / 1)" in v.feedback.value


def test_nothing_chosen_asks_for_an_answer_and_records_nothing(live):
    v = view(live, "no-alliance")
    v.check_button.click()
    assert "Answer first" in v.feedback.value
    assert live.attempts == [] and not v.controls[0].disabled
    order = view(live, "anchor-years")
    order.controls[0].value = 1
    order.controls[1].value = 1
    order.check_button.click()
    assert "different position" in order.feedback.value and live.attempts == []


def test_unreadable_number_is_invalid_recorded_and_left_open(live):
    v = view(live, "soviet-collapse-year")
    v.controls[0].value = "nineteen ninety-one"
    v.check_button.click()
    assert v.grade.status == "invalid" and "Type a number" in v.feedback.value
    assert not v.controls[0].disabled and shown(v.check_button)
    assert live.attempts[-1]["status"] == "invalid" and v.wrong == 0
    v.controls[0].value = "1991年"
    v.check_button.click()
    assert v.grade.status == "correct"


def test_bank_markup_is_escaped_in_every_widget(live):
    v = view(live, "xss-probe")
    live.language.mode = "both"
    v.controls[0].value = 1
    v.check_button.click()
    v.retry_button.click()
    v.check_button.click()  # wrong twice: hint and answer shown
    for widget in (v.prompt, v.feedback, v.hints, v.answer):
        assert widget.value and "<script" not in widget.value and "<img" not in widget.value
        assert "<iframe" not in widget.value and "<style" not in widget.value
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in v.prompt.value
    assert "&lt;iframe src=javascript:alert(8)&gt;" in v.hints.value


def test_instructor_reveal_is_off_by_default_and_shows_every_answer(live):
    assert live.reveal.value is False
    assert not any(shown(v.answer) for v in live.questions)
    live.reveal.value = True
    assert all(shown(v.answer) and v.answer.value for v in live.questions)
    assert "1991" in view(live, "soviet-collapse-year").answer.value
    live.reveal.value = False
    assert not any(shown(v.answer) for v in live.questions)
    assert live.attempts == []  # revealing is not answering


def test_language_switch_relabels_everything_and_keeps_answers(live, language):
    single = view(live, "closer-since")
    single.controls[0].value = 2
    order = view(live, "anchor-years")
    order.controls[0].value = 3
    assert single.check_button.description == "Check"
    assert [label for label, _ in single.controls[0].options][2] == "Since BRICS was founded"
    assert '<span lang="en">' in single.prompt.value and 'lang="zh-Hant"' not in single.prompt.value

    language.mode = "zh-Hant"
    assert single.check_button.description == "檢查答案"
    assert [label for label, _ in single.controls[0].options][2] == "金磚國家成立以來"
    assert 'lang="zh-Hant"' in single.prompt.value and '<span lang="en">' not in single.prompt.value
    assert "總分（每題只計第一次作答）" in live.summary.value
    assert live.reveal.description == "顯示所有答案（教師用）"
    assert single.controls[0].value == 2 and order.controls[0].value == 3  # relabelling loses no answer
    matching = view(live, "ties-matched")
    assert matching.controls[0].description == "軍事"

    language.mode = "both"
    assert single.check_button.description == "檢查答案 / Check"
    assert 'lang="zh-Hant"' in single.prompt.value and 'lang="en"' in single.prompt.value

    # Feedback already shown follows the switch too.
    single.check_button.click()
    language.mode = "en"
    assert "Incorrect" in single.feedback.value and "不正確" not in single.feedback.value


def test_an_unanswered_dropdown_shows_choose_not_an_empty_box(live, language):
    """ipywidgets selects nothing for a None value, so a matching, classify
    or ordering dropdown stood empty: it must show its "— choose —" option,
    in the language shown, before an answer and again after a Reset."""
    boxes = [(qid, c) for qid in ("anchor-years", "ties-matched", "said-or-inferred") for c in view(live, qid).controls]
    assert boxes and all(isinstance(c, widgets.Dropdown) for _, c in boxes)
    assert {(c.index, c.label) for _, c in boxes} == {(0, "— choose —")}
    language.mode = "zh-Hant"
    assert {(c.index, c.label) for _, c in boxes} == {(0, "— 請選擇 —")}
    language.mode = "en"
    answer_correctly(view(live, "ties-matched"))
    view(live, "ties-matched").check_button.click()
    live.reset_button.click()
    live.reset_button.click()
    assert {(c.index, c.label) for _, c in boxes} == {(0, "— choose —")}, "a Reset leaves no empty box either"


def test_one_language_control_switches_every_quiz(bank):
    state = LanguageState(mode="both")
    first, second = Quiz(bank, language=state), Quiz(bank, language=state)
    control = bilingual.language_control(state)
    control.value = "en"
    assert first.questions[0].check_button.description == second.questions[0].check_button.description == "Check"


def test_quiz_follows_the_kernels_language_by_default(bank):
    before = bilingual.current.mode
    try:
        live = Quiz(bank)
        bilingual.current.mode = "zh-Hant"
        assert live.questions[0].check_button.description == "檢查答案"
        bilingual.current.mode = "en"
        assert live.questions[0].check_button.description == "Check"
    finally:
        bilingual.current.mode = before


def test_widgets_carry_descriptions_a_screen_reader_reads(live):
    for v in live.questions:
        for control in v.controls:
            if isinstance(control, widgets.HTML):  # the open question's model answer: text, not a control
                continue
            assert control.description.strip(), v.question.id
        assert v.check_button.tooltip and v.retry_button.tooltip
    assert live.reveal.description and live.reveal.tooltip


def test_results_keep_every_attempt(live):
    v = view(live, "closer-since")
    v.controls[0].value = 2
    v.check_button.click()
    v.retry_button.click()
    v.controls[0].value = 0
    v.check_button.click()
    text = view(live, "hegemony")
    text.controls[0].value = "發展中國家"
    text.check_button.click()
    frame = live.results
    assert list(frame.columns) == ["question", "response", "score", "max_score", "status", "revealed", "time"]
    assert frame["question"].tolist() == ["closer-since", "closer-since", "hegemony"]
    assert frame["response"].tolist() == [2, 0, "發展中國家"]
    assert frame["status"].tolist() == ["incorrect", "correct", "correct"]
    assert frame["score"].tolist() == [0, 1, 1] and frame["max_score"].tolist() == [1, 1, 1]
    assert str(frame["time"].dt.tz) == "UTC"


def test_results_of_an_untouched_quiz_are_an_empty_table(live):
    frame = live.results
    assert len(frame) == 0 and list(frame.columns)[0] == "question"


def test_export_json_round_trips_through_the_answers_format(live, bank, tmp_path):
    for v in live.questions:
        answer_correctly(v)
        if v.question.type == "open":
            self_assess(v)
        v.check_button.click()
    path = live.export_json(tmp_path / "out.json", student="王小明")
    export = answers.parse_export(json.loads(path.read_text(encoding="utf-8")))
    assert export.source == "notebook" and export.student == "王小明" and export.lesson == quiz_sample.LESSON
    assert [a["question"] for a in export.answers] == [q.id for q in bank.questions]
    assert [a["question_hash"] for a in export.answers] == [q.content_hash for q in bank.questions]
    assert all(a["score"] == a["max_score"] for a in export.answers if a["status"] != "self-assessed")
    assert export.answers[4]["response"] == [0, 1, 2, 3]  # the ordering, as item indices
    assert export.answers[-1]["response"] == {"text": "兩國在蘇聯解體後轉向彼此。", "met": [0, 2]}  # kept and exported
    assert export.version == answers.VERSION == 2 and not any(a["revealed"] for a in export.answers)


def test_export_csv_has_one_row_per_attempt(live, tmp_path):
    v = view(live, "ties-matched")
    v.controls[0].value = 1
    v.check_button.click()
    path = live.export_csv(tmp_path / "out.csv", student="s1")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    row = rows[0]
    assert row["course"] == answers.COURSE and row["student"] == "s1" and row["source"] == "notebook"
    assert json.loads(row["response"]) == [1, None, None]
    assert (row["status"], row["score"], row["max_score"]) == ("incorrect", "0", "3")


def test_mime_bundle_has_the_live_widget_and_the_books_static_form(live, bank):
    bundle = live._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == live.widget.model_id
    assert bundle["text/html"] == render_bank_html(bank)
    assert "lesson-sample" in bundle["text/plain"] and "10 questions" in bundle["text/plain"]


def course(tmp_path):
    """A minimal course folder: _toc.yml, book/, and the sample bank."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    quizzes = tmp_path / "book" / "quizzes"
    quizzes.mkdir(parents=True)
    quiz_sample.write_bank(quizzes)
    return tmp_path


def test_lesson_name_resolves_from_a_kernel_started_in_book(tmp_path, monkeypatch):
    root = course(tmp_path)
    monkeypatch.chdir(root / "book")
    live = quiz(quiz_sample.LESSON, language=LanguageState())
    assert isinstance(live, Quiz) and live.bank.lesson == quiz_sample.LESSON
    monkeypatch.chdir(root)
    assert isinstance(quiz(quiz_sample.LESSON), Quiz)


def test_unknown_lesson_says_which_lessons_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(course(tmp_path) / "book")
    shown_instead = quiz("lesson-9")
    assert isinstance(shown_instead, BankProblems)
    assert "no quiz bank for 'lesson-9'" in repr(shown_instead) and "lesson-sample" in repr(shown_instead)


def test_malformed_bank_shows_its_problems_not_a_traceback(tmp_path, capsys):
    broken = quiz_sample.BANK_YAML.replace("    answer: 1991\n", "    answer: nineteen\n").replace(
        "type: truefalse", "type: truefalse\n    explaination: {zh: 多餘, en: extra}"
    )
    path = quiz_sample.write_bank(tmp_path, broken)
    shown_instead = quiz(path)
    assert isinstance(shown_instead, BankProblems)
    text = repr(shown_instead)
    assert "This quiz bank has problems" in text
    assert f"{path}:" in text and "soviet-collapse-year: answer must be a number" in text
    assert "no-alliance: unknown key 'explaination'" in text
    html_text = shown_instead._repr_html_()
    assert 'role="alert"' in html_text and "soviet-collapse-year" in html_text and "Traceback" not in html_text
    # ... and one line on stderr, which the book build treats as an error.
    assert capsys.readouterr().err.startswith("quiz bank unusable (2 problem(s)): ")


def test_importing_lessons_stays_cheap():
    code = "import sys, lessons; print('ipywidgets' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


# ---- review fixes: one status table, Enter, re-running the cell, export ------


def test_invalid_status_uses_the_one_table_of_symbols_and_words(live):
    from lessons.quizui import STATUS_LABELS

    v = view(live, "soviet-collapse-year")
    v.controls[0].value = "nineteen ninety-one"
    v.check_button.click()
    symbol, words = STATUS_LABELS["invalid"]
    assert f'<span aria-hidden="true">{symbol}</span>' in v.feedback.value
    assert html.escape(words.en) in v.feedback.value
    assert not hasattr(__import__("lessons.widgets").widgets, "SYMBOLS")


def test_enter_in_a_text_field_checks_the_answer(live):
    v = view(live, "hegemony")
    field = v.controls[0]
    assert field.continuous_update  # every keystroke reaches the kernel before Enter's message
    field.value = "developing countries"
    field._handle_custom_msg({"event": "submit"}, [])  # what the front end sends on Enter
    assert v.grade.status == "correct" and live.attempts[-1]["response"] == "developing countries"
    field._handle_custom_msg({"event": "submit"}, [])  # locked once checked: no second attempt
    assert len(live.attempts) == 1


def test_hint_and_answer_are_pointed_to_from_the_status_region(live):
    v = view(live, "closer-since")
    v.controls[0].value = 1
    v.check_button.click()
    assert "A hint is shown below" in v.feedback.value and "answer and explanation" not in v.feedback.value
    v.retry_button.click()
    v.check_button.click()  # every hint used: the answer appears
    assert "The answer and explanation are shown below" in v.feedback.value
    assert "A hint is shown below" not in v.feedback.value
    language = live.language
    language.mode = "zh-Hant"
    assert "答案與說明已顯示於下方" in v.feedback.value


def test_export_needs_a_student_name(live, tmp_path):
    with pytest.raises(TypeError):
        live.export_json(tmp_path / "out.json")  # student is a required keyword
    for blank in ("", "   "):
        with pytest.raises(ValueError, match="請先填寫姓名或代號.*Write your name or alias first.*student="):
            live.export_json(tmp_path / "out.json", student=blank)
        with pytest.raises(ValueError, match="Write your name or alias first"):
            live.export_csv(tmp_path / "out.csv", student=blank)
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "out.csv").exists()
    assert answers.parse_export(live.export_document(student="  Mei ")).student == "Mei"


def test_export_button_saves_the_named_file_in_exports_beside_the_notebook(live, tmp_path, monkeypatch):
    tmp_path = tmp_path / "notebook"
    monkeypatch.chdir(tmp_path)
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()

    live.export_button.click()  # no name yet: nothing written, the student is asked for one
    assert "Write your name or alias first" in live.export_status.value and list(tmp_path.iterdir()) == []

    live.student.value = " 小明 A/B "
    live.export_button.click()
    path = tmp_path / "exports" / "lesson-sample-小明-A-B-answers.json"
    export = answers.parse_export(json.loads(path.read_text(encoding="utf-8")))
    assert export.student == "小明 A/B" and [a["question"] for a in export.answers] == ["no-alliance"]
    assert f"Saved {html.escape(str(path))}: hand this file in to your teacher" in live.export_status.value
    assert 'role="status"' in live.export_status.value
    assert live.student.description == "Name or alias (needed to export)" and live.export_button.description == "Export my answers"


def test_export_button_says_when_the_file_cannot_be_written(live, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports" / "lesson-sample-Mei-answers.json").mkdir(parents=True)  # a folder where the file should go
    live.student.value = "Mei"
    live.export_button.click()
    assert "Could not write" in live.export_status.value and "lesson-sample-Mei-answers.json" in live.export_status.value


def edited_bank_path(tmp_path):
    """The sample bank with its first question reworded (a new content hash)."""
    text = quiz_sample.BANK_YAML.replace("since when have China", "since when, says the brief, have China")
    assert text != quiz_sample.BANK_YAML
    return quiz_sample.write_bank(tmp_path, text)


def test_running_the_quiz_cell_again_keeps_every_attempt(tmp_path, monkeypatch):
    path = quiz_sample.write_bank(tmp_path)
    state = LanguageState(mode="en")
    first = quiz(path, language=state)
    single, ties = view(first, "closer-since"), view(first, "bilateral-ties")
    single.controls[0].value = 1
    single.check_button.click()
    ties.controls[0].value = True
    ties.check_button.click()
    first.student.value = "Mei"
    relabels = []
    monkeypatch.setattr(first, "relabel", lambda: relabels.append(1))

    second = quiz(path, language=state)  # the cell run again
    assert second.attempts == first.attempts and len(second.attempts) == 2
    again = view(second, "closer-since")
    assert again.controls[0].value == 1 and again.controls[0].disabled and again.wrong == 1
    assert "Incorrect" in again.feedback.value and "Hint 1" in again.hints.value
    assert "Total of first tries: 0.5 / 9 (2 of 10 questions answered" in second.summary.value
    assert second.student.value == "Mei"
    # The old quiz is detached: it no longer redraws on a language switch, and its widgets are closed.
    state.mode = "zh-Hant"
    assert relabels == [] and first.closed and first.widget.comm is None
    assert second.questions[0].check_button.description == "檢查答案"
    first.close()  # closing twice is harmless
    assert "replaced when its cell ran again" in first._repr_mimebundle_()["text/plain"]  # shown again: no traceback


def test_an_edited_question_starts_afresh_but_its_attempts_are_exported(tmp_path):
    path = quiz_sample.write_bank(tmp_path)
    first = quiz(path, language=LanguageState(mode="en"))
    old_hash = view(first, "closer-since").question.content_hash
    view(first, "closer-since").controls[0].value = 0
    view(first, "closer-since").check_button.click()
    view(first, "no-alliance").controls[0].value = False
    view(first, "no-alliance").check_button.click()

    edited_bank_path(tmp_path)  # the author rewords the first question, then the cell runs again
    second = quiz(path, language=LanguageState(mode="en"))
    edited = view(second, "closer-since")
    assert edited.question.content_hash != old_hash
    assert edited.controls[0].value is None and not edited.controls[0].disabled and edited.feedback.value == ""
    assert edited.last_attempt() is None and not edited.solved
    assert view(second, "no-alliance").last_attempt()["status"] == "correct"
    assert "Total of first tries: 1 / 9 (1 of 10 questions answered" in second.summary.value
    exported = second.export_document(student="Mei")["answers"]
    assert [(a["question"], a["question_hash"]) for a in exported] == [
        ("closer-since", old_hash),
        ("no-alliance", view(second, "no-alliance").question.content_hash),
    ]


def test_the_instructor_reveal_is_off_unless_instructor_mode_is_set(tmp_path, monkeypatch):
    from lessons import instructor

    path = quiz_sample.write_bank(tmp_path)
    monkeypatch.delenv("LESSONS_INSTRUCTOR", raising=False)
    student = quiz(path, language=LanguageState(mode="en"))
    assert student.reveal.layout.display == "none", "no student sees the switch"
    monkeypatch.setenv("LESSONS_INSTRUCTOR", "1")
    teacher = quiz(path, language=LanguageState(mode="en"))
    assert teacher.reveal.layout.display is None
    teacher.reveal.value = True
    assert all(shown(v.answer) for v in teacher.questions)
    # An attempt made while the answers are revealed is kept and earns nothing.
    v = view(teacher, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    assert teacher.attempts[-1]["revealed"] is True and "scores nothing" in v.feedback.value
    monkeypatch.delenv("LESSONS_INSTRUCTOR")
    instructor.enable()
    try:
        assert quiz(path, language=LanguageState(mode="en")).reveal.layout.display is None
    finally:
        instructor.enable(False)
    assert quiz(path, language=LanguageState(mode="en")).reveal.layout.display == "none"


def test_try_it_quizzes_take_named_questions_and_share_the_lesson_attempts(tmp_path):
    text = quiz_sample.BANK_YAML.replace("  - id: said-or-inferred\n", "  - id: said-or-inferred\n    tryit: true\n")
    path = quiz_sample.write_bank(tmp_path, text)
    state = LanguageState(mode="en")
    lesson = quiz(path, language=state)
    tryit = quiz(path, ids=["said-or-inferred"], language=state)
    assert "said-or-inferred" not in [v.question.id for v in lesson.questions], "tryit questions stay in their cell"
    assert [v.question.id for v in tryit.questions] == ["said-or-inferred"]
    assert lesson.registry_key != tryit.registry_key and not lesson.closed, "a Try it quiz never replaces the lesson quiz"
    assert 'id="lq-lesson-sample-q-said-or-inferred"' in tryit._repr_mimebundle_()["text/html"]
    assert ">Quiz</span>:" in lesson.title.value and ">Try it</span>:" in tryit.title.value, "two titles, as in the book"
    for dropdown, statement in zip(tryit.questions[0].controls, tryit.questions[0].question.statements):
        dropdown.value = statement.category
    tryit.questions[0].check_button.click()
    view(lesson, "no-alliance").controls[0].value = False
    view(lesson, "no-alliance").check_button.click()
    exported = [a["question"] for a in lesson.export_document(student="Mei")["answers"]]
    assert exported == ["said-or-inferred", "no-alliance"], "either quiz exports the lesson's attempts"
    assert tryit.export_document(student="Mei")["answers"] == lesson.export_document(student="Mei")["answers"]
    again = quiz(path, ids=["said-or-inferred"], language=state)  # the Try it cell run again
    assert tryit.closed and not lesson.closed and len(again.attempts) == 2
    unknown = quiz(path, ids=["nope"], language=state)
    assert "no question 'nope'" in repr(unknown) and "check the ids given to lessons.quiz" in repr(unknown)


def test_a_year_reads_as_each_language_writes_it(tmp_path):
    """"1991 年" in 中文, a bare "1991" in English: not "1991 年 · 1991 year"."""
    text = quiz_sample.BANK_YAML.replace("unit: {zh: 年, en: (year)}", "unit: {zh: 年, en: year}")
    assert text != quiz_sample.BANK_YAML
    state = LanguageState(mode="zh-Hant")
    live = Quiz(quiz_sample.load(tmp_path, text), language=state)
    live.reveal.value = True
    v = view(live, "soviet-collapse-year")
    assert "<li><span lang=\"zh-Hant\">1991 年</span></li>" in v.answer.value
    state.mode = "en"
    assert "<li><span lang=\"en\">1991</span></li>" in v.answer.value and "year" not in v.answer.value.split("<li>")[1]


def test_a_unit_both_languages_write_alike_is_shown_once(tmp_path):
    text = quiz_sample.BANK_YAML.replace("unit: {zh: 年, en: (year)}", "unit: {zh: '%', en: '%'}")
    live = Quiz(quiz_sample.load(tmp_path, text), language=LanguageState(mode="both"))
    assert view(live, "soviet-collapse-year").controls[0].description.endswith("(%)")
