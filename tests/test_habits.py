"""The habits `make test` keeps on the core quiz modules (model, grading,
qtypes, quizbank, answers, progress): ruff lints them and checks their
format, mypy checks their types; ruff also lints the rest of the package. The scope is pyproject.toml's
``[tool.ruff]`` ``include`` and ``[tool.mypy]`` ``files``; it only grows."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CORE = ("model", "grading", "qtypes", "quizbank", "answers", "progress")


def run(tool: str, *arguments: str) -> None:
    result = subprocess.run([str(BIN / tool), *arguments], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{tool} {' '.join(arguments)} found problems (fix them, or run it with --fix):\n{result.stdout}{result.stderr}"


def test_the_core_modules_are_in_scope_of_both_tools():
    linted = " ".join(CONFIG["tool"]["ruff"]["include"])
    typed = " ".join(CONFIG["tool"]["mypy"]["files"])
    for module in CORE:
        assert f"src/lessons/{module}" in linted and f"src/lessons/{module}" in typed, module


def test_ruff_finds_nothing_in_the_core_modules():
    run("ruff", "check", "--no-fix")


#: Lint (not format) reaches the whole package, its scripts and benchmarks:
#: pyflakes' undefined names and unused imports, sorted imports. `make lint`
#: runs the same.
WHOLE_PACKAGE = 'include = ["src/**/*.py", "scripts/*.py", "benchmarks/*.py"]'


def test_ruff_lints_the_whole_package():
    run("ruff", "check", "--no-fix", "--config", WHOLE_PACKAGE)


def test_the_core_modules_are_formatted():
    run("ruff", "format", "--check")


def test_mypy_finds_nothing_in_the_core_modules():
    run("mypy")


def test_the_tier_lists_name_real_tests():
    """tests/conftest.py marks the tiers by name: a renamed test or module
    must not drop out of its tier (or into the fast one) unnoticed."""
    sys.path.insert(0, str(ROOT / "tests"))
    import conftest

    for module in conftest.UNIT_MODULES:
        assert (ROOT / "tests" / f"{module}.py").is_file(), f"UNIT_MODULES names {module}, which does not exist"
    for name in conftest.HEAVY_TESTS:
        file, function = name.split("::")
        assert f"def {function}(" in (ROOT / "tests" / file).read_text(encoding="utf-8"), f"HEAVY_TESTS names {name}, which does not exist"


def test_no_test_module_imports_another():
    """Shared helpers live in support modules and fixtures in conftest.py, so
    a test module can be run, moved or deleted on its own."""
    import re

    imports = re.compile(r"^\s*(?:from|import)\s+test_\w+", re.M)
    found = [f"{path.name}: {m.group(0).strip()}" for path in sorted((ROOT / "tests").glob("*.py"))
             for m in imports.finditer(path.read_text(encoding="utf-8"))]
    assert not found, "move what is shared into a support module (see CONTRIBUTING):\n" + "\n".join(found)
