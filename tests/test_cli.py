"""`python -m lessons check | grade` through a real subprocess: output, exit
codes, and never a traceback; every error class in the one vocabulary of
lessons.problems (LoadError, SetupError) is worded with its file and fix."""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import lessons.__main__ as cli
from lessons import answers, notebooks, primary_sources, rolecards, svg
from lessons.gradebook.roster import read_roster
from lessons.handouts import build as handouts_build
from lessons.handouts.pages import GUIDE_PAGE
from lessons.problems import LoadError, Problem, SetupError
from bank_sample import GOOD_BANK

ROOT = Path(__file__).resolve().parents[1]
GOOD_SUMMARY = (
    "book/quizzes/lesson-9.yml: 10 questions OK "
    "(single 2, multiple 1, truefalse 1, numeric 1, ordering 1, matching 1, text 1, classify 1, open 1)\n"
    "  levels: recall 3, understand 2, apply 1, analyse 3, evaluate 1 (50% at apply/analyse/evaluate)\n"
    "  objectives: o 5, weigh 5"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "lessons", *args], cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in result.stderr + result.stdout
    return result


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A minimal course: _toc.yml, one lesson with the label the bank cites, one bank."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    book = tmp_path / "book"
    (book / "quizzes").mkdir(parents=True)
    (book / "lesson-9.md").write_text("(l9-test)=\n## Test\n", encoding="utf-8")
    (book / "quizzes" / "lesson-9.yml").write_text(GOOD_BANK, encoding="utf-8")
    return tmp_path


# --- check ------------------------------------------------------------------------


def test_check_without_paths_checks_every_bank_of_the_course(course):
    result = run("check", cwd=course)
    assert (result.returncode, result.stdout, result.stderr) == (0, GOOD_SUMMARY + "\n", "")


def test_check_runs_from_a_lesson_folder_too(course):
    result = run("check", cwd=course / "book")
    assert result.returncode == 0 and result.stdout.startswith("quizzes/lesson-9.yml: 10 questions OK")


def test_check_takes_files_and_folders(course):
    assert run("check", "book/quizzes/lesson-9.yml", cwd=course).stdout == GOOD_SUMMARY + "\n"
    assert run("check", "book/quizzes", cwd=course).stdout == GOOD_SUMMARY + "\n"


def test_check_validates_the_timeline_events_too(course):
    events = course / "book" / "data" / "events.csv"
    events.parent.mkdir()
    events.write_bytes((ROOT / "book" / "data" / "events.csv").read_bytes())
    result = run("check", cwd=course)
    assert result.returncode == 0 and result.stdout.endswith("book/data/events.csv: 17 events OK\n")
    events.write_text(events.read_text(encoding="utf-8").replace(",day,", ",week,", 1), encoding="utf-8")
    for args in (("check",), ("check", "book/data/events.csv")):
        result = run(*args, cwd=course)
        assert result.returncode == 1
        assert "book/data/events.csv, line 2, field 'precision'" in result.stdout


def test_check_prints_every_problem_and_exits_1(course):
    bank = course / "book" / "quizzes" / "lesson-9.yml"
    bank.write_text(
        GOOD_BANK.replace("type: single\n", "type: singel\n", 1).replace("answer: 1991", "answer: '1991'"), encoding="utf-8"
    )
    result = run("check", cwd=course)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "book/quizzes/lesson-9.yml:4: pick-one: unknown type 'singel': did you mean 'single'? use one of "
        "single, multiple, truefalse, numeric, ordering, matching, text, classify, open",
        "book/quizzes/lesson-9.yml:36: the-year: answer must be a number (read as str '1991'): write e.g. answer: 1991",
    ]
    assert result.stderr == "2 problem(s) found\n"


def test_check_reports_a_section_that_its_own_lesson_does_not_label(course):
    (course / "book" / "lesson-9.md").write_text("(l9-other)=\n## Test\n", encoding="utf-8")
    # The label in another lesson does not count: the quiz links #l9-test on its own page.
    (course / "book" / "lesson-8.md").write_text("(l9-test)=\n## Elsewhere\n", encoding="utf-8")
    result = run("check", cwd=course)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "book/quizzes/lesson-9.yml:4: pick-one: section 'l9-test' is not a label in book/lesson-9.md: add (l9-test)= "
        "on the line above that section's heading in the lesson, or use one of its labels"
    )
    assert len(result.stdout.splitlines()) == 10  # every question cites l9-test


