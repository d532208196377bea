"""Where the Chromium that prints handouts, runs the tests and takes the benchmarks lives, and how it starts.

One place for the lookup and the flags, so the handouts, the tests and the
benchmarks drive the same browser the same way. Each caller words its own
"not found" message (what the browser is needed for).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: Headless on a machine with no network but the package registries:
#: without the background-networking flags Chromium keeps trying to reach
#: Google's hosts at every start.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How to get one, for every caller's message.
INSTALL_HINT = "install it (Debian: apt-get install chromium fonts-noto-cjk) or set CHROMIUM=/path/to/chromium"


def find() -> str | None:
    """$CHROMIUM, else ``chromium`` on PATH, else /usr/bin/chromium; None when none exists."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).exists() else None
