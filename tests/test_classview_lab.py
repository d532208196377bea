"""The live class view as the teacher sees it: a teacher's notebook in a real
JupyterLab (headless Chromium), two students' progress files arriving in the
class folder while it is open, the view refreshing on its own, the language
control switching its labels. Screenshots land in _build/screenshots/."""

from __future__ import annotations

import secrets
import shutil

import nbformat
import pytest

from lessons import answers, classview
from lessons.grading import grade
from lessons.paths import quiz_bank_path
from lessons.quizbank import load_bank
from labsupport import ROOT, run_all, running_lab, wait_until
from screens import SCREENSHOTS

pytestmark = [pytest.mark.lab, pytest.mark.browser]

RUN_TIMEOUT = 180


@pytest.fixture
def teacher_folder():
    """A teacher's folder and a class folder inside the repository (under _build/, ignored by git)."""
    folder = ROOT / "_build" / f"test-class-view-{secrets.token_hex(4)}"
    (folder / "class").mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def student_checks(folder, name, tries):
    """What a student's live quiz writes on each check: the whole lesson progress."""
    bank = load_bank(quiz_bank_path("lesson-2"))
    records = []
    for qid, response in tries:
        question = bank.question(qid)
        records.append(answers.attempt_record(question, grade(question, response), response, False))
        classview.publish(folder, answers.make_export("lesson-2", records, student=name))


def one_line_per_question(view) -> bool:
    """Every question's row as tall as the shortest: none wraps to a second line."""
    heights = view.locator("tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    return bool(heights) and max(heights) <= 1.3 * min(heights)


def test_the_teacher_sees_the_class_arrive_live_in_jupyterlab(teacher_folder, tmp_path, page, page_log):
    class_folder = teacher_folder / "class"
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import lessons\nlessons.language_control()"),
            nbformat.v4.new_code_cell(f"lessons.class_view('lesson-2', {str(class_folder)!r}, seconds=0.5)"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(notebook, teacher_folder / "teacher.ipynb")
    with running_lab(tmp_path, ROOT) as (base, token):
        page.goto(f"{base}/lab/tree/{teacher_folder.relative_to(ROOT)}/teacher.ipynb?token={token}", timeout=60_000)
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=90_000)
        wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to start")
        run_all(page)
        view = page.locator(".lessons-class-view").first
        view.get_by_text("Live class view").first.wait_for(timeout=30_000)
        assert "Nobody has answered yet" in view.inner_text()

        # Two students check answers while the teacher's view is open.
        student_checks(class_folder, "Ann", [("what-pushed-them-closer", 2), ("only-russia-to-blame", False)])
        student_checks(class_folder, "Ben", [("what-pushed-them-closer", 0), ("only-russia-to-blame", False)])
        view.get_by_text("2 students have answered (names hidden)").wait_for(timeout=30_000)  # projected: no names
        assert "Ann" not in view.inner_text() and "Ben" not in view.inner_text()
        row = view.locator("tr", has=page.locator("th[data-question='what-pushed-them-closer']"))
        page.wait_for_function(
            "el => el.innerText.includes('1 (50 %)')", arg=row.element_handle(), timeout=30_000
        )
        cells = row.locator("td").all_inner_texts()
        assert cells[:4] == ["2", "1 (50 %)", "0 (0 %)", "1 (50 %)"], cells
        assert cells[4].startswith("1. ")
        assert row.locator("th").inner_text().startswith("Q1 · "), "the question's own text beside its number"
        assert one_line_per_question(view), "a question's row wraps onto a second line at 1280 px"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "class-view-1280.png", full_page=False)
        view.get_by_role("button", name="Hide names").click()  # the teacher shows the names
        view.get_by_text("Ann, Ben").wait_for(timeout=30_000)
        view.get_by_role("button", name="Hide names").click()
        view.get_by_text("(names hidden)").wait_for(timeout=30_000)

        # The language control switches the view's labels too.
        page.locator(".widget-toggle-button", has_text="中文").first.click()
        # 並列 already shows the Chinese labels, so wait for the English ones to go.
        page.wait_for_function(
            "el => !el.innerText.includes('(names hidden)')",
            arg=view.element_handle(),
            timeout=30_000,
        )
        assert "位學生已作答（姓名已隱藏）" in view.inner_text()
        page.screenshot(path=SCREENSHOTS / "class-view-zh-1280.png", full_page=False)
        # 150 % zoom of a 1280 px window: 853 CSS px; the view still fits its cell.
        page.set_viewport_size({"width": 853, "height": 600})
        page.wait_for_timeout(500)
        fits = view.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        page.screenshot(path=SCREENSHOTS / "class-view-150-percent.png", full_page=False)
        assert fits, "the view overflows its cell at 150 % zoom"
        assert one_line_per_question(view), "a question's row wraps onto a second line at 150 % zoom"
        assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"
