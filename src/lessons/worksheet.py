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

Every text goes through :func:`lessons.bilingual.html_pair`, so the print
shows the reader's language as the rest of the page does.
"""

from __future__ import annotations

from .bilingual import Text, html_pair
from .qtypes import of as qtype_of
from .qtypes._base import attr, display_order
from .qtypes._base import written_unit
from .quizui import UI

#: Words the worksheet adds to the quiz's own (UI).
WORDS = {
    "worksheet": Text("學習單", "Worksheet"),
    "name": Text("姓名", "Name"),
    "class": Text("班級", "Class"),
    "date": Text("日期", "Date"),
    "write_letter": Text("在每個空格寫上相配項目的字母。", "Write the letter of the match in each box."),
    "write_category": Text("在每個空格寫上類別的字母。", "Write the letter of the category in each box."),
    "write_position": Text("在每個空格寫上順序：1 排在最前面。", "Write each item's position in its box: 1 comes first."),
    "matches": Text("可選的配對", "Matches to choose from"),
    "categories": Text("類別", "Categories"),
}

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def render_worksheet(bank, question_ids: list[str] | tuple[str, ...]) -> str:
    """The questions ``question_ids`` of ``bank``, numbered from 1 in that
    order (the order of the form they stand for), as one hidden section."""
    questions = [bank.question(question_id) for question_id in question_ids]
    rows = "\n".join(render_question(question, number) for number, question in enumerate(questions, 1))
    return (
        f'<section class="lq-worksheet" data-lesson="{attr(bank.lesson)}" hidden>\n'
        f'<p class="ws-title">{html_pair(WORDS["worksheet"])}<span aria-hidden="true"> — </span>{html_pair(bank.title)}</p>\n'
        f'<p class="ws-student">{_blank_field("name")}{_blank_field("class")}{_blank_field("date")}</p>\n'
        f'<ol class="ws-questions">\n{rows}\n</ol>\n'
        "</section>"
    )


def render_question(question, number: int) -> str:
    # A type added without a body still prints, with lines to write on.
    body = BODIES.get(question.type, _open)(question)
    return (
        f'<li class="ws-question" data-question-id="{attr(question.id)}" data-question-type="{attr(question.type)}">'
        f'<p class="ws-prompt"><span class="ws-number">{number}.</span> <span class="ws-stack">{html_pair(question.prompt)}</span> '
        f'<span class="ws-type-hint">{html_pair(qtype_of(question).LABEL)}</span></p>'
        f"{body}</li>"
    )


# ---- the parts of a question ---------------------------------------------------

BOX = '<span class="ws-box" aria-hidden="true"></span>'


def _blank_field(word: str) -> str:
    return f'<span class="ws-field">{html_pair(WORDS[word])}<span class="ws-blank"></span></span>'


def _boxed_list(texts: list[Text], css: str = "ws-options") -> str:
    rows = "".join(f"<li>{BOX} {html_pair(text)}</li>" for text in texts)
    return f'<ul class="{css}">{rows}</ul>'


def _lines(count: int, unit: Text | None = None) -> str:
    unit_html = f' <span class="ws-unit">{written_unit(unit)}</span>' if unit else ""
    lines = "".join('<span class="ws-line"></span>' for _ in range(count))
    return f'<div class="ws-lines" data-lines="{count}">{lines}{unit_html}</div>'


def _lettered(heading: Text, texts: list[Text]) -> str:
    rows = "".join(f'<li><span class="ws-letter">{LETTERS[n]}.</span> {html_pair(text)}</li>' for n, text in enumerate(texts))
    return f'<p class="ws-subhead">{html_pair(heading)}</p><ul class="ws-lettered">{rows}</ul>'


def _single(question) -> str:
    return _boxed_list([option.text for option in question.options])


def _truefalse(question) -> str:
    return _boxed_list([UI["true"], UI["false"]])


def _numeric(question) -> str:
    return _lines(1, question.unit)


def _text(question) -> str:
    return _lines(1)


def _open(question) -> str:
    return _lines(6)


def _ordering(question) -> str:
    items = [question.items[item] for item in display_order(question.id, len(question.items))]
    return f'<p class="ws-help">{html_pair(WORDS["write_position"])}</p>' + _boxed_list(items, "ws-boxed-items")


def _matching(question) -> str:
    order = display_order(question.id, len(question.pairs), salt="matches")
    return (
        f'<p class="ws-help">{html_pair(WORDS["write_letter"])}</p>'
        + _boxed_list([pair.term for pair in question.pairs], "ws-boxed-items")
        + _lettered(WORDS["matches"], [question.pairs[match].match for match in order])
    )


def _classify(question) -> str:
    return (
        f'<p class="ws-help">{html_pair(WORDS["write_category"])}</p>'
        + _lettered(WORDS["categories"], list(question.categories))
        + _boxed_list([statement.text for statement in question.statements], "ws-boxed-items")
    )


#: One body per question type; tests/test_worksheet.py checks that every type
#: in lessons.qtypes.TYPES has its own.
BODIES = {
    "single": _single,
    "multiple": _single,
    "truefalse": _truefalse,
    "numeric": _numeric,
    "text": _text,
    "open": _open,
    "ordering": _ordering,
    "matching": _matching,
    "classify": _classify,
}
