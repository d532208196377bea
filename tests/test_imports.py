"""The package's import graph is one-way: no cycle, function-level imports
included (issue 17). Read from the source with ast, so an import hidden
inside a function to dodge a cycle is caught as well."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "lessons"


def module_name(path: Path) -> str:
    parts = ["lessons", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports anywhere in its file (top level,
    functions, methods). ``from . import x`` counts as importing the
    submodule x when there is one."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "lessons")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("lessons"):
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in known else target)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_package_import_graph_has_no_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_grader_and_the_bank_loader_sit_above_the_model_and_text_normalisation():
    graph = import_graph()
    assert "lessons.quizbank" in graph["lessons.grading"]
    assert "lessons.grading" not in graph["lessons.quizbank"]
    assert "lessons.textnorm" in graph["lessons.qtypes.text"]
    # The pure grader holds no presentation.
    source = (PACKAGE / "grading.py").read_text(encoding="utf-8")
    assert "STATUS_LABELS" not in source and "_repr_html_" not in source and "html_pair" not in source


def test_the_checker_sees_an_import_inside_a_function_and_finds_cycles(tmp_path):
    hidden = tmp_path / "quizbank.py"
    hidden.write_text("def f():\n    from .grading import normalize_text\n    from . import answers\n", encoding="utf-8")
    assert imports_of("lessons.quizbank", hidden, set(modules())) == {"lessons.grading", "lessons.answers"}
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]


def test_the_package_namespace_is_its_public_api_and_every_submodule():
    """``dir(lessons)`` lists what a lesson may use, no import machinery, and
    every submodule is reachable as lessons.<name> before anything imports it."""
    import json
    import subprocess
    import sys

    probe = (
        "import lessons, json; names = dir(lessons); "
        "[getattr(lessons, n) for n in names]; "
        "print(json.dumps([names, lessons.__all__]))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    names, public = json.loads(result.stdout)
    assert public == ["__version__", "class_view", "language_control", "quiz"]
    assert not {"annotations", "importlib", "pkgutil"} & set(names)
    files = {path.stem for path in PACKAGE.glob("*.py") if not path.stem.startswith("_")}
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert files | packages == set(names) - set(public)
