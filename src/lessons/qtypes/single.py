"""``single``: choose one option. Response: the option's index. 1 if it is
the correct option, else 0 (out of 1)."""

from __future__ import annotations

from markupsafe import Markup

from ..bilingual import Text
from ..quizui import UI
from . import _choices
from ._base import EMPTY, OPTION, index, outcome, reads_as, set_options

NAME = "single"
LABEL = Text("（單選）", "(choose one)")
KEYS: tuple[str, ...] = ("options",)
EXAMPLE = "a list of options, exactly one with correct: true"
ANSWER_LIST = "ul"


def fields(mapping, report) -> dict:
    options = _choices.options(mapping, NAME, report)
    right = sum(o.correct for o in options)
    if options and right != 1:
        report.add(f"a single-choice question needs exactly one correct option, this one has {right}: mark exactly one with correct: true")
    return {"options": options}


def max_score(question) -> int:
    return 1


def grade(question, response):
    option = question.options[index(response, len(question.options), OPTION)]
    return outcome(question, int(option.correct), 1, [option.feedback] if option.feedback else [])


def answer_lines(question) -> list[Text]:
    return _choices.option_lines(question)


def html_controls(question, qid: str) -> Markup:
    return _choices.choice_list(qid, "radio", [option.text for option in question.options])


worksheet_body = _choices.worksheet_body
choices = _choices.option_choices


def picks(question, response, index_: int) -> bool:
    return reads_as(index, response, len(question.options), OPTION) == index_


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    right = next(i for i, option in enumerate(question.options) if option.correct)
    return right if knows else _choices.wrong_choice(rng, len(question.options), {right})


def widget_controls(view) -> list:
    import ipywidgets as widgets

    return [widgets.RadioButtons(options=[], value=None, style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))]


def widget_relabel(view, mode: str) -> None:
    set_options(view.controls[0], [(o.text.in_mode(mode), i) for i, o in enumerate(view.question.options)])
    view.controls[0].description = UI["answer"].in_mode(mode)


def widget_read(view):
    value = view.controls[0].value
    return EMPTY if value is None else value


def widget_write(view, response) -> None:
    chosen = reads_as(index, response, len(view.question.options), OPTION)
    if chosen is not None:
        view.controls[0].value = chosen
