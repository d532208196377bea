"""The course's own static files: the stylesheet and language switch on
every page, the quiz scripts only on pages that hold a quiz.

``lessons.css`` and ``language.js`` serve every page (bilingual text is
everywhere). ``grader.js`` and ``quiz.js`` make a quiz self-checking; a page
without one loads neither. As myst-nb does for its per-page scripts, they are
added in ``html-page-context``, when the page's resolved doctree shows what
the page holds.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from docutils import nodes

STATIC_DIR = resources.files("lessons") / "static"
#: The scripts a quiz needs, in load order (quiz.js grades with grader.js).
QUIZ_SCRIPTS = ("grader.js", "quiz.js")
#: What a quiz's static HTML (lessons.quizhtml) opens with: ``<section class="lq-quiz"``.
QUIZ_MARKER = 'class="lq-quiz"'
#: Before the local-assets filter (see local_assets.STRIP_PRIORITY), which
#: replaces the page's script list with a filtered copy.
QUIZ_SCRIPTS_PRIORITY = 400


def add_static_path(app):
    app.config.html_static_path.append(str(Path(str(STATIC_DIR))))


def static_files_changed(app, env, added, changed, removed) -> list[str]:
    """Every page, when one of our static files differs from its published copy.

    Sphinx copies static files only when it writes some page, so an edited
    stylesheet or script alone would never reach the site ("no targets are
    out of date"). Rewriting the pages re-executes nothing: execution is
    cached on the code cells. A file the build leaves out of the output
    (e.g. the inlined storage shim) has no copy to compare and is skipped.
    """
    published = Path(app.outdir) / "_static"
    for source in Path(str(STATIC_DIR)).iterdir():
        copy = published / source.name
        if source.is_file() and copy.is_file() and copy.read_bytes() != source.read_bytes():
            return sorted(env.found_docs)
    return []


def has_quiz(doctree) -> bool:
    """Whether the page holds a quiz: raw HTML output carrying one."""
    return doctree is not None and any(
        QUIZ_MARKER in node.astext() for node in doctree.findall(nodes.raw) if "html" in node.get("format", "").split()
    )


def add_quiz_scripts(app, pagename, templatename, context, doctree):
    """The quiz scripts, for this page only (Sphinx resets the list per page)."""
    if has_quiz(doctree):
        for script in QUIZ_SCRIPTS:
            app.add_js_file(script, loading_method="defer")  # they wait for the DOM anyway


def setup_assets(app) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("env-get-outdated", static_files_changed)
    app.connect("html-page-context", add_quiz_scripts, priority=QUIZ_SCRIPTS_PRIORITY)
    app.add_css_file("lessons.css")
    # language.js runs in <head>, before the body paints, so a reader never
    # sees the other language flash.
    app.add_js_file("language.js")
