"""Per-language notebooks of every lesson: zh-Hant, English, and both.

A lesson is one MyST text notebook holding both languages. An instructor who
teaches in one language wants a plain ``.ipynb`` with only that language's
prose and the widgets already in that language. For each lesson listed in
``_toc.yml`` this module writes three notebooks::

    lesson-1.zh-Hant.ipynb   lesson-1.en.ipynb   lesson-1.both.ipynb

Markdown is turned into what JupyterLab, Notebook and Colab render without
MyST: a ``{bilingual}`` pair keeps the chosen block(s); ``{zh}``/``{en}``
roles keep the chosen phrase(s); labels ``(name)=`` go; cross-reference roles
keep their text; admonitions become block quotes. Code cells are unchanged,
after one first cell that installs the course package when it is missing
(Colab, a JupyterHub, VS Code: a notebook runs unchanged outside the
repository) and sets the kernel's language mode.

The published book links the three files on each lesson page
(:mod:`lessons.sphinxext.downloads`).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from . import myst
from .bilingual import BOTH, EN, MODES, ZH
from .problems import LoadError, Problem

LANG_OF_CODE = {"zh": ZH, "en": EN}
LANGUAGE_CONTROL = "lessons.language_control()"
LESSON_NAME = re.compile(r"^lesson-\d+$")
#: Where the book build puts the notebooks, relative to the HTML root.
HTML_FOLDER = "notebooks"
#: Where ``make notebooks`` writes them in the repository, committed so that
#: Colab can open them from GitHub (it opens .ipynb files, not MyST .md).
REPO_FOLDER = "notebooks"

ADMONITION_LABELS = {
    "note": ("注意", "Note"),
    "tip": ("提示", "Tip"),
    "hint": ("提示", "Hint"),
    "important": ("重要", "Important"),
    "warning": ("警告", "Warning"),
    "caution": ("小心", "Caution"),
    "attention": ("留意", "Attention"),
    "seealso": ("另見", "See also"),
}
ADMONITIONS = set(ADMONITION_LABELS) | {"admonition", "dropdown"}
PRESET_TITLE = {
    ZH: "# 本筆記本的語言：中文（測驗與時間軸皆以中文顯示）。",
    EN: "# This notebook's language: English (quizzes and the timeline follow it).",
    BOTH: "# 本筆記本的語言：中英並列 · This notebook's language: both.",
}
#: What the first cell does, in the notebook's language. The cell itself is
#: collapsed (``jupyter.source_hidden``): a class sees this line, not its code.
INSTALL_NOTE = {
    ZH: "# 本格：若尚未安裝課程套件 lessons（例如在 Colab、學校的 JupyterHub 或 VS Code），先用 pip 安裝（本筆記本旁的 lessons-*.whl，或課程的儲存庫）。\n",
    EN: "# This cell installs the course package lessons with pip if it is missing (Colab, a school JupyterHub, VS Code): from a lessons-*.whl beside this notebook, else from the course's repository.\n",
}
INSTALL_NOTE[BOTH] = INSTALL_NOTE[ZH] + INSTALL_NOTE[EN]
#: In the both-languages notebook, under its language control: what the
#: control switches, and where the one-language notebooks are.
BOTH_NOTE = (
    "> 上方的語言切換鈕只切換測驗、時間軸等互動元件；這本筆記本的課文一律中英並列。"
    "只要一種語言的課文，請開 [中文筆記本]({zh}) 或 [English notebook]({en})。\n>\n"
    "> The language control above switches the quizzes, the timeline and the other widgets only; "
    "the text of this notebook stays in both languages. For the text in one language, open the "
    "[中文筆記本]({zh}) or the [English notebook]({en})."
)
#: "提示 Hint: ..." in a code cell's comment: each one-language notebook keeps its own word.
HINT_WORDS = {ZH: "提示：", EN: "Hint: "}
#: Where the first cell installs the package from when no wheel lies beside
#: the notebook: the course repository, as _config.yml names it.
INSTALL_CODE = """import importlib.util
import pathlib
import subprocess
import sys

