"""``multiple``: choose every option that applies. Response: the list of
chosen option indices.

Net-correct scoring (PrairieLearn's "PC"): (right options chosen − wrong
options chosen), floored at 0, out of the number of right options. Choosing
nothing scores 0, and so does choosing every option (it decides nothing; a
bank's multiple question always has a wrong option). ``parts`` says, per
option, whether it was decided right (chosen if correct, left if not).
"""

from __future__ import annotations

from markupsafe import Markup

from ..bilingual import Text
from . import _choices
from ._base import EMPTY, OPTION, index_list, outcome, reads_as

NAME = "multiple"
LABEL = Text("（複選：選出所有正確的）", "(choose all that apply)")
KEYS: tuple[str, ...] = ("options",)
EXAMPLE = "a list of options, at least one with correct: true and one without"
ANSWER_LIST = "ul"


def fields(mapping, report) -> dict:
    options = _choices.options(mapping, NAME, report)
    right = sum(o.correct for o in options)
    if options and right < 1:
        report.add("a multiple-choice question needs at least one correct option: mark one or more with correct: true")
    if options and right == len(options):
        report.add("every option is correct, so choosing all of them would be the answer: add a wrong option")
    return {"options": options}


def max_score(question) -> int:
    return sum(option.correct for option in question.options)


def grade(question, response):
    chosen = set(index_list(response, len(question.options), OPTION))
    options = question.options
    right = sum(1 for i in chosen if options[i].correct)
    wrong = len(chosen) - right
    score = 0 if len(chosen) == len(options) else max(0, right - wrong)
    parts = [(number in chosen) == option.correct for number, option in enumerate(options)]
    feedback = [o.feedback for number, o in enumerate(options) if number in chosen and o.feedback]
    return outcome(question, score, max_score(question), feedback, parts)


def answer_lines(question) -> list[Text]:
    return _choices.option_lines(question)


def html_controls(question, qid: str) -> Markup:
    return _choices.choice_list(qid, "checkbox", [option.text for option in question.options])


worksheet_body = _choices.worksheet_body
choices = _choices.option_choices


def picks(question, response, index: int) -> bool:
    return index in (reads_as(index_list, response, len(question.options), OPTION) or ())


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    keys = [i for i, option in enumerate(question.options) if option.correct]
    if knows:
        return keys
    return sorted(set(keys[:-1]) | {_choices.wrong_choice(rng, len(question.options), set(keys))})


def widget_controls(view) -> list:
    import ipywidgets as widgets

    return [widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto")) for _ in view.question.options]


def widget_relabel(view, mode: str) -> None:
    for option, box in zip(view.question.options, view.controls):
        box.description = option.text.in_mode(mode)


def widget_read(view):
    chosen = [i for i, box in enumerate(view.controls) if box.value]
    return chosen or EMPTY


def widget_write(view, response) -> None:
    chosen = reads_as(index_list, response, len(view.question.options), OPTION) or ()
    for number, box in enumerate(view.controls):
        box.value = number in chosen