def test_check_reports_invalid_yaml_with_its_line(course):
    (course / "book" / "quizzes" / "lesson-9.yml").write_text("lesson: lesson-9\ntitle: [unclosed\n", encoding="utf-8")
    result = run("check", cwd=course)
    assert result.returncode == 1
    assert result.stdout.startswith("book/quizzes/lesson-9.yml:3: invalid YAML:")


def test_check_with_no_banks_fails(course):
    (course / "book" / "quizzes" / "lesson-9.yml").unlink()
    result = run("check", cwd=course)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "no quiz banks found: add book/quizzes/lesson-N.yml (see CONTRIBUTING.md)\n"


def test_check_of_a_missing_path_exits_2_with_one_line(course):
    result = run("check", "book/quizzes/lesson-8.yml", cwd=course)
    assert (result.returncode, result.stderr) == (2, "error: book/quizzes/lesson-8.yml: no such file or folder: check the path\n")


def test_check_outside_a_course_exits_2_with_one_line(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no course found above" in result.stderr


# --- grade ------------------------------------------------------------------------


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_grade_prints_results_and_total_as_json(course):
    write_json(course / "responses.json", {
        "pick-one": 0, "pick-some": [0], "yes-no": False, "the-year": "１９９１",
        "in-order": [1, 0, 2], "pairs": [1, 0], "name-it": "「上合組織」",
        "sort-claims": [0, 1, 1], "explain-it": {"text": "我的答案", "met": [0]},
    })
    result = run("grade", "book/quizzes/lesson-9.yml", "responses.json", cwd=course)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "lesson": "lesson-9",
        "results": [
            {"id": "pick-one", "score": 1, "max_score": 1, "points": 1.0, "status": "correct"},
            {"id": "pick-some", "score": 1, "max_score": 2, "points": 0.5, "status": "partial"},
            {"id": "yes-no", "score": 1, "max_score": 1, "points": 1.0, "status": "correct"},
            {"id": "the-year", "score": 1, "max_score": 1, "points": 1.0, "status": "correct"},
            {"id": "in-order", "score": 2, "max_score": 3, "points": 0.6667, "status": "partial"},
            {"id": "pairs", "score": 0, "max_score": 2, "points": 0.0, "status": "incorrect"},
            {"id": "name-it", "score": 1, "max_score": 1, "points": 1.0, "status": "correct"},
            {"id": "sort-claims", "score": 2, "max_score": 3, "points": 0.6667, "status": "partial"},
            # Self-assessed: reported, never in the total.
            {"id": "explain-it", "score": 1, "max_score": 3, "points": 0.3333, "status": "self-assessed"},
            {"id": "pick-again", "score": 0, "max_score": 1, "points": 0.0, "status": "invalid"},
        ],
        # Every question is worth 1 point; 35/6 of the 9 scored ones.
        "total": {"points": 5.8333, "possible": 9.0, "share": 0.6481},
    }


def test_grade_counts_unanswered_and_malformed_responses_as_invalid(course):
    write_json(course / "responses.json", {"pick-one": "B"})
    report = json.loads(run("grade", "book/quizzes/lesson-9.yml", "responses.json", cwd=course).stdout)
    assert {r["status"] for r in report["results"]} == {"invalid"}
    assert report["total"] == {"points": 0.0, "possible": 9.0, "share": 0.0}


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        (None, "error: missing.json: cannot be read (No such file or directory): check the path"),
        ('{"pick-one": 0,\n "yes-no": tru}', "error: responses.json:2: not valid JSON (Expecting value): fix it and try again"),
        ("[0, 1]", 'error: responses.json: must be a JSON object {"question-id": response, ...}, not a list'),
        (
            '{"pick-one": 0, "no-such": 1}',
            "error: responses.json: no question 'no-such' in lesson-9: use one of explain-it, in-order, name-it, pairs, "
            "pick-again, pick-one, pick-some, sort-claims, the-year, yes-no",
        ),
    ],
    ids=["missing file", "bad JSON", "not an object", "unknown question"],
)
def test_grade_with_unusable_responses_exits_2_with_one_line(course, responses, message):
    name = "missing.json"
    if responses is not None:
        name = "responses.json"
        (course / name).write_text(responses, encoding="utf-8")
    result = run("grade", "book/quizzes/lesson-9.yml", name, cwd=course)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_grade_with_a_broken_bank_exits_2_naming_the_first_problem(course):
    bank = course / "book" / "quizzes" / "lesson-9.yml"
    bank.write_text(GOOD_BANK.replace("type: single\n", "type: singel\n", 1).replace("answer: 1991", "answer: x"), encoding="utf-8")
    write_json(course / "responses.json", {})
    result = run("grade", "book/quizzes/lesson-9.yml", "responses.json", cwd=course)
    assert result.returncode == 2
    assert result.stderr == (
        "error: book/quizzes/lesson-9.yml:4: pick-one: unknown type 'singel': did you mean 'single'? use one of "
        "single, multiple, truefalse, numeric, ordering, matching, text, classify, open "
        "(and 1 more: run 'python -m lessons check book/quizzes/lesson-9.yml')\n"
    )