if importlib.util.find_spec("lessons") is None:
    wheels = sorted(pathlib.Path().glob("lessons-*.whl"))
    source = str(wheels[-1]) if wheels else "{requirement}"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", source], check=True)
    importlib.invalidate_caches()
"""


class NotebookError(LoadError):
    """A lesson that cannot be turned into notebooks: one
    :class:`~lessons.problems.Problem` naming the file (and cell) and the fix."""


# Markdown in one language -------------------------------------------------


def _directive_options_dropped(body: list[str]) -> list[str]:
    """A directive body without its leading ``:option: value`` lines (MyST
    directive syntax, read by the directive itself, not by markdown-it)."""
    index = 0
    while index < len(body) and re.match(r"^\s*:[\w-]+:", body[index]):
        index += 1
    return body[index:]


def _inline(text: str, mode: str) -> str:
    """Keep the chosen language's roles (a ``{zh}`…` {en}`…``` pair becomes
    one phrase); other roles keep their display text."""
    found = myst.roles(text)
    out, position, index = [], 0, 0
    while index < len(found):
        role = found[index]
        out.append(text[position:role.start])
        partner = found[index + 1] if index + 1 < len(found) else None
        if role.name == "zh" and partner and partner.name == "en" and not text[role.end:partner.start].strip():
            out.append({ZH: role.content, EN: partner.content, BOTH: f"{role.content} · {partner.content}"}[mode])
            position, index = partner.end, index + 2
            continue
        out.append(_role_in(role, mode))
        position, index = role.end, index + 1
    out.append(text[position:])
    return "".join(out)


def _role_in(role: myst.Role, mode: str) -> str:
    if role.name in LANG_OF_CODE:
        return role.content if mode in (BOTH, LANG_OF_CODE[role.name]) else ""
    # {ref}`the origins <l1-origins>` -> "the origins"; {term}`SCO` -> "SCO"
    return re.sub(r"\s*<[^<>]*>\s*$", "", role.content)


def markdown_in(source: str, mode: str, where: str = "<markdown>") -> str:
    """The Markdown ``source`` with the prose of ``mode`` only (``both``: both).

    ``where`` (e.g. ``book/lesson-1.md:40``) names the cell in error messages.
    """
    lines = source.splitlines()
    out: list[str] = []
    cursor = 0
    for block in myst.blocks(source):
        out.extend(lines[cursor:block.start])  # blank lines between blocks
        cursor = block.end
        if block.is_label:
            continue
        if block.is_directive:
            out.extend(_directive_in(block, lines, mode, where))
        else:
            out.append(_inline("\n".join(lines[block.start:block.end]), mode))
    out.extend(lines[cursor:])
    return _tidy("\n".join(out))


def _directive_in(block: myst.Block, lines: list[str], mode: str, where: str) -> list[str]:
    if not block.closed:
        raise NotebookError([Problem(
            where, None, None,
            f"the block opened by {lines[block.start].strip()!r} is never closed: "
            f"end it with a line of {len(block.fence)} or more {block.fence[0]!r}",
        )])
    if block.name == "bilingual":  # its :class: (screen-only) means nothing in a notebook
        return markdown_in("\n".join(_directive_options_dropped(block.body.splitlines())), mode, where).splitlines()
    if block.name in LANG_OF_CODE:
        keep = mode in (BOTH, LANG_OF_CODE[block.name])
        return ["", *markdown_in(block.body, mode, where).splitlines(), ""] if keep else []
    if block.name in ADMONITIONS:
        return _admonition(block, mode, where)
    # Figures, math and the rest pass through unchanged: nothing is lost.
    return lines[block.start:block.end]


def _admonition(block: myst.Block, mode: str, where: str) -> list[str]:
    zh, en = ADMONITION_LABELS.get(block.name, ("", ""))
    title = _inline(block.arg, mode) or {ZH: zh, EN: en, BOTH: f"{zh} · {en}".strip(" ·")}[mode]
    body = markdown_in("\n".join(_directive_options_dropped(block.body.splitlines())), mode, where)
    quoted = [f"> {line}".rstrip() for line in body.splitlines()]
    return ["", f"> **{title}**" if title else ">", ">", *quoted, ""]


def _tidy(text: str) -> str:
    """No runs of blank lines, no blank lines at the ends, no trailing spaces."""
    text = re.sub(r"[ \t]+$", "", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# Notebooks ----------------------------------------------------------------


def lesson_sources(root: Path) -> list[Path]:
    """The lesson files listed in ``root/_toc.yml`` (``lesson-N``), in toc order."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(entry):
        if isinstance(entry, dict):
            if isinstance(entry.get("file"), str):
                files.append(entry["file"])
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for item in entry:
                walk(item)

    walk(toc)
    return [root / f"{name}.md" for name in files if LESSON_NAME.match(Path(name).name)]


