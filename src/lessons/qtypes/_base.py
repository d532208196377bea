"""What the question-type modules share: reading responses, building a
grade, the deterministic display shuffle, and small HTML/widget helpers.

Nothing here knows a particular type; each type's module
(:mod:`lessons.qtypes.single`, ...) uses these pieces.
"""

from __future__ import annotations

import hashlib
import html
import math
import random
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..bilingual import Text, pair
from ..model import MAX_ITEMS, MAX_NUMBER, MAX_TEXT, Grade, InvalidResponse, Question
from ..textnorm import squash

#: What a control reads when nothing is chosen yet (not graded), and when an
#: ordering has missing or repeated positions (not graded either).
EMPTY = object()
INCOMPLETE = object()

OPTION = Text("選項", "option")
ITEM = Text("項目", "item")
MEANING = Text("配對", "match")
TERM = Text("詞語", "term")
CATEGORY = Text("類別", "category")
STATEMENT = Text("敘述", "statement")
NUMBER_PLEASE = ("請輸入一個數字，例如 1991。", "Type a number, for example 1991.")


def outcome(question: Question, score: int, max_score: int, feedback=(), parts=()) -> Grade:
    """A graded (not invalid) response: correct, partial or incorrect by its score."""
    status = "correct" if score == max_score else "incorrect" if score == 0 else "partial"
    return Grade(
        question_id=question.id,
        status=status,
        score=score,
        max_score=max_score,
        points=question.points,
        feedback=tuple(feedback),
        explanation=question.explanation,
        parts=tuple(parts),
    )


# --- Reading responses (grader.js has the same functions) -------------------


