"""``classify``: sort statements into given categories (e.g. "the brief
says it / an inference / added context"). Bank: ``categories`` (2–4
``{zh, en}``) and ``statements`` (3–8, each ``{text, category, feedback?}``,
category a 0-based index). Response: item i = the category index chosen
for statement i, or null. Score: statements placed right, out of the number
of statements; ``parts`` one flag per statement. Feedback names each
statement placed wrong, never its category (so a retry is still a real
try); the bank's note on a statement, which may name the category, shows
with the answer."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import Text, pair
from ..model import Statement
from ..quizui import UI
from ._base import (
    CATEGORY,
    EMPTY,
    STATEMENT,
    bilingual_option,
    dropdowns,
    exact_length,
    index_list,
    no_choices,
    no_picks,
    outcome,
    set_options,
    write_dropdowns,
)
from ._sheet import WORDS, boxed_list, help_line, lettered

NAME = "classify"
LABEL = Text("（分類）", "(classify)")
KEYS: tuple[str, ...] = ("categories", "statements")
EXAMPLE = "a list of 2–4 {zh, en} category names, and statements: [{text: {zh, en}, category: 0}, ...]"
ANSWER_LIST = "ul"
STATEMENT_KEYS = ("text", "category", "feedback")


def fields(mapping, report) -> dict:
    categories = check.text_list(mapping["categories"], "categories", "category", report, 2, 4)
    if "statements" not in mapping:
        report.add("a classify question needs statements: add statements: [{text: {zh, en}, category: 0}, ...]")
        return {"categories": categories, "statements": ()}
    return {"categories": categories, "statements": _statements(mapping["statements"], len(categories), report)}


def _statements(value, categories: int, report) -> tuple[Statement, ...]:
    raw = check.list_field(value, "statements", report, 3, "a list of 3 to 8 '- {text: {zh, en}, category: 0}'")
    if raw is None:
        return ()
    if len(raw) > 8:
        report.add(f"statements has {len(raw)}; at most 8 are allowed: split the question")
    found = []
    for number, entry in enumerate(raw, start=1):
        what = f"statement {number}"
        if not isinstance(entry, Mapping):
            report.add(f"{what} must be a mapping with text and category ({check.describe(entry)})")
            continue
        check.unknown_keys(entry, STATEMENT_KEYS, what, report)
        text = check.text_field(entry["text"], f"{what} text", report) if "text" in entry else None
        if "text" not in entry:
            report.add(f"{what} has no text: add text: {{zh: ..., en: ...}}")
        category = entry.get("category")
        if isinstance(category, bool) or not isinstance(category, int) or not 0 <= category < max(categories, 1):
            report.add(
                f"{what}: category must be the number of one of the categories, 0 to {max(categories - 1, 0)} "
                f"({check.describe(category)}): write category: 0 for the first"
            )
            category = None
        feedback = check.text_field(entry["feedback"], f"{what} feedback", report) if "feedback" in entry else None
        if text is not None and category is not None:
            found.append(Statement(text=text, category=category, feedback=feedback))
    if len(found) == len(raw):
        check.duplicates([s.text for s in found], "statements", report)
    return tuple(found)


def max_score(question) -> int:
    return len(question.statements)


def grade(question, response):
    count = len(question.statements)
    chosen = index_list(response, len(question.categories), CATEGORY, allow_empty_slots=True, distinct=False)
    exact_length(chosen, count, STATEMENT)
    parts = [choice == statement.category for choice, statement in zip(chosen, question.statements)]
    placed_wrong = [s for s, right, choice in zip(question.statements, parts, chosen) if not right and choice is not None]
    return outcome(question, sum(parts), count, [_wrong_category(s.text) for s in placed_wrong], parts)


def _wrong_category(text: Text) -> Text:
    """A statement placed wrong, by its words (as grader.js words it)."""
    return Text(f"「{text.zh}」：類別不對。", f"\u201c{text.en}\u201d: not the right category.")


def answer_lines(question) -> list[Text]:
    """Each statement with its category and the bank's note on it."""
    lines = []
    for statement in question.statements:
        category = question.categories[statement.category]
        note = statement.feedback or Text("", "")
        lines.append(
            Text(
                f"{statement.text.zh} → {category.zh}" + (f"——{note.zh}" if note.zh else ""),
                f"{statement.text.en} → {category.en}" + (f" — {note.en}" if note.en else ""),
            )
        )
    return lines


def html_controls(question, qid: str) -> Markup:
    choices = bilingual_option("", UI["choose"]) + Markup("").join(
        bilingual_option(str(number), category) for number, category in enumerate(question.categories)
    )
    rows = "".join(
        f'<li><label for="{qid}-s{number}"><span class="lq-item-text">{pair(statement.text)}</span></label> '
        f'<select class="lq-control" id="{qid}-s{number}" data-statement="{number}" aria-describedby="{qid}-help">{choices}</select></li>'
        for number, statement in enumerate(question.statements)
    )
    return Markup(f'<p class="lq-help" id="{qid}-help">{pair(UI["classify_help"])}</p><ul class="lq-classify-statements">{rows}</ul>')


def worksheet_body(question) -> Markup:
    return (
        help_line("write_category")
        + lettered(WORDS["categories"], list(question.categories))
        + boxed_list([statement.text for statement in question.statements], "ws-boxed-items")
    )


choices, picks = no_choices, no_picks


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    """Every statement in its category, or one moved to the next category."""
    chosen = [statement.category for statement in question.statements]
    if not knows:
        slip = rng.randrange(len(chosen))
        chosen[slip] = (chosen[slip] + 1) % len(question.categories)
    return chosen


def widget_controls(view) -> list:
    return dropdowns(len(view.question.statements))


def widget_relabel(view, mode: str) -> None:
    question = view.question
    choices = [(UI["choose"].in_mode(mode), None)] + [(c.in_mode(mode), n) for n, c in enumerate(question.categories)]
    for statement, dropdown in zip(question.statements, view.controls):
        set_options(dropdown, choices)
        dropdown.description = statement.text.in_mode(mode)


def widget_read(view):
    chosen = [dropdown.value for dropdown in view.controls]
    return EMPTY if all(c is None for c in chosen) else chosen


def widget_write(view, response) -> None:
    write_dropdowns(view, response, len(view.question.categories), CATEGORY, distinct=False)
