"""Printing a lesson page in a real Chromium (print media emulated): only
the chosen language, the quiz as a worksheet, nothing interactive and no
answer; the links to the handouts (students never see an answer key's)."""

from __future__ import annotations

import pytest

from lessons.paths import quiz_bank_path
from lessons.quizbank import load_bank
from bookpages import toc_pages

pytestmark = [pytest.mark.browser, pytest.mark.book]

LESSONS = [page.split("/")[-1] for page in toc_pages() if "/lesson-" in page]
MODES = ("zh-Hant", "en", "both")

# How many elements of a kind are laid out (display:none, also inherited, leaves no box).
COUNT_VISIBLE = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden").length"""
INTERACTIVE = "button, input, select, textarea, .lq-quiz, .lessons-langswitch, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .prev-next-footer, nav"
ANSWERS = ".lq-answer, .lq-feedback, .lq-hint, .lq-assess, .lq-explanation, .lq-answer-list"


def printed(page, book_server, lesson: str, query: str):
    page.goto(f"{book_server}book/{lesson}.html{query}", wait_until="load")
    page.emulate_media(media="print")
    return page


def count(page, selector: str) -> int:
    return page.evaluate(COUNT_VISIBLE, selector)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lesson", LESSONS)
def test_print_shows_only_the_chosen_language_and_a_worksheet_without_answers(page, book_server, lesson, mode):
    printed(page, book_server, lesson, f"?lang={mode}")
    zh, en = count(page, "article .bl-zh"), count(page, "article .bl-en")
    assert zh > 0 if mode != "en" else zh == 0, f"{mode}: {zh} Chinese elements print"
    assert en > 0 if mode != "zh-Hant" else en == 0, f"{mode}: {en} English elements print"
    assert count(page, INTERACTIVE) == 0, "buttons, form controls or navigation print"
    assert count(page, ANSWERS) == 0, "an answer, feedback or hint prints"
    # Every printed data column has room for four Chinese characters: no "上合組" over "織".
    narrow = page.evaluate("""() => [...document.querySelectorAll('.lessons-evidence-table :is(td, th)')]
        .filter(c => c.getClientRects().length && c.getBoundingClientRect().width < 4 * parseFloat(getComputedStyle(c).fontSize))
        .map(c => c.textContent.slice(0, 20))""")
    assert not narrow, narrow
    bank = load_bank(quiz_bank_path(lesson))
    assert count(page, ".lq-worksheet .ws-question") >= len(bank.quiz_questions(None))
    text = page.locator("body").inner_text()
    for question in bank.questions:
        for secret in filter(None, [question.explanation, *question.hints]):
            assert secret.en not in text and secret.zh not in text, (question.id, "explanation or hint prints")


def test_both_languages_print_side_by_side_on_a4_and_stacked_on_narrow_paper(page, book_server):
    printed(page, book_server, "lesson-1", "?lang=both")
    pair = page.locator("article .bl-pair:not(.lessons-notebooks):not(.lessons-handouts)").first
    page.set_viewport_size({"width": 700, "height": 900})  # A4 portrait's printable width, in CSS px
    zh, en = pair.locator("> .bl-zh").bounding_box(), pair.locator("> .bl-en").bounding_box()
    assert en["x"] > zh["x"] + zh["width"] - 1 and abs(en["y"] - zh["y"]) < 2, "not side by side"
    page.set_viewport_size({"width": 500, "height": 900})
    zh, en = pair.locator("> .bl-zh").bounding_box(), pair.locator("> .bl-en").bounding_box()
    assert en["y"] >= zh["y"] + zh["height"] - 1, "not stacked"


def test_without_javascript_both_languages_print(browser, book_server):
    context = browser.new_context(java_script_enabled=False)
    page = printed(context.new_page(), book_server, "lesson-1", "?lang=en")
    assert count(page, "article .bl-zh") > 0 and count(page, "article .bl-en") > 0
    assert count(page, ".lq-worksheet .ws-question") > 0 and count(page, "button, input, select") == 0
    context.close()


def test_on_screen_the_worksheet_stays_hidden_and_the_form_shows(page, book_server):
    page.goto(f"{book_server}book/lesson-1.html?lang=en", wait_until="load")
    assert count(page, ".lq-worksheet") == 0
    assert count(page, ".lq-quiz") > 0


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_links_its_student_handouts_and_no_answer_key(page, book_server, lesson):
    page.goto(f"{book_server}book/{lesson}.html", wait_until="load")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    for mode in MODES:
        assert f"../handouts/{lesson}-student-{mode}.pdf" in hrefs
    assert not [href for href in hrefs if "answer-key" in href]


