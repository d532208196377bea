"""The course's budgets (issue 8), checked against the measured figures.

A missed budget is reported as MISS with the figure; it never fails the run.
Only a measurement that could not be taken does (its budget shows n/a).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

KB = 1000  # as browsers' developer tools count


@dataclass(frozen=True)
class Budget:
    name: str
    limit: float
    unit: str
    measure: Callable[[dict], float | None]  # the figure from results, None if not measured
    at_least: bool = False  # a score: the figure must reach the limit, not stay under it
    never: str = "not answerable in some loads"  # what an infinite figure means, in words


def _get(results: dict, *keys):
    for key in keys:
        if not isinstance(results, dict) or key not in results:
            return None
        results = results[key]
    return results


def _worst(pages: dict | None, key: str) -> float | None:
    """The largest figure over the course's lesson pages (None if any is missing)."""
    if not pages:
        return None
    values = [page.get(key) if isinstance(page, dict) else None for page in pages.values()]
    return None if any(value is None for value in values) else max(values)


def _slowest_run_all(run_all: dict | None) -> float | None:
    if not run_all or any("error" in lesson for lesson in run_all.values()):
        return None
    return max(lesson["with_kernel_start_seconds"] for lesson in run_all.values())


def _answerable_after_dcl(results: dict) -> float | None:
    """The slowest lesson page; infinite if a page's quiz was ever not answerable."""
    pages = _get(results, "answerable", "course")
    if pages and any(isinstance(page, dict) and page.get("never") for page in pages.values()):
        return math.inf
    return _worst(pages, "after_dcl_ms")


def _own_kb(results: dict) -> float | None:
    worst = _worst(_get(results, "page_weight", "course"), "own_gzip_bytes")
    return None if worst is None else worst / KB


def _transfer_kb(results: dict) -> float | None:
    worst = _worst(_get(results, "page_weight", "course"), "transfer_bytes")
    return None if worst is None else worst / KB


def _lowest_score(category: str) -> Callable[[dict], float | None]:
    """The lowest Lighthouse score of a category over the lesson pages."""

    def measure(results: dict) -> float | None:
        pages = _get(results, "lighthouse", "course")
        if not pages:
            return None
        values = [page.get(category) if isinstance(page, dict) else None for page in pages.values()]
        return None if any(value is None for value in values) else min(values)

    return measure


def _rebuild_percent(results: dict) -> float | None:
    ratio = _get(results, "build", "course", "rebuild_ratio")
    return None if ratio is None else ratio * 100


def _worst_search_rank(results: dict) -> float | None:
    """The worst rank; infinite if a word's lesson was not found at all."""
    search = _get(results, "search")
    if not search:
        return None
    return math.inf if search.get("not_found") else search.get("worst_rank")


BUDGETS = (
    Budget("Clean build (2 cores)", 60, "s", lambda r: _get(r, "build", "course", "clean_seconds")),
    Budget("No-change rebuild / clean build", 10, "%", _rebuild_percent),
    Budget("Own JS + CSS per lesson page, gzip", 30, "KB", _own_kb),
    Budget("First visit to a lesson page, transferred (gzip)", 300, "KB", _transfer_kb),
    Budget("Lighthouse performance (mobile), lowest lesson page", 90, "", _lowest_score("performance"), at_least=True),
    Budget("Lighthouse accessibility, lowest lesson page", 100, "", _lowest_score("accessibility"), at_least=True),
    Budget("Lighthouse best practices, lowest lesson page", 100, "", _lowest_score("best-practices"), at_least=True),
    Budget("Lighthouse SEO, lowest lesson page", 100, "", _lowest_score("seo"), at_least=True),
    Budget("Requests to other origins", 0, "", lambda r: _worst(_get(r, "page_weight", "course"), "foreign_requests")),
    Budget("Quiz answerable after DOMContentLoaded", 100, "ms", _answerable_after_dcl),
    Budget("import lessons", 0.5, "s", lambda r: _get(r, "live", "import", "median_seconds")),
    Budget("Run-All per lesson (fresh kernel)", 10, "s", lambda r: _slowest_run_all(_get(r, "live", "run_all"))),
    Budget("Timeline explorer redraw", 0.25, "s", lambda r: _get(r, "live", "explorer", "max_seconds")),
    Budget("Gradebook, 500 students x all questions", 2, "s", lambda r: _get(r, "class_scale", "total_seconds")),
    Budget("make handouts on the built book (2 cores)", 120, "s", lambda r: _get(r, "handouts", "seconds")),
    Budget("Worksheet handout per lesson and language, A4", 4, "pages", lambda r: _get(r, "handouts", "worksheet_max_pages")),
    Budget("Search: worst rank of the teaching lesson, 20 words", 3, "", _worst_search_rank, never="a lesson not found"),
)


def check_budgets(results: dict) -> list[dict]:
    """One row per budget: limit, measured figure, PASS / MISS / n/a, and by how much."""
    rows = []
    for budget in BUDGETS:
        measured = budget.measure(results)
        row = {"budget": budget.name, "limit": budget.limit, "unit": budget.unit, "measured": measured, "at_least": budget.at_least}
        if measured is None:
            row.update(status="n/a", over=None)
        elif math.isinf(measured):  # JSON has no infinity: say it in words
            row.update(measured=None, status="MISS", over=budget.never)
        else:
            passed = measured >= budget.limit if budget.at_least else measured <= budget.limit
            row.update(status="PASS" if passed else "MISS", over=None if passed else _over(measured, budget.limit, budget.at_least))
        rows.append(row)
    return rows


def _over(measured: float, limit: float, at_least: bool = False) -> str | None:
    """How far over budget (or under a score's floor), in words, for a MISS."""
    if at_least:
        return f"{limit - measured:g} under" if measured < limit else None
    if measured <= limit:
        return None
    if limit == 0:
        return f"{measured:g} over"
    return f"{(measured - limit) / limit:.0%} over"
