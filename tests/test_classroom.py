"""lessons.classroom: the folder `make lab` opens, refreshed without losing class work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lessons.classroom import MANIFEST, START, prepare
from lessons.notebooks import lesson_sources

ROOT = Path(__file__).resolve().parents[1]


def course_copy(tmp_path: Path) -> Path:
    """A course of its own (the toc and book/), so a test can edit a lesson."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "_toc.yml", root)
    shutil.copy(ROOT / "_config.yml", root)  # the notebooks name its repository
    shutil.copytree(ROOT / "book", root / "book")
    return root


def test_every_lesson_in_every_language_with_a_start_page(tmp_path):
    room = prepare(ROOT, tmp_path / "classroom")
    names = {path.name for path in room.written}
    lessons = [source.stem for source in lesson_sources(ROOT)]
    assert {f"{lesson}.{mode}.ipynb" for lesson in lessons for mode in ("zh-Hant", "en", "both")} <= names
    text = (tmp_path / "classroom" / START).read_text(encoding="utf-8")
    for lesson in lessons:
        assert f"({lesson}.en.ipynb)" in text and f"({lesson}.zh-Hant.ipynb)" in text
    assert (tmp_path / "classroom" / "exports").is_dir()
    assert room.kept == []
    # The teacher's other jobs are on the same page: reveal, watch the class, grade.
    for command in ("lessons.instructor.enable()", "lessons.class_view(", "-m lessons gradebook classroom/exports/"):
        assert command in text


def test_a_notebook_changed_in_class_is_kept_and_an_unchanged_one_follows_the_course(tmp_path):
    root = course_copy(tmp_path)
    folder = tmp_path / "classroom"
    prepare(root, folder)
    edited = folder / "lesson-1.en.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"cells": [', '"cells": [{"cell_type": "markdown", "id": "mine", "metadata": {}, "source": "my notes"},', 1), encoding="utf-8")
    lesson = root / "book" / "lesson-1.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nAn added closing line for the test.\n", encoding="utf-8")

    again = prepare(root, folder)

    assert edited in again.kept and "my notes" in edited.read_text(encoding="utf-8")
    assert "edited copy lesson-1.en.ipynb" in again.summary()
    refreshed = folder / "lesson-1.zh-Hant.ipynb"
    assert refreshed in again.written and "An added closing line" in refreshed.read_text(encoding="utf-8")
    unchanged = folder / "lesson-2.en.ipynb"
    assert unchanged not in again.written and unchanged not in again.kept
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) >= {START, "lesson-1.zh-Hant.ipynb"}


def test_notebooks_carry_the_local_kernels_metadata_so_opening_changes_nothing(tmp_path):
    """JupyterLab writes kernelspec and language_info when the kernel
    connects; equal values leave the notebook unchanged (not "edited")."""
    from ipykernel.ipkernel import IPythonKernel

    prepare(ROOT, tmp_path / "classroom")
    notebook = json.loads((tmp_path / "classroom" / "lesson-2.en.ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["language_info"] == IPythonKernel.language_info
    assert notebook["metadata"]["kernelspec"]["name"] == "python3" and notebook["metadata"]["kernelspec"]["display_name"]


def test_a_saved_notebook_keeps_no_live_widget_only_a_line_saying_to_run_it(tmp_path):
    from lessons.classroom import WIDGET_VIEW, without_live_widgets

    widget = {"output_type": "display_data", "metadata": {},
              "data": {WIDGET_VIEW: {"model_id": "abc", "version_major": 2}, "text/html": "<form>", "text/plain": "Quiz"}}
    printed = {"output_type": "stream", "name": "stdout", "text": "kept\n"}
    model = {"type": "notebook", "content": {
        "metadata": {"lessons": {"language": "zh-Hant"}, "widgets": {"state": {}}},
        "cells": [{"cell_type": "code", "source": "lessons.quiz('lesson-2')", "outputs": [widget, printed]}],
    }}
    without_live_widgets(model, "lesson-2.zh-Hant.ipynb")
    outputs = model["content"]["cells"][0]["outputs"]
    assert outputs[0]["data"] == {"text/plain": "▶ 這裡原本是互動元件（測驗、時間軸或切換鈕）：執行這一格（Shift+Enter）或「Run All」即可再使用；作答都保留著。"}
    assert outputs[1] == printed and "widgets" not in model["content"]["metadata"]
    without_live_widgets({"type": "notebook", "content": {"cells": "not a list"}}, "odd.ipynb")  # never raises
    without_live_widgets({"type": "file", "content": "text"}, "notes.txt")
