"""``ordering``: put items in order. Response: item indices in the
student's order. Score: pairs of items in the right relative order
(n(n−1)/2 minus the inversions, as in Kendall's tau) out of n(n−1)/2, so
one event at the wrong end costs a few pairs, not the whole point.
``parts`` says, per position, whether the right item is there, and the
feedback names the positions that are wrong, never the item that belongs
there (so a retry is still a real try)."""

from __future__ import annotations

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import Text, pair
from ..quizui import UI
from ._base import (
    EMPTY,
    INCOMPLETE,
    ITEM,
    bilingual_option,
    display_order,
    dropdowns,
    exact_length,
    in_order_or_swapped,
    index_list,
    no_choices,
    no_picks,
    outcome,
    reads_as,
    set_options,
)
from ._sheet import boxed_list, help_line

NAME = "ordering"
LABEL = Text("（排列順序）", "(put in order)")
KEYS: tuple[str, ...] = ("items",)
EXAMPLE = "the items as {zh, en} in the correct order"
ANSWER_LIST = "ol"  # the order is the answer


def fields(mapping, report) -> dict:
    raw = check.list_field(mapping["items"], "items", report, 3, "a list of {zh: ..., en: ...} in the correct order")
    if raw is None:
        return {"items": ()}
    read = [check.text_field(entry, f"item {number}", report) for number, entry in enumerate(raw, start=1)]
    items = [item for item in read if item is not None]
    if len(items) != len(read):  # an item is broken (reported): no order to check
        return {"items": ()}
    check.duplicates(items, "items", report)
    return {"items": tuple(items)}


def max_score(question) -> int:
    return len(question.items) * (len(question.items) - 1) // 2


def grade(question, response):
    count = len(question.items)
    order = index_list(response, count, ITEM)
    exact_length(order, count, ITEM)
    in_order = sum(1 for i in range(count) for j in range(i + 1, count) if order[i] < order[j])
    parts = [item == position for position, item in enumerate(order)]
    return outcome(question, in_order, max_score(question), _wrong_positions(parts), parts)


def _wrong_positions(parts: list[bool]) -> list[Text]:
    """One line naming the wrong positions (1 = first), as grader.js words it;
    a whole order is never wrong in just one place, so it is always plural."""
    wrong = [str(position) for position, right in enumerate(parts, start=1) if not right]
    return [Text(f"第 {'、'.join(wrong)} 個位置不對。", f"Positions {', '.join(wrong)} are not right.")] if wrong else []


def answer_lines(question) -> list[Text]:
    return list(question.items)


def html_controls(question, qid: str) -> Markup:
    count = len(question.items)
    positions = "".join(f'<option value="{p}">{p}</option>' for p in range(1, count + 1))
    blank = bilingual_option("", UI["choose"])
    rows = "".join(
        f'<li><label for="{qid}-i{item}"><span class="lq-item-text">{pair(question.items[item])}</span></label> '
        f'<span class="lq-position-label" aria-hidden="true">{pair(UI["position"])}</span> '
        f'<select class="lq-control" id="{qid}-i{item}" data-item="{item}" aria-describedby="{qid}-help">'
        f"{blank}{positions}</select></li>"
        for item in display_order(question.id, count)
    )
    return Markup(f'<p class="lq-help" id="{qid}-help">{pair(UI["ordering_help"])}</p><ul class="lq-order-items">{rows}</ul>')


def worksheet_body(question) -> Markup:
    items = [question.items[item] for item in display_order(question.id, len(question.items))]
    return help_line("write_position") + boxed_list(items, "ws-boxed-items")


choices, picks = no_choices, no_picks


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    """The items in order (as the bank writes them), or two neighbours swapped."""
    return in_order_or_swapped(rng, len(question.items), knows)


def widget_controls(view) -> list:
    # Items in the same deterministic shuffle as the book's form.
    view.item_order = display_order(view.question.id, len(view.question.items))
    return dropdowns(len(view.item_order))


def widget_relabel(view, mode: str) -> None:
    items = view.question.items
    positions = [(UI["choose"].in_mode(mode), None)] + [(str(p), p) for p in range(1, len(items) + 1)]
    for item, dropdown in zip(view.item_order, view.controls):
        set_options(dropdown, positions)
        dropdown.description = f"{items[item].in_mode(mode)} — {UI['position'].in_mode(mode)}"


def widget_read(view):
    positions = [dropdown.value for dropdown in view.controls]
    if all(p is None for p in positions):
        return EMPTY
    if None in positions or len(set(positions)) != len(positions):
        return INCOMPLETE
    order = [None] * len(positions)
    for item, position in zip(view.item_order, positions):
        order[position - 1] = item
    return order


def widget_write(view, response) -> None:
    """Dropdown i places item item_order[i] (a whole, well-formed order only)."""
    order = reads_as(index_list, response, len(view.question.items), ITEM)
    if order is not None and len(order) == len(view.item_order):
        for dropdown, item in zip(view.controls, view.item_order):
            dropdown.value = order.index(item) + 1
