"""The extension's ``lessons_*`` config values take effect, built in-process
with Sphinx's own test application (sphinx.testing): another lesson page
pattern, guide page name or repository changes what the pages carry."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from lessons.sphinxext import colab, settings

ROOT = Path(__file__).resolve().parents[1]
CONF = 'extensions = ["myst_parser", "lessons.sphinxext"]\nexclude_patterns = ["_build"]\n'
PAGES = {
    "index": "# Home\n\n```{toctree}\nunit-1\nteachers\n```\n",
    "unit-1": "# Unit one\n\nText.\n",
    "teachers": "# Teachers\n\n(guide-answer-keys)=\n## Answer keys\n\nThe keys.\n",
}


def build(tmp_path: Path, pages: dict[str, str] = PAGES, **config) -> dict[str, str]:
    """Build ``pages`` in-process with ``config`` overriding conf.py; each page's HTML."""
    (tmp_path / "conf.py").write_text(CONF)
    for name, text in pages.items():
        (tmp_path / f"{name}.md").write_text(textwrap.dedent(text), encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path, confoverrides=config)
    try:
        app.build()
        assert not app._warning.getvalue(), app._warning.getvalue()
        return {name: (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8") for name in pages}
    finally:
        app.cleanup()


def test_the_defaults_are_the_course_layout(tmp_path):
    pages = build(tmp_path)
    # unit-1 is no lesson by the default pattern, teachers no guide by the default name.
    assert "lessons-notebooks" not in pages["unit-1"] and "lessons-handouts" not in pages["unit-1"]
    assert "lessons-answer-keys" not in pages["teachers"]
    assert {name: default for name, (default, _) in settings.CONFIG_VALUES.items()}["lessons_lesson_pattern"] == r"lesson-\d+"


def test_another_lesson_pattern_guide_name_and_bank_folder_take_effect(tmp_path):
    # The bank of unit-1 in a folder of its own: the course's lesson-1 bank, renamed.
    banks = tmp_path / "banks"
    banks.mkdir()
    source = (ROOT / "book" / "quizzes" / "lesson-1.yml").read_text(encoding="utf-8")
    (banks / "unit-1.yml").write_text(source.replace("lesson: lesson-1", "lesson: unit-1", 1), encoding="utf-8")
    pages = build(tmp_path, lessons_lesson_pattern=r"unit-\d+", lessons_guide_page="teachers", lessons_bank_folder="banks",
                  # No _config.yml here: the notebooks install the package from this repository.
                  lessons_repository_url="https://github.com/example-org/example-course")
    assert 'class="bl-pair lessons-notebooks"' in pages["unit-1"]  # its notebooks, linked under the title
    notebook = (tmp_path / "_build" / "html" / "notebooks" / "unit-1.zh-Hant.ipynb").read_text(encoding="utf-8")
    assert "lessons @ git+https://github.com/example-org/example-course@main" in notebook
    assert 'href="handouts/unit-1-student-zh-Hant.pdf"' in pages["unit-1"]
    guide = pages["teachers"]
    assert "lessons-answer-keys" in guide and "handouts/unit-1-answer-key-" in guide
    assert "第1課：前所未有的緊密關係" in guide  # the title read from the configured bank folder
    assert (tmp_path / "_build" / "html" / "lms" / "gift").is_dir()  # the LMS files from that folder too
    assert any((tmp_path / "_build" / "html" / "lms").rglob("unit-1*"))


def launch_menu(app, pagename: str) -> list[str]:
    """The Colab links the extension adds to a lesson page's launch menu."""
    context = {"header_buttons": [{"label": "launch-buttons", "buttons": []}]}
    colab.add_colab_buttons(app, pagename, "page.html", context, None)
    return [button["url"] for button in context["header_buttons"][0]["buttons"]]


def test_colab_links_follow_the_configured_repository_not_a_file_on_disk(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    theme = {"repository_url": "https://github.com/theme-org/theme-course", "repository_branch": "dev"}
    app = SphinxTestApp("html", srcdir=tmp_path, confoverrides={"html_theme_options": theme})
    try:
        # Jupyter Book sets the theme's repository from _config.yml: the links use it.
        assert launch_menu(app, "book/lesson-1")[0].startswith(
            "https://colab.research.google.com/github/theme-org/theme-course/blob/dev/notebooks/lesson-1.")
        assert launch_menu(app, "book/intro") == []  # not a lesson page
        app.config.lessons_repository_url = "https://github.com/own-org/own-course"
        assert "/github/own-org/own-course/blob/dev/" in launch_menu(app, "book/lesson-1")[0]
        app.config.html_theme_options = {}
        app.config.lessons_repository_url = ""
        assert launch_menu(app, "book/lesson-1") == []  # no repository: no link, no error
    finally:
        app.cleanup()


def course_data(srcdir: Path, **config):
    """The course data the extension hashes at builder-inited, for ``config``."""
    (srcdir / "conf.py").write_text(CONF)
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides=config)
    try:
        return app.env.lessons_course_data
    finally:
        app.cleanup()


def test_the_configured_data_folder_is_what_re_executes_pages(tmp_path):
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "trade.csv").write_text("year,value\n2022,1\n", encoding="utf-8")
    before = course_data(tmp_path, lessons_data_folder="evidence")
    assert tmp_path / "evidence" / "trade.csv" in before.files
    assert any(path.name == "widgets.py" for path in before.files)  # the package's code, wherever installed
    (tmp_path / "evidence" / "trade.csv").write_text("year,value\n2022,2\n", encoding="utf-8")
    assert course_data(tmp_path, lessons_data_folder="evidence").digest != before.digest
    # Not the configured folder: an edit there changes nothing.
    assert tmp_path / "evidence" / "trade.csv" not in course_data(tmp_path).files


def test_guide_sections_are_found_by_their_configured_labels(tmp_path):
    pages = dict(PAGES, teachers="# Teachers\n\n(keys)=\n## Answer keys\n\nThe keys.\n\n(imports)=\n## LMS\n\nFiles.\n")
    banks = tmp_path / "banks"
    banks.mkdir()
    source = (ROOT / "book" / "quizzes" / "lesson-1.yml").read_text(encoding="utf-8")
    (banks / "unit-1.yml").write_text(source.replace("lesson: lesson-1", "lesson: unit-1", 1), encoding="utf-8")
    built = build(tmp_path, pages=pages, lessons_lesson_pattern=r"unit-\d+", lessons_guide_page="teachers",
                  lessons_bank_folder="banks", lessons_answer_keys_section="keys", lessons_lms_section="imports",
                  lessons_repository_url="https://github.com/example-org/example-course")
    guide = built["teachers"]
    assert "lessons-answer-keys" in guide and "handouts/unit-1-answer-key-" in guide
    assert 'href="lms/gift/' in guide