def test_grade_with_a_missing_bank_exits_2(course):
    write_json(course / "responses.json", {})
    result = run("grade", "nope.yml", "responses.json", cwd=course)
    assert (result.returncode, result.stderr) == (2, "error: nope.yml: cannot be read (No such file or directory): check the path\n")


# --- help and errors --------------------------------------------------------------


def test_help_describes_every_command(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for name in ("check", "grade"):
        assert name in result.stdout
    assert "Exit codes" in result.stdout
    check_help = run("check", "--help", cwd=tmp_path).stdout
    assert "file:line: question-id" in check_help and "default: every book/quizzes/*.yml" in check_help
    grade_help = run("grade", "--help", cwd=tmp_path).stdout
    assert "RESPONSES.json" in grade_help and "exits 2" in grade_help


def test_no_command_prints_usage_and_exits_2(tmp_path):
    result = run(cwd=tmp_path)
    assert result.returncode == 2 and "usage: python -m lessons" in result.stderr


def test_an_unexpected_error_is_one_line_and_exit_3(monkeypatch, capsys):
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "check", cli.Command(help="x", configure=lambda p: None, run=broken))
    assert cli.main(["check"]) == 3
    assert capsys.readouterr().err == "unexpected error (a bug in the course code, please report it): RuntimeError: boom\n"


# --- the course's own banks --------------------------------------------------------


def test_every_bank_in_the_book_passes_check():
    lessons = sorted(p.stem for p in (ROOT / "book").glob("lesson-*.md"))
    result = run("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = [line.split(":")[0] for line in result.stdout.splitlines() if ".yml:" in line]
    assert "book/data/events.csv: 17 events OK" in result.stdout
    assert checked, "no quiz banks in book/quizzes"
    assert checked == sorted(f"book/quizzes/{name}.yml" for name in lessons), "one bank per lesson"


# --- errors: one vocabulary (lessons.problems) ---------------------------------------


def _bad_sources(tmp_path: Path):
    (tmp_path / "primary-sources").mkdir()
    path = tmp_path / "primary-sources.yml"
    path.write_text("- id: joint-2022\n  zh: {status: official, copy: no-such-page, lines: [一]}\n", encoding="utf-8")
    return lambda: primary_sources.load(path)


def _bad_role_cards(tmp_path: Path):
    path = tmp_path / "role-cards.yml"
    path.write_text("- id: france\n  name: {zh: 法國, en: France}\n  position: {zh: 甲, en: a}\n  excerpts: [a, b]\n", encoding="utf-8")
    return lambda: rolecards.load_cards(path, excerpt_ids={"a", "b"})


def _bad_notebook_config(tmp_path: Path):
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    return lambda: notebooks.course_repository(tmp_path)


def _bad_export(tmp_path: Path):
    return lambda: answers.document_from_csv("name,email\nAna,a@x\n", str(tmp_path / "ann.csv"))


def _bad_roster(tmp_path: Path):
    path = tmp_path / "class.csv"
    path.write_text("name,email\nAna,a@x\n", encoding="utf-8")
    return lambda: read_roster(path)


@pytest.mark.parametrize("make, name, file, line, fix", [
    (_bad_sources, "SourcesError", "primary-sources.yml", None, "an official or reported text must name the copy it was read in"),
    (_bad_role_cards, "RoleCardsError", "role-cards.yml", None, "add it to lessons.rolecards.PACKS"),
    (_bad_notebook_config, "NotebookError", "_config.yml", None, "set repository.url (https://...)"),
    (_bad_export, "ExportError", "ann.csv", 1, "the header must be course,course_version,"),
    (_bad_roster, "RosterError", "class.csv", None, "export the gradebook as CSV from the LMS"),
])
def test_a_file_that_cannot_be_used_is_a_load_error_naming_file_and_fix(tmp_path, monkeypatch, capsys, make, name, file, line, fix):
    with pytest.raises(LoadError) as caught:
        make(tmp_path)()
    error = caught.value
    assert type(error).__name__ == name and isinstance(error, ValueError), "callers catch it by name (and as ValueError)"
    assert error.problems and all(isinstance(p, Problem) for p in error.problems)
    problem = next(p for p in error.problems if fix in p.message)
    assert problem.file.endswith(file) and problem.line == line and str(problem).startswith(problem.file)
    assert error._render_traceback_() == [f"{name}: {error}"], "IPython shows the message, not a traceback"

    def raises(args: argparse.Namespace) -> int:
        raise error

    monkeypatch.setitem(cli.COMMANDS, "check", cli.Command(help="x", configure=lambda p: None, run=raises))
    assert cli.main(["check"]) == 2, "a file that cannot be used is bad input (exit 2), not a bug (exit 3)"
    err = capsys.readouterr().err
    assert err.startswith("error: ") and fix in err and "Traceback" not in err
    assert file in err or name == "ExportError", "an ExportError is the reason alone: its readers put the file first"


@pytest.mark.parametrize("make", [_bad_sources, _bad_role_cards, _bad_export], ids=["sources", "role-cards", "export"])
def test_a_load_error_sent_from_another_process_keeps_its_problems(tmp_path, make):
    """Pickled (as a worker process sends it): the same class, message and
    problems, though its constructor does not take the message alone."""
    with pytest.raises(LoadError) as caught:
        make(tmp_path)()
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), str(copy), copy.problems) == (type(caught.value), str(caught.value), caught.value.problems)


