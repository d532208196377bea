"""A real class session: JupyterLab on localhost, a MyST lesson opened as a
notebook in headless Chromium, every cell run, a quiz question answered
through the widgets, and the feedback of the Python grader on screen.

The server runs as ``make lab`` runs it (the repository as root, the
default-viewer settings read from ``.jupyter/`` through JUPYTER_CONFIG_PATH),
but with a free port, a token, and its own config, runtime and user-settings
folders so nothing of the machine's Jupyter set-up leaks in or out. Autosave
is off and the test checks the lesson file is unchanged afterwards.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from labsupport import CONTENT_FONT_SIZES, MODE_BUTTONS, open_running_notebook, run_all, wait_until
from lessons import livestore
from lessons.classroom import START
from lessons.grading import grade
from lessons.quizbank import load_bank
from lessons.quizui import REVEAL, UI
from lessons.widgets import CLASS_NEEDS_NAME
from screens import SCREENSHOTS

pytestmark = [pytest.mark.lab, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
LESSON = "book/lesson-1.md"


def test_lesson_runs_live_and_a_quiz_answer_is_graded_in_the_kernel(lab_server, page, page_log):
    base, token = lab_server
    lesson_bytes = hashlib.sha256((ROOT / LESSON).read_bytes()).hexdigest()
    bank = load_bank(ROOT / "book" / "quizzes" / "lesson-1.yml")
    number, question = next((n, q) for n, q in enumerate(bank.quiz_questions()) if q.type == "single")
    wrong = next(i for i, option in enumerate(question.options) if not option.correct)
    expected = grade(question, wrong)

    page.goto(f"{base}/lab/tree/{LESSON}?token={token}", timeout=60_000)
    # The Markdown lesson opens as a notebook (the default viewer from .jupyter/).
    try:
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=90_000)
    except PlaywrightTimeout:
        pytest.fail(
            f"{LESSON} did not open as a notebook: is the default viewer in "
            ".jupyter/labconfig/default_setting_overrides.json read (JUPYTER_CONFIG_PATH)?",
            pytrace=False,
        )
    wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to start")

    state = run_all(page)
    assert state["cells"] > 1
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0

    # The language control at the top switches every widget of the kernel.
    page.locator(".widget-toggle-button", has_text="English").first.click()
    # The lesson quiz comes last: the evidence sections' "Try it" quizzes are above it.
    quiz = page.locator(".lq-live-quiz").last
    quiz.wait_for(timeout=30_000)
    quiz.get_by_text(f"Quiz: {bank.title.en}").wait_for(timeout=30_000)
    # 並列 shows the English title too: wait until the Chinese has gone.
    page.wait_for_function("q => !q.querySelector('[lang=zh-Hant]')", arg=quiz.element_handle(), timeout=30_000)

    box = quiz.locator(".lq-live-question").nth(number)
    box.scroll_into_view_if_needed()
    box.locator("label", has_text=question.options[wrong].text.en).locator("input[type=radio]").check()
    box.get_by_role("button", name="Check").click()

    status = box.locator(f".lq-status-{expected.status}")
    status.wait_for(timeout=30_000)
    shown = status.inner_text()
    assert "Incorrect" in shown and "(this try scores 0 / 1)" in shown
    for feedback in expected.feedback:
        assert feedback.en in shown, f"the grader's feedback {feedback.en!r} is on screen"
    assert "不正確" not in shown, "English only after the switch"
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"

    assert hashlib.sha256((ROOT / LESSON).read_bytes()).hexdigest() == lesson_bytes, "the lesson file is untouched"


MARKUP = ("{zh}", "{en}", ":::", "{bilingual}", "{ref}", "{term}", ")=")


def test_make_lab_projects_a_clean_lesson_and_class_work_never_reaches_book(classroom_lab, page, page_log):
    """What `make lab` opens: the start page leads to clean per-language
    notebooks that read like the published page, and saving class work
    writes the classroom copy, never book/."""
    base, token, folder = classroom_lab
    page.goto(f"{base}/lab/tree/{START}?token={token}", timeout=60_000)
    link = page.locator(".jp-RenderedMarkdown a", has_text="English").nth(1)  # lesson 2's English notebook
    try:
        link.wait_for(timeout=90_000)
    except PlaywrightTimeout:
        page.screenshot(path=str(ROOT / "_build" / "classroom-start-failure.png"))
        pytest.fail("the start page does not link each lesson per language", pytrace=False)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "lab-classroom-start-1280.png"))
    link.click()  # as the teacher does: the link opens the lesson in a new tab
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=90_000)
    wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to start")
    run_all(page)
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0

    # Markdown cells render lazily: render them all, then read them as the class sees them.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:render-all-markdown')")
    # text_content, not inner_text: cells scrolled out of view are still read.
    rendered = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown")
    prose = "\n".join(rendered.all_text_contents())
    saved = nbformat.read(folder / "lesson-2.en.ipynb", as_version=4)
    assert rendered.count() == sum(cell.cell_type == "markdown" for cell in saved.cells), "every prose cell renders"
    assert (page.locator(".jp-MarkdownCell h1").first.text_content() or "").strip(), "the title is a rendered heading"
    for markup in MARKUP:
        assert markup not in prose, f"directive markup {markup!r} is projected"
    title = load_bank(ROOT / "book" / "quizzes" / "lesson-2.yml").title
    assert title.en in prose and title.zh not in prose, "the English notebook's prose is English only"
    page.screenshot(path=str(SCREENSHOTS / "lab-classroom-lesson-2-en-1280.png"))

    # A teacher's scratch cell, saved: it lands in the classroom copy only.
    book_before = subprocess.run(["git", "status", "--porcelain", "--", "book"], cwd=ROOT, capture_output=True, text=True).stdout
    page.evaluate("""async () => {
        const app = window.jupyterapp;
        await app.commands.execute('notebook:insert-cell-below');
        app.shell.currentWidget.content.activeCell.model.sharedModel.setSource("scratch = 'class work'");
        await app.commands.execute('docmanager:save');
    }""")
    deadline = time.monotonic() + 30
    while "class work" not in (folder / "lesson-2.en.ipynb").read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the saved class work reached the classroom copy"
        page.wait_for_timeout(500)
    book_after = subprocess.run(["git", "status", "--porcelain", "--", "book"], cwd=ROOT, capture_output=True, text=True).stdout
    assert book_after == book_before, f"live teaching wrote into book/: {book_after}"
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"


# ---- the live quiz on a projector ----------------------------------------------

# The footer as a student sees it: the name label read in full, the field
# full width on a line of its own, every button's words in full.
QUIZ_FOOTER = """quiz => {
    const footer = quiz.querySelector('.lq-footer');
    const field = footer.querySelector('.lq-student');
    const label = field.querySelector('.widget-label, .jupyter-widget-label');
    const input = field.querySelector('input');
    const box = e => e.getBoundingClientRect();
    const cut = e => e.scrollWidth > e.clientWidth + 1;
    return {
        footer: Math.round(box(footer).width), input: Math.round(box(input).width),
        label: label.textContent, labelCut: cut(label), ownLine: box(input).top >= box(label).bottom - 1,
        buttons: [...footer.querySelectorAll('.jupyter-button')].filter(b => box(b).width > 0)
            .map(b => ({text: b.textContent.trim(), cut: cut(b)})),
    };
}"""

# True once the quiz has dropdowns and each shows ``words`` as its chosen option
# (ipywidgets writes option labels with no-break spaces).
SELECTS_SAY = """([quiz, words]) => {
    const selects = [...quiz.querySelectorAll('select')];
    return selects.length > 0 && selects.every(s => s.selectedIndex >= 0 && s.options[s.selectedIndex].text.replace(/\u00a0/g, ' ') === words);
}"""
QUIZ_TEXT = [".lq-student .widget-label, .lq-student .jupyter-widget-label", ".lq-footer .jupyter-button",
             ".lq-live-question .widget-html-content, .lq-live-question .jupyter-widget-html-content"]


def test_the_quiz_footer_lays_out_in_every_mode_and_fits_at_150_percent_zoom(classroom_lab, browser, page_log):
    from screens import OVERFLOW, PROJECTOR, ZOOM_150

    base, token, _folder = classroom_lab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, screen in (("1280", PROJECTOR), ("150", ZOOM_150)):
        context, page = open_running_notebook(browser, page_log, base, token, "lesson-1.both.ipynb", screen)
        try:
            assert page.evaluate("() => [innerWidth, devicePixelRatio]") == [screen["viewport"]["width"], screen["device_scale_factor"]]
            quiz = page.locator(".lq-live-quiz").last  # the lesson quiz, below the Try it quizzes
            for mode, button in MODE_BUTTONS.items():
                page.locator(".widget-toggle-button", has_text=button).first.click()
                quiz.locator(".lq-student").get_by_text(UI["student"].in_mode(mode), exact=True).wait_for(timeout=30_000)
                # An unanswered dropdown (matching, classify, ordering) says "— choose —", never stands empty.
                page.wait_for_function(SELECTS_SAY, arg=[quiz.element_handle(), UI["choose"].in_mode(mode)], timeout=30_000)
                footer = quiz.locator(".lq-footer")
                footer.scroll_into_view_if_needed()
                page.wait_for_timeout(500)  # let the layout settle
                laid = quiz.evaluate(QUIZ_FOOTER)
                where = f"{name}, {mode}: {laid}"
                assert not laid["labelCut"] and laid["ownLine"], f"the name label is cut or shares the field's line ({where})"
                assert laid["input"] >= 0.95 * laid["footer"], f"the name field is not full width ({where})"
                assert len(laid["buttons"]) >= 2 and not any(b["cut"] for b in laid["buttons"]), f"a button is cut ({where})"
                for each in page.locator(".lq-live-quiz").all():
                    fits = each.evaluate(OVERFLOW)
                    assert fits["out"] == [] and not fits["scrolls"], f"{name}, {mode}: the quiz runs off the notebook: {fits}"
                if name == "1280":
                    footer.evaluate("e => e.scrollIntoView({block: 'end'})")
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(SCREENSHOTS / f"lab-quiz-1280-{mode}.png"))
            control = page.locator(".lessons-language-control").first
            for part, selectors in ((quiz, QUIZ_TEXT), (control, [".jupyter-button"])):
                sizes = part.evaluate(CONTENT_FONT_SIZES, selectors)
                assert set(sizes["normal"]) == {sizes["content"]}, f"text ignores the content font size: {sizes}"
                assert set(sizes["larger"]) == {"20px"}, f"text does not follow a larger content font size: {sizes}"
            if name == "150":
                quiz.locator(".lq-footer").evaluate("e => e.scrollIntoView({block: 'end'})")
                page.wait_for_timeout(300)
                page.screenshot(path=str(SCREENSHOTS / "lab-quiz-150.png"))
        finally:
            context.close()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"


def test_a_live_class_keeps_every_answer_across_a_kernel_restart(shared_classroom_lab, browser, page_log):
    """In JupyterLab: a student checks an answer and gives a name; the class
    folder receives it; the kernel restarts and Run All brings the answer
    back; the instructor's reveal opens the answers without moving the page."""
    from screens import PROJECTOR

    base, token, folder, shared = shared_classroom_lab
    bank = load_bank(ROOT / "book" / "quizzes" / "lesson-1.yml")
    number, question = next((n, q) for n, q in enumerate(bank.quiz_questions()) if q.type == "truefalse")
    context, page = open_running_notebook(browser, page_log, base, token, "lesson-1.en.ipynb", PROJECTOR)
    try:
        assert page.locator(".widget-toggle-button", has_text="並列").count() == 0, "the English notebook has no language control"
        quiz = page.locator(".lq-live-quiz").last
        quiz.get_by_text(CLASS_NEEDS_NAME.en).wait_for(timeout=30_000)
        box = quiz.locator(".lq-live-question").nth(number)
        box.scroll_into_view_if_needed()
        box.locator("label", has_text="True" if question.answer else "False").locator("input[type=radio]").check()
        box.get_by_role("button", name="Check").click()
        box.locator(".lq-status-correct").wait_for(timeout=30_000)
        name = quiz.locator(".lq-student input")
        name.fill("Mei Lin")
        name.press("Enter")
        sent = livestore.class_file(shared, "Mei Lin", "lesson-1")
        deadline = time.monotonic() + 30
        while not sent.is_file():
            assert time.monotonic() < deadline, "the class folder never received the student's answers"
            page.wait_for_timeout(300)
        assert [a["question"] for a in json.loads(sent.read_text(encoding="utf-8"))["answers"]] == [question.id]
        assert (folder / ".lessons-progress" / "lesson-1.json").is_file()

        page.evaluate("() => { window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart(); }")
        page.wait_for_timeout(1000)
        wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to restart")
        # No stale output can pass for a restored one: clear them all first.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); }")
        page.wait_for_timeout(500)
        assert page.locator(".lq-live-quiz").count() == 0
        run_all(page, what="all cells to run again")
        quiz = page.locator(".lq-live-quiz").last
        box = quiz.locator(".lq-live-question").nth(number)
        box.scroll_into_view_if_needed()
        box.locator(".lq-status-correct").wait_for(timeout=60_000)  # restored from the progress file
        assert quiz.locator(".lq-student input").input_value() == "Mei Lin"

        reveal = quiz.get_by_role("button", name=REVEAL.en)
        reveal.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        before = reveal.evaluate("e => e.getBoundingClientRect().top")
        reveal.click()
        quiz.locator(".lq-live-question").first.get_by_text(UI["explanation"].en).first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        after = reveal.evaluate("e => e.getBoundingClientRect().top")
        assert abs(after - before) < 5, f"turning on reveal moved the page: the button went from y={before} to y={after}"
        page.screenshot(path=str(SCREENSHOTS / "lab-quiz-restored-1280.png"))
    finally:
        context.close()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"


