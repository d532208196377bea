"""QTI 1.2 for Canvas: a lesson's bank as a zip that Canvas's course import
("QTI .zip file", classic quizzes) reads.

The zip holds ``imsmanifest.xml`` and one assessment file
``<lesson>/<lesson>.xml`` (a ``questestinterop`` with the quiz's
``assessment``, one ``section`` and an ``item`` per question, the shape
Canvas's own QTI export writes). The manifest lists every file in the zip.
Each item carries Canvas's ``question_type`` and ``points_possible``
metadata:

========== =========================== =============================================
course     Canvas question_type        notes
========== =========================== =============================================
single     multiple_choice_question
multiple   multiple_answers_question   Canvas grades it by its own rule: each right
                                       option chosen earns 1/R, each wrong one costs
                                       1/W (the course: 1/R); the same when W = R
truefalse  true_false_question
numeric    numerical_question          exact answer with its tolerance as margin
text       short_answer_question       every accepted answer; Canvas ignores case
matching   matching_question           a part per term
classify   matching_question           each statement matched to its category
open       essay_question              graded by the teacher; rubric in the feedback
ordering   matching_question           each item matched to its place (1 = first),
                                       as the book asks it; scored per item, not
                                       per pair (common.ORDERING_AS_MATCHING)
========== =========================== =============================================

Canvas classic quizzes have no hints: a question's hints are written into
its general feedback, shown once answered, and the export says so.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from fractions import Fraction
from html import escape

from ..bilingual import Text
from ..model import Bank, Question
from . import common
from .common import Note, html_text, plain

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
#: The course's type -> Canvas's question_type (classic quizzes).
TYPE_OF = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "numeric": "numerical_question",
    "text": "short_answer_question",
    "matching": "matching_question",
    "classify": "matching_question",
    "open": "essay_question",
    # Classic quizzes have no ordering question (New Quizzes has one, but
    # does not take it from QTI 1.2).
    "ordering": "matching_question",
}
DIFFERENCES = (
    "short_answer_question: Canvas ignores case and outer spaces only; the course also drops punctuation and width differences",
    "essay_question: the teacher grades it in Canvas; in the course students tick the rubric themselves and it is in no total",
    "hints: Canvas classic quizzes have none; they are in the general feedback, shown once the question is answered",
)


def bank_zip(bank: Bank, mode: str, title: str) -> tuple[bytes, list[Note]]:
    """The lesson as a Canvas QTI zip (bytes) and the notes for the instructor."""
    ident = f"{bank.lesson}-{common.SUFFIX[mode]}"
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=ident, title=title)
    section = ET.SubElement(assessment, "section", ident="root_section")
    numbers = common.numbers(bank)
    notes: list[Note] = []
    for question in bank.questions:
        name = f"{numbers[question.id]} {question.id}"
        found = _item(section, question, name, mode, bank.lesson)
        if found:  # said in the file too: QTI's own comment element, first in the item
            comment = ET.Element("qticomment")
            comment.text = "; ".join(f"{note.kind}: {note.why}" for note in found)
            section[-1].insert(0, comment)
        notes += found
    if left_out := [note for note in notes if note.kind == "left out"]:
        comment = ET.Element("qticomment")
        comment.text = "; ".join(f"{note.question}: left out: {note.why}" for note in left_out)
        assessment.insert(0, comment)
    ET.indent(root)
    item_file = f"{ident}/{ident}.xml"
    files = {item_file: ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"}
    files = {"imsmanifest.xml": manifest(ident, title, list(files)), **files}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue(), notes


def manifest(ident: str, title: str, item_files: list[str]) -> bytes:
    """imsmanifest.xml: one imsqti_xmlv1p2 resource per assessment file."""
    root = ET.Element("manifest", identifier=f"{ident}-manifest", xmlns=MANIFEST_NS)
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for number, href in enumerate(item_files, 1):
        resource = ET.SubElement(resources, "resource", identifier=f"{ident}-{number}", type="imsqti_xmlv1p2", href=href)
        ET.SubElement(resource, "file", href=href)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _mattext(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype=texttype).text = text


def _item(section: ET.Element, question: Question, name: str, mode: str, lesson: str) -> list[Note]:
    item = ET.SubElement(section, "item", ident=f"{lesson}-{question.id}", title=name)
    fields = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", TYPE_OF[question.type]), ("points_possible", str(float(question.points)))):
        field = ET.SubElement(fields, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry
    presentation = ET.SubElement(item, "presentation")
    prompt = common.ordering_prompt(question) if question.type == "ordering" else question.prompt
    _mattext(presentation, html_text(prompt, mode))
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = html_text(question.explanation, mode)
    notes = []
    if question.hints:
        general += f"<p>{escape(common.hints_text(question, mode))}</p>"
    if question.type == "classify" and any(s.feedback for s in question.statements):
        general += "".join(html_text(s.feedback, mode) for s in question.statements if s.feedback)
        notes.append(Note(lesson, name, "part left out", "Canvas has no feedback per statement: it is in the general feedback"))
    if general:
        _condition(processing, ET.Element("other"), feedback="general_fb")
    notes += BODIES[question.type](presentation, processing, item, question, mode, Note(lesson, name, "", ""))
    if general:
        _feedback(item, "general_fb", general)
    return notes


def _condition(processing: ET.Element, test: ET.Element | list[ET.Element], score: str | None = None, feedback: str | None = None,
               action: str = "Set") -> None:
    condition = ET.SubElement(processing, "respcondition", attrib={"continue": "Yes" if score is None or action == "Add" else "No"})
    ET.SubElement(condition, "conditionvar").extend(test if isinstance(test, list) else [test])
    if score is not None:
        ET.SubElement(condition, "setvar", action=action, varname="SCORE").text = score
    if feedback:
        ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _feedback(item: ET.Element, ident: str, text: str) -> None:
    material = ET.SubElement(ET.SubElement(item, "itemfeedback", ident=ident), "flow_mat")
    _mattext(material, text)


def _equal(respident: str, value: str, tag: str = "varequal") -> ET.Element:
    element = ET.Element(tag, respident=respident)
    element.text = value
    return element


def _choices(presentation, processing, item, question: Question, mode: str, where: Note) -> list[Note]:
    if question.type == "truefalse":
        labels = [("true", plain(_TRUE, mode), question.answer is True, None), ("false", plain(_FALSE, mode), question.answer is False, None)]
    else:
        labels = [(str(n), html_text(o.text, mode), o.correct, o.feedback) for n, o in enumerate(question.options)]
    cardinality = "Multiple" if question.type == "multiple" else "Single"
    response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    choices = ET.SubElement(response, "render_choice")
    for ident, text, _, _ in labels:
        _mattext(ET.SubElement(choices, "response_label", ident=ident), text)
    for ident, _, _, feedback in labels:
        if feedback:
            _condition(processing, _equal("response1", ident), feedback=f"{ident}_fb")
    if question.type == "multiple":
        test = ET.Element("and")
        for ident, _, correct, _ in labels:
            (test if correct else ET.SubElement(test, "not")).append(_equal("response1", ident))
    else:
        test = _equal("response1", next(ident for ident, _, correct, _ in labels if correct))
    _condition(processing, test, score="100")
    for ident, _, _, feedback in labels:
        if feedback:
            _feedback(item, f"{ident}_fb", html_text(feedback, mode))
    return _canvas_multiple(question, where) if question.type == "multiple" else []


def _canvas_multiple(question: Question, where: Note) -> list[Note]:
    """Canvas's own rule for multiple answers, against the course's."""
    right = sum(o.correct for o in question.options)
    wrong = len(question.options) - right
    fractions = [Fraction(1, right) if o.correct else Fraction(-1, wrong) for o in question.options]
    differences = common.fraction_differences(question, fractions)
    if not differences:
        return []
    shown = "; ".join(f"{'+'.join('ABCDEFGHIJ'[i] for i in chosen) or 'nothing'}: course {float(c):.2f}, Canvas {float(m):.2f}"
                      for chosen, c, m in differences[:3])
    return [Note(where.lesson, where.question, "scored differently",
                 f"Canvas costs 1/{wrong} per wrong option, the course 1/{right}: {shown}")]


def _fill_in(presentation, fibtype: str = "String") -> None:
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(ET.SubElement(response, "render_fib", fibtype=fibtype), "response_label", ident="answer1", rshuffle="No")


def _numerical(presentation, processing, item, question: Question, mode: str, where: Note) -> list[Note]:
    _fill_in(presentation, "Decimal")
    answer, margin = question.answer, question.tolerance
    test = ET.Element("or")
    test.append(_equal("response1", _number(answer)))
    bounds = ET.SubElement(test, "and")
    bounds.append(_equal("response1", _number(answer - margin), "vargte"))
    bounds.append(_equal("response1", _number(answer + margin), "varlte"))
    _condition(processing, test, score="100")
    return []


def _number(value: float) -> str:
    # 4.04 - 0.01 is 4.029999999999999 in binary: written as 4.03.
    return f"{value:.12g}"


def _short_answer(presentation, processing, item, question: Question, mode: str, where: Note) -> list[Note]:
    _fill_in(presentation)
    # Several varequal in one conditionvar: any of them is right.
    _condition(processing, [_equal("response1", text) for text in dict.fromkeys(question.accept.all())], score="100")
    return []


def _matching(presentation, processing, item, question: Question, mode: str, where: Note) -> list[Note]:
    pairs = common.matching_pairs(question)
    offered = {"matching": [pair.match for pair in question.pairs], "classify": list(question.categories)}
    answers = offered.get(question.type) or common.places(question)
    labels = {plain(answer, mode): f"{n}" for n, answer in enumerate(answers)}
    share = f"{100 / len(pairs):.4f}"
    for number, (term, match) in enumerate(pairs):
        response = ET.SubElement(presentation, "response_lid", ident=f"response_{number}")
        _mattext(response, html_text(term, mode))
        choices = ET.SubElement(response, "render_choice")
        for text, ident in labels.items():
            _mattext(ET.SubElement(choices, "response_label", ident=ident), text, "text/plain")
        _condition(processing, _equal(f"response_{number}", labels[plain(match, mode)]), score=share, action="Add")
    return [Note(where.lesson, where.question, "scored differently", common.ORDERING_AS_MATCHING)] if question.type == "ordering" else []


def _essay(presentation, processing, item, question: Question, mode: str, where: Note) -> list[Note]:
    _fill_in(presentation)
    rubric = "".join(f"<li>{html_text(c, mode)}</li>" for c in question.rubric)
    _feedback(item, "rubric_fb", f"<ol>{rubric}</ol>{html_text(question.model_answer, mode)}")
    _condition(processing, ET.Element("other"), feedback="rubric_fb")
    return []


_TRUE = Text("對", "True")
_FALSE = Text("錯", "False")
BODIES = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _choices,
    "numeric": _numerical,
    "text": _short_answer,
    "matching": _matching,
    "classify": _matching,
    "ordering": _matching,
    "open": _essay,
}
