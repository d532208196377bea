"""Options of a ``single`` or ``multiple`` question: their validation, the
form's radio buttons or check boxes, and their lines in the answer."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import Text, pair
from ..model import Option
from ..quizui import STATUS_LABELS
from ._sheet import boxed_list

OPTION_KEYS = ("text", "correct", "feedback")


def options(mapping: Mapping, qtype: str, report: check.Report) -> tuple[Option, ...]:
    raw = check.list_field(mapping["options"], "options", report, 2, "a list of '- text: {zh: ..., en: ...}' entries")
    if raw is None:
        return ()
    found = []
    for number, entry in enumerate(raw, start=1):
        what = f"option {number}"
        if not isinstance(entry, Mapping):
            report.add(f"{what} must be a mapping ({check.describe(entry)}): write '- text: {{zh: ..., en: ...}}'")
            continue
        check.unknown_keys(entry, OPTION_KEYS, what, report)
        if "text" not in entry:
            report.add(f"{what} has no text: add text: {{zh: ..., en: ...}}")
            text = None
        else:
            text = check.text_field(entry["text"], f"{what} text", report)
        correct = entry.get("correct", False)
        if not isinstance(correct, bool):
            report.add(f"{what}: correct must be true or false ({check.describe(correct)}): write correct: true, or leave it out")
            correct = False
        feedback = check.text_field(entry["feedback"], f"{what} feedback", report) if "feedback" in entry else None
        if text is not None:
            found.append(Option(text=text, correct=correct, feedback=feedback))
    if found and len(found) == len(raw):
        check.duplicates([o.text for o in found], "options", report)
        return tuple(found)
    return ()  # an option is broken (reported): no answer key to check


def choice_list(qid: str, input_type: str, texts: list[Text], values: list[str] | None = None) -> Markup:
    """Radio buttons or check boxes, one per text, each with its label."""
    values = values or [str(index) for index in range(len(texts))]
    rows = "".join(
        f'<li><label class="lq-option" for="{qid}-o{index}">'
        f'<input type="{input_type}" class="lq-control" id="{qid}-o{index}" name="{qid}" value="{value}"> '
        f'<span class="lq-option-text">{pair(text)}</span></label></li>'
        for index, (text, value) in enumerate(zip(texts, values))
    )
    return Markup(f'<ul class="lq-options">{rows}</ul>')


def option_lines(question) -> list[Text]:
    """Every option, right or wrong, with its feedback: once the answer is
    shown, the feedback of options the student did not choose helps too."""
    return [_option_line(option) for option in question.options]


def _option_line(option: Option) -> Text:
    symbol, mark = STATUS_LABELS["correct" if option.correct else "incorrect"]
    feedback = option.feedback or Text("", "")
    return Text(
        f"{symbol} {mark.zh}：{option.text.zh}" + (f"——{feedback.zh}" if feedback.zh else ""),
        f"{symbol} {mark.en}: {option.text.en}" + (f" — {feedback.en}" if feedback.en else ""),
    )


def option_choices(question) -> list[tuple[Text, bool]]:
    """(text, correct) per option, for the item analysis."""
    return [(option.text, option.correct) for option in question.options]


def worksheet_body(question) -> Markup:
    return boxed_list([option.text for option in question.options])


def wrong_choice(rng, count: int, right: set[int]) -> int:
    """A wrong option; earlier wrong options are more tempting, as real distractors differ."""
    wrong = [i for i in range(count) if i not in right]
    return rng.choices(wrong, weights=[len(wrong) - n for n in range(len(wrong))])[0]