def index(value: Any, count: int, noun: Text) -> int:
    """An index in [0, count): an int, or a whole float (JSON cannot tell 2 from 2.0)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidResponse(f"請用{noun.zh}的編號作答。", f"Answer with the number of a {noun.en}.")
    if isinstance(value, float) and not value.is_integer():
        raise InvalidResponse(f"{noun.zh}編號必須是整數。", f"A {noun.en} number must be a whole number.")
    if not 0 <= value < count:
        raise InvalidResponse(
            f"沒有這個{noun.zh}：請從 {count} 個{noun.zh}中選擇。",
            f"There is no such {noun.en}: choose one of the {count}.",
        )
    return int(value)


def index_list(value: Any, count: int, noun: Text, allow_empty_slots: bool = False, distinct: bool = True) -> list[int | None]:
    """A list (or tuple) of indices, distinct unless told; ``None`` entries only if allowed."""
    if not isinstance(value, (list, tuple)):
        raise InvalidResponse(f"請以{noun.zh}編號的清單作答。", f"Answer with a list of {noun.en} numbers.")
    if len(value) > MAX_ITEMS:
        raise InvalidResponse(f"作答清單太長（超過 {MAX_ITEMS} 項）。", f"The answer list is too long (over {MAX_ITEMS} entries).")
    indices = [None if entry is None and allow_empty_slots else index(entry, count, noun) for entry in value]
    chosen = [i for i in indices if i is not None]
    if distinct and len(set(chosen)) != len(chosen):
        raise InvalidResponse(f"每個{noun.zh}只能用一次。", f"Use each {noun.en} only once.")
    return indices


def exact_length(indices: list, count: int, noun: Text) -> None:
    if len(indices) != count:
        raise InvalidResponse(
            f"請為全部 {count} 個{noun.zh}作答（收到 {len(indices)} 個）。",
            f"Give all {count} {noun.en}s (got {len(indices)}).",
        )


def text_response(value: Any, limit: int = MAX_TEXT) -> str:
    """A string of at most ``limit`` characters."""
    if not isinstance(value, str):
        raise InvalidResponse("請輸入文字答案。", "Type your answer as text.")
    if len(value) > limit:
        raise InvalidResponse(f"作答太長（超過 {limit} 個字）。", f"The answer is too long (over {limit} characters).")
    return value


def number_response(value: Any, unit: Text | None) -> float | int:
    """A finite number no larger than MAX_NUMBER, given as a number or as text."""
    if isinstance(value, str):
        value = _parse_number_text(text_response(value), unit)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidResponse(*NUMBER_PLEASE)
    if isinstance(value, float) and math.isnan(value):
        raise InvalidResponse(*NUMBER_PLEASE)
    if not abs(value) <= MAX_NUMBER:  # also catches infinity
        raise InvalidResponse("這個數字太大了：請輸入合理的數值。", "That number is too large: type a realistic value.")
    return value


def _parse_number_text(text: str, unit: Text | None) -> float:
    lowered = squash(unicodedata.normalize("NFKC", text)).lower()
    if unit:
        for name in (unit.zh, unit.en):
            suffix = squash(unicodedata.normalize("NFKC", name)).lower()
            if suffix and lowered.endswith(suffix):
                lowered = squash(lowered[: -len(suffix)])
                break
    if not _NUMBER.fullmatch(lowered):
        raise InvalidResponse(*NUMBER_PLEASE)
    return float(lowered.replace(",", ""))


# Digits are ASCII only after NFKC: Python's \d would accept other scripts, JS's not.
_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


# --- Display -------------------------------------------------------------------


def display_order(question_id: str, count: int, salt: str = "") -> list[int]:
    """A shuffle of ``range(count)`` that is the same on every build (seeded
    by the question id) and, for two or more items, never the identity, so
    the page never lists an answer in its correct order."""
    seed = int.from_bytes(hashlib.sha256(f"{question_id}/{salt}".encode()).digest()[:8], "big")
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def bilingual_option(value: str, text: Text) -> Markup:
    """An ``<option>`` holds no markup, so it cannot carry two language spans:
    it shows both ("中文 / English", so no single ``lang`` fits and it keeps
    the page's), and quiz.js relabels it from data-zh / data-en, with that
    ``lang``, when the reader picks one language."""
    return Markup(
        f'<option value="{value}" data-zh="{attr(text.zh)}" data-en="{attr(text.en)}">{html.escape(text.in_mode("both"))}</option>'
    )


#: Between the two languages of a live quiz's text in 並列 mode:
#: ``pair(text, mode=mode, sep=LIVE_SEP)``.
LIVE_SEP = " · "


def set_options(selection, options: Sequence[tuple[str, object]]) -> None:
    """New labels, same choice: ipywidgets resets the value when options change."""
    value = selection.value
    selection.options = options
    selection.value = value
    show_placeholder(selection)


def show_placeholder(selection) -> None:
    """Nothing chosen yet: show the "— choose —" option (value None) as the
    selected one. ipywidgets selects no option at all for a None value, so
    the dropdown stood empty, with nothing saying what to do with it."""
    options = selection.options
    if selection.value is None and selection.index is None and options:
        first = options[0]
        if isinstance(first, tuple) and first[1] is None:
            selection.index = 0


def dropdowns(count: int) -> list:
    import ipywidgets as widgets

    return [
        widgets.Dropdown(options=[], value=None, style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        for _ in range(count)
    ]


def write_dropdowns(view, response, choices: int, noun: Text, distinct: bool) -> None:
    """One dropdown per row, its value the response's (an index or None),
    when the response has one well-formed entry per row."""
    values = reads_as(index_list, response, choices, noun, True, distinct)
    if values is not None and len(values) == len(view.controls):
        for dropdown, value in zip(view.controls, values):
            dropdown.value = value


def in_order_or_swapped(rng, count: int, knows: bool) -> list[int]:
    """0..count-1 (the key of an ordering or matching), or with two neighbours swapped."""
    order = list(range(count))
    if not knows:
        first = rng.randrange(count - 1)
        order[first], order[first + 1] = order[first + 1], order[first]
    return order


def written_unit(unit: Text) -> Markup:
    """A unit written the same in both languages ("%") shows once, not as "% · %"."""
    return Markup(html.escape(unit.zh)) if unit.zh == unit.en else pair(unit)


def text_input_html(qid: str, unit: Text | None = None, numeric: bool = False) -> Markup:
    """A one-line text field with its label (and unit). A numeric answer is a
    text field with a decimal keypad: students may type full-width digits
    with a Chinese IME, which the grader normalises."""
    from ..quizui import UI

    mode = ' inputmode="decimal"' if numeric else ""
    unit_html = f' <span class="lq-unit">{written_unit(unit)}</span>' if unit else ""
    return Markup(
        f'<p class="lq-field"><label for="{qid}-input">{pair(UI["your_answer"])}</label> '
        f'<input type="text" class="lq-control" id="{qid}-input"{mode} autocomplete="off" spellcheck="false"'
        f' maxlength="{MAX_TEXT}">{unit_html}</p>'
    )


def text_widget(view) -> list:
    """A text field whose Enter checks, as in the book: every keystroke
    reaches the kernel, so Enter (a "submit" message, sent after them) checks
    what was typed. An IME's Enter confirms a candidate and sends nothing."""
    import ipywidgets as widgets

    field = widgets.Text(value="", continuous_update=True, style={"description_width": "initial"})
    field.on_msg(lambda _field, content, _buffers: view.submit_message(content))
    return [field]


def text_widget_read(view):
    value = view.controls[0].value
    return value if value.strip() else EMPTY


def text_widget_write(view, response) -> None:
    """A typed text comes back even when it was not a valid answer (nothing typed is lost)."""
    if isinstance(response, (str, int, float)) and not isinstance(response, bool):
        view.controls[0].value = str(response)


def no_choices(question) -> list:
    """A type with no options to count in the item analysis."""
    return []


def no_picks(question, response, index: int) -> bool:
    return False


def reads_as(reader, *args) -> Any:
    """What a reader of responses (:func:`index`, :func:`index_list`) makes of
    one, or None when the grader would call it invalid."""
    try:
        return reader(*args)
    except InvalidResponse:
        return None


#: What an ``open`` question reads before the student has seen the model
#: answer: the quiz shows it (and the criteria) instead of grading.
SHOW_MODEL = object()
