"""Moodle XML: a lesson's bank as a file Moodle's question bank imports
(Question bank > Import > Moodle XML format).

Every course type has a Moodle type (docs.moodle.org "Moodle XML format";
the element names below are those Moodle's own export writes):

========== ============ ==========================================================
course     Moodle       how
========== ============ ==========================================================
single     multichoice  <single>true</single>: the right option 100 %, others 0
multiple   multichoice  <single>false</single>: right options 1/R each, wrong
                        ones -1/R (-1/W when W < R: see lms.common), so a blank
                        or all-ticked answer earns 0
truefalse  truefalse    the answer 100 %, the other 0
numeric    numerical    the answer with its tolerance; the unit optional
text       shortanswer  every accepted answer (both languages, as the course
                        accepts either), case-insensitive, plus its
                        punctuation-free form
matching   matching     one subquestion per term; a part per term, as the course
ordering   ordering     gradingtype RELATIVE_ALL_PREVIOUS_AND_NEXT: every pair of
                        items in the right relative order, the course's rule
                        (Moodle 4.3+ core; earlier Moodles need the plugin)
classify   matching     one subquestion per statement, the categories as the
                        answers (several statements may share one); core
                        matching, not the ddmatch plugin, so it imports anywhere
open       essay        the rubric and model answer as grader information
========== ============ ==========================================================

Hints become ``<hint>`` (shown between tries in Moodle's "interactive with
multiple tries" behaviour); truefalse and essay have no hints in Moodle, so
theirs go into the general feedback. The explanation is the general
feedback. ``penalty`` is 1: only the first try earns credit, as the
course's default count (``gradebook --count first``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from ..model import Bank, Question
from ..textnorm import normalize_text
from . import common
from .common import Note, html_text, plain

#: The course's type -> Moodle's question type.
TYPE_OF = {
    "single": "multichoice",
    "multiple": "multichoice",
    "truefalse": "truefalse",
    "numeric": "numerical",
    "text": "shortanswer",
    "matching": "matching",
    "ordering": "ordering",
    "classify": "matching",
    "open": "essay",
}
#: What differs from the course for every question of a type (said once per export).
DIFFERENCES = (
    "numerical: Moodle reads the number by its own rules (the site language's decimal point); the course also "
    "reads full-width digits (１９９１) and a unit written in either language",
    "shortanswer: Moodle ignores case only; each answer is also accepted without its punctuation, but other "
    "spellings the course's text normalisation would match are marked wrong",
    "ordering: needs Moodle 4.3 or later (ordering is in core since then) or the ordering plugin; "
    "it scores the course's pair rule",
    "essay: the teacher grades it in Moodle; in the course students tick the rubric themselves and it is in no total",
    "every question: penalty 1, so only the first try earns credit (the course's default, gradebook --count first)",
)
#: Types whose Moodle import reads <hint> elements.
WITH_HINTS = ("multichoice", "numerical", "shortanswer", "matching", "ordering")


def bank_xml(bank: Bank, mode: str, category: str) -> tuple[bytes, list[Note]]:
    """The bank in Moodle XML (UTF-8 bytes) and the notes for the instructor."""
    quiz = ET.Element("quiz")
    _category(quiz, category)
    numbers = common.numbers(bank)
    notes: list[Note] = []
    for question in bank.questions:
        name = f"{numbers[question.id]} {question.id}"
        element = _question(quiz, question, name, mode, bank.lesson)
        found = WRITERS[question.type](element, question, mode, Where(bank.lesson, name))
        for note in found:  # said in the file too, where the importer ignores it
            element.insert(0, ET.Comment(f" {note.kind}: {note.why} ".replace("--", "-")))
        notes += found
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n", notes


class Where:
    """Which question a note is about."""

    def __init__(self, lesson: str, name: str):
        self.lesson, self.name = lesson, name

    def note(self, kind: str, why: str) -> Note:
        return Note(self.lesson, self.name, kind, why)


def _category(quiz: ET.Element, path: str) -> None:
    # A category "question" first: the import puts what follows there.
    element = ET.SubElement(quiz, "question", type="category")
    _text(ET.SubElement(element, "category"), f"$course$/top/{path}")


def _text(parent: ET.Element, value: str) -> ET.Element:
    ET.SubElement(parent, "text").text = value
    return parent


def _html(parent: ET.Element, tag: str, value: str) -> ET.Element:
    return _text(ET.SubElement(parent, tag, format="html"), value)


def _question(quiz: ET.Element, question: Question, name: str, mode: str, lesson: str) -> ET.Element:
    """The fields every Moodle question has (qformat_xml::import_headers)."""
    moodle_type = TYPE_OF[question.type]
    element = ET.SubElement(quiz, "question", type=moodle_type)
    _text(ET.SubElement(element, "name"), name)
    _html(element, "questiontext", html_text(question.prompt, mode))
    general = html_text(question.explanation, mode)
    if question.hints and moodle_type not in WITH_HINTS:
        general += f"<p>{escape(common.hints_text(question, mode))}</p>"
    _html(element, "generalfeedback", general)
    ET.SubElement(element, "defaultgrade").text = str(question.points)
    ET.SubElement(element, "penalty").text = "1"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = f"{lesson}/{question.id}"
    return element


def _hints(element: ET.Element, question: Question, mode: str) -> None:
    for hint in question.hints:
        _html(element, "hint", html_text(hint, mode))


def _combined_feedback(element: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _html(element, tag, "")


def _answer(element: ET.Element, fraction: str, text: str, feedback: str = "", text_format: str = "html") -> ET.Element:
    answer = ET.SubElement(element, "answer", fraction=fraction, format=text_format)
    _text(answer, text)
    _html(answer, "feedback", feedback)
    return answer


def _choice(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    single = question.type == "single"
    ET.SubElement(element, "single").text = "true" if single else "false"
    ET.SubElement(element, "shuffleanswers").text = "false"  # the course shows options in the bank's order
    ET.SubElement(element, "answernumbering").text = "abc"
    ET.SubElement(element, "showstandardinstruction").text = "1"
    _combined_feedback(element)
    fractions = common.choice_fractions(question)
    for option, fraction in zip(question.options, fractions):
        _answer(element, common.percent(fraction), html_text(option.text, mode), html_text(option.feedback, mode))
    _hints(element, question, mode)
    notes = [where.note("scored differently", f"fraction {common.percent(f)} % is not one Moodle's editor offers")
             for f in fractions if not common.in_moodle_list(f)]
    differences = common.fraction_differences(question, fractions)
    if differences:
        notes.append(where.note("scored differently", common.describe_differences(differences)))
    return notes


def _truefalse(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    for value in (True, False):
        _answer(element, "100" if question.answer is value else "0", str(value).lower(), text_format="moodle_auto_format")
    return []


def _numerical(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    answer = _answer(element, "100", repr(question.answer), text_format="moodle_auto_format")
    ET.SubElement(answer, "tolerance").text = repr(question.tolerance)
    _hints(element, question, mode)
    units = [u for u in dict.fromkeys((question.unit.zh, question.unit.en)) if u] if question.unit else []
    # Units optional and typed in a box: "1991" and "1991 年" both count, as in the course.
    ET.SubElement(element, "unitgradingtype").text = "0"
    ET.SubElement(element, "unitpenalty").text = "0"
    ET.SubElement(element, "showunits").text = "0" if units else "3"
    ET.SubElement(element, "unitsleft").text = "0"
    if units:
        listed = ET.SubElement(element, "units")
        for unit in units:
            entry = ET.SubElement(listed, "unit")
            ET.SubElement(entry, "multiplier").text = "1"
            ET.SubElement(entry, "unit_name").text = unit
    return []


def _shortanswer(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    ET.SubElement(element, "usecase").text = "0"
    accepted = list(question.accept.all())
    # The course drops punctuation and width differences before comparing; Moodle
    # only ignores case, so each answer's normalised form is accepted too.
    variants = list(dict.fromkeys(accepted + [normalize_text(a) for a in accepted]))
    for text in variants:
        # "*" is Moodle's wildcard in a short answer: escaped to mean itself.
        _answer(element, "100", text.replace("*", "\\*"), text_format="moodle_auto_format")
    _hints(element, question, mode)
    return []


def _matching(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    ET.SubElement(element, "shuffleanswers").text = "true"
    _combined_feedback(element)
    if question.type == "matching":
        pairs = [(pair.term, pair.match) for pair in question.pairs]
    else:
        pairs = [(s.text, question.categories[s.category]) for s in question.statements]
    for term, match in pairs:
        sub = _html(element, "subquestion", html_text(term, mode))
        _text(ET.SubElement(sub, "answer"), plain(match, mode))
    used = {s.category for s in question.statements}
    for number, category in enumerate(question.categories):
        if number not in used:  # an empty subquestion: a category offered but right for none
            sub = _html(element, "subquestion", "")
            _text(ET.SubElement(sub, "answer"), plain(category, mode))
    _hints(element, question, mode)
    if question.type == "classify" and any(s.feedback for s in question.statements):
        lines = "".join(html_text(s.feedback, mode) for s in question.statements if s.feedback)
        general = element.find("generalfeedback/text")
        general.text = (general.text or "") + lines
        return [where.note("part left out", "Moodle's matching has no feedback per statement: it is in the general feedback")]
    return []


def _ordering(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                       ("gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT"), ("showgrading", "SHOW"), ("numberingstyle", "none")):
        ET.SubElement(element, tag).text = value
    _combined_feedback(element)
    for position, item in enumerate(question.items, 1):  # written in the right order; Moodle shuffles them
        _answer(element, str(position), html_text(item, mode))
    _hints(element, question, mode)
    return []


def _essay(element: ET.Element, question: Question, mode: str, where: Where) -> list[Note]:
    for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                       ("attachments", "0"), ("attachmentsrequired", "0")):
        ET.SubElement(element, tag).text = value
    rubric = "".join(f"<li>{html_text(criterion, mode)}</li>" for criterion in question.rubric)
    info = f"<ol>{rubric}</ol>{html_text(question.model_answer, mode)}"
    _html(element, "graderinfo", info)
    _html(element, "responsetemplate", "")
    return []


WRITERS = {
    "single": _choice,
    "multiple": _choice,
    "truefalse": _truefalse,
    "numeric": _numerical,
    "text": _shortanswer,
    "matching": _matching,
    "ordering": _ordering,
    "classify": _matching,
    "open": _essay,
}
