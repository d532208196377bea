"""Lighthouse (mobile, default throttling) on each page, served compressed.

Lighthouse comes from the npm registry, pinned, installed on first use into
``_build/node`` (ignored by git), and drives the same Chromium as the tests
(CHROME_PATH). Where node or npm is missing the section is skipped with a
message saying so; the other figures are still taken.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from .support import CHROMIUM_FLAGS, ROOT, MeasurementError, chromium_path

VERSION = "12.2.3"  # 13.x wants Node 22; 12.2.3 runs on Node 18 and 20
PREFIX = ROOT / "_build" / "node"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def missing_tools() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not found: install Node.js 18+ to get Lighthouse figures" if missing else None


def lighthouse_command(prefix: Path = PREFIX) -> Path:
    """The pinned Lighthouse, installed into ``prefix`` the first time."""
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    prefix.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["npm", "install", "--prefix", str(prefix), "--no-save", "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not binary.exists():
        raise MeasurementError(f"npm could not install lighthouse@{VERSION}:\n{(result.stdout + result.stderr)[-2000:]}")
    return binary


def measure_lighthouse(url: str, binary: Path | None = None) -> dict:
    """Scores (0-100) and first/largest contentful paint (ms) of one page."""
    binary = binary or lighthouse_command()
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    command = [str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chromium_path()})
    if result.returncode != 0:
        raise MeasurementError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: _score(report["categories"].get(name)) for name in CATEGORIES}
    audits = report["audits"]
    return {
        **scores,
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "failed_audits": sorted(
            key for key, audit in audits.items()
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
        ),
    }


def _score(category: dict | None) -> float | None:
    return None if not category or category.get("score") is None else round(category["score"] * 100)
