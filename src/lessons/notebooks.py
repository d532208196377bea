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
(:func:`add_download_links`, called from ``sphinxext``).
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass
from pathlib import Path

from .bilingual import BOTH, EN, MODES, ZH

LANG_OF_CODE = {"zh": ZH, "en": EN}
LESSON_NAME = re.compile(r"^lesson-\d+$")
#: Where the book build puts the notebooks, relative to the HTML root.
HTML_FOLDER = "notebooks"
#: Where ``make notebooks`` writes them in the repository, committed so that
#: Colab can open them from GitHub (it opens .ipynb files, not MyST .md).
REPO_FOLDER = "notebooks"

# A fenced directive opener: ":::{name} argument" or "```{name} argument".
OPENER = re.compile(r"^(?P<indent>\s*)(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
LABEL_LINE = re.compile(r"^\s*\([\w:.-]+\)=\s*$")
ROLE_PAIR = re.compile(r"\{zh\}`(?P<zh>[^`]*)`\s*\{en\}`(?P<en>[^`]*)`")
LANG_ROLE = re.compile(r"\{(?P<code>zh|en)\}`(?P<text>[^`]*)`")
# Any other inline role, e.g. {ref}`the origins <l1-origins>` or {term}`SCO`.
OTHER_ROLE = re.compile(r"\{[\w:-]+\}`(?P<text>[^`]*)`")
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
#: What the first cell does before it sets the language, said in both languages in every notebook.
INSTALL_NOTE = (
    "# 本格先確認已安裝課程套件 lessons。若尚未安裝（例如在 Colab、學校的 JupyterHub 或 VS Code），\n"
    "# 就用 pip 安裝：來源是本筆記本旁的 lessons-*.whl，若沒有，則是課程的儲存庫。若已安裝（例如在課程資料夾中用 make lab），則不會安裝任何東西。\n"
    "# This cell first makes sure the course package lessons is installed. If it is missing (in Colab,\n"
    "# a school JupyterHub, VS Code), it installs it with pip: from a lessons-*.whl beside this notebook,\n"
    "# else from the course's repository. When it is there already (make lab in the course folder), nothing is installed.\n"
)
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


class NotebookError(ValueError):
    """A lesson that cannot be turned into notebooks; the message names the file and line."""


# Markdown in one language -------------------------------------------------


@dataclass(frozen=True)
class _Fence:
    """A directive found at ``start``: its name, argument and body lines."""

    name: str
    arg: str
    body: list[str]
    lines: list[str]  # the whole directive as written, fences included
    end: int  # index of the line after the closing fence


def _find_fence(lines: list[str], start: int, where: str) -> _Fence:
    opener = OPENER.match(lines[start])
    fence = opener["fence"]
    closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            body = lines[start + 1 : index]
            return _Fence(opener["name"], opener["arg"].strip(), body, lines[start : index + 1], index + 1)
    raise NotebookError(
        f"{where}: the block opened by {lines[start].strip()!r} is never closed: "
        f"end it with a line of {len(fence)} or more {fence[0]!r}"
    )


def _directive_options_dropped(body: list[str]) -> list[str]:
    """A directive body without its leading ``:option: value`` lines."""
    index = 0
    while index < len(body) and re.match(r"^\s*:[\w-]+:", body[index]):
        index += 1
    return body[index:]


def _inline(text: str, mode: str) -> str:
    """Keep the chosen language's roles; other roles keep their display text."""

    def pair(match: re.Match) -> str:
        if mode == ZH:
            return match["zh"]
        if mode == EN:
            return match["en"]
        return f"{match['zh']} · {match['en']}"

    text = ROLE_PAIR.sub(pair, text)
    text = LANG_ROLE.sub(lambda m: m["text"] if mode in (BOTH, LANG_OF_CODE[m["code"]]) else "", text)
    return OTHER_ROLE.sub(lambda m: re.sub(r"\s*<[^<>]*>\s*$", "", m["text"]), text)


def markdown_in(source: str, mode: str, where: str = "<markdown>") -> str:
    """The Markdown ``source`` with the prose of ``mode`` only (``both``: both).

    ``where`` (e.g. ``book/lesson-1.md:40``) names the cell in error messages.
    """
    lines = source.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opener = OPENER.match(line)
        if LABEL_LINE.match(line):
            index += 1
            continue
        if not opener:
            out.append(_inline(line, mode))
            index += 1
            continue
        fence = _find_fence(lines, index, where)
        out.extend(_fence_in(fence, mode, where))
        index = fence.end
    return _tidy("\n".join(out))


def _fence_in(fence: _Fence, mode: str, where: str) -> list[str]:
    body = "\n".join(fence.body)
    if fence.name == "bilingual":
        return markdown_in(body, mode, where).splitlines()
    if fence.name in LANG_OF_CODE:
        keep = mode in (BOTH, LANG_OF_CODE[fence.name])
        return ["", *markdown_in(body, mode, where).splitlines(), ""] if keep else []
    if fence.name in ADMONITIONS:
        return _admonition(fence, mode, where)
    # Figures, math and the rest pass through unchanged: nothing is lost.
    return fence.lines


def _admonition(fence: _Fence, mode: str, where: str) -> list[str]:
    zh, en = ADMONITION_LABELS.get(fence.name, ("", ""))
    title = _inline(fence.arg, mode) or {ZH: zh, EN: en, BOTH: f"{zh} · {en}".strip(" ·")}[mode]
    body = markdown_in("\n".join(_directive_options_dropped(fence.body)), mode, where)
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
        raise NotebookError(f"{start}: no _config.yml above it: the notebooks name the course repository from it")
    repository = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("repository") or {}
    if not isinstance(repository, dict) or not str(repository.get("url", "")).startswith("https://"):
        raise NotebookError(f"{config}: set repository.url (https://...): the notebooks install the course package from it")
    return repository["url"].rstrip("/"), str(repository.get("branch") or "main")


def package_requirement(start: Path) -> str:
    """pip's requirement for the course package from its repository, e.g.
    ``lessons @ git+https://github.com/org/course@main``."""
    url, branch = course_repository(start)
    return f"lessons @ git+{url}@{branch}"


def preset_cell_source(mode: str, requirement: str) -> str:
    """The first code cell: install the course package when it is missing
    (from ``requirement`` unless a wheel lies beside the notebook), then
    start this kernel's quizzes and timeline in ``mode``."""
    install = INSTALL_CODE.replace("{requirement}", requirement)
    return f'{INSTALL_NOTE}{install}\n{PRESET_TITLE[mode]}\nimport lessons\n\nlessons.bilingual.current.mode = "{mode}"'


def notebook_in(lesson, mode: str, where: str, requirement: str):
    """A copy of the jupytext notebook ``lesson`` with prose in ``mode`` only;
    its first cell installs the package from ``requirement`` when missing."""
    import nbformat

    notebook = copy.deepcopy(lesson)
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "markdown":
            cell.source = markdown_in(cell.source, mode, f"{where}, cell {number}")
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type != "markdown" or cell.source.strip()]
    preset = nbformat.v4.new_code_cell(preset_cell_source(mode, requirement), metadata={"tags": ["lessons-language"]})
    notebook.cells.insert(0, preset)
    # A plain .ipynb: not paired with the .md it came from.
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["lessons"] = {"lesson": Path(where).stem, "language": mode}
    # Stable cell ids, so regenerating an unchanged lesson gives the same file.
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for number, cell in enumerate(notebook.cells):
        cell.id = f"{mode}-{number}"
    return notebook


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


