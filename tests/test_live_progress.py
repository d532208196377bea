"""Nothing a student entered is lost: the live quiz's progress file beside
the notebook (restored in a new kernel, cleared by a two-press Reset), its
exports/ folder, and the opt-in class folder the teacher's view reads."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import quiz_sample
from lessons import answers, classview, livestore, registry, widgets
from lessons.bilingual import LanguageState
from lessons.widgets import quiz


@pytest.fixture(autouse=True)
def notebook_folder(tmp_path, monkeypatch):
    """The kernel's working folder, as a notebook's own folder."""
    folder = tmp_path / "notebook"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv(livestore.CLASS_FOLDER_VARIABLE, raising=False)
    return folder


@pytest.fixture
def bank_path(tmp_path):
    return quiz_sample.write_bank(tmp_path)


def new_kernel() -> None:
    """What a kernel restart forgets: every attempt and live widget in memory."""
    for key, live in list(registry._live.items()):  # the quizzes and the banks' sessions
        registry.unregister(key, live)


def view(live, question_id):
    [found] = [v for v in live.questions if v.question.id == question_id]
    return found


def test_every_check_is_kept_beside_the_notebook_and_comes_back_in_a_new_kernel(bank_path, notebook_folder):
    new_kernel()
    live = quiz(bank_path, language=LanguageState(mode="en"))
    first = view(live, "closer-since")
    first.controls[0].value = 1  # wrong
    first.check_button.click()
    second = view(live, "no-alliance")
    second.controls[0].value = False  # right
    second.check_button.click()
    live.student.value = "Mei"

    kept = notebook_folder / ".lessons-progress" / "lesson-sample.json"
    export = answers.parse_export(json.loads(kept.read_text(encoding="utf-8")))  # the gradebook's reader
    assert [a["question"] for a in export.answers] == ["closer-since", "no-alliance"] and export.student == "Mei"
    assert not [p.name for p in kept.parent.iterdir() if p.name.endswith(".tmp")], "no temporary file is left behind"

    new_kernel()  # the kernel restarts; the cell runs again
    again = quiz(bank_path, language=LanguageState(mode="en"))
    assert again is not live and [a["question"] for a in again.attempts] == ["closer-since", "no-alliance"]
    assert again.student.value == "Mei"
    assert "Total of first tries: 1 / " in again.summary.value and "2 of 10 questions answered" in again.summary.value
    restored = view(again, "no-alliance")
    assert restored.checked and restored.grade.status == "correct" and restored.controls[0].value is False
    assert "Correct" in restored.feedback.value
    wrong = view(again, "closer-since")
    assert wrong.controls[0].value == 1 and wrong.wrong == 1 and "Hint 1" in wrong.hints.value, "the earned hint is back"


def test_a_real_kernel_restart_loses_nothing(bank_path, notebook_folder):
    """Two kernels in turn (nbclient) on one notebook folder: the second finds the first one's attempts."""
    answer = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import lessons\n"
        f"q = lessons.quiz({str(bank_path)!r})\n"
        "v = [v for v in q.questions if v.question.id == 'no-alliance'][0]\n"
        "v.controls[0].value = False\n"
        "v.check()\n"
    )])
    reread = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import lessons\n"
        f"q = lessons.quiz({str(bank_path)!r})\n"
        "print([(a['question'], a['status']) for a in q.attempts], q.questions[2].checked)\n"
    )])
    for notebook in (answer, reread):
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(notebook_folder)}}).execute()
    printed = "".join(output.get("text", "") for output in reread.cells[0].outputs)
    assert printed.strip() == "[('no-alliance', 'correct')] True"


def test_reset_needs_a_second_press_and_clears_the_progress_file(bank_path, notebook_folder):
    new_kernel()
    live = quiz(bank_path, language=LanguageState(mode="en"))
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    kept = live.progress_file
    assert kept.is_file()

    live.reset_button.click()
    assert live.reset_button.description == "Press again to clear your answers to every quiz of this lesson"
    assert kept.is_file() and len(live.attempts) == 1, "one press clears nothing"
    live.reset_button.click()
    assert live.attempts == [] and not v.checked and v.controls[0].value is None
    assert answers.parse_export(json.loads(kept.read_text(encoding="utf-8"))).answers == (), "the file keeps no attempt"
    assert "quizzes have been cleared." in live.export_status.value
    assert live.reset_button.description == "Reset quiz"

    new_kernel()
    assert quiz(bank_path, language=LanguageState(mode="en")).attempts == [], "nothing comes back after a reset"


