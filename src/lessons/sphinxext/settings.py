"""The extension's settings, as Sphinx config values (``lessons_*``).

Each is registered with ``app.add_config_value``, so a book sets it in
``conf.py`` or, in Jupyter Book, under ``sphinx: config:`` of
``_config.yml``; the defaults are the course's own layout, so the course
sets none but the one it names explicitly (see docs/architecture.md).
The components read them through the helpers below, never from disk.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

#: name -> (default, what it is). Changing one re-reads every page ("env").
CONFIG_VALUES: dict[str, tuple[str, str]] = {
    "lessons_bank_folder": ("book/quizzes", "the quiz banks (<lesson>.yml), relative to the source folder"),
    "lessons_lesson_pattern": (r"lesson-\d+", "a lesson page's name (the last part of its docname), as a regular expression"),
    "lessons_guide_page": ("instructor-guide", "the instructor guide's page name: it links the answer keys and LMS files"),
    "lessons_answer_keys_section": ("guide-answer-keys", "the label of the guide's section that gets the answer keys' links"),
    "lessons_lms_section": ("guide-lms", "the label of the guide's section that gets the LMS files' links"),
    "lessons_data_folder": ("book/data", "the course data (events, evidence, sources), relative to the source folder: edits re-execute pages"),
    # Empty: the theme's repository_url / repository_branch, which Jupyter
    # Book sets from repository: in _config.yml.
    "lessons_repository_url": ("", "the course repository on GitHub: the Colab links, the notebooks' install cell"),
    "lessons_repository_branch": ("", "its branch (empty: the theme's, else main)"),
}


def page_name(docname: str) -> str:
    """The last part of a docname: ``book/lesson-1`` -> ``lesson-1``."""
    return docname.rsplit("/", 1)[-1]


def is_lesson(app, docname: str) -> bool:
    """Whether ``docname`` is a lesson page (``lessons_lesson_pattern``)."""
    return re.fullmatch(app.config.lessons_lesson_pattern, page_name(docname)) is not None


def is_guide(app, docname: str) -> bool:
    return page_name(docname) == app.config.lessons_guide_page


def lesson_pages(app) -> list[str]:
    """The names of the book's lesson pages."""
    return [page_name(d) for d in app.env.found_docs if is_lesson(app, d)]


def labelled_section(doctree, label: str):
    """The section of ``doctree`` that a ``(label)=`` target names, or None."""
    return next((section for section in doctree.findall(nodes.section) if label in section["ids"]), None)


def bank_folder(app) -> Path:
    return Path(app.srcdir) / app.config.lessons_bank_folder


def bank_path(app, lesson: str) -> Path:
    """The quiz bank of ``lesson`` (``lessons_bank_folder``/<lesson>.yml)."""
    return bank_folder(app) / f"{lesson}.yml"


def repository(app) -> tuple[str, str] | None:
    """The course repository's URL and branch, or None when none is set."""
    theme = app.config.html_theme_options or {}
    url = app.config.lessons_repository_url or theme.get("repository_url") or ""
    branch = app.config.lessons_repository_branch or theme.get("repository_branch") or "main"
    return (url.rstrip("/"), branch) if url else None


def setup_settings(app) -> None:
    for name, (default, _) in CONFIG_VALUES.items():
        app.add_config_value(name, default, "env", types=[str])
