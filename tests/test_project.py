"""The project as a set of files: nothing in it names a development machine;
no module is over 500 lines; docs/architecture.md lists every module.

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


# --- the package's shape (issue 26) ----------------------------------------------

PACKAGE = ROOT / "src" / "lessons"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MAX_LINES = 500
# An entry of the "Modules" tree: at 2 spaces a module of src/lessons/, 4 spaces
# one of its subpackages, 6 a sub-subpackage's; a line may list several ("a.py, b.py").
ENTRY = re.compile(r"^(?P<indent>(?:  ){1,3})(?P<names>[\w.]+(?:\.py|/)(?:, [\w.]+(?:\.py|/))*)(?:\s|$)")


def package_modules() -> set[str]:
    """Every module and subpackage of src/lessons, as a path inside it
    ("widgets.py", "gradebook/", "gradebook/items.py"); a package's
    ``__init__.py`` is the package itself."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        inside = path.relative_to(PACKAGE)
        if "__pycache__" in inside.parts:
            continue
        found.add(f"{inside.parent.as_posix()}/" if path.name == "__init__.py" else inside.as_posix())
    found.discard("./")  # src/lessons itself
    return found


def documented_modules(text: str) -> set[str]:
    """The paths the "Modules" tree of docs/architecture.md names under
    ``src/lessons/`` (until the next line at the margin)."""
    block = text.split("\n## Modules", 1)[1].split("\n## ", 1)[0]
    lines = block.split("src/lessons/\n", 1)[1].splitlines()
    found, parents = set(), {}
    for line in lines:
        if line and not line.startswith(" "):
            break
        match = ENTRY.match(line)
        if not match:
            continue
        depth = len(match["indent"]) // 2
        for name in match["names"].split(", "):
            path = parents.get(depth - 1, "") + name
            found.add(path)
            if name.endswith("/"):
                parents[depth] = path
    return found


def test_no_module_is_over_500_lines():
    long = {
        path.relative_to(ROOT).as_posix(): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by concept (a module per concept, at most {MAX_LINES} lines): {long}"


def test_architecture_lists_every_module_and_no_other():
    documented = documented_modules(ARCHITECTURE.read_text(encoding="utf-8"))
    actual = package_modules()
    missing = sorted(actual - documented)
    assert not missing, f"docs/architecture.md (## Modules) does not name: {missing}: add a line for each"
    gone = sorted(path for path in documented - actual if not (PACKAGE / path).exists())
    assert not gone, f"docs/architecture.md (## Modules) names what is not in src/lessons/: {gone}"


def test_the_module_list_check_reads_nesting_and_would_catch_a_missing_module():
    text = (
        "# Doc\n\n## Modules\n\n```\nsrc/lessons/\n  a.py   what a does\n                 a.py in words is no entry\n"
        "  pkg/   a package\n    b.py, c.py  two modules\n    sub/\n      d.py\n  e.py\nnotebooks/  not the package\n```\n"
    )
    assert documented_modules(text) == {"a.py", "pkg/", "pkg/b.py", "pkg/c.py", "pkg/sub/", "pkg/sub/d.py", "e.py"}
    assert "widgets.py" in package_modules() and "gradebook/" in package_modules() and "cli/base.py" in package_modules()


def test_every_checker_speaks_one_problem_vocabulary():
    """Banks, datasets and events raise a LoadError of Problems; the
    gradebook and the class view skip files with one Skipped (issue 26)."""
    from lessons import classview, datasets, events, model, problems
    from lessons.gradebook import reading

    for error in (model.BankError, datasets.DatasetError, events.EventsError):
        assert issubclass(error, problems.LoadError) and issubclass(error, ValueError), error
    for problem in (model.Problem, datasets.Problem, events.Problem):
        assert issubclass(problem, problems.Problem), problem
    assert reading.Skipped is classview.Skipped is problems.Skipped
    assert str(problems.Problem("a.csv", 3, "year", "not a year — write 2023")) == "a.csv:3: year: not a year — write 2023"
    assert str(events.Problem("events.csv", 3, "date", "fix it")) == "events.csv, line 3, field 'date': fix it"
    error = datasets.DatasetError("a.csv", [problems.Problem("a.csv", 2, "", "has no rows — add one")])
    assert error._render_traceback_() == [f"DatasetError: {error}"]
