"""Results back into the LMS: the gradebook's Canvas and Moodle grade import
files, exports read from the zips "download all submissions" gives, and
a rule change that regrades instead of refusing (issue 26)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from inprocess import run_lessons
from lessons import answers, gradebook
from lessons.grading import grade
from lessons.gradebook.lmsgrades import CANVAS_COLUMNS, MOODLE_COLUMNS, write_lms_grades
from lessons.gradebook.lmszip import Identity, identity
from lessons.gradebook.reading import default_banks
from lessons.gradebook.roster import name_keys, read_roster

ROOT = Path(__file__).resolve().parents[1]

VECTORS = Path(__file__).parent / "data" / "grading-vectors.json"
#: The grading vectors' outcomes under the current rules version, one short
#: hash per vector (of its question, response and expected grade).
RULES = Path(__file__).parent / "data" / "grading-rules.json"
BANKS = default_banks()


def export_of(student: str, lesson: str, picks: dict[str, object], **fields) -> dict:
    """A real export: each answer graded by the course's grader, as the quiz does."""
    bank = BANKS[lesson]
    records = [answers.attempt_record(bank.question(qid), grade(bank.question(qid), response), response, False)
               for qid, response in picks.items()]
    return answers.make_export(lesson, records, student=student, source="book") | fields


def first_answers(lesson: str) -> dict[str, object]:
    """Option 0 to each single question of a lesson (some right, some wrong)."""
    return {q.id: 0 for q in BANKS[lesson].questions if q.type == "single"}


