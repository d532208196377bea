"""Every lesson runs top to bottom in a fresh kernel, as in class.

Each MyST lesson is read with jupytext and executed by nbclient with the
working folder ``book/`` (where JupyterLab starts a lesson's kernel). Any
error, and any output on stderr (where Python prints warnings), fails: an
instructor in front of a class must never see either.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

from kernels import problems, run_notebook

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
LESSONS = sorted(BOOK.glob("lesson-*.md")) + [BOOK / "instructor-gradebook.md"]


def test_the_lessons_are_all_found():
    assert [path.name for path in LESSONS[:4]] == ["lesson-1.md", "lesson-2.md", "lesson-3.md", "lesson-4.md"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_lesson_runs_top_to_bottom_without_errors_or_warnings(lesson):
    notebook = run_notebook(jupytext.read(lesson))
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{lesson.name} has no code cells to run"
    assert all(cell.execution_count for cell in code_cells), "every code cell ran"
    assert problems(notebook) == [], "\n\n".join(problems(notebook))


def test_the_check_catches_a_warning_and_an_error():
    """The lesson test above can fail: a warning and an error are both caught."""
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import warnings\nwarnings.warn('careful')"), nbformat.v4.new_code_cell("1 / 0")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    found = problems(run_notebook(notebook))
    assert len(found) == 2
    assert "stderr" in found[0] and "careful" in found[0]
    assert "ZeroDivisionError" in found[1]