def course_repository(start: Path) -> tuple[str, str]:
    """The course repository's URL and branch, from ``repository`` in the
    ``_config.yml`` found upward from ``start``."""
    import yaml

    here = start.resolve()
    config = next((folder / "_config.yml" for folder in (here, *here.parents) if (folder / "_config.yml").is_file()), None)
    if config is None:
        raise NotebookError([Problem(str(start), None, None, "no _config.yml above it: the notebooks name the course repository from it")])
    repository = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("repository") or {}
    if not isinstance(repository, dict) or not str(repository.get("url", "")).startswith("https://"):
        raise NotebookError([Problem(str(config), None, None, "set repository.url (https://...): the notebooks install the course package from it")])
    return repository["url"].rstrip("/"), str(repository.get("branch") or "main")


def package_requirement(start: Path) -> str:
    """pip's requirement for the course package from its repository, e.g.
    ``lessons @ git+https://github.com/org/course@main``."""
    return requirement_for(*course_repository(start))


def requirement_for(url: str, branch: str) -> str:
    """pip's requirement for the course package from ``url`` at ``branch``."""
    return f"lessons @ git+{url}@{branch}"


def preset_cell_source(mode: str, requirement: str) -> str:
    """The first code cell: install the course package when it is missing
    (from ``requirement`` unless a wheel lies beside the notebook), then
    start this kernel's quizzes and timeline in ``mode``."""
    install = INSTALL_CODE.replace("{requirement}", requirement)
    fixed = "" if mode == BOTH else "\nlessons.bilingual.current.fixed = True  # one language: no language control"
    return f'{INSTALL_NOTE[mode]}{install}\n{PRESET_TITLE[mode]}\nimport lessons\n\nlessons.bilingual.current.mode = "{mode}"{fixed}'


def notebook_in(lesson, mode: str, where: str, requirement: str):
    """A copy of the jupytext notebook ``lesson`` with prose in ``mode`` only;
    its first cell installs the package from ``requirement`` when missing."""
    import nbformat

    notebook = copy.deepcopy(lesson)
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "markdown":
            cell.source = markdown_in(cell.source, mode, f"{where}, cell {number}")
    if mode != BOTH:  # the mode is fixed here: no 中文/English/並列 control, comments in one language
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.source = _without_language_control(comments_in(cell.source, mode))
    else:
        _explain_the_control(notebook, Path(where).stem)
    notebook.cells = [cell for cell in notebook.cells if cell.source is not None]
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type != "markdown" or cell.source.strip()]
    preset = nbformat.v4.new_code_cell(
        preset_cell_source(mode, requirement), metadata={"tags": ["lessons-language"], "jupyter": {"source_hidden": True}}
    )
    notebook.cells.insert(0, preset)
    # A plain .ipynb: not paired with the .md it came from.
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["lessons"] = {"lesson": Path(where).stem, "language": mode}
    # Stable cell ids, so regenerating an unchanged lesson gives the same file.
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for number, cell in enumerate(notebook.cells):
        cell.id = f"{mode}-{number}"
    return notebook


