"""6. Handouts: `make handouts` on the built book (issue 14).

Runs the real command (``python -m lessons handouts``) into a temporary
folder and reports its wall time, the files it wrote and each one's pages
(pdfinfo, poppler-utils). Budgets: 2 minutes of wall time on the 2-core
machine, and a lesson's worksheet (zh-Hant or en) on at most 4 A4 pages
(issue 24).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .support import ROOT, MeasurementError


def measure_handouts(html: Path, out: Path) -> dict:
    """Figures of one run of the command that `make handouts` runs."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "lessons", "handouts", "--book", str(html), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise MeasurementError(f"python -m lessons handouts failed: {result.stderr.strip()[-500:]}")
    files = sorted(out.glob("*.pdf"))
    sizes = {path.name: path.stat().st_size for path in files}
    pages = {path.name: page_count(path) for path in files}
    return {
        "pages": pages,
        "worksheet_max_pages": max((n for name, n in pages.items() if WORKSHEET.match(name)), default=None),
        "seconds": round(seconds, 2),
        "files": len(files),
        "total_bytes": sum(sizes.values()),
        "largest": max(sizes, key=sizes.get) if sizes else None,
        "largest_bytes": max(sizes.values()) if sizes else None,
    }


#: A lesson's one-language worksheet (the budget's subject; 並列 runs longer).
WORKSHEET = re.compile(r"lesson-\d+-worksheet-(zh-Hant|en)\.pdf$")


def page_count(path: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        raise MeasurementError("pdfinfo not found: the handout page counts need poppler-utils (Debian: apt-get install poppler-utils)")
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    if not found:
        raise MeasurementError(f"pdfinfo could not read {path.name}")
    return int(found.group(1))
