"""What every measurement shares: where things are, a local web server, a
headless Chromium, gzip sizes, medians, and the machine the figures come from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from lessons import chromium as lessons_chromium
from lessons import localsite

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_SOURCES = Path(__file__).resolve().parent / "reference"
RESULTS_PATH = ROOT / "_build" / "bench" / "results.json"
#: The four files the published course adds to every page (src/lessons/static).
OWN_ASSETS = ("language.js", "grader.js", "quiz.js", "lessons.css")
#: Headless Chromium on this offline machine; tests/conftest.py uses them too.
CHROMIUM_FLAGS = lessons_chromium.FLAGS


class MeasurementError(RuntimeError):
    """A measurement that could not be taken; the message says why and what to do."""


def jupyter_book() -> str:
    """The jupyter-book next to this Python (the pinned one in .venv)."""
    path = Path(sys.executable).parent / "jupyter-book"
    if not path.exists():
        raise MeasurementError(f"{path} not found: run 'make book' once to install the toolchain")
    return str(path)


def chromium_path() -> str:
    path = lessons_chromium.find()
    if path is None:
        raise MeasurementError(f"Chromium not found: {lessons_chromium.INSTALL_HINT}")
    return path


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at level 6 (what nginx and most hosts send by default)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict:
    """Where the figures were taken: they mean little without it."""
    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:  # not on every platform
        load = []
    return {
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "cpus": os.cpu_count(),
        "load_average": load,
        "platform": platform.platform(),
        "processor": _cpu_model(),
        "python": platform.python_version(),
        "memory_gb": _memory_gb(),
    }


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a command, capturing its output (it is shown only on failure)."""
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


#: What GitHub Pages sends gzip-compressed (text); images and woff2 fonts go as they are.
COMPRESSED_TYPES = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".ipynb", ".md")


class GzipHandler(localsite.QuietHandler):
    """Text files gzip-compressed when the browser asks, as GitHub Pages serves
    them: transfer sizes and Lighthouse then see what a student's phone gets."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)) + "; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, compressed: bool = True) -> Iterator[str]:
    """``directory`` on a free local port (text gzip-compressed, as GitHub
    Pages serves it, unless ``compressed`` is False); yields the base URL ending in '/'."""
    if not directory.is_dir():
        raise MeasurementError(f"nothing to serve: {directory} is not a folder (did the build fail?)")
    with localsite.serve(directory, GzipHandler if compressed else localsite.QuietHandler) as base:
        yield base


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (Playwright) with the test suite's flags."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def local_only(page, log: list[str]) -> None:
    """Abort every request to another origin at once and note its URL.

    The machine (like many school networks) has no internet: waiting for a
    CDN to time out would measure the network, not the page.
    """

    def handle(route):
        log.append(route.request.url)
        route.abort("blockedbyclient")

    page.route(lambda url: not _is_local(url), handle)


def _is_local(url: str) -> bool:
    from urllib.parse import urlparse

    parts = urlparse(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")
