"""The instructor's classroom: a scratch folder of clean lesson notebooks.

``make lab`` opens JupyterLab on this folder, not on ``book/``. What a class
projects then reads like the published page (the per-language notebooks of
:mod:`lessons.notebooks`: rendered prose, no MyST markup, one language or
both), and whatever the teacher or students type and save stays here, never
in the course's sources. The folder is made again on every ``make lab``: a
notebook nobody has changed follows the course; one the teacher has changed
is kept, and the summary says how to get the course's version back.

Two things keep a reopened notebook quiet. Its metadata carries the local
kernel's ``kernelspec`` and ``language_info`` exactly (:func:`kernel_metadata`),
so JupyterLab, which writes both when the kernel connects, finds nothing to
change and does not mark the notebook edited on opening. And the classroom's
server saves notebooks through :func:`without_live_widgets` (a
``pre_save_hook`` in ``.jupyter/classroom/jupyter_server_config.json``): a
saved widget output would reopen as "Error displaying widget: model not
found" (its kernel is gone), so on disk it becomes one line saying to run
the cell again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .bilingual import BOTH, EN, MODES, ZH, Text
from .notebooks import lesson_sources, markdown_in, notebook_name, write_lesson_notebooks

FOLDER = "classroom"
START = "START-HERE.md"  # opens as a rendered page (.jupyter/classroom/), no kernel
#: What the folder's generated files looked like when written (path -> sha256),
#: so a file the teacher edited is recognised and kept.
MANIFEST = ".generated.json"

MODE_LABEL = {ZH: "中文", EN: "English", BOTH: "中英並列 · both"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: What a saved live widget says when its notebook is opened again.
RUN_AGAIN = Text(
    "▶ 這裡原本是互動元件（測驗、時間軸或切換鈕）：執行這一格（Shift+Enter）或「Run All」即可再使用；作答都保留著。",
    "▶ A live widget (quiz, timeline or control) was here: run this cell (Shift+Enter) or Run All to use it again; your answers are kept.",
)


@dataclass
class Classroom:
    folder: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Classroom ready: {self.folder / START} (open it first)."]
        if self.written:
            lines.append(f"  {len(self.written)} notebook(s) written from the course.")
        for path in self.kept:
            lines.append(
                f"  kept your edited copy {path.name}: delete it and run `make lab` again to get the course's version"
            )
        return "\n".join(lines)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare(root: Path, folder: Path | None = None) -> Classroom:
    """Write (or refresh) the classroom folder for the lessons of ``root``'s ``_toc.yml``."""
    folder = folder or root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exports").mkdir(exist_ok=True)
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    room = Classroom(folder)
    staging = folder / ".staging"
    generated = {START: start_page({source.stem: lesson_title(source) for source in lesson_sources(root)})}
    for source in lesson_sources(root):
        for path in write_lesson_notebooks(source, staging):
            generated[path.name] = path.read_text(encoding="utf-8")
            path.unlink()
    staging.rmdir()
    local = kernel_metadata()
    for name in list(generated):
        if name.endswith(".ipynb"):
            notebook = json.loads(generated[name])
            notebook["metadata"].update(local)
            generated[name] = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    for name, text in generated.items():
        target = folder / name
        if target.is_file():
            current = target.read_text(encoding="utf-8")
            if current == text:
                manifest[name] = _digest(text)
                continue
            if _digest(current) != manifest.get(name):  # changed in class: never overwrite
                room.kept.append(target)
                continue
        target.write_text(text, encoding="utf-8")
        manifest[name] = _digest(text)
        room.written.append(target)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return room


def kernel_metadata() -> dict:
    """``kernelspec`` and ``language_info`` as this machine's python3 kernel
    reports them (JupyterLab writes them when the kernel connects)."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        display, language = spec.display_name, spec.language
    except NoSuchKernel:  # JupyterLab falls back to the kernel's name
        display, language = "python3", "python"
    return {
        "kernelspec": {"name": "python3", "display_name": display, "language": language},
        "language_info": json.loads(json.dumps(IPythonKernel.language_info)),
    }


def without_live_widgets(model: dict, path: str = "", contents_manager=None, **kwargs) -> None:
    """The classroom server's ``pre_save_hook``: in a notebook about to be
    saved, every live widget output becomes one line (in the notebook's
    language) saying to run the cell again. Only the file changes; the open
    notebook keeps its widgets. Never raises: a failing hook would stop the save."""
    try:
        if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
            return
        notebook = model["content"]
        language = (notebook.get("metadata", {}).get("lessons") or {}).get("language", BOTH)
        line = RUN_AGAIN.in_mode(language if language in MODES else BOTH, sep="\n")
        for cell in notebook.get("cells", []):
            for output in cell.get("outputs") or []:
                if isinstance(output.get("data"), dict) and WIDGET_VIEW in output["data"]:
                    output["data"] = {"text/plain": line}
        notebook.get("metadata", {}).pop("widgets", None)  # saved widget state: no kernel behind it either
    except Exception as error:  # keep saving; say why nothing was changed
        print(f"lessons: classroom save hook skipped {path}: {error}")


def lesson_title(source: Path) -> str:
    """The lesson's title in both languages ("中文 · English"), from its first heading."""
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return " · ".join(markdown_in(line[2:], mode).strip() for mode in (ZH, EN))
    return source.stem


