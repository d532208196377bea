"""Open in Colab, beside Binder, in each lesson page's launch menu.

Binder runs the repository as it is, so it opens the MyST lesson
(``book/lesson-N.md``). Colab opens only ``.ipynb`` files from GitHub, so its
links open the per-language notebooks committed under ``notebooks/`` (``make
notebooks``), whose first cell installs the course package. The links are
plain ``<a href>``: the page loads nothing from Colab.
"""

from __future__ import annotations

import re

from ..bilingual import BOTH, EN, MODES, ZH
from ..notebooks import REPO_FOLDER, notebook_name
from .settings import is_lesson, page_name, repository

COLAB = "https://colab.research.google.com"
GITHUB = re.compile(r"^https://github\.com/(?P<org>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?$")
LABELS = {ZH: "Colab · 中文", EN: "Colab · English", BOTH: "Colab · 中英並列 both"}


def colab_links(repository_url: str, branch: str, lesson: str) -> dict[str, str]:
    """Colab's link to each language's notebook of ``lesson``, by mode; none
    when the repository is not on GitHub (the only host Colab opens)."""
    match = GITHUB.match(repository_url)
    if not match:
        return {}
    base = f"{COLAB}/github/{match['org']}/{match['repo']}/blob/{branch}/{REPO_FOLDER}"
    return {mode: f"{base}/{notebook_name(lesson, mode)}" for mode in MODES}


def add_colab_buttons(app, pagename, templatename, context, doctree):
    """Sphinx ``html-page-context``, after the theme built its launch menu:
    on a lesson page, add the three Colab links to it. The repository is the
    one the theme's launch menu uses (``lessons_repository_url`` overrides it)."""
    menu = next((b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"), None)
    found = repository(app)
    if menu is None or not is_lesson(app, pagename) or found is None:
        return  # no repository configured: the theme shows no launch menu either
    for mode, href in colab_links(*found, page_name(pagename)).items():
        menu["buttons"].append(
            {"type": "link", "text": LABELS[mode], "tooltip": f"Open in Colab: {LABELS[mode]}",
             "icon": "_static/images/logo_colab.png", "url": href}
        )


def setup_colab(app) -> None:
    # The theme fills the launch menu at priority 501; this runs after it.
    app.connect("html-page-context", add_colab_buttons, priority=502)
