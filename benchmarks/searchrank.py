"""7. Search: where the lesson that teaches a word ranks (issue 24).

Ten words per language, each with the lesson that teaches it, searched in
the book's own search page in a real Chromium (the reader's language set
first, as a student's would be). The figure is the worst rank of that
lesson over the twenty searches; the budget is the top three. The browser
test (tests/test_reader_browser.py) checks the same words and their snippets.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .support import MeasurementError, chromium, serve

#: A word and the lesson that teaches it; each is found by that lesson's own text.
SEARCH_TERMS = {
    "en": {"hegemony": "lesson-3", "Tiananmen": "lesson-1", "Crimea": "lesson-2", "belligerence": "lesson-2",
           "BRICS": "lesson-3", "sanctions": "lesson-1", "cohesive": "lesson-4", "multilateral": "lesson-3",
           "arms": "lesson-1", "friction": "lesson-4"},
    "zh-Hant": {"霸權": "lesson-3", "天安門": "lesson-1", "克里米亞": "lesson-2", "挑釁": "lesson-2",
                "金磚國家": "lesson-3", "制裁": "lesson-1", "摩擦": "lesson-4", "多邊": "lesson-3",
                "軍售": "lesson-1", "凝聚力": "lesson-4"},
}

RESULTS = """() => [...document.querySelectorAll('#search-results ul.search > li > a')]
  .map(a => a.getAttribute('href').split('#')[0].split('?')[0])"""


def result_pages(page, base: str, term: str) -> list[str]:
    """The pages the search page lists for ``term``, best first."""
    page.goto(f"{base}search.html?q={quote(term)}", wait_until="load")
    page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15_000)
    return page.evaluate(RESULTS)


def measure_search(html: Path) -> dict:
    """Each word's rank of its lesson (None: not found), and the worst rank."""
    ranks: dict[str, int | None] = {}
    with serve(html, compressed=False) as base, chromium() as browser:
        page = browser.new_page()
        for mode, terms in SEARCH_TERMS.items():
            page.goto(f"{base}book/lesson-1.html?lang={mode}", wait_until="load")  # the reader's language, stored
            for term, lesson in terms.items():
                pages = result_pages(page, base, term)
                target = f"book/{lesson}.html"
                ranks[term] = pages.index(target) + 1 if target in pages else None
    if not ranks:
        raise MeasurementError("no search was run")
    found = [rank for rank in ranks.values() if rank is not None]
    return {"ranks": ranks, "worst_rank": max(found) if len(found) == len(ranks) else None, "not_found": [t for t, r in ranks.items() if r is None]}
