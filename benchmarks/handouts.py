"""6. Handouts: `make handouts` on the built book (issue 14).

Runs the real command (``python -m lessons handouts``) into a temporary
folder and reports its wall time and the files it wrote. The budget is on
wall time: 2 minutes on the 2-core machine.
"""

from __future__ import annotations

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
    return {
        "seconds": round(seconds, 2),
        "files": len(files),
        "total_bytes": sum(sizes.values()),
        "largest": max(sizes, key=sizes.get) if sizes else None,
        "largest_bytes": max(sizes.values()) if sizes else None,
    }
