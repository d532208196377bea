"""GIFT: a lesson's bank as text to paste into Moodle (Question bank >
Import > GIFT format), where the type allows it.

GIFT (docs.moodle.org "GIFT format") writes a question as
``::name::text{answers}``; ``~ = # { } :`` are its syntax, so in any text
they are written with a backslash (``\\:``), and so is the backslash
itself; a line break is ``\\n``, since a blank line ends a question.
Text is plain, in one language or both joined by " / ".

single ``{=right ~wrong}``, multiple ``{~%50%right ~%-50%wrong}`` (the
fractions of :mod:`lessons.lms.common`), truefalse ``{TRUE}``, numeric
``{#answer:tolerance}``, text ``{=answer =other}``, matching and classify
``{=term -> match}``, open ``{}`` (an essay). GIFT has no ordering question:
an ordering is a matching of each item to its place, as the book asks it
(:data:`lessons.lms.common.ORDERING_AS_MATCHING`). It has no hints, no units
and no feedback per matching pair: see :data:`DIFFERENCES`. Explanations are the general feedback (``####``).
"""

from __future__ import annotations

from ..model import Bank, Question
from ..textnorm import normalize_text
from . import common
from .common import Note, plain

SPECIAL = "\\~=#{}:"
DIFFERENCES = (
    "hints: GIFT has none; they are in the general feedback, shown once the question is answered",
    "numerical: GIFT has no units; students type the number only",
    "essay: GIFT has no grader information; the rubric and model answer are in the general feedback",
    "matching: Moodle needs three pairs or more; classify categories that fit no statement are left out",
    "ordering: a matching of each item to its place (1 = first); scored per item, not per pair of items",
)


def escape(text: str) -> str:
    """Text safe inside a GIFT question: every special character escaped."""
    for character in SPECIAL:
        text = text.replace(character, "\\" + character)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def bank_text(bank: Bank, mode: str, category: str) -> tuple[str, list[Note]]:
    """The bank in GIFT and the notes for the instructor."""
    numbers = common.numbers(bank)
    blocks = [f"$CATEGORY: $course$/top/{category}"]
    notes: list[Note] = []
    for question in bank.questions:
        name = f"{numbers[question.id]} {question.id}"
        pairs = {"matching": len(question.pairs), "ordering": len(question.items)}.get(question.type)
        why = "Moodle's GIFT import needs at least three matching pairs" if pairs is not None and pairs < 3 else None
        if why:
            notes.append(Note(bank.lesson, name, "left out", why))
            blocks.append(f"// {bank.lesson} {name}: left out: {why}")
            continue
        answers, extra, more = BODIES[question.type](question, mode)
        found = [Note(bank.lesson, name, kind, why) for kind, why in more]
        notes += found
        general = " ".join(part for part in (plain(question.explanation, mode), extra, common.hints_text(question, mode)) if part)
        body = "\n".join(answers + ([f"####{escape(general)}"] if general else []))
        said = "".join(f"\n// {note.kind}: {note.why}" for note in found)
        prompt = common.ordering_prompt(question) if question.type == "ordering" else question.prompt
        blocks.append(f"// {bank.lesson} {name}{said}\n::{escape(name)}::{escape(plain(prompt, mode))}{{\n{body}\n}}")
    return "\n\n".join(blocks) + "\n", notes


def _with_feedback(text: str, feedback) -> str:
    return f"{text}#{escape(feedback)}" if feedback else text


def _choices(question: Question, mode: str):
    if question.type == "single":
        lines = [_with_feedback(("=" if o.correct else "~") + escape(plain(o.text, mode)), plain(o.feedback, mode))
                 for o in question.options]
        return lines, "", []
    fractions = common.choice_fractions(question)
    lines = [_with_feedback(f"~%{common.percent(f)}%{escape(plain(o.text, mode))}", plain(o.feedback, mode))
             for o, f in zip(question.options, fractions)]
    # GIFT's weights become Moodle's fractions: the same answers score differently.
    differences = common.fraction_differences(question, fractions)
    return lines, "", [("scored differently", common.describe_differences(differences))] if differences else []


def _truefalse(question: Question, mode: str):
    return ["TRUE" if question.answer else "FALSE"], "", []


def _numeric(question: Question, mode: str):
    return [f"#{question.answer!r}:{question.tolerance!r}"], "", []


def _text(question: Question, mode: str):
    accepted = list(question.accept.all())
    variants = dict.fromkeys(accepted + [normalize_text(a) for a in accepted])
    return [f"={escape(text)}" for text in variants], "", []


def _matching(question: Question, mode: str):
    lines = [f"={escape(plain(term, mode))} -> {escape(plain(match, mode))}" for term, match in common.matching_pairs(question)]
    if question.type != "classify":
        return lines, "", [("scored differently", common.ORDERING_AS_MATCHING)] if question.type == "ordering" else []
    feedback = " ".join(plain(s.feedback, mode) for s in question.statements if s.feedback)
    unused = [plain(c, mode) for n, c in enumerate(question.categories) if n not in {s.category for s in question.statements}]
    why = [("part left out", f"categories that fit no statement are not offered: {', '.join(unused)}")] if unused else []
    return lines, feedback, why


def _essay(question: Question, mode: str):
    rubric = " ".join(f"({n}) {plain(c, mode)}" for n, c in enumerate(question.rubric, 1))
    return [], " ".join(part for part in (rubric, plain(question.model_answer, mode)) if part), []


BODIES = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _truefalse,
    "numeric": _numeric,
    "text": _text,
    "matching": _matching,
    "classify": _matching,
    "ordering": _matching,
    "open": _essay,
}
