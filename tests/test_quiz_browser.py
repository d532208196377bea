"""The book's quiz in a real Chromium, with no kernel: every type answered
with the mouse and with the keyboard alone, feedback announced, progress
kept across reloads (but never for an edited question), reset, export,
blocked storage, and the XSS probe inert.

The page is built here from the sample bank with render_bank_html and the
real lessons.css, language.js, grader.js and quiz.js, served locally; it
does not need the full book build.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

import quiz_sample
from lessons import answers, localsite
from lessons.quizhtml import render_bank_html

pytestmark = pytest.mark.browser

ASSETS = ("lessons.css", "language.js", "grader.js", "quiz.js")
QUIZ = "#lq-lesson-sample"
EDITED_PROMPT = "en: \"According to the brief, since when have China and Russia grown closer?\""


def page_html(body: str) -> str:
    # The same order as the book: language.js in <head>, the quiz scripts deferred.
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Quiz test</title>'
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="lessons.css">'
        '<script src="language.js"></script><script defer src="grader.js"></script>'
        f'<script defer src="quiz.js"></script></head><body><main>{body}</main></body></html>'
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """index.html (the sample quiz) and edited.html (the same quiz, its
    first question reworded) on a local server; yields the base URL."""
    folder = tmp_path_factory.mktemp("quiz-site")
    static = resources.files("lessons") / "static"
    for name in ASSETS:
        shutil.copyfile(str(static / name), folder / name)
    bank = quiz_sample.load(tmp_path_factory.mktemp("bank"))
    (folder / "index.html").write_text(page_html(render_bank_html(bank)), encoding="utf-8")
    edited_yaml = quiz_sample.BANK_YAML.replace(EDITED_PROMPT, 'en: "Since when, says the brief, have China and Russia grown closer?"')
    assert edited_yaml != quiz_sample.BANK_YAML
    edited = quiz_sample.load(tmp_path_factory.mktemp("edited"), edited_yaml)
    assert edited.questions[0].content_hash != bank.questions[0].content_hash
    assert edited.questions[1].content_hash == bank.questions[1].content_hash
    (folder / "edited.html").write_text(page_html(render_bank_html(edited)), encoding="utf-8")
    # A "Try it" form and the lesson quiz of one bank on one page (tryit: the lesson quiz leaves it out).
    tryit_yaml = quiz_sample.BANK_YAML.replace("  - id: said-or-inferred\n", "  - id: said-or-inferred\n    tryit: true\n")
    tryit = quiz_sample.load(tmp_path_factory.mktemp("tryit"), tryit_yaml)
    two_forms = render_bank_html(tryit, ["said-or-inferred"]) + render_bank_html(tryit)
    (folder / "two.html").write_text(page_html(two_forms), encoding="utf-8")
    with localsite.serve(folder) as base:
        yield base


def open_quiz(page, url, lang="en"):
    page.goto(f"{url}?lang={lang}")
    page.wait_for_selector(f"{QUIZ}[data-ready]")


def question(page, question_id):
    return page.locator(f"{QUIZ}-{question_id}")


def assert_clean(page_log):
    assert page_log.foreign == []
    assert page_log.console_errors == []
    assert page_log.failed == []


def feedback_of(page, question_id):
    return question(page, question_id).locator(".lq-feedback")


def correct_match_positions(page):
    """For the matching question: per term, the option index (in DOM order) of its match."""
    return page.eval_on_selector_all(
        f"{QUIZ}-ties-matched select",
        "selects => selects.map(s => Array.from(s.options).findIndex(o => o.value === s.dataset.term))",
    )


def ordering_positions(page):
    """For the ordering question: per shown item, its right position (1-based)."""
    return page.eval_on_selector_all(f"{QUIZ}-anchor-years select", "selects => selects.map(s => Number(s.dataset.item) + 1)")


def assert_all_correct(page):
    for question_id in ("closer-since", "bilateral-ties", "no-alliance", "soviet-collapse-year", "anchor-years", "ties-matched", "hegemony"):
        region = feedback_of(page, question_id)
        assert region.get_attribute("aria-live") == "polite"
        text = region.inner_text()
        assert "✓" in text and "Correct" in text, (question_id, text)
    summary = page.locator(f"{QUIZ} .lq-summary").inner_text()
    assert "Total of first tries: 7 / 9 (7 of 10 questions answered" in summary


def test_every_type_answered_with_the_mouse(page, page_log, site):
    open_quiz(page, site)
    # Before JavaScript ran these were hidden; now they are usable.
    assert page.locator(f"{QUIZ} .lq-export").is_visible()
    assert not page.locator(f"{QUIZ} .lq-nojs-only").is_visible()
    assert not question(page, "closer-since").locator("details").is_visible()

    question(page, "closer-since").locator(".lq-options").get_by_text("Since the collapse of the Soviet Union").click()
    question(page, "closer-since").locator(".lq-check").click()
    ties = question(page, "bilateral-ties")
    ties.locator(".lq-options").get_by_text("Arms sales").click()
    ties.locator(".lq-options").get_by_text("Joint drills").click()
    ties.locator(".lq-check").click()
    question(page, "no-alliance").locator(".lq-options").get_by_text("False").click()
    question(page, "no-alliance").locator(".lq-check").click()
    year = question(page, "soviet-collapse-year")
    year.locator("input").click()
    year.locator("input").fill("1991")
    year.locator(".lq-check").click()
    order = question(page, "anchor-years")
    for select, position in zip(order.locator("select").all(), ordering_positions(page)):
        select.select_option(str(position))
    order.locator(".lq-check").click()
    match = question(page, "ties-matched")
    for term, select in enumerate(match.locator("select").all()):
        select.select_option(str(term))
    match.locator(".lq-check").click()
    text = question(page, "hegemony")
    text.locator("input").fill("發展中國家")
    text.locator(".lq-check").click()

    assert_all_correct(page)
    # Solved: the answer and explanation open; the controls are locked.
    details = question(page, "closer-since").locator("details")
    assert details.is_visible() and details.get_attribute("open") is not None
    assert question(page, "closer-since").locator("input").first.is_disabled()
    assert_clean(page_log)


def tab_to(page, selector, limit=200):
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_type_answered_with_the_keyboard_alone(page, page_log, site):
    open_quiz(page, site)
    keys = page.keyboard
    # single: the right option is the first; Space chooses it, Enter on Check checks.
    tab_to(page, f"{QUIZ}-closer-since input")
    keys.press("Space")
    tab_to(page, f"{QUIZ}-closer-since .lq-check")
    keys.press("Enter")
    # After checking, focus sits on the feedback (solved) or on Try again.
    assert page.evaluate("document.activeElement.classList.contains('lq-feedback')")
    # multiple: the first two.
    tab_to(page, f"{QUIZ}-bilateral-ties input[value='0']")
    keys.press("Space")
    keys.press("Tab")
    keys.press("Space")
    tab_to(page, f"{QUIZ}-bilateral-ties .lq-check")
    keys.press("Space")
    # truefalse: arrow to the second radio (false).
    tab_to(page, f"{QUIZ}-no-alliance input")
    keys.press("ArrowDown")
    tab_to(page, f"{QUIZ}-no-alliance .lq-check")
    keys.press("Enter")
    # numeric: Enter in the field checks.
    tab_to(page, f"{QUIZ}-soviet-collapse-year input")
    keys.type("1991")
    keys.press("Enter")
    # ordering and matching: arrow keys on each focused select.
    for select_index, position in enumerate(ordering_positions(page)):
        tab_to(page, f"{QUIZ}-anchor-years li:nth-child({select_index + 1}) select")
        for _ in range(position):
            keys.press("ArrowDown")
    tab_to(page, f"{QUIZ}-anchor-years .lq-check")
    keys.press("Enter")
    for term, option_index in enumerate(correct_match_positions(page)):
        tab_to(page, f"{QUIZ}-ties-matched select[data-term='{term}']")
        for _ in range(option_index):
            keys.press("ArrowDown")
    tab_to(page, f"{QUIZ}-ties-matched .lq-check")
    keys.press("Enter")
    tab_to(page, f"{QUIZ}-hegemony input")
    keys.type("developing countries")
    keys.press("Enter")

    assert_all_correct(page)
    assert_clean(page_log)


def test_wrong_try_gives_a_hint_and_a_keyboard_retry(page, page_log, site):
    open_quiz(page, site)
    single = question(page, "closer-since")
    single.locator(".lq-options").get_by_text("Since 2022").click()
    single.locator(".lq-check").click()
    region = feedback_of(page, "closer-since")
    assert "✗" in region.inner_text() and "Incorrect" in region.inner_text()
    assert "2022 is one of the recent challenges" in region.inner_text()
    assert single.locator(".lq-hint").first.is_visible()
    assert not single.locator("details").is_visible()  # one hint still to use
    # Focus moved to Try again: Enter unlocks the question.
    assert page.evaluate("document.activeElement.classList.contains('lq-retry')")
    page.keyboard.press("Enter")
    assert not single.locator("input").first.is_disabled()
    assert region.inner_text() == ""
    # Nothing chosen: a message, not a grade.
    question(page, "no-alliance").locator(".lq-check").click()
    assert "Answer first" in feedback_of(page, "no-alliance").inner_text()
    assert_clean(page_log)


def test_enter_while_composing_chinese_does_not_check(page, page_log, site):
    open_quiz(page, site, lang="zh-Hant")
    field = question(page, "hegemony").locator("input")
    field.fill("發展中國家")
    # An IME's Enter confirms a candidate: both signals browsers use.
    field.dispatch_event("keydown", {"key": "Enter", "isComposing": True})
    field.evaluate("el => el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229, bubbles: true}))")
    assert feedback_of(page, "hegemony").inner_text() == ""
    field.press("Enter")
    assert "正確" in feedback_of(page, "hegemony").inner_text()
    assert_clean(page_log)


def test_reload_keeps_progress_and_reset_clears_it(page, page_log, site):
    open_quiz(page, site)
    single = question(page, "closer-since")
    single.locator(".lq-options").get_by_text("Since 2022").click()
    single.locator(".lq-check").click()
    year = question(page, "soviet-collapse-year")
    year.locator("input").fill("１９９１")
    year.locator(".lq-check").click()

    page.reload()
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    assert single.locator("input[value='1']").is_checked()
    assert "Incorrect" in feedback_of(page, "closer-since").inner_text()
    assert single.locator(".lq-hint").first.is_visible() and single.locator(".lq-retry").is_visible()
    assert year.locator("input").input_value() == "１９９１"
    assert "Correct" in feedback_of(page, "soviet-collapse-year").inner_text()
    assert "Total of first tries: 1 / 9 (2 of 10 questions answered" in page.locator(f"{QUIZ} .lq-summary").inner_text()

    # Reset takes two presses: the first only asks, and clears nothing.
    reset = page.locator(f"{QUIZ} .lq-reset")
    reset.click()
    assert reset.inner_text() == "Press again to clear your answers to every quiz of this lesson"
    assert "Press again to clear your answers to every quiz of this lesson" in page.locator(f"{QUIZ} .lq-tools-status").inner_text()
    assert single.locator("input[value='1']").is_checked()
    reset.click()
    assert "cleared" in page.locator(f"{QUIZ} .lq-tools-status").inner_text()
    assert reset.inner_text() == "Reset quiz"
    assert not single.locator("input[value='1']").is_checked()
    assert feedback_of(page, "closer-since").inner_text() == ""
    assert not single.locator(".lq-hint").first.is_visible()
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes('/lesson-sample/'))")
    assert kept == []
    page.reload()
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    assert year.locator("input").input_value() == ""
    assert "Total of first tries: 0 / 9 (0 of 10 questions answered" in page.locator(f"{QUIZ} .lq-summary").inner_text()
    assert_clean(page_log)


def test_an_edited_question_never_restores_a_stale_answer(page, page_log, site):
    open_quiz(page, site)
    question(page, "closer-since").locator(".lq-options").get_by_text("Since 2022").click()
    question(page, "closer-since").locator(".lq-check").click()
    question(page, "bilateral-ties").locator(".lq-options").get_by_text("Arms sales").click()
    question(page, "bilateral-ties").locator(".lq-check").click()

    page.goto(f"{site}edited.html?lang=en")
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    edited = question(page, "closer-since")
    assert "Since when, says the brief" in edited.locator("legend").inner_text()
    assert not edited.locator("input[value='1']").is_checked()
    assert feedback_of(page, "closer-since").inner_text() == ""
    # The unchanged question keeps its progress.
    assert question(page, "bilateral-ties").locator("input[value='0']").is_checked()
    assert "Partly correct" in feedback_of(page, "bilateral-ties").inner_text()
    assert "Total of first tries: 0.5 / 9 (1 of 10 questions answered" in page.locator(f"{QUIZ} .lq-summary").inner_text()
    # ... and the attempt at the earlier version is not lost: it is exported, with its own hash.
    edited.locator(".lq-options").get_by_text("Since the collapse of the Soviet Union").click()
    edited.locator(".lq-check").click()
    page.locator(f"{QUIZ} .lq-student").fill("Mei")
    with page.expect_download() as download:
        page.locator(f"{QUIZ} .lq-export").click()
    export = answers.parse_export(json.loads(Path(download.value.path()).read_text(encoding="utf-8")))
    new_hash = edited.get_attribute("data-question-hash")
    assert [(a["question"], a["response"], a["status"], a["question_hash"] == new_hash) for a in export.answers] == [
        ("closer-since", 1, "incorrect", False),
        ("bilateral-ties", [0], "partial", False),
        ("closer-since", 0, "correct", True),
    ]
    assert export.answers[1]["question_hash"] == question(page, "bilateral-ties").get_attribute("data-question-hash")
    assert_clean(page_log)


def test_quiz_works_when_storage_is_blocked(browser, site):
    from conftest import PageLog

    context = browser.new_context(locale="en-US")
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    log = PageLog()
    log.attach(page)
    try:
        open_quiz(page, site)
        question(page, "no-alliance").locator(".lq-options").get_by_text("False").click()
        question(page, "no-alliance").locator(".lq-check").click()
        assert "Correct" in feedback_of(page, "no-alliance").inner_text()
        # The quiz says, in words, that nothing is kept after the page is left.
        notice = page.locator(f"{QUIZ} .lq-storage-notice")
        assert notice.is_visible() and notice.get_attribute("role") == "status"
        assert "Your answers can't be saved in this browser; export them before you leave." in notice.inner_text()
        page.locator(f"{QUIZ} .lq-reset").click()
        page.locator(f"{QUIZ} .lq-reset").click()
        assert feedback_of(page, "no-alliance").inner_text() == ""
        page.locator(f"{QUIZ} .lq-student").fill("Mei")
        with page.expect_download() as download:
            page.locator(f"{QUIZ} .lq-export").click()
        assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["answers"] == []
        assert_clean(log)
    finally:
        context.close()


def test_export_downloads_a_valid_answers_file(page, page_log, site):
    open_quiz(page, site)
    single = question(page, "closer-since")
    single.locator(".lq-options").get_by_text("Since BRICS was founded").click()
    single.locator(".lq-check").click()
    single.locator(".lq-retry").click()
    single.locator(".lq-options").get_by_text("Since the collapse of the Soviet Union").click()
    single.locator(".lq-check").click()
    match = question(page, "ties-matched")
    match.locator("select[data-term='0']").select_option("0")
    match.locator(".lq-check").click()

    # No name, no file: the gradebook could not credit it. The name field gets focus.
    page.locator(f"{QUIZ} .lq-export").click()
    assert "Write your name or alias first" in page.locator(f"{QUIZ} .lq-tools-status").inner_text()
    assert page.evaluate("document.activeElement.classList.contains('lq-student')")

    page.locator(f"{QUIZ} .lq-student").fill("  小明 A/B  ")
    with page.expect_download() as download:
        page.locator(f"{QUIZ} .lq-export").click()
    assert download.value.suggested_filename == "lesson-sample-小明-A-B-answers.json"
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    export = answers.parse_export(document)
    assert set(document) == {
        "format", "version", "rules_version", "course", "course_version", "student", "lesson", "source", "exported_at", "answers"
    }
    assert document["rules_version"] == answers.RULES_VERSION == export.rules_version  # as the live quiz writes
    assert export.source == "book" and export.student == "小明 A/B" and export.lesson == quiz_sample.LESSON
    assert [(a["question"], a["response"], a["status"], a["score"], a["max_score"]) for a in export.answers] == [
        ("closer-since", 2, "incorrect", 0, 1),
        ("closer-since", 0, "correct", 1, 1),
        ("ties-matched", [0, None, None], "partial", 1, 3),
    ]
    # The format's name and version come from the page (lessons.answers), not from quiz.js.
    assert (document["format"], document["version"]) == (answers.FORMAT, answers.VERSION)
    assert [a["revealed"] for a in export.answers] == [False, False, False]  # one hint: the retry still counts
    hashes = page.eval_on_selector_all(f"{QUIZ} .lq-question", "nodes => nodes.map(n => n.dataset.questionHash)")
    assert export.answers[0]["question_hash"] == hashes[0]
    keys = {"question", "question_hash", "response", "score", "max_score", "status", "revealed", "time", "earned", "points"}
    assert all(set(a) == keys for a in export.answers)
    assert [(a["earned"], a["points"]) for a in export.answers] == [(0, 1), (1, 1), (0.33, 1)], "the points the page showed"
    assert "Downloaded lesson-sample-小明-A-B-answers.json" in page.locator(f"{QUIZ} .lq-tools-status").inner_text()
    assert_clean(page_log)


def test_xss_probe_stays_inert(page, page_log, site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_quiz(page, site, lang="both")
    probe = question(page, "xss-probe")
    assert "<script>window.__xss = 1</script>探針" in probe.locator("legend").inner_text()
    probe.locator("input[value='1']").click()
    probe.locator(".lq-check").click()   # wrong: option feedback and a hint appear
    probe.locator(".lq-retry").click()
    probe.locator(".lq-check").click()   # wrong again: the explanation appears
    probe.locator("input[value='0']").hover()
    # The right option's feedback is revealed with the answer, as text.
    assert "<b onmouseover=alert(5)>粗體</b>" in probe.locator("details").inner_text()
    assert "<iframe src=javascript:alert(8)>" in probe.locator(".lq-hint").inner_text()
    assert "<img src=x onerror=alert(10)>" in probe.locator("details").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.locator(f"{QUIZ} img, {QUIZ} iframe, {QUIZ} svg, {QUIZ} style, {QUIZ} b").count() == 0
    assert page.locator(f"{QUIZ} script:not([type='application/json'])").count() == 0
    assert dialogs == []
    assert_clean(page_log)


def test_the_books_language_switch_governs_the_quiz(page, page_log, site):
    open_quiz(page, site, lang="en")
    check = question(page, "closer-since").locator(".lq-check")
    assert check.inner_text() == "Check"
    first_match = question(page, "ties-matched").locator("select[data-term='0'] option[value='0']")
    assert first_match.text_content() == "Arms sales and frequent drills" and first_match.get_attribute("lang") == "en"
    page.locator(".lessons-langswitch button[data-mode='zh-Hant']").click()
    assert check.inner_text() == "檢查答案"
    assert first_match.text_content() == "軍火銷售與頻繁的共同演習" and first_match.get_attribute("lang") == "zh-Hant"
    question(page, "no-alliance").locator(".lq-options").get_by_text("錯").click()
    question(page, "no-alliance").locator(".lq-check").click()
    assert "✓" in feedback_of(page, "no-alliance").inner_text() and "正確" in feedback_of(page, "no-alliance").inner_text()
    assert "Correct" not in feedback_of(page, "no-alliance").inner_text()
    page.locator(".lessons-langswitch button[data-mode='both']").click()
    both = feedback_of(page, "no-alliance").inner_text()
    assert "正確" in both and "Correct" in both
    assert first_match.text_content() == "軍火銷售與頻繁的共同演習 / Arms sales and frequent drills"
    assert first_match.get_attribute("lang") is None  # two languages: it claims neither, the page's applies
    assert_clean(page_log)


def test_without_javascript_the_answers_are_in_closed_details(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}index.html")
        assert page.locator(f"{QUIZ}-closer-since legend").is_visible()
        assert not page.locator(f"{QUIZ} .lq-check").first.is_visible()
        assert not page.locator(f"{QUIZ} .lq-export").is_visible()
        assert page.locator(f"{QUIZ} .lq-nojs-only").is_visible()
        details = page.locator(f"{QUIZ}-soviet-collapse-year details")
        assert details.is_visible() and details.get_attribute("open") is None
        assert not details.get_by_text("1991 (year)", exact=True).is_visible()
        details.locator("summary").click()
        assert details.get_by_text("1991 年", exact=True).is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["zh-Hant", "en", "both"])
def test_quiz_with_feedback_shown_passes_axe(page, page_log, site, mode):
    from axe_playwright_python.sync_playwright import Axe

    open_quiz(page, site, lang=mode)
    for node in page.locator(f"{QUIZ} .lq-question").all():
        choices = node.locator(".lq-options input")
        if node.get_attribute("data-question-type") == "open":
            node.locator("textarea").fill("兩國轉向彼此。")
            node.locator(".lq-check").click()  # the model answer and the criteria appear
            choices.last.check()
        elif choices.count():
            choices.last.check()
        else:
            node.locator(".lq-control").first.focus()
        node.locator(".lq-check").click()
    assert page.locator(f"{QUIZ} .lq-result").count() == 10  # a grade or a notice on every question
    results = Axe().run(page, context=QUIZ)
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert_clean(page_log)


# ---- review fixes: a safe reset, drafts, storage failures, announcements ----


def tools_status(page):
    return page.locator(f"{QUIZ} .lq-tools-status").inner_text()


def test_reset_is_cancelled_by_leaving_it_escape_or_waiting(page, page_log, site):
    page.clock.install()
    open_quiz(page, site)
    single = question(page, "closer-since")
    single.locator(".lq-options").get_by_text("Since 2022").click()
    single.locator(".lq-check").click()
    reset = page.locator(f"{QUIZ} .lq-reset")

    reset.focus()
    page.keyboard.press("Enter")
    assert reset.get_attribute("data-armed") == "true"
    page.keyboard.press("Tab")  # leaving the button cancels
    assert "Nothing was cleared" in tools_status(page) and reset.inner_text() == "Reset quiz"

    reset.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert "Nothing was cleared" in tools_status(page) and reset.get_attribute("data-armed") is None

    reset.focus()
    page.keyboard.press("Enter")
    page.clock.run_for(6000)  # too slow: the second press starts over
    assert "Nothing was cleared" in tools_status(page)
    page.keyboard.press("Enter")
    assert "Press again" in tools_status(page)
    assert single.locator("input[value='1']").is_checked() and "Incorrect" in feedback_of(page, "closer-since").inner_text()

    page.keyboard.press("Space")  # the second press, in time, with the keyboard
    assert "cleared" in tools_status(page) and feedback_of(page, "closer-since").inner_text() == ""
    assert_clean(page_log)


def test_reset_reads_in_chinese_too(page, page_log, site):
    open_quiz(page, site, lang="zh-Hant")
    reset = page.locator(f"{QUIZ} .lq-reset")
    reset.click()
    assert reset.inner_text() == "再按一次，清除本課所有測驗的作答"
    assert "再按一次，清除本課所有測驗的作答" in tools_status(page)
    assert_clean(page_log)


def test_what_is_typed_is_kept_before_check_and_after_try_again(page, page_log, site):
    open_quiz(page, site)
    long_answer = "developing countries, " * 20
    question(page, "hegemony").locator("input").fill(long_answer)  # typed, never checked
    order = question(page, "anchor-years").locator("select")
    order.nth(0).select_option("3")  # half an ordering
    order.nth(2).select_option("1")
    single = question(page, "closer-since")
    single.locator(".lq-options").get_by_text("Since 2022").click()
    single.locator(".lq-check").click()
    single.locator(".lq-retry").click()
    single.locator(".lq-options").get_by_text("Since BRICS was founded").click()  # changed after Try again

    page.reload()
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    assert question(page, "hegemony").locator("input").input_value() == long_answer
    assert [order.nth(i).input_value() for i in range(4)] == ["3", "", "1", ""]
    assert single.locator("input[value='2']").is_checked() and not single.locator("input[value='1']").is_checked()
    assert not single.locator("input").first.is_disabled() and feedback_of(page, "closer-since").inner_text() == ""
    assert single.locator(".lq-hint").first.is_visible()  # the hint earned stays
    # Drafts are not attempts: only the one check is scored.
    assert "Total of first tries: 0 / 9 (1 of 10 questions answered" in page.locator(f"{QUIZ} .lq-summary").inner_text()
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.includes('/lesson-sample/'))")
    hashes = page.eval_on_selector_all(f"{QUIZ} .lq-question", "nodes => nodes.map(n => n.dataset.questionId + '/' + n.dataset.questionHash)")
    assert keys and all(any(key.endswith(h) for h in hashes) for key in keys)  # still keyed by content hash
    assert_clean(page_log)


def test_a_storage_failure_midway_is_said_and_the_quiz_goes_on(page, page_log, site):
    open_quiz(page, site)
    notice = page.locator(f"{QUIZ} .lq-storage-notice")
    assert not notice.is_visible()
    page.evaluate(
        "() => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }"
    )
    question(page, "hegemony").locator("input").fill("發展中國家")
    assert notice.is_visible() and "export them before you leave" in notice.inner_text()
    question(page, "hegemony").locator(".lq-check").click()
    assert "Correct" in feedback_of(page, "hegemony").inner_text()
    assert notice.locator(".bl-en").count() == 1  # said once
    assert_clean(page_log)


def test_hints_and_the_answer_are_announced_in_the_status_region(page, page_log, site):
    open_quiz(page, site)
    single = question(page, "closer-since")
    single.locator(".lq-options").get_by_text("Since 2022").click()
    single.locator(".lq-check").click()
    region = feedback_of(page, "closer-since")
    assert "A hint is shown below." in region.inner_text()
    assert "answer and explanation" not in region.inner_text()
    single.locator(".lq-retry").click()
    single.locator(".lq-check").click()  # the only hint used: the answer shows
    assert "The answer and explanation are shown below." in region.inner_text()
    assert "A hint is shown below." not in region.inner_text()
    assert single.locator("details").is_visible()
    # Solved at once: the answer is pointed to as well.
    question(page, "no-alliance").locator(".lq-options").get_by_text("False").click()
    question(page, "no-alliance").locator(".lq-check").click()
    assert "The answer and explanation are shown below." in feedback_of(page, "no-alliance").inner_text()
    assert_clean(page_log)


def test_an_answer_that_cannot_be_checked_reads_as_in_python(page, page_log, site):
    from lessons.quizui import STATUS_LABELS

    symbol, words = STATUS_LABELS["invalid"]
    open_quiz(page, site)
    year = question(page, "soviet-collapse-year")
    year.locator("input").fill("nineteen ninety-one")
    year.locator(".lq-check").click()
    text = feedback_of(page, "soviet-collapse-year").inner_text()
    assert symbol in text and words.en in text
    assert_clean(page_log)


def test_classify_and_open_in_the_browser(page, page_log, site):
    open_quiz(page, site)
    sort = question(page, "said-or-inferred")
    for number, category in enumerate(["0", "0", "0"]):  # the second statement is an inference
        sort.locator(f"select[data-statement='{number}']").select_option(category)
    sort.locator(".lq-check").click()
    text = feedback_of(page, "said-or-inferred").inner_text()
    assert "Partly correct" in text and "(this try scores 0.67 / 1)" in text
    # Which statement is wrong, never its category; the bank's note on it
    # (which names the category) is with the answer, shown now.
    assert "\u201cThe two will always stay close.\u201d: not the right category." in text
    assert "The brief makes no such forecast." not in text and "An inference" not in text
    assert "The brief makes no such forecast." in sort.locator(".lq-answer").inner_text()

    written = question(page, "why-closer")
    assert not written.locator(".lq-assess").is_visible(), "the model answer waits until the student has written"
    written.locator(".lq-check").click()
    assert "Write your answer first." in feedback_of(page, "why-closer").inner_text()
    written.locator("textarea").fill("蘇聯解體後，兩國轉向彼此。")
    written.locator(".lq-check").click()
    assert written.locator(".lq-assess").is_visible() and "Model answer" in written.locator(".lq-assess").inner_text()
    written.locator("#lq-lesson-sample-why-closer-c0").check()
    written.locator(".lq-check").click()
    text = feedback_of(page, "why-closer").inner_text()
    assert "Self-assessed" in text and "1 of 3 criteria met (self-assessed)" in text
    assert "Correct" not in text and "Incorrect" not in text, "never right or wrong"
    assert not written.locator(".lq-retry").is_visible()
    page.reload()
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    assert written.locator("textarea").input_value() == "蘇聯解體後，兩國轉向彼此。"
    assert written.locator("#lq-lesson-sample-why-closer-c0").is_checked() and written.locator(".lq-assess").is_visible()
    page.locator(f"{QUIZ} .lq-student").fill("Mei")
    with page.expect_download() as download:
        page.locator(f"{QUIZ} .lq-export").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    kept = [a for a in document["answers"] if a["question"] == "why-closer"]
    assert [(a["response"], a["status"], a["score"], a["max_score"]) for a in kept] == [
        ({"text": "蘇聯解體後，兩國轉向彼此。", "met": [0]}, "self-assessed", 1, 3)
    ]
    assert_clean(page_log)


def export_of(page) -> dict:
    page.locator(f"{QUIZ} .lq-student").fill("Mei")
    with page.expect_download() as download:
        page.locator(f"{QUIZ} .lq-export").click()
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def test_the_shown_answer_scores_nothing_in_the_browser(page, page_log, site):
    """Issue 12: wrong, wrong again (every hint used: the answer is shown), then the shown answer."""
    open_quiz(page, site)
    single = question(page, "closer-since")
    for choice in ("Since 2022", "Since BRICS was founded"):
        single.locator(".lq-options").get_by_text(choice).click()
        single.locator(".lq-check").click()
        single.locator(".lq-retry").click()
    single.locator(".lq-options").get_by_text("Since the collapse of the Soviet Union").click()
    single.locator(".lq-check").click()
    text = feedback_of(page, "closer-since").inner_text()
    assert "Correct" in text and "(this try scores 0 / 1)" in text and "scores nothing" in text
    assert "Your first try scored 0 / 1" in text
    assert "Total of first tries: 0 / 9" in page.locator(f"{QUIZ} .lq-summary").inner_text()
    document = export_of(page)
    last = document["answers"][-1]
    # Issue 24: the grader's raw score stays (the gradebook regrades it); the points recorded are the 0 shown.
    assert (last["status"], last["score"], last["revealed"], last["earned"], last["points"]) == ("correct", 1, True, 0, 1)
    assert answers.parse_export(document).answers[-1] == last
    assert_clean(page_log)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_one_score_story_first_try_this_try_total_and_export_agree(page, page_log, site, lang):
    """Issue 24: wrong then right said "score 1 / 1" beside a total of 0; after
    the answer was shown, the page said 0 and the export 1. Now a question says
    this try's points and its first try's, the total says it counts first
    tries, and the export records the points the page showed."""
    open_quiz(page, site, lang=lang)
    single = question(page, "closer-since")
    words = {"en": ("(this try scores {} / 1)", "Your first try scored 0 / 1; the total counts first tries only."),
             "zh-Hant": ("（這次得分 {} / 1）", "第一次作答得分 0 / 1；總分只計每題的第一次作答。")}[lang]
    wrong, right = ("2", "0")  # option values: "Since BRICS was founded", "Since the collapse of the Soviet Union"
    single.locator(f"input[value='{wrong}']").click()
    single.locator(".lq-check").click()
    assert words[0].format(0) in feedback_of(page, "closer-since").inner_text()
    assert words[1] not in feedback_of(page, "closer-since").inner_text(), "one try: no first-try line yet"
    single.locator(".lq-retry").click()
    single.locator(f"input[value='{right}']").click()
    single.locator(".lq-check").click()
    text = feedback_of(page, "closer-since").inner_text()
    assert words[0].format(1) in text and words[1] in text
    summary = page.locator(f"{QUIZ} .lq-summary").inner_text()
    assert ("Total of first tries: 0 / 9" if lang == "en" else "總分（每題只計第一次作答）：0 / 9") in summary
    page.reload()
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    assert words[1] in feedback_of(page, "closer-since").inner_text(), "the story survives a reload"
    document = export_of(page)
    assert [(a["score"], a["earned"], a["points"], a["revealed"]) for a in document["answers"]] == [(0, 0, 1, False), (1, 1, 1, False)]
    assert_clean(page_log)


def answer_in_both_forms(page, site):
    """two.html: the Try it question answered in its form, one lesson-quiz question in the other."""
    page.goto(f"{site}two.html?lang=en")
    page.wait_for_selector("#lq-lesson-sample-q-said-or-inferred[data-ready]")
    page.wait_for_selector(f"{QUIZ}[data-ready]")
    tryit = page.locator("#lq-lesson-sample-q-said-or-inferred")
    for number in range(3):
        tryit.locator(f"select[data-statement='{number}']").select_option(["0", "1", "0"][number])
    tryit.locator(".lq-check").click()
    question(page, "no-alliance").locator(".lq-options").get_by_text("False").click()
    question(page, "no-alliance").locator(".lq-check").click()
    return tryit


def test_two_forms_of_one_lesson_share_progress_and_export_it_all(page, page_log, site):
    answer_in_both_forms(page, site)
    assert page.locator(f"{QUIZ}-said-or-inferred").count() == 0, "the lesson quiz leaves the Try it question out"
    page.locator(f"{QUIZ} .lq-student").fill("Mei")
    with page.expect_download() as download:
        page.locator(f"{QUIZ} .lq-export").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [a["question"] for a in document["answers"]] == ["said-or-inferred", "no-alliance"]
    assert (document["answers"][0]["status"], document["answers"][0]["score"]) == ("correct", 3)
    assert_clean(page_log)


def test_a_reset_in_one_form_clears_every_form_of_the_lesson_on_the_page(page, page_log, site):
    tryit = answer_in_both_forms(page, site)
    assert "Correct" in feedback_of(page, "no-alliance").inner_text()

    reset = tryit.locator(".lq-reset")  # Reset in the Try it form ...
    reset.click()
    reset.click()
    # ... clears the lesson quiz below it too: its storage is gone, so nothing may still show.
    assert feedback_of(page, "no-alliance").inner_text() == ""
    assert not question(page, "no-alliance").locator("input").first.is_disabled()
    assert "(0 of " in page.locator(f"{QUIZ} .lq-summary").inner_text()
    assert "Your answers to this lesson's quizzes have been cleared." in tryit.locator(".lq-tools-status").inner_text()
    assert_clean(page_log)
