"""``matching``: match each term to its meaning. Response: item i = the
match index chosen for term i, or null (not matched yet). Score: terms
matched right, out of the number of terms; ``parts`` one flag per term."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import Text, pair
from ..model import Pair
from ..quizui import UI
from ._base import (
    EMPTY,
    MEANING,
    TERM,
    bilingual_option,
    display_order,
    dropdowns,
    exact_length,
    in_order_or_swapped,
    index_list,
    no_choices,
    no_picks,
    outcome,
    set_options,
    write_dropdowns,
)
from ._sheet import WORDS, boxed_list, help_line, lettered

NAME = "matching"
LABEL = Text("（配對）", "(match)")
KEYS: tuple[str, ...] = ("pairs",)
EXAMPLE = "a list of {term: {zh, en}, match: {zh, en}}"
ANSWER_LIST = "ul"
PAIR_KEYS = ("term", "match")


def fields(mapping, report) -> dict:
    raw = check.list_field(mapping["pairs"], "pairs", report, 2, "a list of '- {term: {zh, en}, match: {zh, en}}'")
    if raw is None:
        return {"pairs": ()}
    pairs = []
    for number, entry in enumerate(raw, start=1):
        what = f"pair {number}"
        if not isinstance(entry, Mapping):
            report.add(f"{what} must be a mapping with term and match ({check.describe(entry)})")
            continue
        check.unknown_keys(entry, PAIR_KEYS, what, report)
        parts: dict[str, Text | None] = {}
        for key in PAIR_KEYS:
            if key not in entry:
                report.add(f"{what} has no {key}: add {key}: {{zh: ..., en: ...}}")
            else:
                parts[key] = check.text_field(entry[key], f"{what} {key}", report)
        term, match = parts.get("term"), parts.get("match")
        if term and match:
            pairs.append(Pair(term=term, match=match))
    if len(pairs) == len(raw):
        check.duplicates([p.term for p in pairs], "pair terms", report)
        check.duplicates([p.match for p in pairs], "pair matches", report)
    return {"pairs": tuple(pairs)}


def max_score(question) -> int:
    return len(question.pairs)


def grade(question, response):
    count = len(question.pairs)
    matches = index_list(response, count, MEANING, allow_empty_slots=True)
    exact_length(matches, count, TERM)
    parts = [match == term for term, match in enumerate(matches)]
    return outcome(question, sum(parts), count, parts=parts)


def answer_lines(question) -> list[Text]:
    return [Text(f"{p.term.zh} → {p.match.zh}", f"{p.term.en} → {p.match.en}") for p in question.pairs]


def html_controls(question, qid: str) -> Markup:
    choices = bilingual_option("", UI["choose"]) + Markup("").join(
        bilingual_option(str(match), question.pairs[match].match)
        for match in display_order(question.id, len(question.pairs), salt="matches")
    )
    rows = "".join(
        f'<li><label for="{qid}-t{term}"><span class="lq-item-text">{pair(item.term)}</span></label> '
        f'<select class="lq-control" id="{qid}-t{term}" data-term="{term}" aria-describedby="{qid}-help">{choices}</select></li>'
        for term, item in enumerate(question.pairs)
    )
    return Markup(f'<p class="lq-help" id="{qid}-help">{pair(UI["matching_help"])}</p><ul class="lq-match-terms">{rows}</ul>')


def worksheet_body(question) -> Markup:
    order = display_order(question.id, len(question.pairs), salt="matches")
    return (
        help_line("write_letter")
        + boxed_list([item.term for item in question.pairs], "ws-boxed-items")
        + lettered(WORDS["matches"], [question.pairs[match].match for match in order])
    )


choices, picks = no_choices, no_picks


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    """Term i with match i, or two neighbouring matches swapped."""
    return in_order_or_swapped(rng, len(question.pairs), knows)


def widget_controls(view) -> list:
    view.match_order = display_order(view.question.id, len(view.question.pairs), salt="matches")
    return dropdowns(len(view.question.pairs))


def widget_relabel(view, mode: str) -> None:
    pairs = view.question.pairs
    choices = [(UI["choose"].in_mode(mode), None)] + [(pairs[m].match.in_mode(mode), m) for m in view.match_order]
    for item, dropdown in zip(pairs, view.controls):
        set_options(dropdown, choices)
        dropdown.description = item.term.in_mode(mode)


def widget_read(view):
    matches = [dropdown.value for dropdown in view.controls]
    return EMPTY if all(m is None for m in matches) else matches


def widget_write(view, response) -> None:
    write_dropdowns(view, response, len(view.question.pairs), MEANING, distinct=True)
