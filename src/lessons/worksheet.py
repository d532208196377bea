"""A quiz as a printed worksheet: numbered questions, options with boxes,
lines to write on; nothing interactive, no answers, no feedback, no hints.

The book's quiz is a form that checks itself (:mod:`lessons.quizhtml`);
paper cannot run it, and a ``<select>`` prints as a closed box that hides
the very choices a matching or classify question needs. So each quiz on a
page also carries this rendering, ``hidden`` on screen and shown only by
``static/print.css`` (the sphinxext ``handouts`` component adds it after
the form). It is built from the bank, never from the answers: the matches,
categories and items appear in the same deterministic shuffle as the form
(:func:`lessons.qtypes._base.display_order`), so their order gives nothing away.
Each type draws its own body (``worksheet_body`` in its module, from the
pieces in :mod:`lessons.qtypes._sheet`).

Every text goes through :func:`lessons.bilingual.pair`, so the print
shows the reader's language as the rest of the page does.
"""

from __future__ import annotations

from markupsafe import Markup

from .bilingual import pair
from .qtypes import TYPES
from .qtypes import of as qtype_of
from .qtypes._base import attr
from .qtypes._sheet import LETTERS, WORDS  # noqa: F401  (the worksheet's words, re-exported)


def render_worksheet(bank, question_ids: list[str] | tuple[str, ...]) -> Markup:
    """The questions ``question_ids`` of ``bank``, numbered from 1 in that
    order (the order of the form they stand for), as one hidden section."""
    questions = [bank.question(question_id) for question_id in question_ids]
    rows = "\n".join(render_question(question, number) for number, question in enumerate(questions, 1))
    return Markup(
        f'<section class="lq-worksheet" data-lesson="{attr(bank.lesson)}" hidden>\n'
        f'<p class="ws-title">{pair(WORDS["worksheet"])}<span aria-hidden="true"> — </span>{pair(bank.title)}</p>\n'
        f'<p class="ws-student">{_blank_field("name")}{_blank_field("class")}{_blank_field("date")}</p>\n'
        f'<ol class="ws-questions">\n{rows}\n</ol>\n'
        "</section>"
    )


def render_question(question, number: int) -> Markup:
    return Markup(
        f'<li class="ws-question" data-question-id="{attr(question.id)}" data-question-type="{attr(question.type)}">'
        f'<p class="ws-prompt"><span class="ws-number">{number}.</span> <span class="ws-stack">{pair(question.prompt)}</span> '
        f'<span class="ws-type-hint">{pair(qtype_of(question).LABEL)}</span></p>'
        f"{qtype_of(question).worksheet_body(question)}</li>"
    )


def _blank_field(word: str) -> Markup:
    return Markup(f'<span class="ws-field">{pair(WORDS[word])}<span class="ws-blank"></span></span>')


#: One body per question type: each type's module draws its own.
BODIES = {name: kind.worksheet_body for name, kind in TYPES.items()}
