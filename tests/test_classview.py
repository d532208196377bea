"""The live class view: the summary as a pure function of export documents
(worked out by hand on lesson 2's bank), the folder reader's cost and its
handling of bad files, the widget's refresh, language, registry and book
rendering, and three real kernels (two students, one teacher) on one folder."""

from __future__ import annotations

import json
import os
import re
import textwrap
import time

import pytest
from bs4 import BeautifulSoup

from lessons import answers, classfolder, classview, livestore, registry
from lessons.bilingual import EN, ZH, LanguageState
from lessons.grading import grade
from lessons.paths import quiz_bank_path
from lessons.quizbank import load_bank

LESSON = "lesson-2"


@pytest.fixture(scope="module")
def bank():
    return load_bank(quiz_bank_path(LESSON))


def document(bank, student, tries):
    """An export of ``tries`` [(question id, response)], written as the live quiz writes one."""
    records = [
        answers.attempt_record(bank.question(qid), grade(bank.question(qid), response), response, False, f"2026-12-01T10:{n:02d}:00Z")
        for n, (qid, response) in enumerate(tries)
    ]
    return answers.make_export(LESSON, records, student=student)


# Lesson 2, as students see it: 1 what-pushed-them-closer (single, option 3
# right), 2 brief-inference-context-l2 (classify), 3 open-challenges (open),
# 4 only-russia-to-blame (truefalse, answer False).
def class_of_three(bank):
    return {
        "Ann": document(bank, "Ann", [("what-pushed-them-closer", 2), ("only-russia-to-blame", False), ("open-challenges", {"text": "x", "met": [0, 1]})]),
        "Ben": document(bank, "Ben", [("what-pushed-them-closer", 1), ("what-pushed-them-closer", 2), ("only-russia-to-blame", True)]),
        "陳小明": document(bank, "陳小明", [("what-pushed-them-closer", 1), ("open-challenges", {"text": "y", "met": []})]),
    }


def summary_of(bank, documents):
    return classview.summarize(bank, [answers.parse_export(d) for d in documents.values()])


def row(summary, qid):
    return next(r for r in summary.questions if r.id == qid)


def test_summary_counts_by_first_attempt_and_names_the_students(bank):
    summary = summary_of(bank, class_of_three(bank))
    assert summary.students == ("Ann", "Ben", "陳小明")
    first = row(summary, "what-pushed-them-closer")
    assert (first.label, first.answered, first.right, first.partly, first.wrong) == ("Q1", 3, 1, 0, 2)
    # Ben and 陳小明 both chose option 2 (their profound trade ties) at some try.
    assert (first.wrong_option_number, first.wrong_option_students) == (2, 2)
    assert first.wrong_option.en == "Their profound trade ties"
    truefalse = row(summary, "only-russia-to-blame")
    assert (truefalse.label, truefalse.answered, truefalse.right, truefalse.wrong) == ("Q4", 2, 1, 1)
    assert truefalse.wrong_option.en == "True"


def test_open_questions_have_a_count_and_mean_self_assessment_never_right_or_wrong(bank):
    summary = summary_of(bank, class_of_three(bank))
    open_row = row(summary, "open-challenges")
    criteria = len(bank.question("open-challenges").rubric)
    assert open_row.label == "Q3"
    assert open_row.answered == 2
    assert open_row.self_assessed == pytest.approx((2 / criteria + 0) / 2)
    assert (open_row.right, open_row.partly, open_row.wrong) == (0, 0, 0)
    html = classview.render(summary, EN)
    cells = [td.get_text() for td in BeautifulSoup(html, "html.parser").find("th", attrs={"data-question": "open-challenges"}).find_parent("tr").find_all("td")]
    assert cells[0] == "2" and "never right or wrong" in cells[1] and len(cells) == 2


def test_partly_right_is_its_own_share(bank):
    # Classify: 4 statements; half right is partly right.
    question = bank.question("brief-inference-context-l2")
    right = [s.category for s in question.statements]
    half = [c if i % 2 == 0 else (c + 1) % len(question.categories) for i, c in enumerate(right)]
    summary = summary_of(bank, {"a": document(bank, "a", [(question.id, half)]), "b": document(bank, "b", [(question.id, right)])})
    classify = row(summary, question.id)
    assert (classify.label, classify.right, classify.partly, classify.wrong) == ("Q2", 1, 1, 0)


