"""Per-language notebooks: each holds only its language's prose, starts with
a cell presetting the widgets' language, and runs; the book build writes
them and links them from every lesson page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from inprocess import run_lessons, run_sphinx
from lessons import notebooks
from kernels import problems, run_notebook

ROOT = Path(__file__).resolve().parents[1]
MODES = ("zh-Hant", "en", "both")
#: The course's lessons, from _toc.yml: a new lesson is tested without editing this file.
LESSONS = [path.stem for path in notebooks.lesson_sources(ROOT)]

LESSON = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

(l9-top)=
# {zh}`第九課` {en}`Lesson nine`

::::{bilingual}
:::{zh}
中文段落，見{ref}`起點 <l9-start>`。
:::
:::{en}
An English paragraph, see {ref}`the start <l9-start>`.
:::
::::

```{code-cell} ipython3
print("hello")
```

(l9-start)=
## {zh}`起點` {en}`The start`

::::{bilingual}
:::{zh}
第二段中文。

```{admonition} 背景補充
:class: context
補充的中文內容。
```
:::
:::{en}
A second English paragraph.

```{admonition} Context
:class: context
Added English context.
```
:::
::::

:::{note}
A plain note stays as a quote.
:::
"""


def markdown_of(notebook) -> str:
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


#: A course's _config.yml names its repository: the notebooks install the package from it.
CONFIG = "repository:\n  url: https://github.com/example-org/example-course\n  branch: trunk\n"


@pytest.fixture
def lesson_notebooks(tmp_path):
    (tmp_path / "_config.yml").write_text(CONFIG, encoding="utf-8")
    source = tmp_path / "lesson-9.md"
    source.write_text(LESSON, encoding="utf-8")
    paths = notebooks.write_lesson_notebooks(source, tmp_path / "out")
    return {mode: nbformat.read(path, as_version=4) for mode, path in zip(MODES, paths)}


def test_three_files_per_lesson(tmp_path, lesson_notebooks):
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "lesson-9.both.ipynb", "lesson-9.en.ipynb", "lesson-9.zh-Hant.ipynb",
    ]
    for notebook in lesson_notebooks.values():
        nbformat.validate(notebook)
        assert "jupytext" not in notebook.metadata, "a plain notebook, not paired with the .md"
        assert notebook.metadata.kernelspec.name == "python3"


def test_english_notebook_has_only_english_prose(lesson_notebooks):
    text = markdown_of(lesson_notebooks["en"])
    assert text.startswith("# Lesson nine\n\nAn English paragraph, see the start.")
    assert "## The start" in text
    assert "> **Context**\n>\n> Added English context." in text
    assert not re.search(r"[\u4e00-\u9fff]", text), text
    assert "{" not in text, "no MyST roles or directives left"
    assert "(l9-start)=" not in text


def test_chinese_notebook_has_only_chinese_prose(lesson_notebooks):
    text = markdown_of(lesson_notebooks["zh-Hant"])
    assert text.startswith("# 第九課\n\n中文段落，見起點。")
    assert "## 起點" in text
    assert "> **背景補充**\n>\n> 補充的中文內容。" in text
    for english in ("Lesson nine", "English paragraph", "The start", "Added English context"):
        assert english not in text


def test_both_notebook_keeps_chinese_then_english(lesson_notebooks):
    text = markdown_of(lesson_notebooks["both"])
    assert text.startswith("# 第九課 · Lesson nine\n\n中文段落，見起點。\n\nAn English paragraph, see the start.")
    assert text.index("第二段中文") < text.index("A second English paragraph")


def test_admonitions_become_quotes(lesson_notebooks):
    assert "> **Note**\n>\n> A plain note stays as a quote." in markdown_of(lesson_notebooks["en"])
    assert "> **注意**\n>\n> A plain note stays as a quote." in markdown_of(lesson_notebooks["zh-Hant"])


def test_first_cell_presets_the_language_and_code_is_unchanged(lesson_notebooks):
    for mode, notebook in lesson_notebooks.items():
        first = notebook.cells[0]
        assert first.cell_type == "code"
        assert f'lessons.bilingual.current.mode = "{mode}"' in first.source
        assert [c.source for c in notebook.cells if c.cell_type == "code"][1:] == ['print("hello")']


