"""Handouts in the book: the print stylesheet, each quiz's worksheet, and
the links to the PDFs that `make handouts` writes (lessons.handouts).

- ``print.css`` (media="print") prints only the reader's language, the quiz
  as a worksheet, and leaves out navigation, sidebars and buttons.
- After each quiz form the page gets its worksheet (:mod:`lessons.worksheet`),
  hidden on screen: the form's own markup stays as its module writes it.
- Lesson pages link their student handouts; the instructor guide's section
  labelled ``lessons_answer_keys_section`` (guide-answer-keys) links the answer keys and the class sets. No
  student page links an answer key.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from markupsafe import Markup

from ..bilingual import EN, MODES, ZH, Text, hreflang, pair
from ..handouts import CLASS_SET, FOLDER, KEY, KIND_WORDS, MODE_WORDS, STUDENT, WORKSHEET, file_name, lesson_number, lesson_title
from ..quizbank import load_bank
from ..worksheet import render_worksheet
from .layout import TABLE_WRAPPER
from .settings import bank_path, is_guide, is_lesson, labelled_section, lesson_pages

# The form is written by lessons.quizhtml; these attributes are its stable
# interface (quiz.js reads the same ones).
QUIZ_SECTION = re.compile(r'<section class="lq-quiz"[^>]*?\sdata-lesson="(?P<lesson>[^"]+)"[^>]*>.*?</section>', re.S)
QUESTION_ID = re.compile(r'<li class="lq-question"[^>]*?\sdata-question-id="([^"]+)"')


def add_worksheets(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: a worksheet after every quiz form on the page."""
    body = context.get("body") or ""
    if 'class="lq-quiz"' not in body:
        return
    # The page body is a str: the worksheet (Markup) goes in by f-string, as ``str + Markup`` would escape the body.
    context["body"] = QUIZ_SECTION.sub(lambda match: f'{match.group(0)}\n{_worksheet_for(app, match.group(0), match["lesson"])}', body)


def _worksheet_for(app, form: str, lesson: str) -> Markup:
    bank = load_bank(bank_path(app, html.unescape(lesson)))
    ids = [html.unescape(question_id) for question_id in QUESTION_ID.findall(form)]
    return render_worksheet(bank, ids)


# ---- links -----------------------------------------------------------------

LEAD = {
    STUDENT: Text("列印本課（PDF）：", "Print this lesson (PDF): "),
    WORKSHEET: Text("只印學習單與資料表（PDF）：", "Print the worksheet and its data only (PDF): "),
    KEY: Text("答案卷（PDF，教師用）", "Answer keys (PDF, for teachers)"),
}
CLASS_SET_WORDS = Text("全部課程（一份檔案）", "All lessons (one file)")


def _links(lesson: str, kind: str, prefix: str, lang: str) -> Markup:
    """The links to one kind of file in its three modes, in ``lang``'s words."""
    return Markup(" · ").join(
        Markup(f'<a href="{html.escape(prefix + FOLDER + "/" + file_name(lesson, kind, mode))}" '
        f'hreflang="{hreflang(mode)}">'
        f"{html.escape(getattr(MODE_WORDS[mode], 'zh' if lang == ZH else 'en'))}</a>")  # escaped here: Markup as it is
        for mode in MODES
    )


def _links_pair(lesson: str, kind: str, prefix: str) -> Text:
    """The links in each language, as HTML ready for :func:`pair`."""
    return Text(_links(lesson, kind, prefix, ZH), _links(lesson, kind, prefix, EN))


def student_links_html(lesson: str, prefix: str) -> Markup:
    """A lesson page's links to its student handouts and worksheets, three languages each."""
    lines = [(LEAD[kind], _links_pair(lesson, kind, prefix)) for kind in (STUDENT, WORKSHEET)]
    text = Text(*(Markup("<br>").join(Markup(f"{html.escape(getattr(lead, part))}{getattr(links, part)}") for lead, links in lines)
                  for part in ("zh", "en")))
    return Markup(f'<div class="bl-pair lessons-handouts">{pair(text, "p", css="bl")}</div>\n')


def answer_key_links_html(lessons: list[str], titles: dict[str, Text], prefix: str) -> Markup:
    """The guide's table: each lesson's answer keys and student handouts, and the class sets."""
    rows = []
    for lesson in [*lessons, CLASS_SET]:
        name = titles.get(lesson, CLASS_SET_WORDS)
        cells = "".join(f"<td>{pair(_links_pair(lesson, kind, prefix))}</td>" for kind in (KEY, STUDENT, WORKSHEET))
        rows.append(f"<tr><th scope=\"row\">{pair(name)}</th>{cells}</tr>")
    head = "".join(f'<th scope="col">{pair(KIND_WORDS[kind])}</th>' for kind in (KEY, STUDENT, WORKSHEET))
    # Four columns are wider than a phone: the table scrolls in its own labelled box.
    return Markup(
        f'<div class="lessons-handouts lessons-answer-keys">{TABLE_WRAPPER}<table class="table">'
        f"<caption>{pair(LEAD[KEY])}</caption>"
        f'<thead><tr><th scope="col">{pair(Text("課", "Lesson"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></div>\n"
    )


def add_handout_links(app, doctree, docname: str) -> None:
    """``doctree-resolved``: student handouts on lesson pages, answer keys in the guide."""
    if app.builder.format != "html":
        return
    name = docname.rsplit("/", 1)[-1]
    prefix = "../" * docname.count("/")
    if is_lesson(app, docname):
        _insert_under_title(doctree, nodes.raw("", student_links_html(name, prefix), format="html"))
    elif is_guide(app, docname):
        section = labelled_section(doctree, app.config.lessons_answer_keys_section)
        if section is not None:
            lessons = sorted(lesson_pages(app), key=lesson_number)
            titles = {lesson: lesson_title(lesson, bank_path(app, lesson)) for lesson in lessons}
            section.append(nodes.raw("", answer_key_links_html(lessons, titles, prefix), format="html"))


def _insert_under_title(doctree, node) -> None:
    """After the notebooks' links if the page has them, else under the title."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, node)
        return
    anchors = [i for i, child in enumerate(section.children) if isinstance(child, nodes.title) or "lessons-notebooks" in child.astext()]
    section.insert((anchors[-1] if anchors else -1) + 1, node)


def setup_handouts(app) -> None:
    app.add_css_file("print.css", media="print")
    app.connect("html-page-context", add_worksheets)
    app.connect("doctree-resolved", add_handout_links)