def test_tryit_questions_are_labelled_try_it_after_the_numbered_ones(bank):
    summary = classview.summarize(bank, [])
    labels = [r.label for r in summary.questions]
    tryit = [q.id for q in bank.questions if q.tryit]
    assert tryit and labels[-len(tryit):] == ["Try it"] * len(tryit)
    assert labels[: -len(tryit)] == [f"Q{n}" for n in range(1, len(labels) - len(tryit) + 1)]


def test_render_says_shares_in_numbers_and_words_in_the_chosen_language(bank):
    summary = summary_of(bank, class_of_three(bank))
    english = BeautifulSoup(classview.render(summary, EN), "html.parser")
    header = [th.get_text() for th in english.find("thead").find_all("th")]
    assert header == ["Question", "Answered", "Right", "Partly right", "Wrong", "Most chosen wrong option"]
    row = english.find("th", attrs={"data-question": "what-pushed-them-closer"})
    assert row.get_text().startswith("Q1 · ") and bank.question("what-pushed-them-closer").prompt.en in row.get_text(), "the question's own text"
    assert "what-pushed-them-closer" in row["title"] and "white-space:nowrap" in row["style"], "one line; the whole text on hover"
    first = [td.get_text() for td in row.find_parent("tr").find_all("td")]
    assert first[:4] == ["3", "1 (33 %)", "0 (0 %)", "2 (67 %)"]
    assert first[4].startswith("2. Their profound trade ties") and "2 students" in first[4]
    assert "Ann, Ben, 陳小明" in english.get_text()
    chinese = BeautifulSoup(classview.render(summary, ZH), "html.parser")
    assert [th.get_text() for th in chinese.find("thead").find_all("th")][2:5] == ["全對", "部分對", "錯"]
    assert not chinese.find(lang="en")