def test_an_export_error_keeps_the_reason_its_readers_put_after_the_file(tmp_path):
    text = "question,response\n"
    with pytest.raises(answers.ExportError) as caught:
        answers.document_from_csv(text)
    assert str(caught.value).startswith("is not a lessons answers CSV (missing column(s)")
    assert caught.value.problems[0].file == "<answers>", "no file given: the problem says so"
    with pytest.raises(answers.ExportError) as caught:
        answers.parse_export({"format": "lessons-answers"}, "exports/ann.json")
    assert str(caught.value).startswith("answers format version None") and caught.value.problems[0].file == "exports/ann.json"


def test_a_missing_cjk_font_is_a_setup_error_with_the_install_command(monkeypatch, capsys):
    monkeypatch.setattr(svg, "installed_cjk_font", lambda: None)
    with pytest.raises(SetupError) as caught:
        svg.require_cjk_font()
    error = caught.value
    assert isinstance(error, svg.CJKFontMissing) and isinstance(error, RuntimeError) and not isinstance(error, LoadError)
    assert "Traditional Chinese" in error.missing and "apt-get install fonts-noto-cjk" in error.fix
    assert "apt-get install fonts-noto-cjk" in str(error)
    assert error._render_traceback_() == [f"CJKFontMissing: {error}"]
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.missing, copy.fix) == (type(error), str(error), error.missing, error.fix)

    def raises(args: argparse.Namespace) -> int:
        raise error

    monkeypatch.setitem(cli.COMMANDS, "check", cli.Command(help="x", configure=lambda p: None, run=raises))
    assert cli.main(["check"]) == 2, "a missing font is not a bug in the course code"
    assert capsys.readouterr().err == f"error: {error}\n"


def _built_book(folder: Path, lesson: str) -> Path:
    """The pages the handouts check for, empty: enough to reach the tool checks."""
    for page in ("index.html", GUIDE_PAGE, f"book/{lesson}.html"):
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text("<html></html>", encoding="utf-8")
    return folder


def test_a_missing_pdfunite_is_a_setup_error_the_handouts_command_words_with_its_fix(tmp_path, monkeypatch):
    book = _built_book(tmp_path / "html", "lesson-1")
    monkeypatch.setattr(handouts_build.shutil, "which", lambda name: None)
    with pytest.raises(handouts_build.HandoutError) as caught:
        handouts_build.build_handouts(ROOT, book, tmp_path / "out", only=["lesson-1"])
    error = caught.value
    assert isinstance(error, handouts_build.HandoutToolMissing) and isinstance(error, SetupError)
    assert error.missing == "pdfunite (poppler-utils)" and "apt-get install poppler-utils" in error.fix
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "lessons", "handouts", "--book", str(book), "--out", str(tmp_path / "out"), "--lesson", "lesson-1"],
        cwd=ROOT, capture_output=True, text=True, env={"PATH": str(empty), "HOME": str(tmp_path)},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: pdfunite not found") and "apt-get install poppler-utils" in result.stderr
    assert not (tmp_path / "out").exists(), "nothing printed before the tools are there"


def test_a_handout_problem_that_is_no_missing_tool_stays_a_plain_handout_error(tmp_path):
    with pytest.raises(handouts_build.HandoutError) as caught:
        handouts_build.build_handouts(ROOT, tmp_path / "no-book", tmp_path / "out", only=["lesson-1"])
    assert not isinstance(caught.value, SetupError) and "run `make book` first" in str(caught.value)