def write_lesson_notebooks(source: Path, out_dir: Path) -> list[Path]:
    """The three notebooks of one lesson file, written into ``out_dir``."""
    import jupytext
    import nbformat

    if not source.is_file():
        raise NotebookError(f"{source}: listed in _toc.yml but missing: create it or remove it from _toc.yml")
    lesson = jupytext.read(source, fmt="md:myst")
    requirement = package_requirement(source.parent)
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


# The published book: a download block on each lesson page ----------------

DOWNLOAD_TEXT = {
    ZH: ("下載本課的 Jupyter 筆記本：", {ZH: "中文", EN: "英文", BOTH: "中英並列"}, "（可在任何 Jupyter 中執行：第一格會在需要時安裝課程套件）"),
    EN: (
        "Download this lesson as a Jupyter notebook: ",
        {ZH: "Chinese", EN: "English", BOTH: "both languages"},
        " (runs in any Jupyter: its first cell installs the course package if needed)",
    ),
}


def download_links_html(lesson: str, prefix: str) -> str:
    """The bilingual block of download links; ``prefix`` leads from the page to the HTML root."""
    blocks = []
    for lang, (lead, labels, where) in DOWNLOAD_TEXT.items():
        links = " · ".join(
            f'<a href="{html.escape(prefix + HTML_FOLDER + "/" + notebook_name(lesson, mode))}" download '
            f'hreflang="{"zh-Hant" if mode == ZH else "en" if mode == EN else "mul"}">{html.escape(labels[mode])}</a>'
            for mode in MODES
        )
        css = "bl-zh" if lang == ZH else "bl-en"
        blocks.append(f'<p class="bl {css}" lang="{lang}">{html.escape(lead)}{links}{html.escape(where)}</p>')
    return f'<div class="bl-pair lessons-notebooks">{"".join(blocks)}</div>\n'


def add_download_links(app, doctree, docname: str) -> None:
    """Sphinx ``doctree-resolved``: on a lesson page, write its three notebooks
    into the HTML output and put the links under the page title."""
    from docutils import nodes

    name = docname.rsplit("/", 1)[-1]
    if app.builder.format != "html" or not LESSON_NAME.match(name):
        return
    source = Path(app.env.doc2path(docname))
    write_lesson_notebooks(source, Path(app.outdir) / HTML_FOLDER)
    prefix = "../" * docname.count("/")
    links = nodes.raw("", download_links_html(name, prefix), format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, links)
        return
    title_at = next((i for i, child in enumerate(section.children) if isinstance(child, nodes.title)), -1)
    section.insert(title_at + 1, links)