def test_folder_reader_rereads_only_changed_files_and_names_bad_ones(tmp_path, bank):
    documents = class_of_three(bank)
    for doc in documents.values():
        classview.publish(tmp_path, doc)
    (tmp_path / "half--lesson-2.json").write_text('{"format": "lessons-answers", "ans', encoding="utf-8")
    (tmp_path / "wrong--lesson-2.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    (tmp_path / "other--lesson-3.json").write_text("{}", encoding="utf-8")  # another lesson: not looked at
    reader = classview.FolderReader(tmp_path, LESSON)
    assert reader.refresh() is True and reader.reads == 5
    assert reader.refresh() is False and reader.reads == 5
    later = document(bank, "Ann", [("what-pushed-them-closer", 0)])
    classview.publish(tmp_path, later)
    assert reader.refresh() is True and reader.reads == 6
    summary = classview.summarize(bank, reader.documents())
    assert summary.students == ("Ann", "Ben", "陳小明")
    assert {s.file for s in summary.skipped} == {"half--lesson-2.json", "wrong--lesson-2.json"}
    half = next(s for s in summary.skipped if s.file == "half--lesson-2.json")
    assert "not complete JSON" in half.reason and "line 1" in half.reason
    assert "half--lesson-2.json" in classview.render(summary, EN)


def test_publish_is_atomic_and_names_files_safely(tmp_path, bank):
    path = classview.publish(tmp_path, document(bank, " Ann / ../x ", []))
    assert path.parent == tmp_path and re.fullmatch(r"Ann-x-[0-9a-f]{6}--lesson-2\.json", path.name)
    assert livestore.file_safe("陳小明") == "陳小明" and livestore.file_safe("...") == "student"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left
    assert answers.parse_export(json.loads(path.read_text(encoding="utf-8"))).student == " Ann / ../x "


def test_the_view_refreshes_on_its_own_follows_the_language_and_stops_when_replaced(tmp_path, bank):
    language = LanguageState(mode=EN)
    view = classview.ClassView(bank, tmp_path, seconds=0.1, language=language, hide_names=False)
    try:
        assert "Nobody has answered yet" in view.body.value
        classview.publish(tmp_path, class_of_three(bank)["Ben"])
        deadline = time.monotonic() + 10
        while "Ben" not in view.body.value and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "Ben" in view.body.value
        language.mode = ZH
        assert "已作答的學生" in view.body.value and "Students who" not in view.body.value
        registry.register(view.registry_key, view)
        newer = classview.ClassView(bank, tmp_path, seconds=0.1, language=language, hide_names=False)
        assert registry.register(newer.registry_key, newer) is view
        view._thread.join(timeout=5)
        assert view.closed and not view.running and newer.running
        assert "Ben" not in view.body.value  # a closed view shows nothing more
        newer.close()
        newer._thread.join(timeout=5)
        assert not newer.running and registry.live(newer.registry_key) is None
    finally:
        view.close()


def test_in_the_book_the_view_shows_no_names_and_says_it_is_live_only(tmp_path, bank):
    classview.publish(tmp_path, class_of_three(bank)["Ann"])
    view = classview.ClassView(bank, tmp_path, seconds=60, hide_names=False)
    try:
        assert "Ann" in view.body.value
        bundle = view._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert "Ann" not in bundle["text/html"] and "Ann" not in bundle["text/plain"]
        assert "Live class view" in bundle["text/html"] and 'lang="zh-Hant"' in bundle["text/html"]
    finally:
        view.close()


def test_class_view_takes_the_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(classview.FOLDER_ENV, str(tmp_path))
    view = classview.class_view(LESSON, seconds=60)
    try:
        assert view.folder == tmp_path and registry.live(view.registry_key) is view
    finally:
        view.close()
    monkeypatch.delenv(classview.FOLDER_ENV)
    missing = classview.class_view(LESSON)
    assert isinstance(missing, classview.ViewProblem) and classview.FOLDER_ENV in missing._repr_html_()
    unknown = classview.class_view("lesson-9", tmp_path)
    assert isinstance(unknown, classview.ViewProblem) and "lesson-1" in repr(unknown), "names the lessons there are"


STUDENT = """
from lessons import answers, classview
from lessons.grading import grade
from lessons.paths import quiz_bank_path
from lessons.quizbank import load_bank
bank = load_bank(quiz_bank_path("lesson-2"))
records = []
for qid, response in {tries!r}:
    question = bank.question(qid)
    records.append(answers.attempt_record(question, grade(question, response), response, False))
    # on every check, the whole lesson progress, as the live quiz writes it
    classview.publish({folder!r}, answers.make_export("lesson-2", records, student={name!r}))
"""


def test_two_student_kernels_and_a_teacher_kernel_share_one_folder(tmp_path):
    from jupyter_client.manager import start_new_kernel

    folder = str(tmp_path / "class")
    os.makedirs(folder)
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl")}
    kernels = [start_new_kernel(kernel_name="python3", env=env) for _ in range(3)]
    try:
        (_, teacher), (_, ann), (_, ben) = kernels

        def run(client, code):
            reply = client.execute_interactive(textwrap.dedent(code), timeout=120, output_hook=outputs.append)
            assert reply["content"]["status"] == "ok", reply["content"]

        outputs: list = []
        run(teacher, f"import lessons\nview = lessons.class_view('lesson-2', {folder!r}, seconds=0.2)")
        run(ann, STUDENT.format(tries=[("what-pushed-them-closer", 2), ("only-russia-to-blame", False)], folder=folder, name="Ann"))
        run(ben, STUDENT.format(tries=[("what-pushed-them-closer", 0), ("only-russia-to-blame", False)], folder=folder, name="Ben"))
        outputs.clear()
        # The teacher's timer (not this cell) picks the files up.
        run(teacher, """
            import time
            deadline = time.monotonic() + 30
            answered = lambda: sum(row.answered for row in view.summary.questions)
            while answered() < 4 and time.monotonic() < deadline:  # both students' last check
                time.sleep(0.1)
            print(view.body.value)
            view.hide_names.value = False  # the teacher's "Hide names" switch, off
            print(view.body.value)
        """)
        html = "".join(o["content"].get("text", "") for o in outputs if o["msg_type"] == "stream")
        page = BeautifulSoup(html, "html.parser")
        hidden, shown = html.split("</table>")[:2]
        assert "Ann" not in hidden and "Ben" not in hidden and "2 students have answered (names hidden)" in hidden, "projected: no names"
        assert "Ann, Ben" in shown
        first = [td.get_text() for td in page.find("th", attrs={"data-question": "what-pushed-them-closer"}).find_parent("tr").find_all("td")]
        assert first[:4] == ["2", "1 (50 %)", "0 (0 %)", "1 (50 %)"]
        assert first[4].startswith("1. ")  # Ben chose option 1, the Soviet collapse
        fourth = [td.get_text() for td in page.find("th", attrs={"data-question": "only-russia-to-blame"}).find_parent("tr").find_all("td")]
        assert fourth[:4] == ["2", "2 (100 %)", "0 (0 %)", "0 (0 %)"]
        outputs.clear()
        run(teacher, "view2 = lessons.class_view('lesson-2', %r, seconds=0.2)\nview._thread.join(5)\nprint(view.running, view2.running)" % folder)
        assert "False True" in "".join(o["content"].get("text", "") for o in outputs if o["msg_type"] == "stream")
    finally:
        for manager, client in kernels:
            client.stop_channels()
            manager.shutdown_kernel(now=True)


def test_a_folder_name_with_markup_characters_is_escaped_once(tmp_path, bank):
    folder = tmp_path / "a&b <c>"
    view = classview.ClassView(bank, folder, seconds=60, language=LanguageState(mode=EN))
    try:
        text = BeautifulSoup(view.body.value, "html.parser").get_text()
        assert f"The class folder {folder} does not exist." in text, text
        assert "&amp;" not in text and "&lt;" not in text
    finally:
        view.close()


def test_hide_names_and_the_class_reveal_switch(tmp_path, bank):
    for name, doc in class_of_three(bank).items():
        classview.publish(tmp_path, doc)
    view = classview.ClassView(bank, tmp_path, seconds=60, language=LanguageState(mode=EN))
    try:
        assert view.hide_names.value, "names are hidden at first: the view is for the projector"
        assert "Ann" not in view.body.value and "3 students have answered (names hidden)" in view.body.value
        view.hide_names.value = False
        assert "Ann, Ben, 陳小明" in view.body.value
        assert not classfolder.reveal_on(tmp_path, "lesson-2")
        view.reveal.value = True  # the teacher reveals the answers to the class
        assert classfolder.reveal_on(tmp_path, "lesson-2")
        assert [p.name for p in tmp_path.glob("*--lesson-2.json")] and "_reveal.lesson-2.txt" in os.listdir(tmp_path)
        view.reveal.value = False
        assert not classfolder.reveal_on(tmp_path, "lesson-2")
    finally:
        view.close()


def test_only_the_folders_owner_can_switch_the_class_reveal_from_the_view(tmp_path, bank, monkeypatch):
    view = classview.ClassView(bank, tmp_path, seconds=60, language=LanguageState(mode=EN))
    try:
        me = os.getuid()
        monkeypatch.setattr(classfolder.os, "getuid", lambda: me + 1)  # someone else's folder
        view.reveal.value = True
        assert not view.reveal.value, "the switch goes back"
        assert not classfolder.reveal_path(tmp_path, "lesson-2").exists()
        said = BeautifulSoup(view.body.value, "html.parser").find(role="alert").get_text()
        assert said == f"Only the class folder's owner (the teacher) can reveal answers ({tmp_path})."
    finally:
        view.close()


def test_archive_moves_a_class_aside_and_never_overwrites_an_earlier_archive(tmp_path, bank):
    import datetime as dt

    from lessons.__main__ import main

    moment = dt.datetime(2026, 12, 6, 9, 0, 0)
    for name in ("Ann", "Ben"):
        classview.publish(tmp_path, class_of_three(bank)[name])
    classfolder.set_reveal(tmp_path, "lesson-2", True)
    first = classfolder.archive(tmp_path, now=moment)
    assert first.folder.name == "archive-2026-12-06-090000" and len(first.moved) == 3
    classview.publish(tmp_path, class_of_three(bank)["Ann"])  # the next class, archived in the same second
    second = classfolder.archive(tmp_path, now=moment)
    assert second.folder.name == "archive-2026-12-06-090000-2" and len(second.moved) == 1
    assert len(list(first.folder.iterdir())) == 3, "the earlier archive is untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive-2026-12-06-090000", "archive-2026-12-06-090000-2"]
    assert not classfolder.reveal_on(tmp_path, "lesson-2"), "the next lesson starts hidden"
    assert main(["class", "archive", str(tmp_path / "missing")]) == 2
    assert main(["class", "reveal", str(tmp_path)]) == 2, "reveal needs --lesson"