def _explain_the_control(notebook, lesson: str) -> None:
    """Under the both-languages notebook's language control, say what it
    switches (widgets, not the text) and link the one-language notebooks."""
    import nbformat

    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and LANGUAGE_CONTROL in cell.source:
            note = BOTH_NOTE.format(zh=notebook_name(lesson, ZH), en=notebook_name(lesson, EN))
            notebook.cells.insert(number + 1, nbformat.v4.new_markdown_cell(note))
            return


def comments_in(source: str, mode: str) -> str:
    """A code cell's whole-line comments in ``mode`` only (code is never
    touched): a Chinese comment line goes from the English notebook, the
    English line right after a Chinese one (its translation) from the
    Chinese notebook; "中文 / English" keeps its side; "提示 Hint:" its word."""
    kept: list[str] = []
    after_chinese = False
    for line in source.split("\n"):
        indent, comment = line[: len(line) - len(line.lstrip())], line.strip()
        if not comment.startswith("#"):
            kept.append(line)
            after_chinese = False
            continue
        text = comment.lstrip("#").strip()
        chinese = bool(re.search(r"[\u4e00-\u9fff]", text))
        if text.startswith("提示 Hint:"):
            kept.append(f"{indent}# {HINT_WORDS[mode]}{text[len('提示 Hint:'):].strip()}")
        elif chinese and " / " in text:
            zh, en = text.split(" / ", 1)
            kept.append(f"{indent}# {zh if mode == ZH else en}")
        elif chinese:
            if mode == ZH:
                kept.append(line)
        elif not (mode == ZH and after_chinese):
            kept.append(line)
        after_chinese = chinese and not text.startswith("提示") and " / " not in text
    return "\n".join(kept)


def _without_language_control(source: str) -> str | None:
    """``source`` without its ``lessons.language_control()`` line; None (drop
    the cell) if nothing but ``import lessons`` is left (the first cell
    imports it)."""
    lines = [line for line in source.splitlines() if line.strip() != LANGUAGE_CONTROL]
    if len(lines) == len(source.splitlines()):
        return source
    rest = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return None if all(line.strip() == "import lessons" for line in rest) else "\n".join(lines)


def notebook_name(lesson: str, mode: str) -> str:
    """E.g. ``lesson-1.zh-Hant.ipynb``, ``lesson-1.en.ipynb``, ``lesson-1.both.ipynb``."""
    return f"{lesson}.{mode}.ipynb"


def write_notebooks(out_dir: Path, root: Path | None = None) -> list[Path]:
    """Write the three notebooks of every lesson into ``out_dir``; return their paths."""
    from .paths import repo_root

    root = root or repo_root()
    written: list[Path] = []
    for source in lesson_sources(root):
        written.extend(write_lesson_notebooks(source, out_dir))
    return written


def write_lesson_notebooks(source: Path, out_dir: Path, requirement: str | None = None) -> list[Path]:
    """The three notebooks of one lesson file, written into ``out_dir``;
    ``requirement`` (pip's, for the course package) defaults to the one
    :func:`package_requirement` reads from ``_config.yml``."""
    import jupytext
    import nbformat

    if not source.is_file():
        raise NotebookError([Problem(str(source), None, None, "listed in _toc.yml but missing: create it or remove it from _toc.yml")])
    lesson = jupytext.read(source, fmt="md:myst")
    requirement = requirement or package_requirement(source.parent)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for mode in MODES:
        notebook = notebook_in(lesson, mode, str(source), requirement)
        path = out_dir / notebook_name(source.stem, mode)
        text = nbformat.writes(notebook) + "\n"
        # Only rewrite a changed file, so a book rebuild leaves dates alone.
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
