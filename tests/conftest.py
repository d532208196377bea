"""Shared fixtures: the real book build, a local server for it, and a real
Chromium driven by Playwright.

Nothing here skips: a missing browser is an error with the fix in it, so a
test that could not run is never counted as passing.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import settings

# Property tests: no per-example deadline (a loaded CI machine must not turn
# a slow example into a failure) and the same examples on every run.
settings.register_profile("course", deadline=None, derandomize=True)
settings.load_profile("course")

# One browser set-up for the tests and the benchmarks, so the figures
# describe the browser the tests check.
from benchmarks.support import CHROMIUM_FLAGS
from lessons import chromium, localsite

ROOT = Path(__file__).resolve().parents[1]

# ---- test tiers (CONTRIBUTING.md, "Test tiers") ------------------------------------
#: `make test-unit`: modules of pure, in-process tests (no kernel, no Sphinx
#: or book build, no browser, no subprocess of note); under a minute on 2 cores.
UNIT_MODULES = {
    "test_bank_feedback", "test_bank_objectives", "test_content", "test_evidence", "test_events",
    "test_grading", "test_handouts", "test_imports", "test_progress", "test_project", "test_qtypes",
    "test_quizbank", "test_quizhtml", "test_svg", "test_typed_html", "test_widgets", "test_worksheet",
}
#: Tests that run real notebooks in Jupyter kernels, or a whole program for
#: many seconds: `make test` runs them, `make test-fast` does not ("heavy").
HEAVY_TESTS = {
    "test_notebooks.py::test_real_lesson_notebooks_run_in_their_language",
    "test_lessons_run.py::test_lesson_runs_top_to_bottom_without_errors_or_warnings",
    "test_live_progress.py::test_a_real_kernel_restart_loses_nothing",
    "test_live_progress.py::test_two_kernels_of_one_lesson_lose_nothing_of_each_other",
    "test_live_progress.py::test_a_reset_in_one_kernel_is_not_undone_by_another",
    "test_live_progress.py::test_a_taken_name_is_said_and_the_first_students_file_is_never_replaced",
    "test_classview.py::test_two_student_kernels_and_a_teacher_kernel_share_one_folder",
    "test_benchmarks.py::test_explorer_is_timed_after_each_change_of_its_widgets_in_a_fresh_kernel",
    "test_benchmarks.py::test_run_all_runs_every_cell_in_a_fresh_kernel",
    "test_fonts.py::test_the_gradebook_png_is_made_with_a_stale_cache",
}
TIER_EXCLUDED = {"browser", "book", "lab", "slow", "heavy"}


def pytest_ignore_collect(collection_path, config):
    """`-m unit` imports only the unit modules (collecting the rest costs seconds)."""
    if config.getoption("markexpr") == "unit" and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        return collection_path.stem not in UNIT_MODULES or None
    return None


def pytest_collection_modifyitems(config, items):
    """Mark the tiers: ``heavy`` from HEAVY_TESTS, ``unit`` for the tests of
    UNIT_MODULES that carry no heavier marker (tests/test_habits.py checks
    that every name in both lists is a real test)."""
    for item in items:
        if f"{item.path.name}::{getattr(item, 'originalname', item.name)}" in HEAVY_TESTS:
            item.add_marker(pytest.mark.heavy)
        if item.path.stem in UNIT_MODULES and not TIER_EXCLUDED & {mark.name for mark in item.iter_markers()}:
            item.add_marker(pytest.mark.unit)


def pytest_collection_finish(session):
    """Freeze what collection made (every imported library, module and test
    item: it lives for the whole session): the cyclic collector's full
    passes then stop walking it again and again. They took about 15 s of a
    90 s `make test-fast` (the hypothesis tests and the charts make many
    short-lived objects)."""
    gc.collect()
    gc.freeze()


def chromium_path() -> str:
    path = chromium.find()
    if path is None:
        pytest.fail(f"Chromium not found. Run 'make test' as root to install it, or {chromium.INSTALL_HINT}.", pytrace=False)
    return path


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The real Jupyter Book build (nitpicky, warnings as errors), once per
    session, into a temporary folder: its HTML folder.

    Never into the repository's _build/: a test run leaves the book that
    `make book` built (which `make handouts` and `make bench` read) as it
    was, and every page is read and checked afresh, not only the changed ones.

    The execution cache of `make book` (_build/.jupyter_cache) is copied in,
    not linked: notebooks unchanged since then are not run again, and the
    tests never write into the repository (a linked cache would take the
    test build's entries, and its database could be written by `make book`
    at the same time). Without a `make book` first, every notebook runs.
    """
    out = tmp_path_factory.mktemp("book")
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, out / "_build" / ".jupyter_cache")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output", str(out), "--keep-going", "-n", "-W"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"jupyter-book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}", pytrace=False)
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def book_server(built_book):
    """The built HTML on a free local port; yields the base URL ending in '/'."""
    with localsite.serve(built_book) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class PageLog:
    """What a page did that users would notice: console errors, failed
    requests, and requests to any origin other than the local server."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []

    def attach(self, page, allowed_host: str = "127.0.0.1"):
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))

        def on_request(request):
            url = urlparse(request.url)
            if url.scheme in ("data", "blob", "about"):
                return
            if url.hostname != allowed_host:
                self.foreign.append(request.url)

        page.on("request", on_request)


@pytest.fixture
def page_log():
    return PageLog()


@pytest.fixture
def page(browser, page_log):
    """A fresh browser context (empty storage) and page, with its log attached."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page_log.attach(page)
    yield page
    context.close()


# ---- JupyterLab (tests/labsupport.py) ----------------------------------------


@pytest.fixture
def lab_server(tmp_path):
    """JupyterLab on the repository, as `make lab-sources` runs it (authors)."""
    from labsupport import running_lab

    with running_lab(tmp_path, ROOT) as server:
        yield server


@pytest.fixture
def classroom_lab(tmp_path):
    from labsupport import running_classroom

    with running_classroom(tmp_path) as lab:
        yield lab


@pytest.fixture
def shared_classroom_lab(tmp_path, monkeypatch):
    """A classroom lab whose kernels are in instructor mode and write to a class
    folder (the teacher's one setting); yields (base_url, token, folder, class_folder)."""
    shared = tmp_path / "class-folder"
    monkeypatch.setenv("LESSONS_INSTRUCTOR", "1")
    monkeypatch.setenv("LESSONS_CLASS_FOLDER", str(shared))
    from labsupport import running_classroom

    with running_classroom(tmp_path) as (base, token, folder):
        yield base, token, folder, shared
