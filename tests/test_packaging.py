"""The course as a package: declared ranges, the exact lock, and a wheel
that works outside the repository.

The slow test builds the wheel, makes a fresh virtual environment in a
temporary folder (no course files above it), puts the wheel beside a
downloaded lesson notebook and runs that notebook with nbclient: its first
cell installs the package, and every cell runs on the installed copy.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked_versions() -> dict[str, str]:
    """requirements.txt's exact pins, by canonical name."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)$", line.strip())
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def declared_requirements() -> list[tuple[str, Requirement]]:
    """Every requirement in pyproject.toml (runtime and extras), with where it is declared."""
    project = PYPROJECT["project"]
    found = [("dependencies", Requirement(text)) for text in project["dependencies"]]
    for extra, texts in project["optional-dependencies"].items():
        found.extend((f"optional-dependencies.{extra}", Requirement(text)) for text in texts)
    return [(where, req) for where, req in found if canonicalize_name(req.name) != "lessons"]


def test_runtime_dependencies_are_ranges_and_the_extras_exist():
    project = PYPROJECT["project"]
    assert {"test", "bench"} <= set(project["optional-dependencies"])
    for text in project["dependencies"]:
        requirement = Requirement(text)
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators and "<" in operators, f"{text}: a compatible range (>=low,<next major)"


def test_the_runtime_dependencies_cover_what_the_package_imports():
    imported = set()
    for path in (ROOT / "src" / "lessons").rglob("*.py"):
        if "sphinxext" in path.parts:
            continue  # runs only inside a book build: the `book` extra
        if path.parent.name == "handouts":
            continue  # `python -m lessons handouts`: the `handouts` extra (playwright)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = {name for name in imported - set(sys.stdlib_module_names) if name not in {"lessons", "__future__"}}
    # import name -> distribution name
    distribution = {"yaml": "pyyaml", "IPython": "ipython", "markdown_it": "markdown-it-py"}
    declared = {canonicalize_name(Requirement(text).name) for text in PYPROJECT["project"]["dependencies"]}
    missing = {name for name in third_party if canonicalize_name(distribution.get(name, name)) not in declared}
    assert not missing, f"imported but not in [project] dependencies: {sorted(missing)}"


def test_every_pin_in_the_lock_satisfies_the_declared_range():
    pins = locked_versions()
    for where, requirement in declared_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"requirements.txt pins no {requirement.name} ({where} needs it): pip freeze it in"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.txt pins {requirement.name}=={pins[name]}, outside pyproject.toml {where}: "
            f"{requirement}: widen the range or change the pin"
        )
    assert (ROOT / "requirements.txt").read_text(encoding="utf-8").count("\n-e .\n") == 1, "make installs the package editable"


# --- The wheel ---------------------------------------------------------------------------


def course_files() -> set[str]:
    """What the wheel must carry from book/, found here independently of setup.py."""
    book = ROOT / "book"
    files = {p for p in (book / "quizzes").glob("*.yml")} | {p for p in (book / "data").rglob("*") if p.is_file()}
    return {"lessons/book/" + p.relative_to(book).as_posix() for p in files if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("lessons-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_banks_all_the_data_and_the_static_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    carried = {name for name in names if name.startswith("lessons/book/")}
    assert carried == course_files(), f"missing: {sorted(course_files() - carried)}; extra: {sorted(carried - course_files())}"
    static = {f"lessons/static/{p.name}" for p in (ROOT / "src" / "lessons" / "static").iterdir() if p.is_file()}
    assert static <= names
    for name in carried:
        assert zipfile.ZipFile(wheel).read(name) == (ROOT / "book" / name.removeprefix("lessons/book/")).read_bytes()
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for text in PYPROJECT["project"]["dependencies"]:
        assert f"Requires-Dist: {Requirement(text)}" in metadata


def fresh_env() -> dict[str, str]:
    """The environment of a user with none of this repository's settings."""
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR")
    return {name: value for name, value in os.environ.items() if name not in drop}


RUN_NOTEBOOK = """
import json, sys
import nbclient, nbformat

notebook = nbformat.read(sys.argv[1], as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell(
    "import json, lessons\\n"
    "print(json.dumps({'file': lessons.__file__, 'book': str(lessons.paths.book_dir()),"
    " 'mode': lessons.bilingual.current.mode}))"
))
nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3").execute()
errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
print(json.dumps({"errors": [e.ename + ": " + e.evalue for e in errors],
                  "probe": json.loads(notebook.cells[-1].outputs[-1].text)}))
"""


@pytest.mark.slow
def test_a_downloaded_notebook_runs_in_a_fresh_venv_outside_the_repository(wheel, tmp_path):
    assert ROOT not in tmp_path.parents
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    env = {**fresh_env(), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    pins = locked_versions()
    kernel = [f"{name}=={pins[name]}" for name in ("ipykernel", "nbclient")]
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *kernel],
                             capture_output=True, text=True, env=env, timeout=900)
    assert install.returncode == 0, install.stderr
    gone = subprocess.run([python, "-c", "import lessons"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert gone.returncode != 0, "the fresh venv starts without the course package"

    # A student's folder: the notebook as downloaded, and the wheel beside it.
    student = tmp_path / "student"
    student.mkdir()
    notebook = student / "lesson-1.zh-Hant.ipynb"
    notebook.write_bytes((ROOT / "notebooks" / notebook.name).read_bytes())
    (student / wheel.name).write_bytes(wheel.read_bytes())
    (student / "run.py").write_text(RUN_NOTEBOOK, encoding="utf-8")
    ran = subprocess.run([python, "run.py", notebook.name], capture_output=True, text=True, env=env, cwd=student, timeout=1800)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    installed = Path(result["probe"]["file"])
    assert venv in installed.parents, f"the installed copy ran, not {installed}"
    assert Path(result["probe"]["book"]) == installed.parent / "book"
    assert result["probe"]["mode"] == "zh-Hant"

    # And from any folder, the installed package finds its banks and the timeline's events.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = textwrap.dedent("""
        import lessons
        quiz = lessons.quiz("lesson-1")
        from lessons.events import load_events
        from lessons.paths import events_path
        print(type(quiz).__name__, len(load_events(events_path())))
    """)
    used = subprocess.run([python, "-c", check], capture_output=True, text=True, env=env, cwd=elsewhere, timeout=300)
    assert used.returncode == 0, used.stderr
    kind, events = used.stdout.split()
    assert kind != "BankProblems" and int(events) > 5