def test_a_reset_in_a_try_it_quiz_leaves_no_answer_showing_in_the_lesson_quiz(bank_path):
    """Reset clears every attempt of the lesson's bank; the lesson quiz must
    not go on showing a question as answered (locked, "Correct") that is no
    longer in its attempts, its export or its score."""
    new_kernel()
    state = LanguageState(mode="en")
    try_it = quiz(bank_path, ids=["closer-since"], language=state)
    lesson = quiz(bank_path, language=state)
    v = view(lesson, "no-alliance")
    v.controls[0].value = False  # right
    v.check_button.click()
    assert v.checked and "1 of 10 questions answered" in lesson.summary.value
    try_it.reset_button.click()
    try_it.reset_button.click()
    assert lesson.attempts == []
    assert not v.checked and v.grade is None and v.feedback.value == "", "the cleared answer no longer shows"
    assert v.check_button.layout.display is None, "the question can be answered again"
    assert "0 of 10 questions answered" in lesson.summary.value


def test_a_second_press_of_reset_counts_only_soon_after_the_first(bank_path):
    new_kernel()
    live = quiz(bank_path, language=LanguageState(mode="en"))
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    live.reset_button.click()
    live.reset_armed_at -= widgets.RESET_WINDOW + 1  # the student waited
    live.reset_button.click()
    assert len(live.attempts) == 1 and live.reset_armed, "a late second press asks again"
    live.reset_button.click()
    assert live.attempts == []


def test_a_check_cancels_a_first_press_of_reset(bank_path):
    new_kernel()
    live = quiz(bank_path, language=LanguageState(mode="en"))
    live.reset_button.click()
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    live.reset_button.click()  # a first press again: nothing cleared
    assert len(live.attempts) == 1 and live.reset_armed


def test_a_damaged_progress_file_is_set_aside_not_lost(bank_path, notebook_folder):
    new_kernel()
    kept = livestore.progress_path("lesson-sample")
    kept.parent.mkdir()
    kept.write_text("{not json", encoding="utf-8")
    live = quiz(bank_path, language=LanguageState(mode="en"))
    assert live.attempts == []
    assert (kept.parent / "lesson-sample.json.damaged").read_text(encoding="utf-8") == "{not json"


def test_the_export_status_follows_the_language_switch(bank_path, notebook_folder):
    new_kernel()
    state = LanguageState(mode="en")
    live = quiz(bank_path, language=state)
    live.student.value = "Mei"
    live.export_button.click()
    saved = notebook_folder / "exports" / "lesson-sample-Mei-answers.json"
    assert saved.is_file() and "hand this file in to your teacher" in live.export_status.value
    state.mode = "zh-Hant"
    assert "請把這個檔案交給老師" in live.export_status.value and "hand this file in" not in live.export_status.value


def test_a_class_folder_gets_each_students_whole_lesson_on_every_check(bank_path, tmp_path):
    new_kernel()
    folder = tmp_path / "class"
    state = LanguageState(mode="en")
    live = quiz(bank_path, language=state, class_folder=folder)
    v = view(live, "no-alliance")
    v.controls[0].value = True  # wrong
    v.check_button.click()
    assert not folder.exists() or list(folder.iterdir()) == [], "nothing reaches the class folder without a name"
    assert "your answers reach the class folder once a name is entered" in live.class_note.value
    state.mode = "zh-Hant"
    assert "填寫之後，你的作答才會送到班級資料夾" in live.class_note.value
    state.mode = "en"

    live.student.value = "Li Wei / B"  # the name arrives: the checks so far go at once
    sent = livestore.class_file(folder, "Li Wei / B", "lesson-sample")
    assert sent.name.startswith("Li-Wei-B-") and sent.name.endswith("--lesson-sample.json")
    export = answers.parse_export(json.loads(sent.read_text(encoding="utf-8")))
    assert export.student == "Li Wei / B" and export.lesson == "lesson-sample" and len(export.answers) == 1
    assert "Saved to the class folder at " in live.class_note.value and f"({sent.name})" in live.class_note.value

    v.retry_button.click()
    v.controls[0].value = False
    v.check_button.click()  # replaced, not added to: one file per student and lesson
    export = answers.parse_export(json.loads(sent.read_text(encoding="utf-8")))
    assert [a["status"] for a in export.answers] == ["incorrect", "correct"]
    assert sorted(p.name for p in folder.iterdir()) == [sent.name]


