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
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lessons.grading import grade
from lessons.quizbank import load_bank

pytestmark = [pytest.mark.lab, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
LESSON = "book/lesson-1.md"
START_TIMEOUT = 90  # seconds for the server to answer
RUN_TIMEOUT = 180  # seconds for all cells to run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited early (code {process.returncode}):\n{log.read_text()[-4000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT}s:\n{log.read_text()[-4000:]}", pytrace=False)


@pytest.fixture
def lab_server(tmp_path):
    """A JupyterLab server on a free localhost port; yields (base_url, token)."""
    port, token = free_port(), secrets.token_hex(16)
    settings = tmp_path / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    # Running cells marks the lesson dirty; never write it back.
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_PATH": str(ROOT / ".jupyter"),  # as `make lab`
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    log = tmp_path / "lab.log"
    command = [
        str(Path(sys.executable).parent / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
        # Lets the test run "Run All Cells" and read kernel status through the app's own API.
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={token}", process, log)
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


NOTEBOOK_STATE = """() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    if (!panel || !panel.content || !panel.sessionContext) return null;
    const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return {
        status: kernel ? kernel.status : 'none',
        pending: cells.filter(cell => cell.model.executionCount === null).length,
        cells: cells.length,
    };
}"""


def wait_until(page, predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(NOTEBOOK_STATE)
        if state and predicate(state):
            return state
        page.wait_for_timeout(500)
    pytest.fail(f"timed out waiting for {what}; last state: {state}", pytrace=False)


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

    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    state = wait_until(page, lambda s: s["pending"] == 0 and s["status"] == "idle", RUN_TIMEOUT, "all cells to run")
    assert state["cells"] > 1
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0

    # The language control at the top switches every widget of the kernel.
    page.locator(".widget-toggle-button", has_text="English").first.click()
    # The lesson quiz comes last: the evidence sections' "Try it" quizzes are above it.
    quiz = page.locator(".lq-live-quiz").last
    quiz.wait_for(timeout=30_000)
    quiz.get_by_text(f"Quiz: {bank.title.en}").wait_for(timeout=30_000)

    box = quiz.locator(".lq-live-question").nth(number)
    box.scroll_into_view_if_needed()
    box.locator("label", has_text=question.options[wrong].text.en).locator("input[type=radio]").check()
    box.get_by_role("button", name="Check").click()

    status = box.locator(f".lq-status-{expected.status}")
    status.wait_for(timeout=30_000)
    shown = status.inner_text()
    assert "Incorrect" in shown and "(score 0 / 1)" in shown
    for feedback in expected.feedback:
        assert feedback.en in shown, f"the grader's feedback {feedback.en!r} is on screen"
    assert "不正確" not in shown, "English only after the switch"
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"

    assert hashlib.sha256((ROOT / LESSON).read_bytes()).hexdigest() == lesson_bytes, "the lesson file is untouched"
