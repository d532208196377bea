"""What the three LMS formats share: a question's words in one language mode,
its number as students saw it, Moodle's grade fractions, an ordering
question as matching pairs (for the formats without ordering), and the notes
each export gives back (a question left out, or scored differently from the
course's grader, and why).

The course's rule for ``multiple`` (:mod:`lessons.qtypes.multiple`): right
options chosen minus wrong options chosen, floored at 0, over the right
options; nothing or every option chosen earns 0. Moodle (and GIFT, which
becomes Moodle's multichoice) adds the fractions of the chosen options and
floors the sum at 0. :func:`choice_fractions` gives each right option 1/R
and each wrong one -1/R, which is the course's rule exactly when there are
at least as many wrong options as right ones; with fewer, -1/R would pay
for ticking everything, so each wrong option gets -1/W instead and
:func:`fraction_differences` lists the answers then scored differently.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from fractions import Fraction

from ..bilingual import BOTH, EN, MODES, ZH, Text
from ..grading import grade
from ..model import Bank, Question
from ..qtypes._base import display_order
from ..quizui import UI

#: The languages an export is written in, as in the rest of the course.
LANGUAGES = MODES
#: File-name suffix per language, as the per-language notebooks use.
SUFFIX = {ZH: "zh-Hant", EN: "en", BOTH: "both"}

#: The grade fractions Moodle's question editor offers (question_bank::
#: fraction_options_full); a fraction outside it may be refused on import.
MOODLE_FRACTIONS = tuple(
    Fraction(value).limit_denominator(20)
    for value in ("1", "0.9", "0.8333333", "0.8", "0.75", "0.7", "0.6666667", "0.6", "0.5", "0.4", "0.3333333",
                  "0.3", "0.25", "0.2", "0.1666667", "0.1428571", "0.125", "0.1111111", "0.1", "0.05", "0")
)


@dataclass(frozen=True)
class Note:
    """Something the instructor must know about one exported question."""

    lesson: str
    question: str  # its number and id, e.g. "Q3 starting-points"
    kind: str  # "left out" (not in the file), "part left out", or "scored differently"
    why: str

    def __str__(self) -> str:
        return f"{self.lesson} {self.question}: {self.kind}: {self.why}"


def numbers(bank: Bank) -> dict[str, str]:
    """Each question's number as the lesson quiz shows it ("Q3"); Try-it
    questions are "T1", "T2"... in bank order."""
    shown = {q.id: f"Q{n}" for n, q in enumerate(bank.quiz_questions(), 1)}
    tryit = {q.id: f"T{n}" for n, q in enumerate((q for q in bank.questions if q.id not in shown), 1)}
    return {q.id: shown.get(q.id) or tryit[q.id] for q in bank.questions}


def plain(text: Text | None, mode: str) -> str:
    """The text in one mode; both languages joined by " / "."""
    return text.in_mode(mode, sep=" / ") if text else ""


def html_text(text: Text | None, mode: str) -> str:
    """The text as HTML paragraphs, each marked with its language (escaped:
    bank text is never markup). A plain str, not Markup: ElementTree escapes
    it into the XML with ``str.replace``, which on Markup would escape the
    replacement too (``&amp;lt;`` in the file)."""
    if not text:
        return ""
    parts = [(ZH, text.zh), (EN, text.en)] if mode == BOTH else [(mode, text.zh if mode == ZH else text.en)]
    return "".join(
        f'<p lang="{code}">{html.escape(words).replace(chr(10), "<br>")}</p>' for code, words in parts if words
    )


def hints_text(question: Question, mode: str) -> str:
    """The hints as one plain line ("Hint 1: ... Hint 2: ...")."""
    label = {ZH: "提示", EN: "Hint", BOTH: "提示 Hint"}[mode]
    return " ".join(f"{label} {n}: {plain(hint, mode)}" for n, hint in enumerate(question.hints, 1))


def choice_fractions(question: Question) -> list[Fraction]:
    """Each option's Moodle fraction (see the module's notes)."""
    if question.type == "single":
        return [Fraction(1 if o.correct else 0) for o in question.options]
    right = sum(o.correct for o in question.options)
    wrong = len(question.options) - right
    penalty = Fraction(1, min(right, wrong))
    return [Fraction(1, right) if o.correct else -penalty for o in question.options]


def moodle_choice_score(fractions: list[Fraction], chosen: set[int]) -> Fraction:
    """What Moodle's multichoice gives: the chosen options' fractions added,
    kept between 0 and 1; nothing chosen is no answer, 0."""
    return min(Fraction(1), max(Fraction(0), sum((fractions[i] for i in chosen), Fraction(0))))


def fraction_differences(question: Question, fractions: list[Fraction]) -> list[tuple[tuple[int, ...], Fraction, Fraction]]:
    """Every set of options a student could tick that Moodle would score
    differently from the course: (options, course's share, Moodle's share)."""
    found = []
    count = len(question.options)
    # A single-choice question takes one option or none (radio buttons).
    for size in range(2 if question.type == "single" else count + 1):
        for chosen in itertools.combinations(range(count), size):
            course = grade(question, list(chosen)).fraction if question.type == "multiple" else _single(question, chosen)
            moodle = moodle_choice_score(fractions, set(chosen))
            if course != moodle:
                found.append((chosen, course, moodle))
    return found


def _single(question: Question, chosen: tuple[int, ...]) -> Fraction:
    # A single-choice question takes one option; nothing chosen earns nothing.
    return grade(question, chosen[0]).fraction if len(chosen) == 1 else Fraction(0)


def percent(fraction: Fraction) -> str:
    """A fraction as Moodle writes it in XML and GIFT: a percentage to five
    decimals, trailing zeros dropped ("33.33333", "-50", "100")."""
    text = f"{float(fraction) * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def in_moodle_list(fraction: Fraction) -> bool:
    return abs(fraction) in MOODLE_FRACTIONS


def describe_differences(differences) -> str:
    """One line for the instructor: which answers Moodle scores differently."""
    letters = "ABCDEFGHIJ"
    shown = []
    for chosen, course, moodle in differences[:3]:
        ticked = "+".join(letters[i] for i in chosen) or "nothing"
        shown.append(f"{ticked}: course {float(course):.2f}, Moodle {float(moodle):.2f}")
    more = f" and {len(differences) - 3} more" if len(differences) > 3 else ""
    return (
        "fewer wrong options than right ones, so each wrong option costs 1/W (not the course's 1/R) "
        f"to keep 'tick everything' at 0: {'; '.join(shown)}{more}"
    )


#: Canvas classic quizzes and GIFT have no ordering question. The book asks
#: one the same way (each item gets its position from a list), so there it
#: is a matching question: each item to its place, in the quiz's shuffle.
ORDERING_AS_MATCHING = (
    "as a matching question, each item matched to its place (1 = first), as the book asks it; the LMS gives each "
    "item at its right place 1/n of the points, the course counts the pairs of items in the right relative order, "
    "so a partly wrong order can score differently"
)


def ordering_prompt(question: Question) -> Text:
    """The prompt and how to answer: "Give each item a position: 1 comes first"."""
    help_ = UI["ordering_help"]
    return Text(f"{question.prompt.zh}\n{help_.zh}", f"{question.prompt.en}\n{help_.en}")


def places(question: Question) -> list[Text]:
    """The places an ordering question's items go to: "1" .. "n"."""
    return [Text(str(n), str(n)) for n in range(1, len(question.items) + 1)]


def matching_pairs(question: Question) -> list[tuple[Text, Text]]:
    """(term, its right match) of a matching, classify or ordering question,
    as the formats without ordering ask all three: an ordering's items with
    their places, in the quiz's display shuffle (never in the right order)."""
    if question.type == "matching":
        return [(pair.term, pair.match) for pair in question.pairs]
    if question.type == "classify":
        return [(statement.text, question.categories[statement.category]) for statement in question.statements]
    return [(question.items[n], places(question)[n]) for n in display_order(question.id, len(question.items))]

