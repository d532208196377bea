"""Smoke tests of the benchmark harness (benchmarks/): each measurement runs
on a tiny input and returns well-formed figures.

Never on time: a benchmark prints speed, a test checks what the figures
mean (counts, sizes, which page attempted a CDN, PASS/MISS logic).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from benchmarks import __main__ as bench_main
from benchmarks import answerable, budgets, build, classscale, live, pageweight, report, support
from conftest import ROOT

TINY_LESSON = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Tiny

```{code-cell} ipython3
import lessons
```

```{code-cell} ipython3
print(6 * 7)
```
"""


def write_tiny_book(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_config.yml").write_text("title: Tiny\nexecute:\n  execute_notebooks: cache\n", encoding="utf-8")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (folder / "index.md").write_text(TINY_LESSON, encoding="utf-8")
    return folder


# --- shared set-up ---------------------------------------------------------


def test_browser_flags_keep_chromium_off_the_network():
    # This machine is offline: without these, Chromium's own background
    # connections are refused by the dozen and pollute the request counts.
    assert {"--disable-background-networking", "--disable-component-update", "--disable-sync"} <= set(support.CHROMIUM_FLAGS)


def test_lesson_pages_are_the_toc_lessons():
    pages = bench_main.lesson_pages()
    assert pages, "the course has lessons in _toc.yml"
    for page in pages:
        assert re.fullmatch(r"book/lesson-\d+\.html", page)
        assert (ROOT / page).with_suffix(".md").is_file()


def test_unknown_section_is_refused_with_the_choices(capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench_main.parse_args(["--only", "build,speed"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "unknown section(s) speed" in error and "build, pages, lighthouse, answerable, live, class" in error


def test_the_reference_books_ask_one_identical_question():
    def question(name):
        text = (support.REFERENCE_SOURCES / name / "quiz.md").read_text(encoding="utf-8")
        return re.findall(r"^(PROMPT|OPTIONS|ANSWER) = .*$", text, flags=re.M)

    assert question("ipywidgets") == question("jupyterquiz")
    assert len(question("ipywidgets")) == 3


def test_gzip_size_is_what_gzip_makes():
    data = b"quiz " * 1000
    assert support.gzip_size(data) == len(gzip.compress(data, compresslevel=6, mtime=0))
    assert support.gzip_size(data) < len(data)


# --- 1. build --------------------------------------------------------------


@pytest.mark.book
def test_build_times_a_clean_build_and_a_no_change_rebuild(tmp_path):
    book = write_tiny_book(tmp_path / "tiny")
    figures = build.measure_course_build(tmp_path / "work", source=book, flags=())
    assert figures["exit_status"] == [0, 0]
    assert figures["clean_seconds"] > 0 and figures["rebuild_seconds"] > 0
    assert figures["rebuild_ratio"] == pytest.approx(figures["rebuild_seconds"] / figures["clean_seconds"], abs=0.001)
    # The rebuild is a true cache hit: nothing read again, nothing executed.
    assert figures["sources_read"] == [1, 0]
    assert figures["notebooks_executed"] == [1, 0]
    html = Path(figures["html"])
    assert "42" in (html / "index.html").read_text(encoding="utf-8"), "the cell was executed"
    # The clean build started from an empty execution cache of its own.
    assert (tmp_path / "work" / "course" / "_build" / ".jupyter_cache").is_dir()


@pytest.mark.book
def test_a_build_without_html_is_a_failed_measurement_naming_the_book(tmp_path):
    book = tmp_path / "broken"
    book.mkdir()
    (book / "_config.yml").write_text("title: Broken\n", encoding="utf-8")  # no _toc.yml, no pages
    with pytest.raises(support.MeasurementError, match=r"jupyter-book build of .*broken produced no HTML"):
        build.timed_build(book, tmp_path / "out")


def test_build_logs_are_read_for_pages_and_sphinx_warnings_only():
    log = (
        "updating environment: [new config] 8 added, 1 changed, 0 removed\n"
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.\n"
        "book/lesson-1.md:12: WARNING: undefined label: 'l1-nowhere' [ref.ref]\n"
        "WARNING: html_static_path entry 'x' does not exist\n"
    )
    assert build._sources_read(log) == 9
    assert build._sources_read("no such line") is None
    assert build._warnings(log) == [
        "book/lesson-1.md:12: WARNING: undefined label: 'l1-nowhere' [ref.ref]",
        "WARNING: html_static_path entry 'x' does not exist",
    ]


def test_an_unknown_reference_book_is_named(tmp_path):
    with pytest.raises(support.MeasurementError, match="reference book 'nosuch' not found"):
        build.build_reference("nosuch", tmp_path)


# --- 2 and 3. page weight and time to answerable ------------------------------

SITE_PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="_static/lessons.css">
<script src="_static/quiz.js" defer></script>
<script src="https://cdn.example.invalid/widgets.js"></script>
<script type="application/vnd.jupyter.widget-state+json">{"state": {}}</script>
</head><body>
<section class="lq-quiz"><ol><li class="lq-question">
<input class="lq-control" type="radio" name="q"> <div class="lq-actions" hidden><button class="lq-check">Check</button></div>
</li></ol></section>
<div class="cell_output"><script type="application/json">{"bank": 1}</script></div>
</body></html>"""
QUIZ_JS = "document.addEventListener('DOMContentLoaded', () => { document.querySelector('.lq-actions').hidden = false; });"


@pytest.fixture
def tiny_site(tmp_path):
    site = tmp_path / "site"
    (site / "_static").mkdir(parents=True)
    (site / "index.html").write_text(SITE_PAGE, encoding="utf-8")
    (site / "never.html").write_text(SITE_PAGE.replace('<script src="_static/quiz.js" defer></script>', ""), encoding="utf-8")
    (site / "plain.html").write_text("<!doctype html><p>No quiz here.</p>", encoding="utf-8")
    (site / "_static" / "quiz.js").write_text(QUIZ_JS, encoding="utf-8")
    (site / "_static" / "lessons.css").write_text(".lq-quiz { margin: 1em; }\n" * 20, encoding="utf-8")
    with support.serve(site) as base:
        yield site, base


def test_own_assets_are_recognised_by_name_under_static():
    assert pageweight.own_asset("http://127.0.0.1:8000/_static/quiz.js?v=1") == "quiz.js"
    assert pageweight.own_asset("http://127.0.0.1:8000/_static/scripts/bootstrap.js") is None
    assert pageweight.own_asset("http://127.0.0.1:8000/quiz.js") is None


@pytest.mark.browser
def test_page_weight_counts_own_files_and_other_origins(browser, tiny_site):
    site, base = tiny_site
    figures = pageweight.measure_page(browser, base + "index.html", settle_ms=0)
    own = {name: (site / "_static" / name).read_bytes() for name in ("quiz.js", "lessons.css")}
    assert figures["own_requests"] == 2
    assert figures["own_files"] == {name: {"bytes": len(data), "gzip_bytes": support.gzip_size(data)} for name, data in own.items()}
    assert figures["own_bytes"] == sum(map(len, own.values()))
    assert figures["foreign_requests"] == 1
    assert figures["foreign_urls"] == ["https://cdn.example.invalid/widgets.js"]
    assert figures["requests"] == figures["local_requests"] + 1
    # Served gzip-compressed, as GitHub Pages serves: bodies count as sent, headers on top.
    sent = sum(support.gzip_size(data) for data in own.values()) + support.gzip_size(SITE_PAGE.encode("utf-8"))
    assert figures["transfer_bytes"] > figures["total_bytes"] >= sent
    assert figures["output_code_bytes"] == len('{"bank": 1}')
    assert figures["widget_state_bytes"] == len('{"state": {}}')
    assert figures["html_bytes"] == len(SITE_PAGE.encode("utf-8"))
    json.dumps(figures)  # the figures go to results.json as they are


@pytest.mark.browser
def test_answerable_is_timed_once_the_check_button_shows(browser, tiny_site):
    _, base = tiny_site
    figures = answerable.measure_answerable(browser, base + "index.html", "course", runs=2, wait_ms=2000)
    assert figures["runs"] == 2 and figures["answerable_runs"] == 2
    assert figures["never"] is None
    assert isinstance(figures["since_navigation_ms"], float) and figures["since_navigation_ms"] >= 0
    assert isinstance(figures["after_dcl_ms"], float)
    assert figures["since_navigation_ms"] == pytest.approx(figures["dcl_ms"] + figures["after_dcl_ms"], abs=50)


@pytest.mark.browser
def test_a_quiz_that_never_becomes_answerable_says_why(browser, tiny_site):
    _, base = tiny_site
    never = answerable.measure_answerable(browser, base + "never.html", "course", runs=1, wait_ms=200)
    assert never["answerable_runs"] == 0 and never["since_navigation_ms"] is None
    assert never["never"].startswith("never (needs CDN"), "the page tried a CDN and the quiz stayed inert"
    missing = answerable.measure_answerable(browser, base + "plain.html", "course", runs=1, wait_ms=200)
    assert missing["never"] == "never (no quiz found on the page)"


# --- 4. live -----------------------------------------------------------------


def test_import_lessons_is_measured_in_fresh_interpreters():
    figures = live.measure_import(runs=2)
    assert figures["runs"] == 2
    assert 0 < figures["median_seconds"] <= figures["max_seconds"]
    # The package's promise: importing it loads none of the heavy libraries.
    assert figures["heavy_loaded"] == []
    assert all(set(row) == {"module", "cumulative_ms"} for row in figures["slowest_imports"])


def test_run_all_runs_every_cell_in_a_fresh_kernel(tmp_path):
    lesson = tmp_path / "tiny.md"
    lesson.write_text(TINY_LESSON, encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text(TINY_LESSON.replace("print(6 * 7)", "1 / 0"), encoding="utf-8")
    figures = live.measure_run_all([lesson, broken], cwd=ROOT / "book")
    assert figures["tiny"]["cells"] == 2
    assert 0 <= figures["tiny"]["run_all_seconds"] <= figures["tiny"]["with_kernel_start_seconds"]
    assert figures["broken"] == {"error": "broken.md: a cell failed during Run-All: ZeroDivisionError: division by zero"}


def test_explorer_is_timed_after_each_change_of_its_widgets_in_a_fresh_kernel():
    from lessons.timeline import load_events

    figures = live.measure_explorer_in_kernel(ROOT / "book")
    assert figures["events"] == len(load_events())
    assert figures["redraws"] == len(figures["steps"]) == 10
    changes = [step["change"] for step in figures["steps"]]
    assert changes[:3] == ["language: English", "language: zh-Hant", "language: both"]
    assert [c.split(":")[0] for c in changes[3:]] == ["category off"] * 2 + ["category on"] * 2 + ["years"] * 3
    for step in figures["steps"]:
        assert 0 < step["redraw_seconds"] <= step["seconds"], step
    times = [step["seconds"] for step in figures["steps"]]
    assert figures["max_seconds"] == max(times) and min(times) <= figures["median_seconds"] <= max(times)
    assert figures["open_seconds"] > 0
    text = report.live_table({"explorer": figures})
    assert "4b. Timeline explorer, " in text and all(change in text for change in changes)


def test_a_change_that_does_not_redraw_is_a_failed_measurement(monkeypatch):
    monkeypatch.setattr(live, "explorer_changes", lambda shown: [("details only", shown.details, "value", "<p>x</p>")])
    with pytest.raises(support.MeasurementError, match="'details only' did not redraw the chart"):
        live.measure_explorer()


def test_unreadable_events_are_a_failed_measurement_naming_the_file(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("id,date\n", encoding="utf-8")
    with pytest.raises(support.MeasurementError, match=r"timeline explorer: .*events\.csv"):
        live.measure_explorer(events)


# --- 5. class scale ----------------------------------------------------------


@pytest.fixture(scope="module")
def banks():
    from lessons.gradebook import default_banks

    return default_banks()


def test_a_student_who_knows_scores_full_marks_on_every_question(banks):
    """The synthetic class's answers (each type's sample_response): one who
    knows is right on every auto-graded question; an open answer is self-assessed."""
    import random

    from lessons import grading, qtypes

    rng = random.Random(1)
    for bank in banks.values():
        for question in bank.questions:
            result = grading.grade(question, qtypes.of(question).sample_response(question, rng, knows=True))
            if question.type == "open":
                assert result.status == "self-assessed", f"{bank.lesson}/{question.id}"
            else:
                assert result.status == "correct" and result.score == result.max_score, f"{bank.lesson}/{question.id}"


def test_gradebook_merges_a_small_synthetic_class(tmp_path, banks):
    figures = classscale.measure_gradebook(tmp_path / "class", banks, students=3)
    questions = sum(len(bank.questions) for bank in banks.values())
    assert figures["students"] == 3 and figures["questions"] == questions
    assert figures["files"] == 3 * len(banks) == len(list((tmp_path / "class").glob("*.json")))
    assert figures["answers"] >= 3 * questions
    steps = figures["merge_seconds"] + figures["scores_seconds"] + figures["items_seconds"]
    assert figures["total_seconds"] == pytest.approx(steps, abs=0.005)


# --- budgets and the report ----------------------------------------------------------


def sample_results() -> dict:
    page = {"own_gzip_bytes": 12_000, "foreign_requests": 0, "after_dcl_ms": 20.0, "never": None}
    return {
        "build": {"course": {"clean_seconds": 80.0, "rebuild_seconds": 4.0, "rebuild_ratio": 0.05}},
        "page_weight": {"course": {"book/lesson-1.html": page, "book/lesson-2.html": {**page, "own_gzip_bytes": 14_000}}},
        "answerable": {"course": {"book/lesson-1.html": page}},
        "live": {
            "import": {"median_seconds": 0.01},
            "run_all": {"lesson-1": {"with_kernel_start_seconds": 3.0}},
            "explorer": {"median_seconds": 0.1, "max_seconds": 0.3},
        },
    }


def test_budgets_pass_miss_and_not_measured():
    rows = {row["budget"]: row for row in budgets.check_budgets(sample_results())}
    assert len(rows) == 17  # issue 24 added worksheet pages and search rank
    assert rows["make handouts on the built book (2 cores)"]["status"] == "n/a"
    assert rows["Clean build (2 cores)"]["status"] == "MISS"
    assert rows["Clean build (2 cores)"]["over"] == "33% over"
    assert rows["No-change rebuild / clean build"]["measured"] == pytest.approx(5.0)
    assert rows["No-change rebuild / clean build"]["status"] == "PASS"
    assert rows["Own JS + CSS per lesson page, gzip"]["measured"] == 14.0  # the heavier page counts
    assert rows["Requests to other origins"]["status"] == "PASS"
    assert rows["Gradebook, 500 students x all questions"]["status"] == "n/a"
    explorer = rows["Timeline explorer redraw"]  # the worst redraw counts
    assert (explorer["measured"], explorer["status"], explorer["over"]) == (0.3, "MISS", "20% over")


def test_a_lesson_that_fails_or_a_quiz_that_never_works_is_not_a_pass():
    results = sample_results()
    results["answerable"]["course"]["book/lesson-1.html"] = {"after_dcl_ms": None, "never": "never (no quiz found on the page)"}
    results["live"]["run_all"]["lesson-2"] = {"error": "lesson-2.md: a cell failed during Run-All: NameError"}
    rows = {row["budget"]: row for row in budgets.check_budgets(results)}
    assert rows["Quiz answerable after DOMContentLoaded"]["status"] == "MISS"
    assert rows["Quiz answerable after DOMContentLoaded"]["measured"] is None
    assert rows["Run-All per lesson (fresh kernel)"]["status"] == "n/a"
    json.dumps(rows, allow_nan=False)


def test_report_tables_show_every_figure():
    results = sample_results()
    text = report.budgets_table(budgets.check_budgets(results))
    assert "80.0 s" in text and "MISS" in text and "33% over" in text and "not measured" in text
    table = report.table("T", ["name", "n"], [["a", 1.5], ["bb", None]])
    assert table.splitlines()[-2:] == ["a     1.50", "bb       -"]  # numbers right-aligned
    assert "course book/lesson-1.html" in report.page_weight_table(results["page_weight"])


def test_main_writes_results_json_and_exits_0_when_nothing_failed(tmp_path, capsys, banks):
    out = tmp_path / "results.json"
    status = bench_main.main(["--only", "class", "--students", "2", "--out", str(out)])
    assert status == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["errors"] == []
    assert results["class_scale"]["students"] == 2
    assert {row["budget"] for row in results["budgets"]} == {budget.name for budget in budgets.BUDGETS}
    assert results["machine"]["cpus"] >= 1
    printed = capsys.readouterr().out
    assert "5. Class scale: 2 students" in printed and "Budgets" in printed


def test_main_exits_1_when_a_measurement_fails(tmp_path, monkeypatch, capsys):
    def fail(*args):
        raise support.MeasurementError("the quiz banks could not be read")

    monkeypatch.setattr("lessons.gradebook.default_banks", fail)
    status = bench_main.main(["--only", "class", "--out", str(tmp_path / "r.json")])
    assert status == 1
    assert "class scale: load the quiz banks: the quiz banks could not be read" in capsys.readouterr().err