def test_a_name_typed_in_one_quiz_of_a_lesson_reaches_its_try_it_quizzes(bank_path, tmp_path, notebook_folder):
    """A student answers a "Try it" above, types the name at the lesson quiz
    below, then checks another "Try it": that check is sent and kept under
    the name (it was sent nowhere, and blanked the name in the progress file)."""
    new_kernel()
    folder = tmp_path / "class"
    state = LanguageState(mode="en")
    try_it = quiz(bank_path, ids=["no-alliance"], language=state, class_folder=folder)
    lesson = quiz(bank_path, language=state, class_folder=folder)
    v = view(try_it, "no-alliance")
    v.controls[0].value = True  # wrong
    v.check_button.click()
    lesson.student.value = "Mei"
    assert try_it.student.value == "Mei", "the Try it quiz shows the name typed below"
    assert "Saved to the class folder at " in try_it.class_note.value, "sent at once: the Try it had a check"
    v.retry_button.click()
    v.controls[0].value = False
    v.check_button.click()  # in the Try it quiz, after the name was typed in the lesson quiz
    sent = answers.parse_export(json.loads(livestore.class_file(folder, "Mei", "lesson-sample").read_text(encoding="utf-8")))
    assert [a["status"] for a in sent.answers] == ["incorrect", "correct"], "the teacher's view gets the later check"
    kept = answers.parse_export(json.loads((notebook_folder / ".lessons-progress" / "lesson-sample.json").read_text(encoding="utf-8")))
    assert kept.student == "Mei", "the progress file keeps the name"


def test_the_class_folder_can_come_from_the_environment(bank_path, tmp_path, monkeypatch):
    new_kernel()
    monkeypatch.setenv(livestore.CLASS_FOLDER_VARIABLE, str(tmp_path / "shared"))
    live = quiz(bank_path, language=LanguageState(mode="en"))
    live.student.value = "Mei"
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    assert livestore.class_file(tmp_path / "shared", "Mei", "lesson-sample").is_file()


def test_a_class_folder_that_cannot_be_written_is_said_in_the_quiz(bank_path, tmp_path):
    new_kernel()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the class folder should be", encoding="utf-8")
    live = quiz(bank_path, language=LanguageState(mode="en"), class_folder=blocked)
    live.student.value = "Mei"
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()  # no traceback: the attempt is kept and the quiz says what failed
    assert len(live.attempts) == 1 and live.progress_file.is_file()
    assert "Could not save to the class folder" in live.class_note.value and 'role="alert"' in live.class_note.value
    assert "Saved to the class folder" not in live.class_note.value


