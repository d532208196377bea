"""``python -m benchmarks`` (``make bench``): every figure, beside the alternatives.

Runs the five measurements in one go, prints a table per section and the
budgets table, and writes everything to ``_build/bench/results.json``.
Exit status 0 even when a budget is missed; 1 only when a measurement could
not be taken (the message says which and why).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import answerable, build, classscale, handouts, lighthouse, live, pageweight, report, searchrank
from .budgets import check_budgets
from .support import RESULTS_PATH, ROOT, MeasurementError, chromium, machine, serve

SECTIONS = ("build", "pages", "lighthouse", "answerable", "live", "class", "handouts", "search")
REFERENCE_PAGE = "quiz.html"


def lesson_pages(root: Path = ROOT) -> list[str]:
    """The HTML path of each lesson listed in _toc.yml, e.g. ``book/lesson-1.html``."""
    from lessons.notebooks import lesson_sources

    return [source.relative_to(root).with_suffix(".html").as_posix() for source in lesson_sources(root)]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Speed and size figures of the course beside what a teacher would use instead (docs/benchmarks.md).",
    )
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections (default: all of {','.join(SECTIONS)})")
    parser.add_argument("--html", type=Path, help="measure this built course HTML instead of a fresh build (with --only without build)")
    parser.add_argument("--runs", type=int, default=5, help="cold page loads per page for the answerable timing (default 5)")
    parser.add_argument("--students", type=int, default=500, help="synthetic class size (default 500)")
    parser.add_argument("--out", type=Path, default=RESULTS_PATH, help=f"results file (default {RESULTS_PATH.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}: choose from {', '.join(SECTIONS)}")
    if args.runs < 1 or args.students < 1:
        parser.error("--runs and --students must be 1 or more")
    return args


class Run:
    """The results so far and the measurements that failed."""

    def __init__(self):
        self.results: dict = {"machine": machine()}
        self.errors: list[str] = []

    def section(self, name: str, measure, *args):
        """Take one measurement; on failure note why and carry on with the rest."""
        print(f"... {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            value = measure(*args)
        except MeasurementError as error:
            self.errors.append(f"{name}: {error}")
            return None
        except Exception:  # a bug in the harness: keep its traceback for whoever fixes it
            self.errors.append(f"{name}: unexpected error\n{traceback.format_exc()}")
            return None
        print(f"    done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
        return value


def measure_build(run: Run, workdir: Path) -> Path | None:
    """Section 1; returns the course HTML it built."""
    course = run.section("build: course, clean then no change", build.measure_course_build, workdir)
    results = run.results.setdefault("build", {})
    if course:
        results["course"] = course
        return Path(course["html"])
    return None


def existing_html(run: Run, html: Path | None) -> Path | None:
    """A course already built (``--html``, default ``_build/html``), measured as it is."""
    html = html or ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        run.errors.append(f"course pages: no built book at {html}: run 'make book', or include the build section")
        return None
    return html


def build_references(run: Run, workdir: Path) -> dict[str, Path]:
    """The two reference books, built with stock settings in this run."""
    built = {}
    for name in build.REFERENCES:
        figures = run.section(f"build: reference book {name}", build.build_reference, name, workdir)
        if figures:
            run.results.setdefault("build", {}).setdefault("reference", {})[name] = figures
            built[name] = Path(figures["html"])
    return built


def measure_pages(run: Run, course_html: Path | None, references: dict[str, Path], args) -> None:
    """Sections 2 and 3: one browser, each book on its own local server."""
    books = ([("course", course_html, lesson_pages())] if course_html else []) + [
        (name, html, [REFERENCE_PAGE]) for name, html in references.items()
    ]
    binary = _lighthouse_binary(run) if "lighthouse" in args.only else None
    with chromium() as browser:
        for book_name, html, pages in books:
            with serve(html) as base:  # gzip-compressed, as GitHub Pages serves
                for page in pages:
                    if binary:
                        figures = run.section(f"lighthouse: {book_name} {page}", lighthouse.measure_lighthouse, base + page, binary)
                        _store(run.results, "lighthouse", book_name, page, figures)
                    if "pages" in args.only:
                        figures = run.section(f"page weight: {book_name} {page}", pageweight.measure_page, browser, base + page)
                        _store(run.results, "page_weight", book_name, page, figures)
                    if "answerable" in args.only:
                        kind = "course" if book_name == "course" else book_name
                        figures = run.section(
                            f"answerable: {book_name} {page}", answerable.measure_answerable, browser, base + page, kind, args.runs
                        )
                        _store(run.results, "answerable", book_name, page, figures)


def _lighthouse_binary(run: Run):
    """The pinned Lighthouse, or None with the reason noted where node is missing."""
    reason = lighthouse.missing_tools()
    if reason:
        print(f"    lighthouse skipped: {reason}", file=sys.stderr)
        run.results["lighthouse_skipped"] = reason
        return None
    return run.section("lighthouse: install", lighthouse.lighthouse_command)


def _store(results: dict, section: str, book_name: str, page: str, figures: dict | None) -> None:
    if figures is None:
        return
    if book_name == "course":
        results.setdefault(section, {}).setdefault("course", {})[page] = figures
    else:
        results.setdefault(section, {})[book_name] = figures


def measure_live(run: Run) -> None:
    from lessons.notebooks import lesson_sources

    results = run.results.setdefault("live", {})
    imported = run.section("live: import lessons", live.measure_import)
    if imported:
        results["import"] = imported
    run_all = run.section("live: Run-All of each lesson", live.measure_run_all, lesson_sources(ROOT), ROOT / "book")
    if run_all:
        results["run_all"] = run_all
        run.errors.extend(f"live: {figures['error']}" for figures in run_all.values() if "error" in figures)
    redraws = run.section("live: timeline explorer redraws, in a fresh kernel", live.measure_explorer_in_kernel, ROOT / "book")
    if redraws:
        results["explorer"] = redraws


def measure_class(run: Run, workdir: Path, students: int) -> None:
    from lessons.gradebook import default_banks

    banks = run.section("class scale: load the quiz banks", default_banks)
    if banks:
        figures = run.section(
            f"class scale: gradebook of {students} students", classscale.measure_gradebook, workdir / "class", banks, students
        )
        if figures:
            run.results["class_scale"] = figures


def measure_handouts(run: Run, course_html: Path | None, workdir: Path) -> None:
    if course_html is None:
        return
    figures = run.section("handouts: make handouts on the built book", handouts.measure_handouts, course_html, workdir / "handouts")
    if figures:
        run.results["handouts"] = figures


def measure_search(run: Run, course_html: Path | None) -> None:
    if course_html is None:
        return
    figures = run.section("search: rank of the lesson that teaches each word", searchrank.measure_search, course_html)
    if figures:
        run.results["search"] = figures


def _forget_temporary_paths(build_results: dict) -> None:
    """The temporary HTML folders are gone by now; their paths would only mislead."""
    build_results.get("course", {}).pop("html", None)
    for figures in build_results.get("reference", {}).values():
        figures.pop("html", None)


def print_report(results: dict) -> None:
    info = results["machine"]
    print(
        f"Benchmarks, {info['date']} on {info['cpus']} CPUs ({info['processor']}), "
        f"{info['memory_gb']} GB, load average {info['load_average']}, Python {info['python']}"
    )
    if "build" in results:
        print(report.build_table(results["build"]))
    if "page_weight" in results:
        print(report.page_weight_table(results["page_weight"]))
    if "lighthouse" in results:
        print(report.lighthouse_table(results["lighthouse"]))
    if "lighthouse_skipped" in results:
        print(f"\nLighthouse skipped: {results['lighthouse_skipped']}")
    if "answerable" in results:
        print(report.answerable_table(results["answerable"]))
    if "live" in results:
        print(report.live_table(results["live"]))
    if "class_scale" in results:
        print(report.class_table(results["class_scale"]))
    if "handouts" in results:
        print(report.handouts_table(results["handouts"]))
    if "search" in results:
        print(report.search_table(results["search"]))
    print(report.budgets_table(results["budgets"]))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Progress goes to stderr, tables to stdout: keep them in order in a log.
    sys.stdout.reconfigure(line_buffering=True)
    run = Run()
    workdir = Path(tempfile.mkdtemp(prefix="lessons-bench-"))
    try:
        needs_pages = any(name in args.only for name in ("pages", "lighthouse", "answerable"))
        course_html = None
        if "build" in args.only:
            course_html = measure_build(run, workdir)
        elif needs_pages or "handouts" in args.only or "search" in args.only:
            course_html = existing_html(run, args.html)
        if needs_pages:
            references = build_references(run, workdir)
            run.section("browser pages", measure_pages, run, course_html, references, args)
        elif "build" in args.only:
            build_references(run, workdir)
        if "live" in args.only:
            measure_live(run)
        if "class" in args.only:
            measure_class(run, workdir, args.students)
        if "handouts" in args.only:
            measure_handouts(run, course_html, workdir)
        if "search" in args.only:
            measure_search(run, course_html)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    _forget_temporary_paths(run.results.get("build", {}))
    run.results["budgets"] = check_budgets(run.results)
    run.results["errors"] = run.errors
    print_report(run.results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(run.results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nFigures written to {args.out}")
    if run.errors:
        print("\nMeasurements that could not be taken:", file=sys.stderr)
        for error in run.errors:
            print(f"  - {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