def test_the_instructor_guide_links_the_answer_keys(page, book_server):
    page.goto(f"{book_server}book/instructor-guide.html", wait_until="load")
    hrefs = page.eval_on_selector_all("#guide-answer-keys ~ * a[href], .lessons-answer-keys a[href]", "l => l.map(a => a.getAttribute('href'))")
    for lesson in [*LESSONS, "class-set"]:
        for mode in MODES:
            assert f"../handouts/{lesson}-answer-key-{mode}.pdf" in hrefs


def printed_fonts(page, selector: str) -> dict[str, int]:
    """Glyphs of the first element matching ``selector`` per font actually drawn (Chromium's own account)."""
    page.evaluate("document.fonts.ready")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"]: font["glyphCount"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def test_letters_and_digits_in_printed_chinese_match_the_english_type(page, book_server):
    """UMing drew the dates and addresses in Chinese text in its typewriter-like
    Latin; only Chinese is UMing's, the rest is DejaVu Sans like the English."""
    printed(page, book_server, "lesson-1", "?lang=both")
    item = "article .bl-pair > .bl-zh .admonition li"  # "1989年6月4日：天安門廣場鎮壓。來源：history.state.gov/…"
    assert page.locator(item).first.inner_text()[:4].isdigit()
    zh_fonts = printed_fonts(page, item)
    assert "AR PL UMing TW" in zh_fonts and "DejaVu Sans" in zh_fonts, zh_fonts


# ---- paper marks, unfolded tables, the timeline's ground (issue 24) ----------

PAPER_MARKS = """() => [...document.querySelectorAll('.lq-worksheet .ws-question')].map(q => ({
  type: q.dataset.questionType,
  round: [...q.querySelectorAll('.ws-options .ws-box')].map(box => parseFloat(getComputedStyle(box).borderTopLeftRadius) > 2)}))"""


@pytest.mark.parametrize("lesson", LESSONS)
def test_printed_marks_data_tables_and_timeline_suit_paper(page, book_server, lesson):
    """One answer: a circle to fill; several: a square to tick. The folded
    data tables print open; the timeline's eras print as frames, not a
    grey ground."""
    printed(page, book_server, lesson, "?lang=en")
    marks = page.evaluate(PAPER_MARKS)
    assert {m["type"] for m in marks} >= {"single", "multiple"}
    assert all(all(m["round"]) for m in marks if m["type"] in ("single", "truefalse"))
    assert not any(any(m["round"]) for m in marks if m["type"] == "multiple")
    tables = page.evaluate("""() => [...document.querySelectorAll('details.lessons-evidence-data')].map(d =>
        ({open: d.open, rows: [...d.querySelectorAll('tbody tr')].filter(r => r.getClientRects().length).length}))""")
    # Lessons 1-4 teach an evidence objective from data tables; the unit reads sources.
    teaches_evidence = any(o.id == "evidence" for o in load_bank(quiz_bank_path(lesson)).objectives)
    assert bool(tables) == teaches_evidence, tables
    assert all(t["rows"] > 3 and not t["open"] for t in tables), tables  # printed without opening
    # The columns the questions read; notes and sources (a character a line
    # in what width was left: 87 pages) stay online, and one line says so.
    shown = """() => [...document.querySelectorAll('details.lessons-evidence-data')].map(d => ({
        wide: [...d.querySelectorAll('.lessons-evidence-wide')].filter(c => c.getClientRects().length).length,
        note: [...d.querySelectorAll('.lessons-print-only')].filter(p => p.getClientRects().length).length}))"""
    assert all(t == {"wide": 0, "note": 1} for t in page.evaluate(shown)), page.evaluate(shown)
    grey = page.evaluate("""() => [...document.querySelectorAll('.lessons-timeline-chart path')]
        .filter(p => p.getClientRects().length && /^rgb\\((2[0-4]\\d|1\\d\\d), \\1, \\1\\)$/.test(getComputedStyle(p).fill)).length""")
    assert grey == 0
    page.emulate_media(media="screen")  # where the notes and sources are, and the paper's line is not
    page.evaluate("() => document.querySelectorAll('details.lessons-evidence-data').forEach(d => d.open = true)")
    assert all(t["wide"] > 0 and t["note"] == 0 for t in page.evaluate(shown)), page.evaluate(shown)


def test_the_timeline_print_rule_names_the_charts_era_colours():
    from importlib import resources

    from lessons.timeline.chart import ERA_FILLS

    css = (resources.files("lessons") / "static" / "print.css").read_text(encoding="utf-8")
    assert all(f'path[style*="fill: {colour}"]' in css for colour in ERA_FILLS)
