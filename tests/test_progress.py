"""lessons.progress against the shared progress vectors, in Python and in
Chromium (static/grader.js: LessonsGrader.progress). The vectors are the
contract: which attempt counts, when the answer counts as shown, and that an
attempt made once it is shown is kept but earns nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessons.progress import POLICIES, progress

ROOT = Path(__file__).resolve().parents[1]
GRADER_JS = ROOT / "src" / "lessons" / "static" / "grader.js"
VECTORS = json.loads((ROOT / "tests" / "data" / "progress-vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_python_follows_every_progress_vector(case):
    got = progress(case["attempts"], case["hints"], case["instructor_reveal"]).to_dict()
    assert got == case["expected"]


def test_the_counting_policies_pick_first_best_last():
    state = progress([{"status": "partial", "score": 1, "max_score": 2}, {"status": "correct", "score": 2, "max_score": 2}], hints=1)
    assert [state.counted(policy) for policy in POLICIES] == [(1, 2), (2, 2), (2, 2)]
    with pytest.raises(ValueError, match="first, best, last"):
        state.counted("average")


@pytest.mark.browser
def test_the_browser_follows_every_progress_vector(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(GRADER_JS))
    results = page.evaluate(
        "(cases) => cases.map((c) => LessonsGrader.progress(c.attempts, c.hints, c.instructor_reveal))", VECTORS
    )
    context.close()
    failures = [f"{case['name']}: expected {case['expected']}, got {got}" for case, got in zip(VECTORS, results, strict=True) if got != case["expected"]]
    assert not failures, "\n".join(failures)
