"""4. Live: what a student or teacher waits for in JupyterLab.

``import lessons`` in a fresh interpreter (the first cell of every lesson),
Run-All of each lesson in a fresh kernel started in ``book/``, as
JupyterLab does when a lesson is opened from there, and the timeline
explorer's redraw after each change a student makes with its widgets.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from .support import ROOT, MeasurementError, median

#: Colour codes in a kernel's traceback, stripped from the report.
ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Libraries the package promises to load only when first used.
HEAVY = ("pandas", "matplotlib", "ipywidgets", "numpy", "yaml", "IPython")

IMPORT_PROBE = f"""
import json, sys, time
started = time.perf_counter()
import lessons
seconds = time.perf_counter() - started
heavy = [name for name in {HEAVY!r} if name in sys.modules]
print(json.dumps({{"seconds": seconds, "heavy_loaded": heavy}}))
"""


def measure_import(runs: int = 5, cwd: Path = ROOT) -> dict:
    """Median seconds of ``import lessons`` over ``runs`` fresh interpreters."""
    samples = [_probe([sys.executable, "-c", IMPORT_PROBE], cwd) for _ in range(runs)]
    return {
        "runs": runs,
        "median_seconds": round(median([s["seconds"] for s in samples]), 4),
        "max_seconds": round(max(s["seconds"] for s in samples), 4),
        "heavy_loaded": samples[-1]["heavy_loaded"],
        "slowest_imports": slowest_imports(cwd),
    }


def _probe(command: list[str], cwd: Path) -> dict:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise MeasurementError(f"'import lessons' failed in a fresh interpreter:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def slowest_imports(cwd: Path = ROOT, count: int = 5) -> list[dict]:
    """The modules that cost ``import lessons`` most (``python -X importtime``).

    Only what ``import lessons`` itself pulls in: the importtime lines just
    before its own top-level line (the interpreter's start-up comes earlier).
    """
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import lessons"], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    rows = []
    for line in result.stderr.splitlines():
        # "import time:       self [us] |  cumulative | imported package"
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        rows.append({"module": name.strip(), "depth": len(name) - len(name.lstrip()), "cumulative_ms": round(int(parts[1]) / 1000, 1)})
    top_levels = [i for i, row in enumerate(rows) if row["depth"] == 1]
    ours = next((i for i in top_levels if rows[i]["module"] == "lessons"), None)
    if ours is None:
        return []
    start = max((i for i in top_levels if i < ours), default=-1) + 1
    children = sorted(rows[start:ours], key=lambda row: row["cumulative_ms"], reverse=True)
    return [{"module": row["module"], "cumulative_ms": row["cumulative_ms"]} for row in children[:count]]


def run_all(source: Path, cwd: Path, timeout: int = 120) -> dict:
    """Run every cell of one MyST lesson in a fresh kernel; seconds with and without start-up."""
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = jupytext.read(source, fmt="md:myst")
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    started = time.perf_counter()
    try:
        # The kernel's own start-up notices would drown the tables.
        with client.setup_kernel(stderr=subprocess.DEVNULL):
            ready = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            done = time.perf_counter()
    except CellExecutionError as error:
        last_line = ANSI.sub("", str(error).strip().splitlines()[-1])
        raise MeasurementError(f"{source.name}: a cell failed during Run-All: {last_line}") from None
    return {
        "cells": sum(cell.cell_type == "code" for cell in notebook.cells),
        "run_all_seconds": round(done - ready, 2),
        "with_kernel_start_seconds": round(done - started, 2),
    }


def measure_run_all(sources: list[Path], cwd: Path) -> dict:
    """Run-All of each lesson; a lesson that fails is reported, the others still run."""
    results = {}
    for source in sources:
        try:
            results[source.stem] = run_all(source, cwd)
        except MeasurementError as error:
            results[source.stem] = {"error": str(error)}
    return results


EXPLORER_PROBE = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.live import measure_explorer
print(json.dumps(measure_explorer()))
"""


def measure_explorer_in_kernel(cwd: Path, timeout: int = 120) -> dict:
    """:func:`measure_explorer` run in a fresh ``python3`` kernel started in
    ``cwd``, as in a lesson: the pauses of Python's garbage collector grow
    with the objects alive, and this harness holds more than a kernel does."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(EXPLORER_PROBE)])
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    try:
        with client.setup_kernel(stderr=subprocess.DEVNULL):
            client.execute_cell(notebook.cells[0], 0)
    except CellExecutionError as error:
        last_line = ANSI.sub("", str(error).strip().splitlines()[-1]).removeprefix("MeasurementError: ")
        raise MeasurementError(f"timeline explorer in a kernel: {last_line}") from None
    printed = "".join(output.get("text", "") for output in notebook.cells[0].outputs if output.get("name") == "stdout")
    return json.loads(printed.strip().splitlines()[-1])


def explorer_changes(explorer) -> list[tuple[str, object, str, object]]:
    """(what, widget, trait, new value): the changes a student makes, each of
    which redraws the chart: language, category filter, year range."""
    first, last = explorer.years.min, explorer.years.max
    boxes = list(explorer.categories.items())[:2]
    return [
        ("language: English", explorer.language, "value", "en"),
        ("language: zh-Hant", explorer.language, "value", "zh-Hant"),
        ("language: both", explorer.language, "value", "both"),
        *[(f"category off: {name}", box, "value", False) for name, box in boxes],
        *[(f"category on: {name}", box, "value", True) for name, box in boxes],
        ("years: later half", explorer.years, "value", ((first + last) // 2, last)),
        ("years: earlier half", explorer.years, "value", (first, (first + last) // 2)),
        ("years: all", explorer.years, "value", (first, last)),
    ]


def measure_explorer(events=None) -> dict:
    """Seconds from each widget change to the chart drawn again (the change's
    whole callback, the redraw included), in this process: median and worst.

    ``events``: a path or DataFrame for lessons.timeline.explorer (default: the book's).
    The first draw, when the explorer opens, is timed on its own.
    """
    from lessons.bilingual import LanguageState
    from lessons.timeline import explorer

    started = time.perf_counter()
    try:
        # Its own language state, so the measurement switches nothing else.
        shown = explorer(events, state=LanguageState())
    except ValueError as error:  # EventsError: the events file has problems
        raise MeasurementError(f"timeline explorer: {error}") from None
    opened = time.perf_counter() - started
    steps = []
    try:
        for what, widget, trait, value in explorer_changes(shown):
            shown.last_redraw_seconds = None
            started = time.perf_counter()
            setattr(widget, trait, value)
            seconds = time.perf_counter() - started
            if shown.last_redraw_seconds is None:
                raise MeasurementError(f"timeline explorer: '{what}' did not redraw the chart")
            steps.append({"change": what, "seconds": round(seconds, 4), "redraw_seconds": round(shown.last_redraw_seconds, 4)})
    finally:
        shown.close()
    times = [step["seconds"] for step in steps]
    return {
        "events": len(shown.events),
        "open_seconds": round(opened, 4),
        "redraws": len(steps),
        "median_seconds": round(median(times), 4),
        "max_seconds": round(max(times), 4),
        "steps": steps,
    }