def test_first_cell_installs_the_package_from_the_configured_repository_and_says_so_in_its_language(lesson_notebooks):
    for mode, notebook in lesson_notebooks.items():
        first = notebook.cells[0].source
        assert '"lessons @ git+https://github.com/example-org/example-course@trunk"' in first
        assert 'importlib.util.find_spec("lessons") is None' in first and 'glob("lessons-*.whl")' in first
        assert ("安裝課程套件" in first) == (mode != "en") and ("installs the course package" in first) == (mode != "zh-Hant")
        assert notebook.cells[0].metadata["jupyter"] == {"source_hidden": True}, "collapsed: the first screen is the lesson"
        assert first.index("pip") < first.index("import lessons"), "installs before the import"


def test_a_course_without_a_repository_is_a_clear_error(tmp_path):
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "lesson-9.md").write_text(LESSON, encoding="utf-8")
    with pytest.raises(notebooks.NotebookError, match=r"_config.yml: set repository.url"):
        notebooks.write_lesson_notebooks(tmp_path / "lesson-9.md", tmp_path / "out")


def test_regenerating_an_unchanged_lesson_gives_the_same_bytes(tmp_path, lesson_notebooks):
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    notebooks.write_lesson_notebooks(tmp_path / "lesson-9.md", tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_unclosed_block_names_the_file_and_the_fix(tmp_path):
    (tmp_path / "_config.yml").write_text(CONFIG, encoding="utf-8")
    source = tmp_path / "lesson-9.md"
    source.write_text(LESSON.replace("::::\n\n```{code-cell}", "\n\n```{code-cell}", 1), encoding="utf-8")
    with pytest.raises(notebooks.NotebookError) as error:
        notebooks.write_lesson_notebooks(source, tmp_path / "out")
    assert str(source) in str(error.value)
    assert "'::::{bilingual}' is never closed: end it with a line of 4 or more ':'" in str(error.value)


def test_lessons_come_from_the_toc():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    listed = re.findall(r"file: book/(lesson-\d+)", toc)
    assert listed[:4] == ["lesson-1", "lesson-2", "lesson-3", "lesson-4"]
    assert [p.name for p in notebooks.lesson_sources(ROOT)] == [f"{name}.md" for name in listed]


# The real lessons -------------------------------------------------------------------

BLOCK = re.compile(r"^:::\{(zh|en)\}\n(.*?)^:::$", re.M | re.S)


def plain_lines(block: str) -> list[str]:
    """Lines of a language block with no markup to transform: what must appear verbatim."""
    return [
        line.strip()
        for line in block.splitlines()
        if len(line.strip()) > 15 and not re.search(r"[{}`<>|#]|^\s*[-*>\d]|^:", line)
    ]


@pytest.fixture(scope="module")
def course_notebooks(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebooks")
    result = run_lessons("notebooks", "--out", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def test_cli_writes_three_notebooks_per_lesson(course_notebooks):
    names = sorted(p.name for p in course_notebooks.iterdir())
    assert names == sorted(f"{lesson}.{mode}.ipynb" for lesson in LESSONS for mode in MODES)


def test_the_committed_notebooks_are_up_to_date(course_notebooks):
    """Colab opens the notebooks committed under notebooks/ on GitHub: they must match the lessons."""
    committed = ROOT / notebooks.REPO_FOLDER
    stale = [
        path.name for path in sorted(course_notebooks.iterdir())
        if not (committed / path.name).is_file() or (committed / path.name).read_bytes() != path.read_bytes()
    ]
    extra = sorted({p.name for p in committed.glob("*.ipynb")} - {p.name for p in course_notebooks.iterdir()})
    assert not stale and not extra, (
        f"notebooks/ is out of date (stale or missing: {stale}; no longer made: {extra}): "
        "run `make notebooks` and commit notebooks/"
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_real_lessons_keep_only_their_language(course_notebooks, lesson):
    blocks = BLOCK.findall((ROOT / "book" / f"{lesson}.md").read_text(encoding="utf-8"))
    lines = {code: [line for lang, block in blocks if lang == code for line in plain_lines(block)] for code in ("zh", "en")}
    assert len(lines["zh"]) > 5 and len(lines["en"]) > 5
    for mode, keep, drop in (("zh-Hant", "zh", "en"), ("en", "en", "zh"), ("both", None, None)):
        notebook = nbformat.read(course_notebooks / f"{lesson}.{mode}.ipynb", as_version=4)
        text = markdown_of(notebook)
        kept = [lines[keep]] if keep else [lines["zh"], lines["en"]]
        missing = [line for group in kept for line in group if line not in text]
        assert not missing, f"{lesson}.{mode} lost: {missing[:3]}"
        if drop:
            leaked = [line for line in lines[drop] if line in text]
            assert not leaked, f"{lesson}.{mode} has the other language: {leaked[:3]}"
        assert not re.search(r"\{(zh|en|bilingual)\}", text)


@pytest.mark.parametrize("lesson", LESSONS)
def test_only_the_side_by_side_notebook_offers_the_language_control(course_notebooks, lesson):
    """In the 中文 and English notebooks the mode is fixed: no 中文/English/並列
    control (its cell goes, the rest of the code stays); 並列 keeps it, as the lesson does."""
    assert "lessons.language_control()" in (ROOT / "book" / f"{lesson}.md").read_text(encoding="utf-8")
    code = {}
    for mode in MODES:
        notebook = nbformat.read(course_notebooks / f"{lesson}.{mode}.ipynb", as_version=4)
        code[mode] = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        has_control = any("lessons.language_control()" in source for source in code[mode])
        assert has_control == (mode == "both"), f"{lesson}.{mode}: language control shown: {has_control}"
    # Past the first (preset) cell, the same code (comments differ by language); 並列 has the control's cell too.
    def lines_of_code(sources):
        return [[line for line in source.splitlines() if not line.lstrip().startswith("#")] for source in sources]
    assert lines_of_code(code["en"][1:]) == lines_of_code(code["zh-Hant"][1:]) == lines_of_code(
        [s for s in code["both"][1:] if "lessons.language_control()" not in s]
    )
    english_code = "\n".join(code["en"])
    assert not re.search(r"[\u4e00-\u9fff]", english_code), "no Chinese in the English notebook's code cells"
    both = nbformat.read(course_notebooks / f"{lesson}.both.ipynb", as_version=4)
    [note] = [c.source for c in both.cells if c.cell_type == "markdown" and "switches the quizzes" in c.source]
    assert f"({lesson}.zh-Hant.ipynb)" in note and f"({lesson}.en.ipynb)" in note and "widgets only" in note


def test_code_comments_keep_the_notebooks_language_and_code_stays():
    source = "# 幾次？\n# How many times?\nx = 1  # 不動 stays\n# 提示 Hint: x + 1\n#   then more\n# 寫一行 / Write a line:\n"
    assert notebooks.comments_in(source, "en") == "# How many times?\nx = 1  # 不動 stays\n# Hint: x + 1\n#   then more\n# Write a line:\n"
    assert notebooks.comments_in(source, "zh-Hant") == "# 幾次？\nx = 1  # 不動 stays\n# 提示：x + 1\n#   then more\n# 寫一行\n"


def test_a_cell_with_more_than_the_control_keeps_the_rest():
    assert notebooks._without_language_control("import lessons\nlessons.language_control()") is None
    assert notebooks._without_language_control("# the control\nimport lessons\nlessons.language_control()\n") is None
    assert notebooks._without_language_control("import lessons\nlessons.language_control()\nx = 1") == "import lessons\nx = 1"
    assert notebooks._without_language_control('print("hello")') == 'print("hello")'


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lesson", LESSONS)
def test_real_lesson_notebooks_run_in_their_language(course_notebooks, lesson, mode):
    notebook = nbformat.read(course_notebooks / f"{lesson}.{mode}.ipynb", as_version=4)
    probe = "import lessons\nprint(lessons.bilingual.current.mode)"
    notebook.cells.append(nbformat.v4.new_code_cell(probe))
    # Run from the repository, as `make notebooks` output would be.
    run_notebook(notebook, cwd=ROOT)
    assert problems(notebook) == [], "\n\n".join(problems(notebook))
    assert notebook.cells[-1].outputs[0].text.strip() == mode, "the preset language held to the end"


# The book build hook ------------------------------------------------------------------

CONF = """
extensions = ["myst_parser", "lessons.sphinxext"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
"""


def test_sphinx_build_writes_notebooks_and_links_them(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "index.md").write_text("# Index\n\n```{toctree}\nbook/lesson-3\nbook/glossary\n```\n")
    (tmp_path / "book").mkdir()
    lesson = re.sub(r"```\{code-cell\}.*?```\n", "", LESSON, flags=re.S)
    (tmp_path / "book" / "lesson-3.md").write_text(lesson, encoding="utf-8")
    (tmp_path / "book" / "glossary.md").write_text("# {zh}`詞彙` {en}`Glossary`\n", encoding="utf-8")
    code, output = run_sphinx("-b", "html", "-n", "-W", "-q", tmp_path, tmp_path / "_build")
    assert code == 0, output
    from bs4 import BeautifulSoup

    page = tmp_path / "_build" / "book" / "lesson-3.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    block = html.select_one(".lessons-notebooks")
    assert block is not None and block.find_previous("h1") is not None, "links sit under the title"
    assert [p["lang"] for p in block.select("p")] == ["zh-Hant", "en"]
    links = block.select('p[lang="en"] a')
    assert [a.get_text() for a in links] == ["Chinese", "English", "both languages"]
    for a in block.select("a"):
        assert a["href"].startswith("../notebooks/lesson-3.") and a.has_attr("download")
        target = (page.parent / a["href"]).resolve()
        assert target.is_file(), a["href"]
        assert json.loads(target.read_text(encoding="utf-8"))["metadata"]["lessons"]["lesson"] == "lesson-3"
    glossary = (tmp_path / "_build" / "book" / "glossary.html").read_text(encoding="utf-8")
    assert "lessons-notebooks" not in glossary, "only lesson pages offer notebooks"


@pytest.mark.book
@pytest.mark.parametrize("lesson", LESSONS)
def test_built_lesson_pages_offer_notebooks_and_launch_links_only(built_book, lesson):
    from bs4 import BeautifulSoup

    page = built_book / "book" / f"{lesson}.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    block = html.select_one("article .lessons-notebooks")
    assert [p["lang"] for p in block.select("p")] == ["zh-Hant", "en"]
    hrefs = [a["href"] for a in block.select('p[lang="en"] a')]
    assert hrefs == [f"../notebooks/{lesson}.{mode}.ipynb" for mode in MODES]
    for href in hrefs:
        notebook = nbformat.read(page.parent / href, as_version=4)
        assert notebook.metadata["lessons"] == {"lesson": lesson, "language": href.split(".")[-2]}
    # Launch buttons are plain links to Binder (JupyterLab on this lesson)...
    launch = [a["href"] for a in html.select("a[href]") if "mybinder.org" in a["href"]]
    assert launch and all(f"urlpath=lab/tree/book/{lesson}.md" in href for href in launch)
    # ... and beside them in the same menu, Colab on each committed notebook.
    menu = next(a for a in html.select("a[href]") if "mybinder.org" in a["href"]).find_parent("ul")
    colab = [a["href"] for a in menu.select("a[href]") if "colab.research.google.com" in a["href"]]
    assert colab == [
        f"https://colab.research.google.com/github/china-russia-course/china-russia-course/blob/main/notebooks/{lesson}.{mode}.ipynb"
        for mode in MODES
    ]
    assert all((ROOT / "notebooks" / href.rsplit("/", 1)[-1]).is_file() for href in colab)
    # No thebe and no script from another origin.
    for script in html.select("script[src]"):
        assert "thebe" not in script["src"] and not re.match(r"(https?:)?//", script["src"]), script["src"]
    assert not any("unpkg.com" in (script.string or "") for script in html.select("script"))


def test_a_screen_only_pair_is_prose_in_a_notebook(tmp_path):
    """``:class: lessons-screen-only`` matters to print only: a notebook keeps the words, not the option line."""
    text = "::::{bilingual}\n:class: lessons-screen-only\n\n:::{zh}\n看提示。\n:::\n:::{en}\nTake a hint.\n:::\n::::\n"
    assert notebooks.markdown_in(text, "en", "lesson-9.md") == "Take a hint."
    assert notebooks.markdown_in(text, "zh-Hant", "lesson-9.md") == "看提示。"
