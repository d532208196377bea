"""The published book as students meet it, in a real Chromium: clean pages,
accessible pages, and one language switch that governs everything."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from bookpages import ROOT, toc_pages
from screens import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.book]

LESSON = "book/lesson-1.html"
MODES = ("zh-Hant", "en", "both")


def open_page(page, book_server, path: str, query: str = ""):
    page.goto(f"{book_server}{path}{query}", wait_until="load")
    return page


def visible_languages(page) -> dict[str, bool]:
    """Whether the first bilingual passage's zh and en halves are visible."""
    return {
        "zh-Hant": page.locator("article .bl-pair > .bl-zh").first.is_visible(),
        "en": page.locator("article .bl-pair > .bl-en").first.is_visible(),
    }


EXPECTED = {"zh-Hant": {"zh-Hant": True, "en": False}, "en": {"zh-Hant": False, "en": True}, "both": {"zh-Hant": True, "en": True}}
LABEL = {"zh-Hant": "中文", "en": "English", "both": "並列"}


@pytest.mark.parametrize("path", [f"{p}.html" for p in toc_pages()])
def test_page_is_clean_local_and_accessible(page, page_log, book_server, path):
    open_page(page, book_server, path)
    page.wait_for_selector(".lessons-langswitch")
    assert page_log.console_errors == []
    assert page_log.failed == []
    assert page_log.foreign == [], "the book must load nothing from another origin"
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("path", [f"{p}.html" for p in toc_pages()])
def test_every_bilingual_element_carries_its_lang(page, book_server, path):
    open_page(page, book_server, path)
    wrong = page.evaluate(
        """() => [...document.querySelectorAll('.bl-zh, .bl-en')]
              .filter(e => e.lang !== (e.classList.contains('bl-zh') ? 'zh-Hant' : 'en'))
              .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert wrong == []


@pytest.mark.parametrize("mode", MODES)
def test_switch_shows_and_hides_the_right_blocks(page, book_server, mode):
    open_page(page, book_server, LESSON)
    page.get_by_role("button", name=LABEL[mode], exact=True).click()
    assert visible_languages(page) == EXPECTED[mode]
    assert page.evaluate("document.documentElement.lang") == ("zh-Hant" if mode == "zh-Hant" else "en")
    pressed = page.locator('.lessons-langswitch button[aria-pressed="true"]')
    assert pressed.count() == 1 and pressed.get_attribute("data-mode") == mode


def test_choice_survives_navigation_and_reload(page, book_server):
    open_page(page, book_server, LESSON)
    page.get_by_role("button", name="English", exact=True).click()
    page.locator("a.reference.internal[href='lesson-2.html']").first.click()
    page.wait_for_url("**/lesson-2.html")
    assert visible_languages(page) == EXPECTED["en"]
    page.reload()
    assert visible_languages(page) == EXPECTED["en"]


def test_url_parameter_overrides_the_stored_choice(page, book_server):
    open_page(page, book_server, LESSON)
    page.get_by_role("button", name="中文", exact=True).click()
    open_page(page, book_server, LESSON, "?lang=en")
    assert visible_languages(page) == EXPECTED["en"]
    open_page(page, book_server, LESSON, "?lang=both")
    assert visible_languages(page) == EXPECTED["both"]
    open_page(page, book_server, LESSON, "?lang=klingon")  # unknown: ignored, the stored choice stays
    assert visible_languages(page) == EXPECTED["both"]


def test_first_visit_follows_the_browser_language(browser, book_server):
    for locale, mode in (("zh-TW", "zh-Hant"), ("en-GB", "en"), ("fr-FR", "both")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        open_page(page, book_server, LESSON)
        assert visible_languages(page) == EXPECTED[mode], locale
        context.close()


def test_switch_works_with_the_keyboard_alone(page, book_server):
    open_page(page, book_server, LESSON)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.lessons-langswitch') !== null"):
            break
    else:
        pytest.fail("Tab never reached the language switch")
    focused = page.evaluate("document.activeElement.dataset.mode")
    assert focused == "zh-Hant"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # English
    assert visible_languages(page) == EXPECTED["en"]
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # 並列
    assert visible_languages(page) == EXPECTED["both"]
    group = page.locator(".lessons-langswitch")
    assert group.get_attribute("role") == "group" and group.get_attribute("aria-label")


def test_without_javascript_both_languages_show(browser, book_server):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    open_page(page, book_server, LESSON)
    assert visible_languages(page) == EXPECTED["both"]
    assert page.locator(".lessons-langswitch").count() == 0
    context.close()


def test_printing_follows_the_chosen_language(page, book_server):
    # Issue 14: print shows the reader's choice (tests/test_handouts_print.py has the rest).
    open_page(page, book_server, LESSON, "?lang=en")
    page.emulate_media(media="print")
    passage = page.locator("article .bl-pair:not(.lessons-notebooks):not(.lessons-handouts)").first
    assert (passage.locator("> .bl-zh").is_visible(), passage.locator("> .bl-en").is_visible()) == (False, True)


def test_screenshots_of_every_lesson_for_review(browser, book_server):
    """Screens for people to review (not assertions of looks): page x width x mode."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
        page = context.new_page()
        for path in toc_pages():
            for mode in MODES:
                open_page(page, book_server, f"{path}.html", f"?lang={mode}")
                page.evaluate("document.fonts.ready")
                name = f"{path.split('/')[-1]}-{width}px-{mode}.png"
                page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
                written.append(SCREENSHOTS / name)
        context.close()
    assert all(p.stat().st_size > 10_000 for p in written)


def answer_right(node, question):
    """Answer one question of the published book with its bank's key, as a student would."""
    kind = question.type
    if kind in ("single", "multiple"):
        for index, option in enumerate(question.options):
            if option.correct:
                node.locator(f"input[value='{index}']").check()
    elif kind == "truefalse":
        node.locator(f"input[value='{str(question.answer).lower()}']").check()
    elif kind == "numeric":
        number = question.answer
        node.locator("input[type='text']").fill(str(int(number)) if float(number).is_integer() else str(number))
    elif kind == "text":
        node.locator("input[type='text']").fill(question.accept.zh[0])
    elif kind == "ordering":
        for select in node.locator("select[data-item]").all():
            select.select_option(str(int(select.get_attribute("data-item")) + 1))
    elif kind == "matching":
        for select in node.locator("select[data-term]").all():
            select.select_option(select.get_attribute("data-term"))
    elif kind == "classify":
        for statement, select in zip(question.statements, node.locator("select[data-statement]").all()):
            select.select_option(str(statement.category))
    elif kind == "open":
        node.locator("textarea").fill(question.model_answer.en)
        node.locator(".lq-check").click()  # the model answer and the criteria appear
        for box in node.locator(".lq-rubric input").all():
            box.check()


@pytest.mark.parametrize("lesson", [page.split("/")[-1] for page in toc_pages() if "/lesson-" in page])
def test_every_question_of_the_book_is_graded_correct_when_answered_right(page, page_log, book_server, lesson):
    """The real pages, the real banks, the page's own grader: each key is right."""
    from lessons.quizbank import load_bank

    bank = load_bank(ROOT / "book" / "quizzes" / f"{lesson}.yml")
    open_page(page, book_server, f"book/{lesson}.html", "?lang=en")
    page.wait_for_selector(f"#lq-{lesson}[data-ready]")
    for question in bank.questions:
        # A "Try it" question sits in its own form in the lesson text; the rest in the lesson quiz.
        node = page.locator(f".lq-question[data-question-id='{question.id}']").first
        answer_right(node, question)
        node.locator(".lq-check").click()
        feedback = node.locator(".lq-feedback").inner_text()
        if question.type == "open":  # self-assessed, never right or wrong
            assert "Self-assessed" in feedback and "criteria met" in feedback, (question.id, feedback)
        else:
            assert "✓" in feedback and "Correct" in feedback, (question.id, feedback)
    count = len(bank.quiz_questions())
    summary = page.locator(f"#lq-{lesson} .lq-summary").inner_text()
    assert f"({count} of {count} questions answered" in summary, summary
    scored, out_of = re.search(r"Total of first tries: ([\d.]+) / ([\d.]+)", summary).groups()
    assert scored == out_of, summary
    assert page_log.console_errors == [] and page_log.foreign == []
