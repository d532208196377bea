"""``open``: a short written answer, self-assessed against a rubric; never
graded right or wrong by the machine.

Bank: ``model_answer`` ({zh, en}) and ``rubric`` (3–5 criteria, {zh, en}).
The student writes, presses Check and sees the model answer with the
criteria, ticks the ones their answer meets, and presses Check again.
Response: ``{"text": str (at most 2000 characters), "met": [criterion
indices]}``. Grade: status
``self-assessed``, score = criteria ticked, out of the number of criteria
(kept and exported, listed by the gradebook for the instructor to read; it
counts in no total).
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import Text, pair
from ..model import MAX_OPEN_TEXT, Grade, InvalidResponse
from ..quizui import UI
from ..textnorm import squash
from ._base import EMPTY, LIVE_SEP, SHOW_MODEL, index_list, no_choices, no_picks, reads_as, text_response
from ._sheet import lines

NAME = "open"
LABEL = Text("（簡述，自評）", "(written answer, self-assessed)")
KEYS: tuple[str, ...] = ("model_answer", "rubric")
EXAMPLE = "{zh: 參考答案, en: A model answer}, and rubric: a list of 3 to 5 criteria as {zh, en}"
ANSWER_LIST = "ul"
CRITERION = Text("標準", "criterion")


def fields(mapping, report) -> dict:
    model = check.text_field(mapping["model_answer"], "model_answer", report)
    rubric: tuple[Text, ...] = ()
    if "rubric" not in mapping:
        report.add("an open question needs rubric: add rubric: a list of 3 to 5 criteria as {zh: ..., en: ...}")
    else:
        rubric = check.text_list(mapping["rubric"], "rubric", "criterion", report, 3, 5)
    return {"model_answer": model, "rubric": rubric}


def max_score(question) -> int:
    return len(question.rubric)


def grade(question, response):
    if not isinstance(response, Mapping) or set(response) != {"text", "met"}:
        raise InvalidResponse("請寫下答案並勾選符合的標準。", 'Answer with {"text": your answer, "met": [criteria met]}.')
    if not squash(text_response(response["text"], MAX_OPEN_TEXT)):  # the white space grader.js knows too
        raise InvalidResponse("請先寫下你的答案。", "Write your answer first.")
    met = index_list(response["met"], len(question.rubric), CRITERION)
    parts = [number in met for number in range(len(question.rubric))]
    return Grade(
        question_id=question.id,
        status="self-assessed",
        score=len(met),
        max_score=len(question.rubric),
        points=question.points,
        explanation=question.explanation,
        parts=tuple(parts),
    )


def answer_lines(question) -> list[Text]:
    return [question.model_answer]


def html_controls(question, qid: str) -> Markup:
    criteria = "".join(
        f'<li><label class="lq-option" for="{qid}-c{n}"><input type="checkbox" class="lq-control" id="{qid}-c{n}" value="{n}"> '
        f'<span class="lq-option-text">{pair(criterion)}</span></label></li>'
        for n, criterion in enumerate(question.rubric)
    )
    return Markup(
        f'<p class="lq-help" id="{qid}-help">{pair(UI["open_help"])}</p>'
        f'<p class="lq-field"><label for="{qid}-input">{pair(UI["your_answer"])}</label><br>'
        f'<textarea class="lq-control" id="{qid}-input" rows="4" maxlength="{MAX_OPEN_TEXT}" aria-describedby="{qid}-help"></textarea></p>'
        f'<div class="lq-assess" hidden><p><strong>{pair(UI["model_answer"])}</strong> '
        f'<span class="lq-stack">{pair(question.model_answer)}</span></p>'
        f'<p id="{qid}-rubric">{pair(UI["rubric"])}</p>'
        f'<ul class="lq-options lq-rubric" aria-labelledby="{qid}-rubric">{criteria}</ul></div>'
    )


def worksheet_body(question) -> Markup:
    return lines(6)


choices, picks = no_choices, no_picks


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    """A synthetic answer, marked so, that ticks criteria at random (more of them when ``knows``)."""
    model = question.model_answer.zh if language == "zh" else question.model_answer.en
    met = [n for n in range(len(question.rubric)) if rng.random() < (0.8 if knows else 0.3)]
    return {"text": f"[synthetic] {model[:40]}", "met": met}


def widget_controls(view) -> list:
    import ipywidgets as widgets

    view.assessing = False
    view.model_html = widgets.HTML(layout=widgets.Layout(display="none"))
    area = widgets.Textarea(value="", rows=4, layout=widgets.Layout(width="95%"))
    boxes = [widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto", display="none")) for _ in view.question.rubric]
    return [area, view.model_html, *boxes]


def widget_relabel(view, mode: str) -> None:
    view.controls[0].description = UI["your_answer"].in_mode(mode)
    view.controls[0].placeholder = UI["open_help"].in_mode(mode)
    view.model_html.value = (
        f"<p><strong>{pair(UI['model_answer'], mode=mode, sep=LIVE_SEP)}</strong>: {pair(view.question.model_answer, mode=mode, sep=LIVE_SEP)}</p>"
        f"<p>{pair(UI['rubric'], mode=mode, sep=LIVE_SEP)}</p>"
    )
    for criterion, box in zip(view.question.rubric, view.controls[2:]):
        box.description = criterion.in_mode(mode)


def widget_refresh(view) -> None:
    """The model answer and the criteria appear once the student has written."""
    shown = None if view.assessing else "none"
    for control in view.controls[1:]:
        control.layout.display = shown


def widget_read(view):
    text = view.controls[0].value
    if not text.strip():
        return EMPTY
    if not view.assessing:
        return SHOW_MODEL
    return {"text": text, "met": [n for n, box in enumerate(view.controls[2:]) if box.value]}


def widget_write(view, response) -> None:
    """The written text, and the criteria ticked once it was self-assessed."""
    if not isinstance(response, Mapping) or not isinstance(response.get("text"), str):
        return
    view.controls[0].value = response["text"]
    met = reads_as(index_list, response.get("met"), len(view.question.rubric), CRITERION)
    if met is not None:
        view.assessing = True
        for number, box in enumerate(view.controls[2:]):
            box.value = number in met