def zipped(path: Path, members: dict[str, dict]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, document in members.items():
            archive.writestr(name, json.dumps(document, ensure_ascii=False))
    return path


def vector_hashes() -> dict[str, str]:
    """One hash per vector of what scores it: question, response, status and
    score. Feedback wording is not a scoring rule, so it may change freely."""
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    return {
        v["name"]: hashlib.sha256(json.dumps([v["question"], v["response"], scoring(v["expected"])], sort_keys=True).encode()).hexdigest()[:16]
        for v in vectors
    }


def scoring(expected: dict) -> dict:
    return {key: expected[key] for key in ("status", "score", "max_score")}


def test_the_grading_vectors_are_tied_to_the_rules_version():
    """A vector recorded under this rules version must keep its outcome: if
    one changes, a scoring rule changed, and answers.RULES_VERSION must be
    raised with it (so the gradebook regrades older exports instead of
    refusing them). New vectors are free. To record the current vectors
    (after raising the version): LESSONS_RECORD_RULES=1 pytest -k rules_version."""
    current = vector_hashes()
    if os.environ.get("LESSONS_RECORD_RULES") == "1":
        RULES.write_text(json.dumps({"rules_version": answers.RULES_VERSION, "vectors": current}, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(RULES.read_text(encoding="utf-8"))
    assert recorded["rules_version"] == answers.RULES_VERSION, (
        f"answers.RULES_VERSION is {answers.RULES_VERSION} but {RULES.name} records version {recorded['rules_version']}: "
        "record the vectors of the new rules (LESSONS_RECORD_RULES=1)"
    )
    changed = sorted(name for name, digest in recorded["vectors"].items() if current.get(name) != digest)
    assert not changed, (
        f"grading vectors changed or removed under rules version {answers.RULES_VERSION}: {changed[:5]}. A scoring rule "
        "changed: raise lessons.answers.RULES_VERSION, then record the vectors again (LESSONS_RECORD_RULES=1)"
    )


def test_canvas_and_moodle_import_files_have_their_documented_headers_and_a_bom(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("王小明", "Ana Lee", "=cmd()"):
        (exports / f"{name}.json").write_text(json.dumps(export_of(name, "lesson-1", first_answers("lesson-1")), ensure_ascii=False), encoding="utf-8")
    results = gradebook.read_class([exports])
    written, _ = write_lms_grades(results, tmp_path / "out")
    canvas, moodle = (list(csv.reader(p.read_text(encoding="utf-8-sig").splitlines())) for p in written)
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written), "UTF-8 with BOM, for spreadsheets"
    lessons = [f"{lesson} quiz" for lesson in results.lessons]
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *lessons] == CANVAS_COLUMNS + lessons
    assert canvas[1][0] == "Points Possible" and float(canvas[1][5]) == float(results.lesson_possible("lesson-1"))
    assert moodle[0] == ["First name", "Last name", "ID number", "Institution", "Department", "Email address", *lessons]
    assert moodle[0][:6] == MOODLE_COLUMNS
    names = [row[0] for row in canvas[2:]]
    assert "王小明" in names and "Ana Lee" in names and "'=cmd()" in names, "Chinese intact; a formula stays text"
    totals = results.lesson_totals()
    row = next(r for r in canvas[2:] if r[0] == "王小明")
    assert float(row[5]) == pytest.approx(float(totals.at["王小明", "lesson-1"]), abs=0.01)
    row = next(r for r in moodle[1:] if r[0] == "王小明")
    assert float(row[6]) == pytest.approx(float(totals.at["王小明", "lesson-1 %"]), abs=0.01)


def test_a_lesson_not_handed_in_is_an_empty_cell_not_zero(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "a.json").write_text(json.dumps(export_of("Ana", "lesson-1", first_answers("lesson-1"))), encoding="utf-8")
    (exports / "b.json").write_text(json.dumps(export_of("Ben", "lesson-2", first_answers("lesson-2"))), encoding="utf-8")
    written, _ = write_lms_grades(gradebook.read_class([exports]), tmp_path / "out")
    canvas = list(csv.reader(written[0].read_text(encoding="utf-8-sig").splitlines()))
    ana = next(r for r in canvas if r[0] == "Ana")
    assert ana[5] != "" and ana[6] == ""


def test_the_lms_namings_of_download_all_submissions():
    assert identity("leeana_12345_67890_lesson-1.json") == Identity("canvas", "leeana", "12345")
    assert identity("王小明_LATE_42_7_answers.json") == Identity("canvas", "王小明", "42", late=True)
    assert identity("anon_Xy12z_7_answers.json") == Identity("canvas", "", "anon_Xy12z")
    assert identity("LATE_anon_Xy12z_7_answers.json") == Identity("canvas", "", "anon_Xy12z", late=True)
    assert identity("Ana Lee_1234567_assignsubmission_file_/lesson-1.json") == Identity("moodle", "Ana Lee", "1234567")
    assert identity("王 小明_88_assignsubmission_file_lesson-1.json") == Identity("moodle", "王 小明", "88")
    assert identity("lesson-1.json") is None


def test_the_gradebook_reads_a_canvas_submissions_zip_and_fills_canvas_ids(tmp_path):
    archive = zipped(tmp_path / "submissions.zip", {
        "leeana_12345_900_lesson-1.json": export_of("Ana Lee", "lesson-1", first_answers("lesson-1")),
        "王小明_LATE_678_901_lesson-1.json": export_of("王小明", "lesson-1", {"starting-points-months-apart": 30}),
        "leeana_12345_902_notes.txt": {},
    })
    results = gradebook.read_class([archive])
    assert sorted(results.students) == ["Ana Lee", "王小明"] and results.skipped == ()
    canvas = list(csv.reader(write_lms_grades(results, tmp_path / "out")[0][0].read_text(encoding="utf-8-sig").splitlines()))
    assert next(r for r in canvas if r[0] == "Ana Lee")[1] == "12345", "the Canvas user id from the zip's naming"
    assert next(r for r in canvas if r[0] == "王小明")[1] == "678"
    assert all(str(archive) in f for f in results.files_read)


def test_the_gradebook_reads_a_moodle_submissions_zip_in_folders_or_flat(tmp_path):
    archive = zipped(tmp_path / "moodle.zip", {
        "Ana Lee_101_assignsubmission_file_/lesson-1.json": export_of("Ana Lee", "lesson-1", first_answers("lesson-1")),
        "王 小明_102_assignsubmission_file_lesson-2.json": export_of("王小明", "lesson-2", first_answers("lesson-2")),
        "__MACOSX/Ana Lee_101_assignsubmission_file_/._lesson-1.json": {"junk": True},
    })
    results = gradebook.read_class([archive])
    assert sorted(results.students) == ["Ana Lee", "王小明"]
    assert results.skipped == (), "macOS's resource copies are not exports"
    assert results.files_read == (f"{archive}:Ana Lee_101_assignsubmission_file_/lesson-1.json",
                                  f"{archive}:王 小明_102_assignsubmission_file_lesson-2.json")


def test_a_broken_or_empty_zip_is_reported_by_name(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"not a zip")
    empty = zipped(tmp_path / "empty.zip", {})
    results = gradebook.read_class([tmp_path / "broken.zip", empty, tmp_path / "none.zip"])
    reasons = {Path(s.file).name: s.reason for s in results.skipped}
    assert reasons == {
        "broken.zip": "is not a readable zip file: download the submissions again",
        "empty.zip": "zip has no .json or .csv export files in it",
        "none.zip": "no such file or folder: check the path",
    }


def test_a_score_from_other_rules_is_regraded_with_a_note_not_refused(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    bank = BANKS["lesson-1"]
    multiple = next(q for q in bank.questions if q.type == "multiple")
    everything = list(range(len(multiple.options)))
    document = export_of("Ana", "lesson-1", {multiple.id: everything}, rules_version=1)
    document["answers"][0] |= {"score": 1, "status": "partial"}  # what older rules gave for ticking everything
    (exports / "ana.json").write_text(json.dumps(document), encoding="utf-8")
    results = gradebook.read_class([exports])
    assert results.skipped == ()
    assert any("scored under grading rules version 1" in note and "1 score(s) changed" in note for note in results.notes)
    assert results.lesson_totals().at["Ana", "lesson-1"] == 0, "the regraded score counts"


def test_the_same_score_edited_by_hand_under_the_same_rules_is_still_refused(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    multiple = next(q for q in BANKS["lesson-1"].questions if q.type == "multiple")
    document = export_of("Ana", "lesson-1", {multiple.id: list(range(len(multiple.options)))})
    assert document["rules_version"] == answers.RULES_VERSION
    document["answers"][0] |= {"score": 1, "status": "partial"}
    (exports / "ana.json").write_text(json.dumps(document), encoding="utf-8")
    results = gradebook.read_class([exports])
    assert [s.reason for s in results.skipped][0].endswith("ask the student to export again rather than editing the file")


@pytest.mark.parametrize("value", [0, "2", True, 1.5])
def test_a_malformed_rules_version_skips_the_file_with_the_reason(tmp_path, value):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "a.json").write_text(json.dumps(export_of("Ana", "lesson-1", first_answers("lesson-1"), rules_version=value)), encoding="utf-8")
    results = gradebook.read_class([exports])
    assert "rules_version" in results.skipped[0].reason and "is not a whole number" in results.skipped[0].reason


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_rosters_fill_the_ids_each_lms_matches_on(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("王小明", "Ana Lee", "Nobody Known"):
        (exports / f"{name}.json").write_text(json.dumps(export_of(name, "lesson-1", first_answers("lesson-1")), ensure_ascii=False), encoding="utf-8")
    canvas_roster = write_csv(tmp_path / "canvas.csv", [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Old quiz (77)"],
        ["Points Possible", "", "", "", "", "10"],
        ["Lee, Ana", "501", "S-1", "ana@school.example", "7A", "9"],
        ["王小明", "502", "S-2", "ming@school.example", "7A", ""],
    ])
    moodle_roster = write_csv(tmp_path / "moodle.csv", [
        ["First name", "Last name", "ID number", "Institution", "Department", "Email address", "Last downloaded from this course"],
        ["小明", "王", "M-2", "", "", "ming@school.example", ""],
        ["Ana", "Lee", "M-1", "", "", "ana@school.example", ""],
    ])
    result = run_lessons("gradebook", exports, "--out", tmp_path / "out", "--lang", "en",
                         "--roster", canvas_roster, "--roster", moodle_roster, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "roster (canvas): Nobody Known: no row of that name" in result.stderr
    canvas = {r[0]: r for r in csv.reader((tmp_path / "out" / "canvas-grades.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert canvas["Ana Lee"][1:5] == ["501", "S-1", "ana@school.example", "7A"]
    assert canvas["王小明"][1:5] == ["502", "S-2", "ming@school.example", "7A"]
    assert canvas["Nobody Known"][1:5] == ["", "", "", ""]
    moodle = list(csv.reader((tmp_path / "out" / "moodle-grades.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert ["小明", "王", "M-2", "", "", "ming@school.example"] in [row[:6] for row in moodle]
    assert ["Nobody Known", "", "", "", "", ""] in [row[:6] for row in moodle]


def test_a_file_that_is_no_lms_export_is_refused_as_a_roster(tmp_path):
    path = write_csv(tmp_path / "class.csv", [["name", "email"], ["Ana", "a@x"]])
    with pytest.raises(ValueError, match="not an LMS gradebook export: Canvas's has the columns Student and ID"):
        read_roster(path)
    result = run_lessons("gradebook", tmp_path, "--roster", path, cwd=ROOT)
    assert result.returncode == 2 and "class.csv: not an LMS gradebook export" in result.stderr


def test_names_match_in_any_order_case_and_width():
    assert name_keys("Ana Lee") & name_keys("Lee, Ana")
    assert name_keys("王小明") & name_keys("小明", "王")
    assert name_keys("ＡＮＡ lee") & name_keys("Ana", "Lee")
    assert not name_keys("Ana Lee") & name_keys("Ana", "Leeds")