def start_page(titles: dict[str, str]) -> str:
    """The entry point: a Markdown page linking every lesson in each language."""
    rows = "\n".join(
        f"| {title} | " + " | ".join(f"[{MODE_LABEL[mode]}]({notebook_name(lesson, mode)})" for mode in MODES) + " |"
        for lesson, title in titles.items()
    )
    return (
        "# 課堂資料夾 · Classroom\n\n"
        "選一課、選一種語言，打開後按「Run All」。這裡的筆記本是課程的副本："
        "你在課堂上輸入、儲存的內容只留在這個資料夾，不會改動課程本身（`book/`）。"
        "學生匯出的答案請放在 `exports/`。\n\n"
        "Pick a lesson and a language, open it and choose Run All. These notebooks are copies of the course: "
        "whatever you type and save in class stays in this folder and never changes the course itself (`book/`). "
        "Put students' answer exports in `exports/`.\n\n"
        f"| 課程 · Lesson | {' | '.join(MODE_LABEL[mode] for mode in MODES)} |\n"
        f"|---|{'---|' * len(MODES)}\n{rows}\n"
        + TEACHER_NOTES
    )


#: What a teacher does besides projecting: reveal answers, watch the class
#: answer, grade. The commands are those of the instructor guide.
TEACHER_NOTES = (
    "\n## 給老師 · For the teacher\n\n"
    "- **顯示答案**：在一格中執行 `import lessons; lessons.instructor.enable()`，再執行測驗那一格"
    "（或以 `LESSONS_INSTRUCTOR=1 make lab` 啟動）。  \n"
    "  **Reveal answers**: run `import lessons; lessons.instructor.enable()` in a cell, then run the quiz cell "
    "again (or start with `LESSONS_INSTRUCTOR=1 make lab`).\n"
    "- **全班即時檢視**：學生設定共用資料夾 `LESSONS_CLASS_FOLDER=<資料夾>` 後，在新的筆記本執行 "
    "`import lessons; lessons.class_view(\"lesson-2\", \"<資料夾>\")`。  \n"
    "  **Live class view**: once students set a shared `LESSONS_CLASS_FOLDER=<folder>`, run "
    "`import lessons; lessons.class_view(\"lesson-2\", \"<folder>\")` in a new notebook.\n"
    "- **多人共用的伺服器**：`.venv/bin/python -m lessons class setup <資料夾>` 把班級資料夾設成只有老師讀得到的投遞箱；"
    "`class reveal <資料夾> --lesson lesson-2` 對全班公開答案；`class archive <資料夾>` 在下一課之前把檔案移到封存資料夾。  \n"
    "  **On a shared server**: `.venv/bin/python -m lessons class setup <folder>` makes the class folder a drop box only "
    "the teacher can read; `class reveal <folder> --lesson lesson-2` reveals the answers to the class; "
    "`class archive <folder>` moves the files aside before the next lesson.\n"
    "- **教師指南**：執行 `make book` 後，用瀏覽器開啟課程資料夾中的 `_build/html/instructor-guide.html`"
    "（「即時全班檢視」一節說明以上設定）。  \n"
    "  **Instructor guide**: after `make book`, open `_build/html/instructor-guide.html` in the course folder "
    "with a browser (its \"Live class view\" section explains the above).\n"
    "- **成績彙整**：把學生的匯出檔放進 `exports/`，在課程資料夾執行 "
    "`.venv/bin/python -m lessons gradebook classroom/exports/ --out results/`。  \n"
    "  **Gradebook**: put the students' exports in `exports/`, then in the course folder run "
    "`.venv/bin/python -m lessons gradebook classroom/exports/ --out results/`.\n"
)
