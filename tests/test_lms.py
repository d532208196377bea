"""The banks exported for Moodle, Canvas and GIFT (lessons.lms): nothing of a
question's text lost in any language, the structure each importer reads,
GIFT's escapes, and Moodle's fractions scoring the shared grading vectors
as the course's grader does."""

from __future__ import annotations

import html
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest

from inprocess import run_lessons
from lessons.bilingual import BOTH, EN, ZH, Text
from lessons.grading import grade
from lessons.gradebook.reading import default_banks
from lessons.lms import FORMATS, LANGUAGES, export, export_bank, gift, moodle
from lessons.lms.common import MOODLE_FRACTIONS, choice_fractions, fraction_differences, moodle_choice_score
from lessons.model import Bank
from lessons.quizbank import question_from_dict

ROOT = Path(__file__).resolve().parents[1]

VECTORS = json.loads((Path(__file__).parent / "data" / "grading-vectors.json").read_text(encoding="utf-8"))
BANKS = default_banks()
CANVAS_TYPES = {
    "multiple_choice_question", "true_false_question", "short_answer_question", "fill_in_multiple_blanks_question",
    "multiple_answers_question", "multiple_dropdowns_question", "matching_question", "numerical_question",
    "calculated_question", "essay_question", "file_upload_question", "text_only_question",
}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def readable(fmt: str, data: bytes) -> str:
    """The text a teacher would see once the file is imported: markup and escapes undone."""
    if fmt == "gift":
        text = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), data.decode("utf-8"))
        return words(text)
    if fmt == "qti":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist() if name != "imsmanifest.xml")
            root = ET.fromstring(data)
    else:
        root = ET.fromstring(data)
    text = " ".join(root.itertext())
    text = re.sub(r"<br>|</?(p|li|ol)[^>]*>", " ", text)
    return words(html.unescape(text))


def texts_of(question, mode: str, fmt: str) -> list[str]:
    """Every text of a question a teacher must find in the export, in ``mode``."""
    found: list[Text | None] = [question.prompt, question.explanation, question.model_answer, *question.hints, *question.rubric]
    found += [t for o in question.options for t in (o.text, o.feedback)]
    found += list(question.items) + [t for p in question.pairs for t in (p.term, p.match)]
    found += [t for s in question.statements for t in (s.text, s.feedback)]
    used = {s.category for s in question.statements}
    found += [c for n, c in enumerate(question.categories) if fmt != "gift" or n in used]  # GIFT: noted
    if question.unit and fmt == "moodle":  # QTI and GIFT have no units: said in their DIFFERENCES
        found.append(question.unit)
    strings = []
    for text in filter(None, found):
        strings += [text.zh, text.en] if mode == BOTH else [text.zh if mode == ZH else text.en]
    if question.accept:  # the course accepts either language's answers in every mode
        strings += list(question.accept.all())
    return [words(s) for s in strings if s]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("mode", LANGUAGES)
def test_every_bank_exports_without_loss_of_text(fmt, mode):
    for bank in BANKS.values():
        data, notes = export_bank(bank, fmt, mode)
        shown = readable(fmt, data)
        assert not [note for note in notes if note.kind == "left out"], "every question is in every format"
        for question in bank.questions:
            for text in texts_of(question, mode, fmt):
                assert text in shown, f"{fmt} {mode} {bank.lesson}/{question.id}: {text[:60]!r} missing"


def test_a_language_mode_carries_only_its_language():
    bank = BANKS["lesson-1"]
    question = bank.questions[0]
    english = readable("moodle", export_bank(bank, "moodle", EN)[0])
    chinese = readable("moodle", export_bank(bank, "moodle", ZH)[0])
    assert words(question.prompt.en) in english and words(question.prompt.zh) not in english
    assert words(question.prompt.zh) in chinese and words(question.prompt.en) not in chinese


def test_moodle_xml_has_the_fields_moodles_importer_requires():
    """docs.moodle.org "Moodle XML format": every question has name, questiontext
    (with format), and the elements of its type; a category comes first."""
    for bank in BANKS.values():
        data, _ = export_bank(bank, "moodle", BOTH)
        root = ET.fromstring(data)  # well-formed
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
        assert root.tag == "quiz"
        questions = root.findall("question")
        assert questions[0].get("type") == "category" and questions[0].findtext("category/text").startswith("$course$/top/")
        assert len(questions) - 1 == len(bank.questions)
        ids = [q.findtext("idnumber") for q in questions[1:]]
        assert len(set(ids)) == len(ids)
        for element, question in zip(questions[1:], bank.questions):
            assert element.get("type") == moodle.TYPE_OF[question.type]
            assert element.findtext("name/text").strip()
            assert element.find("questiontext").get("format") == "html" and element.findtext("questiontext/text").strip()
            for tag in ("generalfeedback", "defaultgrade", "penalty", "hidden"):
                assert element.find(tag) is not None, (question.id, tag)
            CHECKS[element.get("type")](element, question)


