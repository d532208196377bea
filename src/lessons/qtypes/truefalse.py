"""``truefalse``: true or false. Response: a boolean. 1 if it equals the
answer, else 0 (out of 1)."""

from __future__ import annotations

from markupsafe import Markup

from ..bilingual import Text
from ..model import InvalidResponse
from ..quizui import UI
from . import _choices
from ._base import EMPTY, outcome, set_options
from ._sheet import boxed_list

NAME = "truefalse"
LABEL = Text("（是非題）", "(true or false)")
KEYS: tuple[str, ...] = ("answer",)
EXAMPLE = "true or false"
ANSWER_LIST = "ul"


def fields(mapping, report) -> dict:
    from ..bankcheck import describe

    answer = mapping["answer"]
    if not isinstance(answer, bool):
        report.add(f"answer must be true or false ({describe(answer)}): write answer: true or answer: false, without quotes")
        answer = None
    return {"answer": answer}


def max_score(question) -> int:
    return 1


def grade(question, response):
    if not isinstance(response, bool):
        raise InvalidResponse("請回答「對」或「錯」。", "Answer true or false.")
    return outcome(question, int(response == question.answer), 1)


def answer_lines(question) -> list[Text]:
    return [UI["true"] if question.answer else UI["false"]]


def html_controls(question, qid: str) -> Markup:
    return _choices.choice_list(qid, "radio", [UI["true"], UI["false"]], values=["true", "false"])


def worksheet_body(question) -> Markup:
    return boxed_list([UI["true"], UI["false"]])


def choices(question) -> list[tuple[Text, bool]]:
    return [(UI["true"], question.answer is True), (UI["false"], question.answer is False)]


def picks(question, response, index: int) -> bool:
    """Option 0 is "true", 1 is "false"."""
    return isinstance(response, bool) and response is (index == 0)


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    return question.answer if knows else not question.answer


def widget_controls(view) -> list:
    import ipywidgets as widgets

    return [widgets.RadioButtons(options=[], value=None, style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))]


def widget_relabel(view, mode: str) -> None:
    set_options(view.controls[0], [(UI["true"].in_mode(mode), True), (UI["false"].in_mode(mode), False)])
    view.controls[0].description = UI["answer"].in_mode(mode)


def widget_read(view):
    value = view.controls[0].value
    return EMPTY if value is None else value


def widget_write(view, response) -> None:
    if isinstance(response, bool):
        view.controls[0].value = response
