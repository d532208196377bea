"""What pip cannot install: ``make book`` and ``make test`` make sure of it first.

``scripts/ensure-system.sh fonts`` (make book) and ``... browser`` (make
test, make bench) pass quietly on a machine that has what they need. On one
without CJK fonts, a user who is not root gets the exact command and make
stops before building anything. That machine is made for real: in a private
mount namespace an empty folder covers the CJK font folders (fontconfig and
matplotlib see no CJK font), and a user namespace makes the script's user
not root (so it does not run apt-get).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib import font_manager

from lessons import svg

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "ensure-system.sh"


def run_script(what: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON": sys.executable, **(env or {})}
    return subprocess.run(["sh", str(SCRIPT), what], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


@pytest.mark.parametrize("what", ["fonts", "browser"])
def test_a_machine_with_everything_passes_quietly(what):
    result = run_script(what)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_an_unknown_request_says_how_to_call_it():
    result = run_script("everything")
    assert result.returncode == 2 and "usage: sh scripts/ensure-system.sh fonts|browser" in result.stderr


def cjk_font_folders() -> list[str]:
    manager = font_manager.FontManager()
    return sorted({str(Path(font.fname).parent) for font in manager.ttflist if "CJK" in font.name or font.name in svg.CJK_FONTS})


def without_cjk_fonts_as_a_user(command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``command`` (sh) where no CJK font exists, as a user who is not root."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("making a machine without CJK fonts needs root and unshare (util-linux)")
    folders = cjk_font_folders()
    assert folders, "this machine has CJK fonts to hide"
    hide = " && ".join(f"mount -t tmpfs none '{folder}'" for folder in folders)
    check = "! fc-list 2>/dev/null | grep -qi cjk"  # the fonts are really gone for fontconfig
    user = f"unshare --user --map-user=65534 --map-group=65534 sh -c '[ \"$(id -u)\" != 0 ] && {command}'"
    env = {**os.environ, "PYTHON": sys.executable, "MPLCONFIGDIR": str(tmp_path / "mpl")}
    return subprocess.run(["unshare", "--mount", "sh", "-c", f"{hide} && {check} && exec {user}"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


def test_without_cjk_fonts_a_user_gets_the_exact_command(tmp_path):
    for what in ("fonts", "browser"):
        result = without_cjk_fonts_as_a_user(f"sh scripts/ensure-system.sh {what}", tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "sudo apt-get install fonts-noto-cjk\n" in result.stderr, result.stderr
        assert "Installing" not in result.stdout, "a user who is not root does not run apt-get"


def test_make_book_without_cjk_fonts_stops_before_building(tmp_path):
    # -o: take the .venv set-up as done (this test is about the fonts, not pip).
    result = without_cjk_fonts_as_a_user("make --no-print-directory -o .venv/.installed-stamp book", tmp_path)
    assert result.returncode != 0
    assert "sudo apt-get install fonts-noto-cjk" in result.stderr
    assert "jupyter-book build" not in result.stdout + result.stderr, "no book is built with a degraded chart"