def _multichoice(element, question):
    fractions = [float(a.get("fraction")) for a in element.findall("answer")]
    assert len(fractions) == len(question.options) >= 2
    assert element.findtext("single") in ("true", "false")
    if element.findtext("single") == "true":
        assert sorted(fractions)[-1] == 100 and sorted(fractions)[-2] == 0
    else:
        assert abs(sum(f for f in fractions if f > 0) - 100) < 0.001
    for fraction in fractions:  # each one Moodle's editor offers
        assert any(abs(abs(fraction) / 100 - float(f)) < 1e-6 for f in MOODLE_FRACTIONS), fraction


def _truefalse(element, question):
    answers = {a.findtext("text"): float(a.get("fraction")) for a in element.findall("answer")}
    assert answers == {"true": 100 if question.answer else 0, "false": 0 if question.answer else 100}


def _numerical(element, question):
    answer = element.find("answer")
    assert float(answer.findtext("text")) == question.answer and float(answer.findtext("tolerance")) == question.tolerance


def _shortanswer(element, question):
    assert element.findtext("usecase") == "0"
    assert all(a.get("fraction") == "100" for a in element.findall("answer"))


def _matching(element, question):
    subquestions = element.findall("subquestion")
    assert len([s for s in subquestions if s.findtext("text")]) >= 2
    assert all(s.findtext("answer/text") for s in subquestions)


def _ordering(element, question):
    assert element.findtext("gradingtype") == "RELATIVE_ALL_PREVIOUS_AND_NEXT"
    assert [a.get("fraction") for a in element.findall("answer")] == [str(n) for n in range(1, len(question.items) + 1)]


def _essay(element, question):
    assert element.findtext("responseformat") == "editor" and element.findtext("graderinfo/text")


CHECKS = {"multichoice": _multichoice, "truefalse": _truefalse, "numerical": _numerical, "shortanswer": _shortanswer,
          "matching": _matching, "ordering": _ordering, "essay": _essay}

#: QTI 1.2 (IMS ASI, ims_qtiasiv1p2.dtd): the order of an item's children.
ITEM_ORDER = ["qticomment", "itemmetadata", "presentation", "resprocessing", "itemfeedback"]


def test_qti_zip_manifest_lists_every_item_file_and_items_follow_qti_1_2():
    for bank in BANKS.values():
        data, notes = export_bank(bank, "qti", EN)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            manifest = ET.fromstring(archive.read("imsmanifest.xml"))
            listed = {f.get("href") for f in manifest.iter() if local(f.tag) == "file"}
            assert listed == names - {"imsmanifest.xml"}, "the manifest lists every file and only those"
            assert all(r.get("type") == "imsqti_xmlv1p2" for r in manifest.iter() if local(r.tag) == "resource")
            items = [i for name in listed for i in _items(ET.fromstring(archive.read(name)))]
        left_out = [n for n in notes if n.kind == "left out"]
        assert len(items) == len(bank.questions) - len(left_out)
        assert len({i.get("ident") for i in items}) == len(items)
        for item in items:
            _check_item(item)


def _items(root):
    assert local(root.tag) == "questestinterop"
    (assessment,) = [c for c in root if local(c.tag) == "assessment"]
    assert [local(c.tag) for c in assessment][-1] == "section" and local(assessment[0].tag) in ("qticomment", "section")
    (section,) = [c for c in assessment if local(c.tag) == "section"]
    return [c for c in section if local(c.tag) == "item"]


def _check_item(item):
    children = [local(c.tag) for c in item]
    assert children == sorted(children, key=ITEM_ORDER.index), children
    fields = {local(f[0].tag) and f[0].text: f[1].text for f in item.iter() if local(f.tag) == "qtimetadatafield"}
    assert fields["question_type"] in CANVAS_TYPES and float(fields["points_possible"]) > 0
    presentation = next(c for c in item if local(c.tag) == "presentation")
    assert local(presentation[0].tag) == "material" and presentation[0][0].text
    responses = [c for c in presentation if local(c.tag) in ("response_lid", "response_str")]
    assert responses and all(any(local(r.tag).startswith("render_") for r in response) for response in responses)
    processing = next(c for c in item if local(c.tag) == "resprocessing")
    assert local(processing[0].tag) == "outcomes" and processing[0][0].get("varname") == "SCORE"
    conditions = [c for c in processing if local(c.tag) == "respcondition"]
    assert conditions and all(local(c[0].tag) == "conditionvar" for c in conditions)
    feedback = {c.get("ident") for c in item if local(c.tag) == "itemfeedback"}
    links = {d.get("linkrefid") for d in item.iter() if local(d.tag) == "displayfeedback"}
    assert links <= feedback, f"feedback referred to but missing: {links - feedback}"
    labels = {label.get("ident") for label in item.iter() if local(label.tag) == "response_label"}
    for test in (t for t in item.iter() if local(t.tag) == "varequal" and fields["question_type"] not in
                 ("short_answer_question", "numerical_question")):
        assert test.text in labels, "a condition names a label the item offers"


