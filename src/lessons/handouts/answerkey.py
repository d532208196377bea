"""A lesson's answer key as one HTML document, ready to print.

Every question of the bank (the lesson quiz and the Try-it questions), with
its answer lines (:func:`lessons.qtypes.of(q).answer_lines`, which for
choice questions list every option marked right or wrong with its
feedback, and for classify each statement with its note), the hints and the
explanation; then the lesson's discussion questions with what a good answer
covers and the 1–4 rubrics, taken as HTML from the built lesson page and the
built instructor guide (:mod:`lessons.handouts.pages`).

The text is bilingual markup (``bl-zh`` / ``bl-en`` with ``lang``); the
document's ``data-lessons-lang`` and the inlined ``print.css`` choose what
prints, exactly as on a book page.
"""

from __future__ import annotations

import html
import re
from importlib import resources

from markupsafe import Markup

from ..bilingual import EN, ZH, Text, pair
from ..qtypes import of as qtype_of
from ..quizui import UI
from . import KEY, KIND_WORDS

WORDS = {
    "teachers_only": Text("教師用：請勿發給學生。", "For teachers: do not hand out to students."),
    "quiz": Text("測驗答案", "Quiz answers"),
    "tryit": Text("（課文中的「試試看」題）", "(a Try-it question in the lesson)"),
    "hints": Text("提示", "Hints"),
    "criteria": Text("評分標準", "Criteria"),
    "section": Text("課文章節：", "Lesson section: "),
    "points": Text("分數：", "Points: "),
    "discussion": Text("討論問題與評分規準", "Discussion questions and rubrics"),
    "from_guide": Text("以下取自教師指南。", "From the instructor guide."),
}

#: Styles of the key itself (the page styles come from lessons.css and print.css).
#: Chinese quoted inside English text takes print.css's Chinese print font too
#: (a fallback chosen by the system drew it, but pdftotext could not read it back).
KEY_CSS = """
body { font-family: "DejaVu Sans", "Lessons Print Zh", "Noto Sans", "Liberation Sans", sans-serif; line-height: 1.5; margin: 0; font-size: 10.5pt; }
main { max-width: 100%; }
h1 { font-size: 1.5em; margin: 0 0 0.3rem; }
h2 { font-size: 1.25em; margin: 1.2rem 0 0.4rem; border-bottom: 1px solid #000; }
h3 { font-size: 1.05em; margin: 0.9rem 0 0.3rem; }
.key-note { font-weight: 700; border: 1px solid #000; padding: 0.3rem 0.6rem; }
.key-questions { padding-left: 0; list-style: none; }
.key-question { margin: 0 0 0.8rem; break-inside: avoid; page-break-inside: avoid; }
.key-prompt { font-weight: 600; margin: 0 0 0.2rem; }
.key-question p, .key-question ul, .key-question ol { margin: 0.15rem 0; }
.key-question ul, .key-question ol { padding-left: 1.4rem; }
.key-label { font-weight: 700; }
.key-meta { font-size: 0.9em; }
.key-discussion section { break-inside: auto; }
/* The right answer cannot be missed: an "Answer:" line naming it, and its
   line bold in a box; the wrong options stay plain, with their feedback. */
.key-answer-summary { font-weight: 700; border: 2px solid #000; padding: 0.15rem 0.5rem; margin: 0.2rem 0; }
/* Boxed, with a heavy left rule; not bold: a bold Chinese line beside the
   ✓ is read back out of order by text tools (pdftotext). */
.key-answer-line.key-right { border: 1.5px solid #000; border-left-width: 5px; padding: 0 0.35rem; margin: 0.15rem 0; }
.key-answer-line.key-wrong { color: #333; }
html:not([data-lessons-lang="zh-Hant"]):not([data-lessons-lang="en"]) .key-stack > span.bl-en { display: block; }
html:not([data-lessons-lang="zh-Hant"]):not([data-lessons-lang="en"]) .key-stack > span.bl-en::before { content: none; }
"""


def page_styles() -> str:
    """lessons.css and print.css from the package, in that order (as on a page)."""
    static = resources.files("lessons") / "static"
    return (static / "lessons.css").read_text(encoding="utf-8") + "\n" + (static / "print.css").read_text(encoding="utf-8")


