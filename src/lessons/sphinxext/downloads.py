"""Each lesson page links its notebooks in zh-Hant, English and both.

On a lesson page (``lesson-N``) of the html build, :func:`add_download_links`
writes the lesson's three notebooks (:mod:`lessons.notebooks`) next to the
HTML and puts a bilingual block of download links under the page title.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..bilingual import BOTH, EN, MODES, ZH, lang_attributes
from ..notebooks import HTML_FOLDER, LESSON_NAME, notebook_name, write_lesson_notebooks

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
        blocks.append(f'<p {lang_attributes(lang, css="bl")}>{html.escape(lead)}{links}{html.escape(where)}</p>')
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


def setup_downloads(app) -> None:
    # Each lesson page links its notebooks in zh-Hant, English and both,
    # written next to the HTML (see lessons.notebooks).
    app.connect("doctree-resolved", add_download_links)