def test_writes_are_atomic(tmp_path, monkeypatch):
    target = tmp_path / "class" / "Mei--lesson-1.json"
    livestore.write_atomically(target, {"answers": [1]})

    def crash(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        livestore.write_atomically(target, {"answers": [1, 2]})
    assert json.loads(target.read_text(encoding="utf-8")) == {"answers": [1]}, "the previous version survives"
    assert [p.name for p in target.parent.iterdir()] == [target.name], "no temporary file is left behind"


def test_class_file_names_are_safe_and_one_per_student_and_lesson():
    folder = Path("class")
    named = livestore.class_file(folder, " 小明 A/B ", "lesson-2")
    assert named.parent == folder and re.fullmatch(r"小明-A-B-[0-9a-f]{6}--lesson-2\.json", named.name)
    assert re.fullmatch(r"etc-[0-9a-f]{6}--lesson-2\.json", livestore.class_file(folder, "../../etc", "lesson-2").name)
    # The same student (spaces around, full-width letters) keeps one file ...
    assert livestore.class_file(folder, "Ｍｅｉ", "lesson-2") == livestore.class_file(folder, " Mei ", "lesson-2")
    # ... and names the safe form would make equal never share one, even on a
    # case-insensitive shared drive.
    apart = ["Mei Lin", "Mei-Lin", "Mei/Lin", "ann", "Ann", "☆", "★"]
    names = {livestore.class_file(folder, name, "lesson-2").name.casefold() for name in apart}
    assert len(names) == len(apart)


def mei_checks_in(folder: Path, bank_path: Path):
    """A new kernel's quiz with a class folder: Mei answers one question right."""
    new_kernel()
    live = quiz(bank_path, language=LanguageState(mode="en"), class_folder=folder)
    live.student.value = "Mei"
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    return live


def test_a_new_name_or_a_reset_takes_the_old_file_out_of_the_class_folder(bank_path, tmp_path):
    folder = tmp_path / "class"
    live = mei_checks_in(folder, bank_path)
    assert [p.name for p in folder.iterdir()] == [livestore.class_file(folder, "Mei", "lesson-sample").name]
    live.student.value = "Mei Lin"  # the typo corrected: the teacher sees one student, not two
    assert [p.name for p in folder.iterdir()] == [livestore.class_file(folder, "Mei Lin", "lesson-sample").name]

    new_kernel()  # after a restart the quiz still knows which file it sent
    live = quiz(bank_path, language=LanguageState(mode="en"), class_folder=folder)
    assert live.student.value == "Mei Lin" and len(live.attempts) == 1
    live.student.value = "Mei Lin (B)"
    assert [p.name for p in folder.iterdir()] == [livestore.class_file(folder, "Mei Lin (B)", "lesson-sample").name]

    # Someone else's file in the folder is never touched.
    other = classview.publish(folder, answers.make_export("lesson-sample", [], student="Ben"))
    live.reset_button.click()
    live.reset_button.click()  # Reset clears the student's answers, in the class folder too
    assert live.attempts == [] and [p.name for p in folder.iterdir()] == [other.name]


def test_every_question_type_comes_back_in_its_controls(bank_path):
    from quiz_sample import answer_correctly, self_assess

    new_kernel()
    live = quiz(bank_path, language=LanguageState(mode="en"))
    for v in live.questions:
        answer_correctly(v)
        if v.question.type == "open":
            self_assess(v)
        v.check_button.click()
    responses = {v.question.id: v.read() for v in live.questions}

    new_kernel()
    again = quiz(bank_path, language=LanguageState(mode="en"))
    for v in again.questions:
        assert v.checked and v.grade is not None, v.question.id
        assert v.read() == responses[v.question.id], f"{v.question.id} ({v.question.type}) lost its answer"


def test_nothing_is_kept_in_the_courses_own_book_folder(tmp_path, monkeypatch):
    """`make lab-sources` and the book build run kernels in book/: no progress file there."""
    book = tmp_path / "course" / "book"
    (book / "quizzes").mkdir(parents=True)
    quiz_sample.write_bank(book / "quizzes")
    monkeypatch.chdir(book)
    new_kernel()
    live = quiz(book / "quizzes" / f"{quiz_sample.LESSON}.yml", language=LanguageState(mode="en"))
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()
    assert live.progress_file is None and not (book / ".lessons-progress").exists()


# ---- several kernels, several students: real kernels (jupyter_client) -----------------------


class Kernel:
    """A real IPython kernel started in ``folder`` (as a notebook's kernel is)."""

    def __init__(self, folder: Path, env: dict | None = None):
        from jupyter_client.manager import start_new_kernel

        self.manager, self.client = start_new_kernel(kernel_name="python3", cwd=str(folder), env=env)

    def run(self, code: str) -> str:
        printed: list[str] = []

        def collect(message):
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])
            elif message["msg_type"] == "error":
                printed.append("\n".join(message["content"]["traceback"]))

        reply = self.client.execute_interactive(code, timeout=120, output_hook=collect)
        assert reply["content"]["status"] == "ok", "".join(printed)
        return "".join(printed)

    def stop(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture
def kernels():
    started: list[Kernel] = []

    def start(folder: Path, **environment) -> Kernel:
        env = {**os.environ, **environment}
        env.pop(livestore.CLASS_FOLDER_VARIABLE, None) if not environment.get(livestore.CLASS_FOLDER_VARIABLE) else None
        started.append(Kernel(folder, env))
        return started[-1]

    yield start
    for kernel in started:
        kernel.stop()


def answer(question_id: str, value, quiz_variable: str = "q") -> str:
    """Code that answers one question in a kernel's quiz and checks it."""
    return (
        f"v = [v for v in {quiz_variable}.questions if v.question.id == {question_id!r}][0]\n"
        f"v.retry() if v.checked else None\nv.controls[0].value = {value!r}\nv.check()\n"
    )


def test_two_kernels_of_one_lesson_lose_nothing_of_each_other(bank_path, notebook_folder, kernels):
    """Finding 1: the English notebook's kernel answers and names the
    student; the both-languages notebook's kernel, already running, answers
    too; every attempt and the name survive, and a fresh kernel sees them."""
    make = f"import lessons\nq = lessons.quiz({str(bank_path)!r})\n"
    english, both = kernels(notebook_folder), kernels(notebook_folder)
    both.run(make)  # its quiz was made before the other kernel answered anything
    english.run(make + answer("no-alliance", False) + answer("closer-since", 1) + "q.student.value = 'Ana Lee'\n")
    both.run(answer("soviet-collapse-year", "1991"))
    print_state = "print(sorted(a['question'] for a in q.attempts), repr(q.student.value))\n"
    assert both.run(print_state).endswith("'soviet-collapse-year'] 'Ana Lee'\n"), "the name typed in the other kernel came in"
    shown = english.run(answer("closer-since", 0) + print_state)  # a retry in the first kernel, after the second wrote
    assert "soviet-collapse-year" in shown, "each check takes in what the other kernel wrote"
    shown = both.run(answer("no-alliance", True) + "c = [v for v in q.questions if v.question.id == 'closer-since'][0]\nprint(c.checked, c.grade.status)\n")
    assert shown.strip() == "True correct", "a question answered in the other notebook shows answered here after a check"

    fresh = kernels(notebook_folder)  # restart + Run All
    shown = fresh.run(make + print_state + "print(q.summary.value)\n")
    expected = sorted(["no-alliance", "closer-since", "soviet-collapse-year", "closer-since", "no-alliance"])
    assert shown.splitlines()[0] == f"{expected} 'Ana Lee'"
    assert "3 of 10 questions answered" in shown
    stored = answers.parse_export(json.loads(livestore.progress_path("lesson-sample", notebook_folder).read_text(encoding="utf-8")))
    assert len(stored.answers) == 5 and len({a["id"] for a in stored.answers}) == 5 and stored.student == "Ana Lee"


def test_a_reset_in_one_kernel_is_not_undone_by_another(bank_path, notebook_folder, kernels):
    make = f"import lessons\nq = lessons.quiz({str(bank_path)!r})\n"
    first, second = kernels(notebook_folder), kernels(notebook_folder)
    first.run(make + answer("no-alliance", False))
    second.run(make + answer("closer-since", 0))
    first.run("q.reset_button.click(); q.reset_button.click()\n")
    second.run(answer("soviet-collapse-year", "1991"))  # still holds the cleared attempts in memory
    shown = kernels(notebook_folder).run(make + "print([a['question'] for a in q.attempts])\n")
    assert shown.strip() == "['soviet-collapse-year']", "cleared stays cleared; the later attempt stays"


def test_a_taken_name_is_said_and_the_first_students_file_is_never_replaced(bank_path, tmp_path, kernels):
    """Finding 2: two students (two notebook folders, two kernels) type the
    same name; the second is told, in the quiz's language; renaming back
    and a Reset never remove the first student's file."""
    shared = tmp_path / "class"
    first_home, second_home = tmp_path / "ana", tmp_path / "ben"
    first_home.mkdir(), second_home.mkdir()
    make = f"import lessons\nq = lessons.quiz({str(bank_path)!r}, class_folder={str(shared)!r})\n"
    note = "print(q.class_note.value)\n"
    ana, ben = kernels(first_home), kernels(second_home)
    ana.run(make + "q.student.value = '王小明'\n" + answer("no-alliance", False))
    sent = livestore.class_file(shared, "王小明", "lesson-sample")
    mine = json.loads(sent.read_text(encoding="utf-8"))
    assert [a["question"] for a in mine["answers"]] == ["no-alliance"] and mine["writer"]

    said = ben.run(make + "lessons.bilingual.current.mode = 'zh-Hant'\nq.student.value = '王小明'\n" + note)
    assert "班上已經有人使用「王小明」這個名字" in said and 'role="alert"' in said, "told at once, in the reader's language"
    said = ben.run(answer("closer-since", 1) + note)
    assert "班上已經有人使用" in said and "已於" not in said, "never 'saved'"
    assert json.loads(sent.read_text(encoding="utf-8")) == mine, "the first student's file is untouched"

    ben.run("q.student.value = 'Ben'\n" + answer("closer-since", 0))  # renamed: his own file now
    ben.run("q.reset_button.click(); q.reset_button.click()\n")
    assert json.loads(sent.read_text(encoding="utf-8")) == mine, "a rename or a Reset by another never removes it"
    assert not livestore.class_file(shared, "Ben", "lesson-sample").exists(), "his own file went with his Reset"
    said = ana.run(answer("closer-since", 0) + note)
    assert "Saved to the class folder at" in said and len(json.loads(sent.read_text(encoding="utf-8"))["answers"]) == 2


def test_the_teachers_class_reveal_shows_every_answer_in_a_students_quiz(bank_path, tmp_path):
    from lessons import classfolder

    new_kernel()
    folder = tmp_path / "class"
    folder.mkdir()
    live = quiz(bank_path, language=LanguageState(mode="en"), class_folder=folder)
    v = view(live, "no-alliance")
    assert not v.answer_shown and "revealed" not in live.howto.value
    classfolder.set_reveal(folder, "lesson-sample", True)  # the teacher, who owns the folder
    live = quiz(bank_path, language=LanguageState(mode="en"), class_folder=folder)  # the cell runs again
    v = view(live, "no-alliance")
    assert v.answer_shown and "Your teacher has revealed this lesson" in live.howto.value
    v.controls[0].value = False
    v.check_button.click()
    assert live.attempts[-1]["revealed"] is True, "a check after the reveal is kept but earns nothing"


def test_a_class_file_from_before_writers_is_kept_by_its_own_student_only(bank_path, tmp_path, monkeypatch):
    """A course updated during a term: class files written without a writer
    stay their student's (every attempt in it is theirs), and nobody else's."""
    folder = tmp_path / "class"
    live = mei_checks_in(folder, bank_path)
    sent = livestore.class_file(folder, "Mei", "lesson-sample")
    old = json.loads(sent.read_text(encoding="utf-8"))
    del old["writer"]  # as the course wrote it before
    sent.write_text(json.dumps(old), encoding="utf-8")
    w = view(live, "closer-since")
    w.controls[0].value = 0
    w.check_button.click()
    assert "Saved to the class folder at" in live.class_note.value and json.loads(sent.read_text(encoding="utf-8"))["writer"]

    new_kernel()  # another student (another folder) with the same name, and an old file not theirs
    sent.write_text(json.dumps(old), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    theirs = quiz(bank_path, language=LanguageState(mode="en"), class_folder=folder)
    theirs.student.value = "Mei"
    t = view(theirs, "closer-since")
    t.controls[0].value = 1
    t.check_button.click()
    assert "already uses the name" in theirs.class_note.value and json.loads(sent.read_text(encoding="utf-8")) == old


def test_a_progress_file_that_cannot_be_written_is_said_in_the_readers_language(bank_path, notebook_folder):
    new_kernel()
    (notebook_folder / ".lessons-progress").write_text("a file where the folder should be", encoding="utf-8")
    state = LanguageState(mode="zh-Hant")
    live = quiz(bank_path, language=state)
    v = view(live, "no-alliance")
    v.controls[0].value = False
    v.check_button.click()  # no traceback: the attempt stays in the kernel, the quiz says what failed
    assert len(live.attempts) == 1 and v.checked
    assert "無法儲存作答到" in live.class_note.value and "離開之前請先匯出" in live.class_note.value
    assert 'role="alert"' in live.class_note.value and "Could not" not in live.class_note.value
    state.mode = "en"
    assert "Could not save your answers to" in live.class_note.value


def test_saved_is_said_only_once_the_class_file_exists(bank_path, tmp_path):
    """Finding 4: a name typed before any check promises nothing that has not happened."""
    new_kernel()
    folder = tmp_path / "class"
    state = LanguageState(mode="en")
    try_it = quiz(bank_path, ids=["no-alliance"], language=state, class_folder=folder)
    lesson = quiz(bank_path, language=state, class_folder=folder)
    try_it.student.value = "Mei"
    for each in (try_it, lesson):
        assert "saved to the class folder at your next check" in each.class_note.value and "Saved to" not in each.class_note.value
    assert not folder.exists() or not list(folder.iterdir()), "nothing written yet"
    state.mode = "zh-Hant"
    assert "下一次檢查答案時" in lesson.class_note.value
    v = view(lesson, "closer-since")
    v.controls[0].value = 0
    v.check_button.click()
    assert livestore.class_file(folder, "Mei", "lesson-sample").is_file()
    assert all("已於" in each.class_note.value for each in (try_it, lesson)), "both quizzes of the lesson say it now"
