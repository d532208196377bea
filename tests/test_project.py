"""The project as a set of files: nothing in it names a development machine.

Files are named by their repository path (``book/data/events.csv``); an
absolute path of someone's machine (a home folder, a Windows user folder,
the folder the course was developed in) works nowhere else and leaks who
wrote it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Home and work folders of Linux, macOS and Windows machines, and the
# folders this course has been developed in.
# Written in pieces so that this file does not match itself.
ROOTS = ("home/" + r"\w", "Users/" + r"\w", "root" + "/", "work" + "/")
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(" + "|".join(ROOTS) + r")|[A-Za-z]:\\+Users\\")


def tracked_text_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [name for name in listed.stdout.split("\0") if name]


def test_no_file_names_an_absolute_path_of_a_development_machine():
    found = []
    for name in tracked_text_files():
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue  # binary, or deleted in the work tree
        for number, line in enumerate(text.splitlines(), start=1):
            if MACHINE_PATH.search(line):
                found.append(f"{name}:{number}: {line.strip()[:100]}")
    assert not found, "name files by repository path instead:\n" + "\n".join(found)


def test_the_check_would_catch_one():
    home, work, users = "/" + "home/ana/course", "/" + "work/shared/brief.txt", "/" + "Users/li/course"
    for line in (f"see {home}/book/x.md", "C:" + "\\Users\\ana\\course", f"from {work}", users):
        assert MACHINE_PATH.search(line), line
    for line in ("book/data/events.csv", "https://example.org/home/page", "~/work/x", "src/lessons/static/"):
        assert not MACHINE_PATH.search(line), line