SPECIALS = {"prompt": Text("比例：1:2 = 50% {約} #1 ~近似 \\ 完", "ratio 1:2 = 50% {about} #1 ~approx \\ end"),
            "option": Text("甲：{a}=b", "A: {a}=b"), "feedback": Text("回饋#1", "feedback #1")}


def test_gift_escapes_its_special_characters_in_both_languages():
    question = question_from_dict({
        "id": "specials", "type": "single", "prompt": SPECIALS["prompt"].to_dict(),
        "options": [{"text": SPECIALS["option"].to_dict(), "correct": True, "feedback": SPECIALS["feedback"].to_dict()},
                    {"text": {"zh": "乙", "en": "B"}}],
        "explanation": {"zh": "說明：~", "en": "why: ~"}, "section": "s", "level": "recall", "objective": "o",
    })
    bank = Bank(Path("specials.yml"), "lesson-9", Text("特殊", "Specials"), (question,))
    for mode in LANGUAGES:
        text, _ = gift.bank_text(bank, mode, "c")
        for part in SPECIALS.values():
            for words_ in ([part.zh, part.en] if mode == BOTH else [part.zh if mode == ZH else part.en]):
                assert gift.escape(words_) in text
        assert "比例\\：" not in text, "a full-width colon is no GIFT syntax: left as it is"
        # Outside escapes, only the question's own syntax remains: one {...} and one ::name::.
        bare = re.sub(r"\\.", "", text.split("\n", 1)[1])
        assert bare.count("{") == bare.count("}") == 1 and bare.count("::") == 2, bare


def test_every_gift_file_has_one_answer_block_per_question():
    for bank in BANKS.values():
        for mode in LANGUAGES:
            text, notes = gift.bank_text(bank, mode, "c")
            bare = re.sub(r"\\.", "", text)
            kept = len(bank.questions) - len([n for n in notes if n.kind == "left out"])
            assert bare.count("{") == bare.count("}") == kept
            blocks = text.strip().split("\n\n")  # a blank line ends a GIFT question: none inside one
            assert len(blocks) == 1 + len(bank.questions) and blocks[0].startswith("$CATEGORY: ")


def moodle_score(element, response) -> Fraction:
    """Moodle's multichoice and truefalse scoring, from the exported fractions."""
    fractions = [Fraction(a.get("fraction")) / 100 for a in element.findall("answer")]
    if element.get("type") == "truefalse":
        return fractions[0] if response is True else fractions[1]
    if element.findtext("single") == "true":
        return fractions[int(response)]
    return moodle_choice_score(fractions, {int(i) for i in response})


def test_moodle_fractions_score_the_grading_vectors_as_the_course_does():
    checked = 0
    for vector in VECTORS:
        if vector["question"]["type"] not in ("single", "multiple", "truefalse") or vector["expected"]["status"] == "invalid":
            continue
        question = question_from_dict(vector["question"])
        bank = Bank(Path("v.yml"), "lesson-v", Text("v", "v"), (question,))
        data, notes = moodle.bank_xml(bank, EN, "c")
        element = ET.fromstring(data).findall("question")[1]
        course = Fraction(vector["expected"]["score"], vector["expected"]["max_score"])
        moodle_share = moodle_score(element, vector["response"])
        if question.type == "multiple" and len(set(vector["response"])) in (0, len(question.options)):
            assert moodle_share == 0, f"{vector['name']}: a blank or all-ticked answer earns nothing"
        right = sum(o.correct for o in question.options)
        # Moodle writes 1/3 as 33.33333 %: equal within its own rounding (it counts >= 0.999999 as right).
        if abs(moodle_share - course) > Fraction(1, 10**6):
            # Allowed only where the export says so: fewer wrong options than right ones.
            assert question.type == "multiple" and len(question.options) - right < right, vector["name"]
            differing = {tuple(sorted(chosen)) for chosen, _, _ in fraction_differences(question, choice_fractions(question))}
            assert tuple(sorted(int(i) for i in vector["response"])) in differing, vector["name"]
            assert any(n.kind == "scored differently" and "1/W" in n.why for n in notes), vector["name"]
        checked += 1
    assert checked >= 20, "the vectors hold at least 20 valid choice answers"