DIRTY = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"


def test_a_saved_classroom_notebook_reopens_unchanged_with_no_widget_error(classroom_lab, browser, page_log):
    """Opening a classroom notebook does not mark it edited; saved after a
    class and opened again with a new kernel, it shows one line where each
    widget was (never "Error displaying widget: model not found")."""
    from lessons.classroom import RUN_AGAIN, WIDGET_VIEW
    from screens import PROJECTOR, ZOOM_150

    base, token, folder = classroom_lab
    context, page = open_running_notebook(browser, page_log, base, token, "lesson-2.en.ipynb", PROJECTOR)
    try:
        page.locator(".lq-live-quiz").last.wait_for(timeout=60_000)
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        deadline = time.monotonic() + 30
        while page.evaluate(DIRTY):
            assert time.monotonic() < deadline, "the notebook was never saved"
            page.wait_for_timeout(300)
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")  # the class is over
        page.wait_for_timeout(1000)
    finally:
        context.close()
    saved = json.loads((folder / "lesson-2.en.ipynb").read_text(encoding="utf-8"))
    outputs = [output for cell in saved["cells"] for output in cell.get("outputs", [])]
    assert not [o for o in outputs if WIDGET_VIEW in o.get("data", {})], "no live widget is saved"
    assert any(o.get("data", {}).get("text/plain") in (RUN_AGAIN.en, [RUN_AGAIN.en]) for o in outputs), [o.get("data", o.get("text")) for o in outputs]

    for screen, name in ((PROJECTOR, "lab-reopened-1280.png"), (ZOOM_150, "lab-reopened-150.png")):
        context = browser.new_context(locale="en-US", **screen)
        page = context.new_page()
        page_log.attach(page)
        try:
            page.goto(f"{base}/lab/tree/lesson-2.en.ipynb?token={token}", timeout=60_000)
            page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=90_000)
            wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to start")
            page.wait_for_timeout(2000)  # what JupyterLab writes on connecting has arrived
            assert not page.evaluate(DIRTY), "opening the notebook marked it edited"
            notebook = page.locator(".jp-NotebookPanel .jp-Notebook").first
            assert "model not found" not in notebook.inner_text()
            line = page.locator(".jp-OutputArea-output", has_text=RUN_AGAIN.en).first
            line.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            line.evaluate("el => el.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(500)
            assert line.is_visible(), "the line saying to run the cell shows"
            page.screenshot(path=str(SCREENSHOTS / name))
        finally:
            context.close()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"
