"""Shared fixtures: the real book build, a local server for it, and a real
Chromium driven by Playwright.

Nothing here skips: a missing browser is an error with the fix in it, so a
test that could not run is never counted as passing.
"""

from __future__ import annotations

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
BUILD_HTML = ROOT / "_build" / "html"


def chromium_path() -> str:
    path = chromium.find()
    if path is None:
        pytest.fail(f"Chromium not found. Run 'make test' as root to install it, or {chromium.INSTALL_HINT}.", pytrace=False)
    return path


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The real Jupyter Book build (nitpicky, warnings as errors), once per session.

    Execution is cached, so after `make book` this only re-checks the pages.
    """
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--keep-going", "-n", "-W"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"jupyter-book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}", pytrace=False)
    return BUILD_HTML


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
