"""The bench's reader figures: pages served as GitHub Pages serves them,
Lighthouse skipped with a reason where node is missing, score budgets."""

from __future__ import annotations

import gzip
import urllib.request

from benchmarks import budgets, lighthouse
from benchmarks.support import serve


def test_text_is_served_gzip_compressed_when_asked(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "中俄 " * 500 + "</p>", encoding="utf-8")
    with serve(tmp_path) as base:
        asked = urllib.request.urlopen(urllib.request.Request(base + "index.html", headers={"Accept-Encoding": "gzip"}))
        body = asked.read()
        assert asked.headers["Content-Encoding"] == "gzip"
        assert "charset=utf-8" in asked.headers["Content-Type"]
        assert gzip.decompress(body).decode("utf-8").startswith("<p>中俄")
        plain = urllib.request.urlopen(base + "index.html")
        assert plain.headers["Content-Encoding"] is None and plain.read().decode("utf-8").startswith("<p>中俄")


def test_lighthouse_says_why_it_cannot_run_without_node(monkeypatch):
    monkeypatch.setenv("PATH", "")
    reason = lighthouse.missing_tools()
    assert reason and "node" in reason and "Node.js" in reason


def _results(performance: float, transfer_bytes: int) -> dict:
    page = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
    return {
        "lighthouse": {"course": {"book/lesson-1.html": page, "book/lesson-2.html": {**page, "performance": 95}}},
        "page_weight": {"course": {"book/lesson-1.html": {"transfer_bytes": transfer_bytes, "foreign_requests": 0}}},
    }


def _row(rows: list[dict], start: str) -> dict:
    return next(row for row in rows if row["budget"].startswith(start))


def test_scores_must_reach_their_floor_and_transfer_stay_under_its_ceiling():
    rows = budgets.check_budgets(_results(performance=92, transfer_bytes=213_000))
    assert _row(rows, "Lighthouse performance")["status"] == "PASS"
    assert _row(rows, "Lighthouse performance")["measured"] == 92  # the lowest page
    assert _row(rows, "First visit")["status"] == "PASS"
    rows = budgets.check_budgets(_results(performance=58, transfer_bytes=1_044_000))
    assert (_row(rows, "Lighthouse performance")["status"], _row(rows, "Lighthouse performance")["over"]) == ("MISS", "32 under")
    assert _row(rows, "First visit")["status"] == "MISS"


def test_unmeasured_lighthouse_is_not_a_pass():
    rows = budgets.check_budgets({})
    assert _row(rows, "Lighthouse SEO")["status"] == "n/a"


def test_the_search_rank_budget_wants_every_teaching_lesson_in_the_top_three():
    def row(search):
        return next(r for r in budgets.check_budgets({"search": search}) if r["budget"].startswith("Search"))

    assert row({"ranks": {"a": 1, "b": 3}, "worst_rank": 3, "not_found": []})["status"] == "PASS"
    assert row({"ranks": {"a": 1, "b": 4}, "worst_rank": 4, "not_found": []})["status"] == "MISS"
    missed = row({"ranks": {"a": 1, "b": None}, "worst_rank": None, "not_found": ["b"]})
    assert (missed["status"], missed["over"]) == ("MISS", "a lesson not found")