def test_moodle_gives_nothing_for_a_blank_or_all_ticked_answer_in_every_bank():
    for bank in BANKS.values():
        for question in (q for q in bank.questions if q.type == "multiple"):
            fractions = choice_fractions(question)
            assert moodle_choice_score(fractions, set()) == 0
            assert moodle_choice_score(fractions, set(range(len(question.options)))) == 0
            right = sum(o.correct for o in question.options)
            if len(question.options) - right >= right:  # the course's rule exactly
                assert not fraction_differences(question, fractions), question.id
            for chosen, course, _ in fraction_differences(question, fractions):
                assert course == grade(question, list(chosen)).fraction


def test_the_command_writes_each_format_and_says_what_is_scored_differently(tmp_path):
    result = run_lessons("export-lms", "--format", "qti", "--lesson", "lesson-1", "--language", "en", "--out", tmp_path, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "qti").iterdir()] == ["lesson-1.en.zip"]
    ordering = next(q for q in BANKS["lesson-1"].questions if q.type == "ordering")
    assert re.search(rf"lesson-1 Q\d+ {ordering.id}: scored differently: as a matching question, each item matched to its place", result.stdout)
    wrong = run_lessons("export-lms", "--lesson", "lesson-9", "--out", tmp_path, cwd=ROOT)
    assert wrong.returncode == 2 and "unknown --lesson lesson-9: use one of lesson-1" in wrong.stderr


ORDERINGS = [(bank, q) for bank in BANKS.values() for q in bank.questions if q.type == "ordering"]


@pytest.mark.parametrize("bank, question", ORDERINGS, ids=[q.id for _, q in ORDERINGS])
def test_an_ordering_is_a_matching_of_each_item_to_its_place_in_canvas(bank, question):
    data, _ = export_bank(Bank(bank.path, bank.lesson, bank.title, (question,)), "qti", EN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (item,) = _items(ET.fromstring(archive.read(next(n for n in archive.namelist() if n != "imsmanifest.xml"))))
    responses = [r for r in item.iter() if local(r.tag) == "response_lid"]
    shown = [words(html.unescape(re.sub(r"<[^>]+>", " ", r.findtext("{*}material/{*}mattext")))) for r in responses]
    items = [words(i.en) for i in question.items]
    assert sorted(shown) == sorted(items) and shown != items, "every item, never listed in its right order"
    places = {label.get("ident"): label.findtext(".//{*}mattext") for label in item.iter() if local(label.tag) == "response_label"}
    right = {t.get("respident"): places[t.text] for t in item.iter() if local(t.tag) == "varequal"}
    # What scores: each item at its place in the right order, the places offered being 1..n.
    assert {shown[int(r.get("ident").split("_")[1])]: int(right[r.get("ident")]) for r in responses} == {
        text: n for n, text in enumerate(items, 1)}
    assert set(places.values()) == {str(n) for n in range(1, len(items) + 1)}
    assert "Give each item a position: 1 comes first" in "".join(item.itertext())


@pytest.mark.parametrize("bank, question", ORDERINGS, ids=[q.id for _, q in ORDERINGS])
def test_an_ordering_is_a_matching_of_each_item_to_its_place_in_gift(bank, question):
    text, notes = gift.bank_text(Bank(bank.path, bank.lesson, bank.title, (question,)), ZH, "c")
    pairs = re.findall(r"^=(.+) -> (\d+)$", text, re.M)
    assert [item for item, _ in pairs] != [i.zh for i in question.items], "never listed in its right order"
    assert {item: int(place) for item, place in pairs} == {gift.escape(i.zh): n for n, i in enumerate(question.items, 1)}
    assert [n.kind for n in notes] == ["scored differently"]


def test_export_writes_every_lesson_in_every_language(tmp_path):
    for fmt in FORMATS:
        result = export(BANKS.values(), fmt, LANGUAGES, tmp_path)
        assert len(result.files) == len(BANKS) * 3 and all(p.stat().st_size > 1000 for p in result.files)


def test_the_guide_links_every_lms_file_the_book_build_writes(tmp_path):
    from types import SimpleNamespace

    from lessons.sphinxext.downloads import lms_links_html, write_lms_files

    root = Path(__file__).resolve().parents[1]  # the book's source folder: its banks are lessons_bank_folder's default
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"), srcdir=str(root),
                          config=SimpleNamespace(lessons_bank_folder="book/quizzes"))
    write_lms_files(app, None)
    page = lms_links_html(sorted(BANKS), "")
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert len(hrefs) == len(BANKS) * len(FORMATS) * len(LANGUAGES) * 2  # each link in the zh and the en line
    assert all((tmp_path / href).is_file() for href in hrefs), "every link leads to a file the build wrote"
    assert 'lang="zh-Hant"' in page and 'lang="en"' in page
