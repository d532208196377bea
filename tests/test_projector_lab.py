"""Lesson 2 run live in JupyterLab on a 1280 px projector (issue 21, the
projector): the timeline fills the output's width, its text no smaller than
the notebook's; in 中文 the UNGA table keeps columns at least
four characters wide and the count says "all" when nothing is filtered; and
the quizzes' dropdowns show their longest option in full.

One notebook, opened once (a lab test costs a minute): every check reads it.
Screenshots go to _build/screenshots/."""

from __future__ import annotations

import pytest
from labsupport import MODE_BUTTONS, ROOT, open_running_notebook
from screens import PROJECTOR, SCREENSHOTS

from lessons import evidence_charts

LESSON = "book/lesson-2.md"

# A chart's text in CSS px as drawn (its size in SVG units, scaled to the
# screen), median and smallest, and the chart's and its output's widths.
CHART_TEXT = """svg => {
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.getClientRects().length).map(t => {
        const m = t.getScreenCTM();
        return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    }).sort((a, b) => a - b);
    return {median: sizes[Math.floor(sizes.length / 2)], smallest: sizes[0],
            width: svg.getBoundingClientRect().width,
            output: svg.closest('.jp-OutputArea-output').getBoundingClientRect().width};
}"""

# The narrowest room (content width over font size, in characters) of the
# table's columns other than notes and sources, with the header's text.
COLUMN_ROOM = """table => {
    const rooms = [...table.querySelectorAll('thead th')].map((th, i) => {
        const cell = table.querySelector(`tbody tr td:nth-child(${i + 1})`);
        if (!cell || cell.classList.contains('lessons-evidence-wide')) return null;
        const style = getComputedStyle(cell);
        const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return {column: th.textContent.trim(), chars: inner / parseFloat(style.fontSize)};
    }).filter(Boolean);
    return rooms.sort((a, b) => a.chars - b.chars);
}"""

# Per quiz dropdown shown: its widest option's text width against the room the
# <select> gives its text (without its padding and arrow).
DROPDOWN_ROOM = """quiz => [...quiz.querySelectorAll('select')].filter(s => s.getClientRects().length).map(select => {
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre';
    probe.style.font = style.font;
    document.body.append(probe);
    let widest = 0, text = '';
    for (const option of select.options) {
        probe.textContent = option.text;
        const width = probe.getBoundingClientRect().width;
        if (width > widest) [widest, text] = [width, option.text];
    }
    probe.remove();
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {text, widest: Math.round(widest), room: Math.round(room)};
})"""


def choose_language(page, mode: str) -> None:
    page.locator(".widget-toggle-button", has_text=MODE_BUTTONS[mode]).first.click()
    page.wait_for_timeout(1000)  # then the kernel redraws every chart, table and quiz


@pytest.mark.lab
@pytest.mark.browser
def test_lesson_2_charts_tables_and_dropdowns_read_on_a_projector(lab_server, browser, page_log):
    base, token = lab_server
    before = (ROOT / LESSON).read_bytes()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = open_running_notebook(browser, page_log, base, token, LESSON, PROJECTOR)
    try:
        timeline = page.locator(".lessons-timeline-live-chart svg").first
        evidence = page.locator(".lessons-evidence-explorer").first
        timeline.wait_for(timeout=30_000)
        evidence.locator("tbody tr").first.wait_for(timeout=30_000)

        # On the projector the file browser is closed (View > Show Left
        # Sidebar, Ctrl+B): the notebook has the screen's width.
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.wait_for_timeout(500)
        # The timeline fills the output (it used 740 of 1,200 px), its text
        # scaled with it: no smaller than the notebook's own text. (The
        # evidence charts grow with the content font size instead:
        # test_evidence_charts.py, test_the_live_chart_grows_with_the_content_font_size.)
        drawn = timeline.evaluate(CHART_TEXT)
        content = page.evaluate("() => parseFloat(getComputedStyle(document.body.parentElement).getPropertyValue('--jp-content-font-size1'))")
        assert drawn["width"] > 1000, drawn
        assert drawn["width"] >= drawn["output"] - 2, f"the timeline leaves room unused: {drawn}"
        assert drawn["smallest"] >= content, f"chart text smaller than the notebook's {content} px: {drawn}"
        for _ in range(2):  # cells above may still settle, moving the page
            timeline.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / "lab-timeline-1280.png"))

        # In 中文: the UNGA table's short columns keep four characters or more;
        # unfiltered (this explorer has no filter), the count says "all".
        rows = len(evidence_charts.load("unga"))
        choose_language(page, "zh-Hant")
        evidence.get_by_text(f"全部 {rows} 筆資料", exact=True).wait_for(timeout=30_000)
        assert "符合篩選條件" not in evidence.inner_text()
        table = evidence.locator("table")
        rooms = table.evaluate(COLUMN_ROOM)
        assert rooms and rooms[0]["chars"] >= 4, f"a column is narrower than four characters: {rooms}"
        table.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SCREENSHOTS / "lab-unga-table-1280-zh.png"))

        # Side by side (the longest labels: "中文 / English"), every quiz
        # dropdown shows its longest option whole.
        choose_language(page, "both")
        evidence.get_by_text(f"All {rows} rows", exact=True).wait_for(timeout=30_000)
        quizzes = page.locator(".lq-live-quiz")
        cut = []
        for index in range(quizzes.count()):
            for select in quizzes.nth(index).evaluate(DROPDOWN_ROOM):
                if select["widest"] > select["room"] + 1:
                    cut.append(select)
        assert page.locator(".lq-live-quiz select").count() >= 5
        assert cut == [], f"dropdown options cut with '…': {cut}"
        longest = page.locator(".lq-live-quiz select", has=page.locator("option", has_text="friendship has no limits")).first
        longest.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SCREENSHOTS / "lab-quiz-dropdowns-1280-both.png"))
    finally:
        context.close()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"
    assert (ROOT / LESSON).read_bytes() == before, "the lesson file is untouched"
