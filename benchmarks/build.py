"""1. Build: a clean build of the whole book with execution, then a rebuild
with no change (the jupyter cache and Sphinx environment are hit), and the
two reference books, built by the same Jupyter Book in the same run.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from .support import REFERENCE_SOURCES, ROOT, MeasurementError, jupyter_book, run

#: The flags of `make book`: nitpicky, warnings are errors, but keep going
#: so one author's slip still yields a book to measure.
COURSE_FLAGS = ("--keep-going", "-n", "-W")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
REFERENCES = ("ipywidgets", "jupyterquiz")


def timed_build(source: Path, output: Path, flags: tuple[str, ...] = ()) -> dict:
    """Build the book at ``source`` into ``output``; seconds, exit status and warnings.

    A build that produces no HTML is a failed measurement. A build that
    produces HTML but reports warnings is measured and the warnings are kept:
    the page being edited by an author is not the benchmark's to judge.
    """
    command = [jupyter_book(), "build", str(source), "--path-output", str(output), *flags]
    started = time.perf_counter()
    result = run(command, cwd=source)
    seconds = time.perf_counter() - started
    index = output / "_build" / "html" / "index.html"
    if not index.is_file():
        tail = (result.stdout[-3000:] + "\n" + result.stderr[-3000:]).strip()
        raise MeasurementError(f"jupyter-book build of {source} produced no HTML (exit {result.returncode}):\n{tail}")
    log = ANSI.sub("", result.stdout + result.stderr)
    return {
        "seconds": round(seconds, 2),
        "exit_status": result.returncode,
        "sources_read": _sources_read(log),
        "notebooks_executed": len(re.findall(r": Executed notebook in ", log)),
        "warnings": _warnings(log),
        "html": str(output / "_build" / "html"),
    }


def _sources_read(log: str) -> int | None:
    """How many pages Sphinx read again (added + changed); 0 on a true cache hit."""
    found = re.search(r"updating environment: (?:\[[^]]*\] )?(\d+) added, (\d+) changed", log)
    return int(found[1]) + int(found[2]) if found else None


def _warnings(log: str) -> list[str]:
    """The Sphinx warnings and errors of a build log, shortened for a report."""
    lines = [line.strip() for line in log.splitlines() if re.search(r"(^|: )(WARNING|ERROR):", line)]
    return [line[:300] for line in lines[:20]]


def measure_course_build(workdir: Path, source: Path = ROOT, flags: tuple[str, ...] = COURSE_FLAGS) -> dict:
    """A clean build into a fresh folder (empty jupyter cache), then a no-change rebuild."""
    output = workdir / "course"
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    clean = timed_build(source, output, flags)
    rebuild = timed_build(source, output, flags)
    return _clean_and_rebuild(clean, rebuild)


def _clean_and_rebuild(clean: dict, rebuild: dict) -> dict:
    return {
        "clean_seconds": clean["seconds"],
        "rebuild_seconds": rebuild["seconds"],
        "rebuild_ratio": round(rebuild["seconds"] / clean["seconds"], 3) if clean["seconds"] else None,
        "exit_status": [clean["exit_status"], rebuild["exit_status"]],
        "sources_read": [clean["sources_read"], rebuild["sources_read"]],
        "notebooks_executed": [clean["notebooks_executed"], rebuild["notebooks_executed"]],
        "warnings": clean["warnings"] + rebuild["warnings"],
        "html": clean["html"],
    }


def build_reference(name: str, workdir: Path, sources: Path = REFERENCE_SOURCES) -> dict:
    """Copy one reference book to ``workdir`` and build it with stock settings:
    clean, then again with no change (stock settings re-execute: "force")."""
    source = sources / name
    if not (source / "_config.yml").is_file():
        raise MeasurementError(f"reference book {name!r} not found at {source}")
    copy = workdir / "reference" / name
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(source, copy)
    # Its own _build inside the copy: a clean build, as a teacher's first one.
    clean = timed_build(copy, copy)
    return _clean_and_rebuild(clean, timed_build(copy, copy))
