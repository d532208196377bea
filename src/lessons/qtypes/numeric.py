"""``numeric``: a number. Response: a number, or text such as "１９９１" or
"1,991年" (NFKC, thousands separators, the question's unit). 1 if
abs(response − answer) <= tolerance (plus a round-off allowance of
1e-9 × max(1, |answer|)), else 0 (out of 1)."""

from __future__ import annotations

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import BOTH, Text
from ..quizui import UI, fill
from ._base import no_choices, no_picks, number_response, outcome, text_input_html, text_widget, text_widget_read, text_widget_write
from ._sheet import lines

NAME = "numeric"
LABEL = Text("（填入數字）", "(enter a number)")
KEYS: tuple[str, ...] = ("answer", "tolerance", "unit")
EXAMPLE = "a number, e.g. 1991"
ANSWER_LIST = "ul"


def fields(mapping, report) -> dict:
    answer = check.finite_number(mapping["answer"], "answer", "answer: 1991", report)
    tolerance: int | float | None = 0
    if "tolerance" in mapping:
        tolerance = check.finite_number(mapping["tolerance"], "tolerance", "tolerance: 0", report)
        if tolerance is not None and tolerance < 0:
            report.add(f"tolerance must be 0 or more ({tolerance!r}): write tolerance: 0 for an exact answer")
            tolerance = None
        elif tolerance is not None and answer and tolerance >= abs(answer):
            report.add(
                f"tolerance {tolerance!r} is as large as the answer {answer!r}, so nearly any number would count: "
                "use a tolerance smaller than the answer (0 for an exact year)"
            )
    unit = check.text_field(mapping["unit"], "unit", report) if "unit" in mapping else None
    return {"answer": answer, "tolerance": tolerance or 0, "unit": unit}


def max_score(question) -> int:
    return 1


def grade(question, response):
    value = number_response(response, question.unit)
    allowance = 1e-9 * max(1, abs(question.answer))
    return outcome(question, int(abs(value - question.answer) <= question.tolerance + allowance), 1)


def answer_lines(question) -> list[Text]:
    value = _number(question.answer)
    unit = question.unit or Text("", "")
    line = Text(f"{value} {unit.zh}".strip(), f"{value} {_english_unit(unit.en)}".strip())
    if question.tolerance:
        within = fill(UI["tolerance"], tolerance=_number(question.tolerance))
        line = Text(f"{line.zh}（{within.zh}）", f"{line.en} ({within.en})")
    return [line]


def _english_unit(unit: str) -> str:
    """English writes a calendar year as the bare number ("2014", not
    "2014 year"; Chinese keeps 「2014 年」); other units stay."""
    return "" if unit.strip().lower() == "year" else unit


def _number(value) -> str:
    """1991 rather than 1991.0; other floats as Python writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def html_controls(question, qid: str) -> Markup:
    return text_input_html(qid, question.unit, numeric=True)


def worksheet_body(question) -> Markup:
    return lines(1, question.unit)


choices, picks = no_choices, no_picks


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    return question.answer if knows else question.answer + rng.choice([-2, -1, 1, 3])


def widget_controls(view) -> list:
    return text_widget(view)


def widget_relabel(view, mode: str) -> None:
    unit = view.question.unit
    # One unit, not "(% / %)", when both languages write it alike.
    shown = unit.zh if unit and mode == BOTH and unit.zh == unit.en else unit.in_mode(mode) if unit else ""
    unit = f" ({shown})" if shown else ""
    view.controls[0].description = UI["your_answer"].in_mode(mode) + unit
    view.controls[0].placeholder = LABEL.in_mode(mode)


def widget_read(view):
    return text_widget_read(view)


widget_write = text_widget_write
