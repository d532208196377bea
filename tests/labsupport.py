"""Driving a real JupyterLab in the tests: a server on a free port with its
own settings (``running_lab``), a fresh classroom folder as `make lab` makes
it (``running_classroom``), and a notebook in Chromium run as a teacher runs
it (``run_all``, ``open_running_notebook``). The fixtures that start them
(``lab_server``, ``classroom_lab``, ``shared_classroom_lab``) are in
tests/conftest.py."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lessons.classroom import prepare

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90  # seconds for the server to answer
RUN_TIMEOUT = 180  # seconds for all cells to run


def server_url(runtime: Path, process: subprocess.Popen, log: Path) -> str:
    """The base URL of a server started on port 0: it binds a free port
    itself (no gap between finding a port and taking it) and writes its URL
    to its runtime folder."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited early (code {process.returncode}):\n{log.read_text()[-4000:]}", pytrace=False)
        for info in runtime.glob("jpserver-*.json"):
            try:
                return json.loads(info.read_text(encoding="utf-8"))["url"].rstrip("/")
            except (ValueError, KeyError):  # still being written
                pass
        time.sleep(0.2)
    pytest.fail(f"JupyterLab wrote no server file within {START_TIMEOUT}s:\n{log.read_text()[-4000:]}", pytrace=False)


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


@contextlib.contextmanager
def running_lab(tmp_path: Path, root_dir: Path, config: Path = ROOT / ".jupyter"):
    """A JupyterLab server on ``root_dir`` at a free localhost port; yields (base_url, token)."""
    token = secrets.token_hex(16)
    settings = tmp_path / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    # Running cells marks the lesson dirty; never write it back.
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_PATH": str(config),  # as the Makefile
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    log = tmp_path / "lab.log"
    command = [
        str(Path(sys.executable).parent / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0",  # the server binds a free port itself
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        # Lets the test run "Run All Cells" and read kernel status through the app's own API.
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        base = server_url(tmp_path / "runtime", process, log)
        wait_for_server(f"{base}/api/status?token={token}", process, log)
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def running_classroom(tmp_path: Path):
    """JupyterLab on a fresh classroom folder, as `make lab` runs it; yields (base_url, token, folder).

    The folder sits inside the repository (under _build/, ignored by git), as
    classroom/ does, so kernels started there find the course."""
    folder = ROOT / "_build" / f"test-classroom-{secrets.token_hex(4)}"
    prepare(ROOT, folder)
    try:
        with running_lab(tmp_path, folder, ROOT / ".jupyter" / "classroom") as (base, token):
            yield base, token, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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


def run_all(page, timeout: float | None = None, what: str = "all cells to run"):
    """Run All, as the teacher does, and wait until every code cell has run.

    Sent the moment the kernel first reads idle, the command can reach a
    session that is still settling and run nothing (seen under load: every
    cell pending, the kernel idle). Until a cell has started it is sent
    again every 10 s, as a teacher would click again."""
    deadline = time.monotonic() + (RUN_TIMEOUT if timeout is None else timeout)
    started, sent_at, state = False, None, None
    while time.monotonic() < deadline:
        if not started and (sent_at is None or time.monotonic() - sent_at > 10):
            # Not awaited: the command's promise settles only when every cell
            # has run, and never if the run does not start (the hang this loop
            # exists for); page.evaluate has no timeout of its own.
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            sent_at = time.monotonic()
        state = page.evaluate(NOTEBOOK_STATE)
        if state and state["pending"] == 0 and state["status"] == "idle":
            return state
        started = started or bool(state and (state["pending"] < state["cells"] or state["status"] != "idle"))
        page.wait_for_timeout(500)
    pytest.fail(f"timed out waiting for {what}; last state: {state}", pytrace=False)


MODE_BUTTONS = {"zh-Hant": "中文", "en": "English", "both": "並列"}


def open_running_notebook(browser, page_log, base: str, token: str, path: str, screen: dict):
    """A fresh browser window of ``screen`` on the notebook at ``path``, every cell run; (context, page)."""
    context = browser.new_context(locale="en-US", **screen)
    page = context.new_page()
    page_log.attach(page)
    page.goto(f"{base}/lab/tree/{path}?token={token}", timeout=60_000)
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=90_000)
    wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to start")
    run_all(page)
    return context, page


# Font sizes of the first match of each selector under an element, before and
# after JupyterLab's content font size (the setting sets this variable) changes.
CONTENT_FONT_SIZES = """(root, selectors) => {
    const probe = () => selectors.map(s => getComputedStyle(root.querySelector(s)).fontSize);
    const content = getComputedStyle(document.body).getPropertyValue('--jp-content-font-size1').trim();
    const normal = probe();
    document.body.style.setProperty('--jp-content-font-size1', '20px');
    const larger = probe();
    document.body.style.removeProperty('--jp-content-font-size1');
    return {content, normal, larger};
}"""
