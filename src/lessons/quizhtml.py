"""A quiz bank as a static, self-checking HTML form for the published book.

The book has no kernel, so the quiz cell's MIME bundle carries this HTML and
the page grades it with ``static/grader.js`` (driven by ``static/quiz.js``).
Everything a student reads goes through :func:`lessons.bilingual.pair`
(escaped, with ``lang`` and the ``bl-zh`` / ``bl-en`` classes the book's
language switch keys on). Each question carries its bank mapping as JSON for
the page grader, escaped so bank text can never close the script element.

Without JavaScript the questions still read well and each answer with its
explanation sits in a closed ``<details>``; the JS-only controls (Check,
Reset, Export) are rendered ``hidden`` and ``quiz.js`` shows them.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from . import answers, grading, qtypes
from .bilingual import Text, pair
from .qtypes._base import attr as _attr
from .qtypes._base import display_order  # noqa: F401  (the form's shuffle, shared with the live quiz)
from .quizui import UI, fill, quiz_label, ui_data  # noqa: F401  (re-exported for the live quiz and tests)


def render_bank_html(bank, ids: list[str] | tuple[str, ...] | None = None) -> Markup:
    """The bank (or the questions ``ids``, see :meth:`Bank.quiz_questions`)
    as one self-checking ``<section class="lq-quiz">``. Several forms of one
    bank may share a page: their ids differ, their progress is one store."""
    questions_shown = bank.quiz_questions(ids)
    root_id = _html_id("lq", bank.lesson, *(["q", *ids] if ids is not None else []))
    questions = "\n".join(_question(bank, question, number, root_id) for number, question in enumerate(questions_shown, 1))
    ui_json = _script_json(ui_data())
    return Markup(
        f'<section class="lq-quiz" id="{root_id}" aria-labelledby="{root_id}-title"'
        f' data-book="{_attr(answers.COURSE)}" data-lesson="{_attr(bank.lesson)}"'
        f' data-course-version="{_attr(answers.course_version())}"'
        f' data-format="{_attr(answers.FORMAT)}" data-format-version="{answers.VERSION}"'
        f' data-rules-version="{answers.RULES_VERSION}">\n'
        f'<h3 class="lq-title" id="{root_id}-title">{pair(quiz_label(bank, ids))}<span aria-hidden="true"> — </span>'
        f"{pair(bank.title)}</h3>\n"
        f'<p class="lq-howto lq-js-only" hidden>{pair(UI["howto"])}</p>\n'
        f'<p class="lq-howto lq-nojs-only">{pair(UI["nojs"])}</p>\n'
        # quiz.js fills this in when the browser refuses to store progress.
        '<p class="lq-storage-notice" role="status"></p>\n'
        f'<ol class="lq-questions">\n{questions}\n</ol>\n'
        f"{_footer(root_id)}\n"
        f'<script type="application/json" class="lq-ui">{ui_json}</script>\n'
        "</section>"
    )


# ---- one question -----------------------------------------------------------


def _question(bank, question, number: int, root_id: str) -> Markup:
    qid = f"{root_id}-{_html_id(question.id)}"
    hints = "".join(
        f'<li class="lq-hint" hidden><strong>{pair(fill(UI["hint"], n=index))}</strong> '
        f'<span class="lq-stack">{pair(hint)}</span></li>'
        for index, hint in enumerate(question.hints, 1)
    )
    return Markup(
        f'<li class="lq-question" id="{qid}" data-question-id="{_attr(question.id)}"'
        f' data-question-type="{_attr(question.type)}" data-question-hash="{_attr(question.content_hash)}"'
        f' data-max-score="{grading.max_score(question)}" data-points="{_attr(question.points)}">\n'
        f'<script type="application/json" class="lq-bank">{_script_json(question.raw)}</script>\n'
        f'<fieldset class="lq-fieldset">\n'
        f'<legend class="lq-prompt"><span class="lq-number">{number}.</span> '
        f'<span class="lq-stack">{pair(question.prompt)}</span> '
        f'<span class="lq-type-hint">{pair(qtypes.of(question).LABEL)}</span></legend>\n'
        f"{qtypes.of(question).html_controls(question, qid)}\n"
        "</fieldset>\n"
        f'<div class="lq-actions" hidden>'
        f'<button type="button" class="lq-check">{pair(UI["check"])}</button> '
        f'<button type="button" class="lq-retry" hidden>{pair(UI["retry"])}</button></div>\n'
        f'<div class="lq-feedback" role="status" aria-live="polite" tabindex="-1"></div>\n'
        f'<ul class="lq-hints">{hints}</ul>\n'
        f"{_answer_details(question)}\n"
        "</li>"
    )


# ---- answer, explanation, footer ------------------------------------------------


def _answer_details(question) -> Markup:
    explanation = ""
    if question.explanation:
        explanation = (
            f'<p class="lq-explanation"><strong>{pair(UI["explanation"])}</strong> '
            f'<span class="lq-stack">{pair(question.explanation)}</span></p>'
        )
    link = ""
    if question.section:
        link = f'<p><a class="lq-section-link" href="#{_attr(question.section)}">{pair(UI["read_section"])}</a></p>'
    return Markup(
        f'<details class="lq-answer"><summary>{pair(UI["answer_and_explanation"])}</summary>'
        f'<div class="lq-answer-body"><p class="lq-answer-label"><strong>{pair(UI["answer"])}</strong></p>'
        f"{_answer(question)}{explanation}{link}</div></details>"
    )


def answer_lines(question) -> list[Text]:
    """The right answer as lines of text, in order (shared with the live
    quiz): the canonical answer, never a text question's accepted variants."""
    return qtypes.of(question).answer_lines(question)


def _answer(question) -> Markup:
    tag = qtypes.of(question).ANSWER_LIST
    rows = "".join(f"<li>{pair(line)}</li>" for line in answer_lines(question))
    return Markup(f'<{tag} class="lq-answer-list">{rows}</{tag}>')


def _footer(root_id: str) -> Markup:
    return Markup(
        '<div class="lq-footer">'
        f'<p class="lq-summary lq-js-only" hidden></p>'
        f'<div class="lq-tools lq-js-only" hidden>'
        f'<p><label for="{root_id}-student">{pair(UI["student"])}</label> '
        f'<input type="text" class="lq-student" id="{root_id}-student" autocomplete="off" maxlength="100"></p>'
        f'<p><button type="button" class="lq-export">{pair(UI["export"])}</button> '
        f'<button type="button" class="lq-reset">{pair(UI["reset"])}</button></p>'
        '<p class="lq-tools-status" role="status" aria-live="polite"></p>'
        "</div></div>"
    )


# ---- small helpers -----------------------------------------------------------


def _html_id(*parts: str) -> str:
    """An id made only of [a-z0-9-], whatever the bank says."""
    return "-".join(re.sub(r"[^a-z0-9-]+", "-", str(part).lower()) for part in parts)


def _script_json(data: object) -> str:
    """JSON safe inside <script>: no "<" at all, so neither "</script>" nor
    "<!--" in bank text can end or confuse the element. JSON.parse reads
    the \\u escapes back to the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

