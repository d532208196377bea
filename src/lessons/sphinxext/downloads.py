"""Each lesson page links its notebooks in zh-Hant, English and both; the
instructor guide links the quiz banks for Moodle, Canvas and GIFT.

On a lesson page (``lesson-N``) of the html build, :func:`add_download_links`
writes the lesson's three notebooks (:mod:`lessons.notebooks`) next to the
HTML and puts a bilingual block of download links under the page title. On
the instructor guide, :func:`add_lms_links` writes every bank in every LMS
format and language (:mod:`lessons.lms`) into ``lms/`` of the output and
puts a table of links at the end of its section labelled ``lessons_lms_section``
(guide-lms).
"""

from __future__ import annotations

import html
from pathlib import Path

from markupsafe import Markup

from ..bilingual import BOTH, EN, MODES, ZH, Text, hreflang, pair
from ..notebooks import HTML_FOLDER, notebook_name, requirement_for, write_lesson_notebooks
from .layout import TABLE_WRAPPER
from .settings import bank_folder, bank_path, is_guide, is_lesson, labelled_section, lesson_pages, repository

# The published book: a download block on each lesson page ----------------

DOWNLOAD_TEXT = {
    ZH: ("下載本課的 Jupyter 筆記本：", {ZH: "中文", EN: "英文", BOTH: "中英並列"}, "（可在任何 Jupyter 中執行：第一格會在需要時安裝課程套件）"),
    EN: (
        "Download this lesson as a Jupyter notebook: ",
        {ZH: "Chinese", EN: "English", BOTH: "both languages"},
        " (runs in any Jupyter: its first cell installs the course package if needed)",
    ),
}


def download_links_html(lesson: str, prefix: str) -> Markup:
    """The bilingual block of download links; ``prefix`` leads from the page to the HTML root."""
    blocks = {}
    for lang, (lead, labels, where) in DOWNLOAD_TEXT.items():
        links = " · ".join(
            f'<a href="{html.escape(prefix + HTML_FOLDER + "/" + notebook_name(lesson, mode))}" download '
            f'hreflang="{hreflang(mode)}">{html.escape(labels[mode])}</a>'
            for mode in MODES
        )
        blocks[lang] = Markup(f"{html.escape(lead)}{links}{html.escape(where)}")  # escaped piece by piece above
    return Markup(f'<div class="bl-pair lessons-notebooks">{pair(Text(blocks[ZH], blocks[EN]), "p", css="bl")}</div>\n')


def add_download_links(app, doctree, docname: str) -> None:
    """Sphinx ``doctree-resolved``: on a lesson page, write its three notebooks
    into the HTML output and put the links under the page title."""
    from docutils import nodes

    name = docname.rsplit("/", 1)[-1]
    if app.builder.format != "html" or not is_lesson(app, docname):
        return
    source = Path(app.env.doc2path(docname))
    found = repository(app)  # none configured: notebooks says how to set one
    write_lesson_notebooks(source, Path(app.outdir) / HTML_FOLDER, found and requirement_for(*found))
    prefix = "../" * docname.count("/")
    links = nodes.raw("", download_links_html(name, prefix), format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, links)
        return
    title_at = next((i for i, child in enumerate(section.children) if isinstance(child, nodes.title)), -1)
    section.insert(title_at + 1, links)


# The instructor guide: the quiz banks for an LMS --------------------------

LMS_FOLDER = "lms"
LMS_WORDS = {
    "moodle": Text("Moodle XML", "Moodle XML"),
    "qti": Text("Canvas（QTI 1.2 壓縮檔）", "Canvas (QTI 1.2 zip)"),
    "gift": Text("GIFT（純文字）", "GIFT (plain text)"),
}
MODE_WORDS = {ZH: Text("中文", "Chinese"), EN: Text("英文", "English"), BOTH: Text("中英並列", "both")}


def lms_links_html(lessons: list[str], prefix: str, titles: dict[str, Text] | None = None) -> Markup:
    """The guide's table: each lesson's files per LMS format, in each language
    (``titles``: each lesson's, else from the course's own banks)."""
    from ..lms import FORMATS, file_name

    def links(lesson: str, fmt: str, lang: str) -> Markup:
        return Markup(" · ").join(Markup(
            f'<a href="{html.escape(prefix + LMS_FOLDER + "/" + fmt + "/" + file_name(lesson, fmt, mode))}" download>'
            f"{html.escape(MODE_WORDS[mode].zh if lang == ZH else MODE_WORDS[mode].en)}</a>")  # escaped here
            for mode in MODES
        )

    head = "".join(f'<th scope="col">{pair(LMS_WORDS[fmt])}</th>' for fmt in FORMATS)
    from ..handouts import lesson_title

    titles = titles or {}
    rows = "".join(
        f'<tr><th scope="row">{pair(titles.get(lesson) or lesson_title(lesson))}</th>'
        + "".join(f"<td>{pair(Text(links(lesson, fmt, ZH), links(lesson, fmt, EN)))}</td>" for fmt in FORMATS)
        + "</tr>"
        for lesson in lessons
    )
    caption = pair(Text("各課題庫，供匯入 LMS", "Each lesson's quiz bank, for an LMS"))
    return Markup(
        f'<div class="lessons-lms">{TABLE_WRAPPER}<table class="table"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">{pair(Text("課", "Lesson"))}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></div>\n"
    )


def add_lms_links(app, doctree, docname: str) -> None:
    """Sphinx ``doctree-resolved``: on the instructor guide, a table of links
    to the LMS files at the end of its LMS section."""
    from docutils import nodes

    if app.builder.format != "html" or not is_guide(app, docname):
        return
    section = labelled_section(doctree, app.config.lessons_lms_section)
    if section is not None:
        from ..handouts import lesson_title

        lessons = sorted(lesson_pages(app))
        titles = {lesson: lesson_title(lesson, bank_path(app, lesson)) for lesson in lessons}
        section.append(nodes.raw("", lms_links_html(lessons, "../" * docname.count("/"), titles), format="html"))


def write_lms_files(app, exception) -> None:
    """Sphinx ``build-finished``: every bank in every LMS format and language
    into ``lms/`` of the html output; written on every build, so an edited
    bank never leaves a stale file behind an unchanged guide page."""
    if exception is not None or app.builder.format != "html":
        return
    from ..lms import FORMATS, export
    from ..quizbank import load_bank

    banks = [load_bank(path) for path in sorted(bank_folder(app).glob("*.yml"))]  # lessons_bank_folder
    for fmt in FORMATS:
        export(banks, fmt, MODES, Path(app.outdir) / LMS_FOLDER)


def setup_downloads(app) -> None:
    # Each lesson page links its notebooks in zh-Hant, English and both,
    # written next to the HTML (see lessons.notebooks); the guide links the LMS files.
    app.connect("doctree-resolved", add_download_links)
    app.connect("doctree-resolved", add_lms_links)
    app.connect("build-finished", write_lms_files)
