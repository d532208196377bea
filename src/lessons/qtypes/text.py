"""``text``: a short written answer matched against accepted answers.
Response: a string. 1 if, once both are normalised (lessons.textnorm), it
equals an accepted answer, else 0 (out of 1). The first accepted answer of
each language is the canonical one the answer shows; the others (spelling
variants, Simplified forms) are kept only for matching and never shown."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from markupsafe import Markup

from .. import bankcheck as check
from ..bilingual import Text
from ..model import MAX_TEXT, Accepted, InvalidResponse
from ..quizui import UI
from ..textnorm import normalize_text
from ._base import no_choices, no_picks, outcome, text_input_html, text_response, text_widget, text_widget_read, text_widget_write
from ._sheet import lines

NAME = "text"
LABEL = Text("（簡答）", "(short answer)")
KEYS: tuple[str, ...] = ("accept",)
EXAMPLE = "{zh: [答案], en: [answer]}"
ANSWER_LIST = "ul"


def fields(mapping, report) -> dict:
    value = mapping["accept"]
    if not isinstance(value, Mapping):
        report.add(f"accept must be a mapping ({check.describe(value)}): write accept: {{zh: [答案], en: [answer]}}")
        return {"accept": None}
    check.unknown_keys(value, check.LANGS, "accept", report)
    lists = {}
    for lang in check.LANGS:
        answers = _answers(value.get(lang), lang, report)
        if answers:
            lists[lang] = answers
    return {"accept": Accepted(zh=lists["zh"], en=lists["en"]) if len(lists) == 2 else None}


def _answers(answers, lang: str, report) -> tuple[str, ...] | None:
    if not isinstance(answers, list) or not answers:
        report.add(f"accept.{lang} must be a non-empty list: add the accepted {check.LANG_NAMES[lang]} answers, e.g. {lang}: [...]")
        return None
    good = True
    for number, answer in enumerate(answers, start=1):
        where = f"accept.{lang} answer {number}"
        if not isinstance(answer, str):
            report.add(f"{where} must be text ({check.describe(answer)}): put it in quotes")
            good = False
        elif len(answer) > MAX_TEXT:
            report.add(f"{where} is longer than {MAX_TEXT} characters: shorten it")
            good = False
        elif not normalize_text(answer):
            report.add(f"{where} {answer!r} is empty once punctuation and spaces are dropped: write words")
            good = False
    return tuple(answers) if good else None


def max_score(question) -> int:
    return 1


def grade(question, response):
    answer = normalize_text(text_response(response))
    if not answer:
        raise InvalidResponse("請先輸入答案。", "Type an answer first.")
    return outcome(question, int(answer in _normalised(question.accept)), 1)


@lru_cache(maxsize=1024)
def _normalised(accept: Accepted) -> frozenset[str]:
    """The accepted answers, normalised once per bank version (the gradebook grades thousands)."""
    return frozenset(normalize_text(text) for text in accept.all())


def answer_lines(question) -> list[Text]:
    return [question.accept.canonical()]


def html_controls(question, qid: str) -> Markup:
    return text_input_html(qid)


def worksheet_body(question) -> Markup:
    return lines(1)


choices, picks = no_choices, no_picks


def sample_response(question, rng, knows: bool = True, language: str = "en"):
    accepted = question.accept.zh if language == "zh" else question.accept.en
    return accepted[0] if knows else ("不知道" if language == "zh" else "not sure")


def widget_controls(view) -> list:
    return text_widget(view)


def widget_relabel(view, mode: str) -> None:
    view.controls[0].description = UI["your_answer"].in_mode(mode)
    view.controls[0].placeholder = LABEL.in_mode(mode)


def widget_read(view):
    return text_widget_read(view)


widget_write = text_widget_write