def render_answer_key(bank, mode: str, lesson_title: Text, discussion_html: str) -> Markup:
    """The whole document. ``discussion_html`` is trusted HTML from the built book."""
    questions = "\n".join(marked(question, _question(question, number)) for number, question in enumerate(_all_questions(bank), 1))
    title = f"{KIND_WORDS[KEY].in_mode(mode)} — {lesson_title.in_mode(mode)}"
    return Markup(
        "<!DOCTYPE html>\n"
        f'<html lang="{ZH if mode == ZH else EN}" data-lessons-lang="{html.escape(mode)}">\n'
        f'<head><meta charset="utf-8"><title>{html.escape(title)}</title>\n'
        f"<style>{page_styles()}\n{KEY_CSS}</style></head>\n"
        '<body><main class="answer-key">\n'
        f"<h1>{pair(KIND_WORDS[KEY])}<span aria-hidden=\"true\"> — </span>{pair(lesson_title)}</h1>\n"
        f'<p class="key-note">{pair(WORDS["teachers_only"])}</p>\n'
        f'<h2>{pair(WORDS["quiz"])}<span aria-hidden="true"> — </span>{pair(bank.title)}</h2>\n'
        f'<ol class="key-questions">\n{questions}\n</ol>\n'
        f'<div class="key-discussion"><h2>{pair(WORDS["discussion"])}</h2>\n{discussion_html}\n</div>\n'
        "</main></body></html>\n"
    )


#: Answer lines of choice questions start with the grade's symbol (qtypes._choices).
RIGHT, WRONG = "✓", "✗"
ANSWER_LINE = re.compile(r'<li class="key-answer-line">(<span[^>]*>)?\s*([✓✗])')
ANSWER_COLON = Text("答案：", "Answer: ")


def marked(question, body: str) -> Markup:
    """A question's key with its right answer unmistakable: each option line
    marked right or wrong (bold and boxed, or plain), and for choice
    questions an "Answer:" line naming the right option(s) before them."""
    body = ANSWER_LINE.sub(lambda m: m.group(0).replace('class="key-answer-line"', f'class="key-answer-line {"key-right" if m.group(2) == RIGHT else "key-wrong"}"', 1), body)
    right = [option.text for option in question.options if option.correct]
    if not right:
        return Markup(body)
    named = Text("；".join(text.zh for text in right), " / ".join(text.en for text in right))
    summary = f'<p class="key-answer-summary">{pair(ANSWER_COLON)}<span class="key-stack">{pair(named)}</span></p>'
    label = f'<p class="key-label">{pair(UI["answer"])}</p>'
    # body is a str again here (re.sub): its replace and + do not escape.
    return Markup(body.replace(label, summary, 1) if label in body else summary + body)


def _all_questions(bank) -> list:
    """The quiz's questions first, in its order, then the Try-it ones."""
    quiz = list(bank.quiz_questions(None))
    return quiz + [question for question in bank.questions if question not in quiz]


def _question(question, number: int) -> Markup:
    tryit = f' <span class="key-meta">{pair(WORDS["tryit"])}</span>' if question.tryit else ""
    return Markup(
        f'<li class="key-question" data-question-id="{html.escape(question.id)}">'
        f'<p class="key-prompt">{number}. <span class="key-stack">{pair(question.prompt)}</span> '
        f"{pair(qtype_of(question).LABEL)}{tryit}</p>"
        f"{_answer(question)}{_criteria(question)}"
        f"{_labelled('explanation', question.explanation)}{_hints(question)}{_meta(question)}</li>"
    )


def _answer(question) -> Markup:
    tag = qtype_of(question).ANSWER_LIST
    rows = "".join(f'<li class="key-answer-line">{pair(line)}</li>' for line in qtype_of(question).answer_lines(question))
    return Markup(f'<p class="key-label">{pair(UI["answer"])}</p><{tag} class="key-answer">{rows}</{tag}>')


def _criteria(question) -> Markup:
    rows = "".join(f"<li>{pair(criterion)}</li>" for criterion in question.rubric)
    return Markup(f'<p class="key-label">{pair(WORDS["criteria"])}</p><ul>{rows}</ul>' if rows else "")


def _labelled(word: str, text: Text | None) -> Markup:
    if not text:
        return Markup()
    return Markup(f'<p><span class="key-label">{pair(UI[word])}</span> <span class="key-stack">{pair(text)}</span></p>')


def _hints(question) -> Markup:
    rows = "".join(f'<li><span class="key-stack">{pair(hint)}</span></li>' for hint in question.hints)
    return Markup(f'<p class="key-label">{pair(WORDS["hints"])}</p><ol>{rows}</ol>' if rows else "")


def _meta(question) -> Markup:
    section = f"{pair(WORDS['section'])}<code>{html.escape(question.section)}</code> · " if question.section else ""
    return Markup(f'<p class="key-meta">{section}{pair(WORDS["points"])}{html.escape(str(question.points))}</p>')
