"""Readers of the published book see what a cell shows, not the call that
shows it, when that call is only set-up.

A code cell whose every statement imports from ``lessons`` or calls one of
the display functions in ``SETUP_CALLS`` (``lessons.quiz("lesson-2")``,
``timeline.explorer()``) gets the ``remove-input`` tag at build time: the
quiz or chart stays, the code goes. The lesson's Markdown is not changed,
so the live notebook keeps the cell as it is. A cell with any option line
(``:tags:``, for example a "Try it" cell where the code is the point) is
the author's decision and left alone.
"""

from __future__ import annotations

import ast
import re

#: Functions of the lessons package that only display something.
SETUP_CALLS = frozenset({"language_control", "quiz", "explorer"})
CELL = re.compile(r"^(?P<open>```+)\{code-cell\}[^\n]*\n(?P<body>.*?)^(?P=open)[ \t]*$", re.MULTILINE | re.DOTALL)


def _lessons_names(tree: ast.Module) -> set[str]:
    names = {"lessons"}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "lessons":
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _is_setup_call(node: ast.stmt, names: set[str]) -> bool:
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return False
    func = node.value.func
    if not (isinstance(func, ast.Attribute) and func.attr in SETUP_CALLS):
        return False
    root = func.value
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id in names


def _is_lessons_import(node: ast.stmt) -> bool:
    if isinstance(node, ast.Import):
        return all(alias.name.split(".")[0] == "lessons" for alias in node.names)
    return isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "lessons"


def is_setup_code(code: str) -> bool:
    """Only imports from lessons and calls of its display functions, and at least one call."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    names = _lessons_names(tree)
    calls = [node for node in tree.body if _is_setup_call(node, names)]
    return bool(calls) and all(_is_lessons_import(node) or node in calls for node in tree.body)


def hide_setup_input(markdown: str) -> str:
    def tag(match: re.Match) -> str:
        body = match.group("body")
        first = body.lstrip("\n").split("\n", 1)[0].strip()
        if first.startswith(":") or first == "---" or not is_setup_code(body):
            return match.group(0)
        opener, rest = match.group(0).split("\n", 1)
        return f"{opener}\n:tags: [remove-input]\n{rest}"

    return CELL.sub(tag, markdown)


def tag_setup_cells(app, docname, source) -> None:
    if "{code-cell}" in source[0]:
        source[0] = hide_setup_input(source[0])


def setup_setupcells(app) -> None:
    app.connect("source-read", tag_setup_cells)
