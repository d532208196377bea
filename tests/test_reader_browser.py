"""Every student's reading, in a real Chromium on the real book: search in
Chinese and English, dark mode, blocked storage, phones, the code a reader
sees, and the icons that replaced the theme's icon kit (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from benchmarks.searchrank import SEARCH_TERMS
from bookpages import toc_pages
from screens import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.book]

PAGES = [f"{p}.html" for p in toc_pages()]
LESSONS = [p for p in PAGES if "/lesson-" in p]
MODES = ("zh-Hant", "en", "both")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
WORDS_PER_PAGE = 12


def lesson_words(book: Path, page: str) -> list[str]:
    """Chinese words of 2-4 characters taken from the page's own zh text:
    the glossary's terms that occur on it, then the opening of each phrase
    (text between punctuation), in page order, without repeats."""
    html = (book / page).read_text(encoding="utf-8")
    article = html[html.find("<article") : html.find("</article>")]
    zh_text = " ".join(re.findall(r'lang="zh-Hant"[^>]*>([^<]+)<', article))
    glossary = (book / "book" / "glossary.html").read_text(encoding="utf-8")
    terms = re.findall(r'<h3[^>]*>.*?<span class="bl-zh" lang="zh-Hant">([^<]+)</span>', glossary, re.DOTALL)
    words = [term for term in terms if term in zh_text]
    for index, run in enumerate(CJK_RUN.findall(zh_text)):
        words.append(run[: 2 + index % 3])
    return list(dict.fromkeys(words))[:WORDS_PER_PAGE]


def search(page, book_server, query: str) -> list[dict]:
    page.goto(f"{book_server}search.html?q={quote(query)}")
    page.wait_for_selector("#search-results .search-summary", timeout=15_000)
    # Sphinx fetches each result's snippet on its own, after the summary.
    page.wait_for_function(
        """() => [...document.querySelectorAll('#search-results ul.search > li')].every(li => li.querySelector('.context'))""",
        timeout=15_000,
    )
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-results ul.search > li')].map(li => ({
             href: li.querySelector('a').getAttribute('href'),
             context: (li.querySelector('.context') || {}).textContent || ''}))"""
    )


@pytest.mark.parametrize("path", LESSONS + ["book/glossary.html"])
def test_chinese_search_finds_every_word_of_the_page(page, built_book, book_server, path):
    words = lesson_words(built_book, path)
    assert len(words) >= 8, words
    missed, no_snippet = [], []
    for word in words:
        results = search(page, book_server, word)
        hit = next((r for r in results if r["href"].split("?")[0].split("#")[0] == path), None)
        if hit is None:
            missed.append(word)
        elif not any(word[i : i + 2] in hit["context"] for i in range(len(word) - 1)):
            no_snippet.append(word)
    recall = 1 - len(missed) / len(words)
    assert missed == [], f"recall {recall:.0%} on {path}: not found for {missed}"
    assert no_snippet == [], f"no Chinese snippet showing the word for {no_snippet}"


@pytest.mark.parametrize("word", ["multilateralism", "Ukraine", "BRICS", "sanctions"])
def test_english_search_still_finds_words_with_their_forms(page, book_server, word):
    results = search(page, book_server, word)
    assert results, f"no page found for {word!r}"
    assert any(word[:5].lower() in r["context"].lower() for r in results)


def test_pages_other_than_search_do_not_load_the_index(page, page_log, book_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{book_server}{LESSONS[0]}", wait_until="load")
    assert not [url for url in requests if "searchindex" in url or "searchtools" in url]


def logged_page(browser, page_log, init_script: str | None = None, **options):
    """A page in a fresh context with these options, its log attached."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "en-US", **options})
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page_log.attach(page)
    yield page
    context.close()


@pytest.fixture
def dark_page(browser, page_log):
    yield from logged_page(browser, page_log, color_scheme="dark")


@pytest.mark.parametrize("path", PAGES)
def test_dark_mode_has_no_serious_accessibility_failure(dark_page, page_log, book_server, path):
    dark_page.goto(f"{book_server}{path}?lang=both", wait_until="load")
    dark_page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    dark_page.wait_for_timeout(400)  # the theme's colour transition
    assert page_log.console_errors == []  # before axe, whose stylesheet reader asks for a stray basic.css
    results = Axe().run(dark_page)
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


BLOCK_STORAGE = """
for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
  });
}
"""


@pytest.fixture
def blocked_page(browser, page_log):
    """A browser that throws on window.localStorage, as in an LMS iframe."""
    yield from logged_page(browser, page_log, init_script=BLOCK_STORAGE)


@pytest.mark.parametrize("path", PAGES)
def test_blocked_storage_throws_no_page_error(blocked_page, page_log, book_server, path):
    blocked_page.goto(f"{book_server}{path}", wait_until="load")
    blocked_page.wait_for_selector(".lessons-langswitch")
    blocked_page.get_by_role("button", name="中文", exact=True).click()
    assert blocked_page.evaluate("document.documentElement.dataset.lessonsLang") == "zh-Hant"
    blocked_page.locator(".theme-switch-button").first.click()  # the theme writes its mode
    blocked_page.wait_for_timeout(200)
    assert page_log.console_errors == []


def test_blocked_storage_quiz_says_answers_are_not_kept(blocked_page, page_log, book_server):
    blocked_page.goto(f"{book_server}{LESSONS[0]}?lang=en", wait_until="load")
    notice = blocked_page.locator(".lq-storage-notice").first
    notice.wait_for(state="visible")
    assert notice.inner_text().strip()
    assert page_log.console_errors == []


@pytest.fixture
def phone(browser, page_log):
    yield from logged_page(browser, page_log, viewport={"width": 390, "height": 844}, device_scale_factor=1)


# Text of every visible chart, in CSS pixels as drawn: font size x the SVG's scale.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('article svg')]
  .filter(svg => svg.getBoundingClientRect().width > 0 && svg.querySelector('text'))
  .flatMap(svg => {
    const box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent.trim().slice(0, 20), px: parseFloat(getComputedStyle(t).fontSize) * scale}));
  })"""

# Elements wider than the page that are not inside a container scrolling on its own.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let e = el.parentElement; e; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  const wide = [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length && !scrolls(e))
    .map(e => e.tagName + '.' + e.className).slice(0, 5);
  return {page: document.documentElement.scrollWidth - width, wide};
}"""

UNLABELLED_SCROLLERS = """() => [...document.querySelectorAll('article *')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
  .filter(e => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('pre, .highlight, .pst-scrollable-table-container')))
  .map(e => e.tagName + '.' + e.className)"""


@pytest.mark.parametrize("path", PAGES)
def test_phone_no_sideways_scroll_and_chart_text_legible(phone, book_server, path):
    for mode in MODES:
        phone.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        overflow = phone.evaluate(OVERFLOW)
        assert overflow == {"page": 0, "wide": []}, mode
        assert phone.evaluate(UNLABELLED_SCROLLERS) == [], mode
        small = [t for t in phone.evaluate(CHART_TEXT_SIZES) if t["px"] < 11]
        assert small == [], f"{mode}: chart text under 11 px: {small[:5]}"


@pytest.mark.parametrize("path", PAGES)
def test_tables_fit_or_scroll_within_themselves_on_a_wide_screen(page, book_server, path):
    for mode in MODES:
        page.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        assert page.evaluate(OVERFLOW)["wide"] == [], mode
        beyond = page.evaluate(
            """() => { const article = document.querySelector('article').getBoundingClientRect();
                 return [...document.querySelectorAll('article table')].filter(t => t.getClientRects().length)
                   .filter(t => { const box = t.getBoundingClientRect(); let e = t.parentElement;
                     while (e && !['auto','scroll'].includes(getComputedStyle(e).overflowX)) e = e.parentElement;
                     if (e && e.scrollWidth > e.clientWidth + 1) return !e.getAttribute('aria-label') && !e.closest('.pst-scrollable-table-container');
                     return box.right > (e ? e.getBoundingClientRect().right : article.right) + 1; })
                   .map(t => t.className); }"""
        )
        assert beyond == [], mode


SETUP_CODE = ("lessons.quiz(", "timeline.explorer(", "language_control(")


@pytest.mark.parametrize("path", LESSONS)
def test_set_up_cells_show_their_output_not_their_code(page, book_server, path):
    page.goto(f"{book_server}{path}", wait_until="load")
    inputs = page.locator(".cell_input").all_inner_texts()
    assert not [code for code in inputs if any(call in code for call in SETUP_CODE)]
    assert page.locator(".lq-quiz").count() >= 1  # the quiz itself stays


def test_set_up_cells_stay_in_the_live_lesson():
    from conftest import ROOT

    source = (ROOT / "book" / "lesson-1.md").read_text(encoding="utf-8")
    assert 'lessons.quiz("lesson-1")' in source


@pytest.mark.parametrize("path", PAGES)
def test_icons_are_inline_and_drawn(page, page_log, book_server, path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{book_server}{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "fontawesome" in url or "webfonts" in url]
    assert page.locator("i[class*='fa-'], span[class*='fa-']").count() == 0, "an icon left for the icon kit"
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('header svg.svg-inline--fa, .bd-header-article svg.svg-inline--fa')]
             .filter(svg => svg.getClientRects().length)
             .map(svg => { const box = svg.getBoundingClientRect();
                           return {w: box.width, h: box.height, d: svg.querySelector('path').getAttribute('d').length}; })"""
    )
    assert len(drawn) >= 3 and all(icon["w"] > 5 and icon["h"] > 5 and icon["d"] > 20 for icon in drawn), drawn
    toggle = page.locator(".theme-switch-button").first
    assert toggle.get_attribute("aria-label") and toggle.inner_text().strip() == ""  # its name is its only label
    assert page.locator('meta[name="description"]').get_attribute("content").strip()
    assert page_log.failed == []


def test_screenshots_light_and_dark_for_review(browser, book_server):
    """Screens for people to review: every page, light and dark, 1280 and 390 px."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for scheme in ("light", "dark"):
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, device_scale_factor=1)
            page = context.new_page()
            for path in PAGES:
                page.goto(f"{book_server}{path}?lang=both", wait_until="load")
                page.wait_for_timeout(300)
                target = SCREENSHOTS / f"{path.split('/')[-1][:-5]}-{width}px-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
    assert all(path.stat().st_size > 10_000 for path in written)


# ---- Defects a reader saw (review of 2026-12-01) ---------------------------

DATA_TABLES = "table:is(.lessons-evidence-table, .lessons-data-dictionary)"


def data_table_pages(book: Path) -> list[str]:
    """The built pages holding an evidence table or a data dictionary (read
    after the build: a fresh clone has no book at collection time)."""
    marker = re.compile(r'class="lessons-timeline-table lessons-(evidence-table|data-dictionary)')
    return [p for p in PAGES if marker.search((book / p).read_text(encoding="utf-8"))]

# Letters and digits broken across lines inside one run (a date, a name, a
# place, a header word): the run's pieces lie on more than one line. Column
# names in code and the long notes and sources may break anywhere.
BROKEN_WORDS = """cells => {
  const broken = [];
  for (const cell of document.querySelectorAll(cells)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      if (!node.parentElement.getClientRects().length || node.parentElement.closest('code')) continue;
      for (const match of node.textContent.matchAll(/[A-Za-z0-9]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return [...new Set(broken)].slice(0, 10);
}"""


def test_data_tables_keep_dates_names_and_headers_whole_on_a_wide_screen(page, built_book, book_server):
    """The long sources once took the width: dates stood one digit per line
    (then split "1997-" / "01-10"), headers read "un/it", an evidence table
    ran 15,000 px. Short cells keep
    their words; an evidence table scrolls in a box no taller than the
    screen, so its sideways scrollbar is in view."""
    pages = data_table_pages(built_book)
    assert len(pages) >= 5, pages  # four lessons and the data page
    for path, mode in ((path, mode) for path in pages for mode in MODES):
        page.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        page.evaluate("() => document.querySelectorAll('details.lessons-evidence-data').forEach(d => d.open = true)")
        assert page.evaluate(BROKEN_WORDS, f"{DATA_TABLES} :is(td, th):not(.lessons-evidence-wide)") == [], (path, mode)
        dates = page.evaluate(
            """() => [...document.querySelectorAll('td.lessons-evidence-date > span')].filter(s => s.getClientRects().length)
                 .map(s => [s.textContent, new Set([...s.getClientRects()].map(r => Math.round(r.top))).size])"""
        )
        assert dates or "/lesson-" not in path, f"{mode}: no date cell marked in the evidence tables"
        assert [text for text, lines in dates if lines > 1] == [], (path, mode)
        heights = page.evaluate(
            """() => [...document.querySelectorAll('.lessons-evidence-table-wrap')].filter(w => w.getClientRects().length)
                 .map(w => w.getBoundingClientRect().height)"""
        )
        assert all(height <= 900 for height in heights), (path, mode, heights)


@pytest.mark.parametrize("path", PAGES)
def test_tables_beside_their_translation_keep_their_words_whole(browser, book_server, path):
    """In 並列 the word bank's English half broke "belligerenc/e": the pair's
    break-anywhere rule let its table squeeze its columns below a word."""
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{book_server}{path}?lang=both", wait_until="load")
        broken = page.evaluate(BROKEN_WORDS, ".bl-pair :is(td, th)")
        context.close()
        assert broken == [], width


# Every keyboard stop's focus indicator: an outline (or the theme's ring,
# a box-shadow) at least 2 px wide whose colour has 3:1 against what is
# behind the element (WCAG 2.4.7 and 1.4.11).
FOCUS_INDICATOR = """() => {
  document.getAnimations().forEach(animation => animation.finish());  // the theme fades its rings in
  const el = document.activeElement;
  const rgb = text => (text.match(/rgba?\\(([^)]+)\\)/) || [null, '0,0,0,0'])[1].split(',').map(Number);
  const luminance = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
  let ground = [255, 255, 255];
  for (let e = el.parentElement; e; e = e.parentElement) {
    const bg = rgb(getComputedStyle(e).backgroundColor); if (bg.length < 4 || bg[3] > 0.5) { ground = bg; break; } }
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? rgb(style.outlineColor)
             : (style.boxShadow !== 'none' && !/rgba\\([^)]*, 0\\)/.test(style.boxShadow)) ? rgb(style.boxShadow) : null;
  const name = el.tagName + '.' + String(el.className.baseVal ?? el.className).split(' ').slice(0, 2).join('.');
  if (!ring) return {name, contrast: 0};
  const [a, b] = [luminance(ring), luminance(ground)].sort((x, y) => y - x);
  return {name, contrast: Math.round(100 * (a + 0.05) / (b + 0.05)) / 100};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_keyboard_stop_in_the_header_and_quiz_shows_its_focus(browser, book_server, scheme):
    """The theme's header buttons showed no focus at all, and the course's
    dark-blue ring all but vanished on the dark page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{book_server}{LESSONS[0]}?lang=both", wait_until="load")
    page.wait_for_timeout(400)  # the theme's colour transition
    faint = {}
    for _ in range(25):  # skip link, search, sidebar, header buttons, language switch
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_INDICATOR)
        if found["contrast"] < 3:
            faint[found["name"]] = found["contrast"]
    page.locator(".lq-quiz .lq-check").first.focus()
    page.keyboard.press("Tab")  # into the quiz by keyboard: its next control
    found = page.evaluate(FOCUS_INDICATOR)
    if found["contrast"] < 3:
        faint[found["name"]] = found["contrast"]
    context.close()
    assert faint == {}


def test_dataframe_cells_say_their_own_language(page, built_book, book_server):
    """A printed DataFrame's Chinese prompts were marked English in English mode."""
    pages = [p for p in PAGES if 'class="dataframe' in (built_book / p).read_text(encoding="utf-8")]
    assert pages, "no page prints a DataFrame (the gradebook page does)"
    for path, mode in ((path, mode) for path in pages for mode in ("en", "zh-Hant")):
        page.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        wrong = page.evaluate(
            """() => [...document.querySelectorAll('table.dataframe :is(td, th)')].filter(cell => {
                 const text = cell.textContent, lang = cell.closest('[lang]').lang;
                 if (/[\\u4e00-\\u9fff]/.test(text)) return lang !== 'zh-Hant';
                 return /[A-Za-z]{2,}/.test(text) && lang !== 'en'; }).map(cell => cell.textContent.slice(0, 30))"""
        )
        assert wrong == [], (path, mode)


def test_a_unit_written_alike_in_both_languages_shows_once(page, book_server):
    """"%" read "% · %" beside the answer box and on the worksheet."""
    page.goto(f"{book_server}{LESSONS[0]}?lang=both", wait_until="load")
    units = page.evaluate(
        """() => [...document.querySelectorAll('.lq-unit, .ws-unit')].map(unit => {
             const zh = unit.querySelector('.bl-zh'), en = unit.querySelector('.bl-en');
             return zh && en ? zh.textContent + '|' + en.textContent : unit.textContent; })"""
    )
    assert "%" in units
    assert not [unit for unit in units if "|" in unit and len(set(unit.split("|"))) == 1]


THEME_WORDS = ".prev-next-subtitle, .search-button__default-text, .page-toc.tocsection, #pst-skip-link a, .bd-sidenav__home-link a"


@pytest.mark.parametrize("mode", ["zh-Hant", "en"])
def test_the_themes_own_words_follow_the_language_switch(page, book_server, mode):
    """"previous", "next", "Contents", "Search" and the skip link were English in 中文 mode;
    the sidebar's home link ran both languages together in every mode."""
    page.goto(f"{book_server}book/lesson-2.html?lang={mode}", wait_until="load")
    texts = page.evaluate(
        f"() => [...document.querySelectorAll({THEME_WORDS!r})].filter(e => e.getClientRects().length).map(e => e.innerText.trim())"
    )
    assert len(texts) >= 6 and all(texts), texts  # previous, next, Contents, the skip link, a search button, home
    other = re.compile(r"[A-Za-z]{3,}") if mode == "zh-Hant" else CJK_RUN
    assert [text for text in texts if other.search(text)] == []


@pytest.mark.parametrize("mode", ["zh-Hant", "en"])
def test_admonition_titles_are_in_the_readers_language(page, book_server, mode):
    """Lesson 3's note in the Chinese text was titled "Note"."""
    titles = []
    for path in PAGES:
        page.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        titles += page.evaluate("() => [...document.querySelectorAll('article .admonition-title')].filter(t => t.getClientRects().length).map(t => t.innerText.trim())")
    assert len(titles) >= 10, titles
    other = re.compile(r"^[^\u3400-\u9fff]*$") if mode == "zh-Hant" else CJK_RUN
    assert [title for title in titles if other.search(title)] == []


@pytest.mark.parametrize("mode", MODES)
def test_quiz_item_lists_look_alike_and_labels_stay_whole_on_a_phone(phone, book_server, mode):
    """The classify question's statements kept their bullets and no spacing
    (the other item lists have neither), and "順序" broke between its two
    characters beside the select."""
    phone.goto(f"{book_server}{LESSONS[0]}?lang={mode}", wait_until="load")
    styles = phone.evaluate(
        """() => [...document.querySelectorAll('.lq-quiz :is(.lq-options, .lq-order-items, .lq-match-terms, .lq-classify-statements) > li')]
             .filter(li => li.getClientRects().length).map(li => li.parentElement.className + ':' + getComputedStyle(li).listStyleType)"""
    )
    assert any(s.startswith("lq-classify-statements") for s in styles), styles
    assert [s for s in styles if not s.endswith(":none")] == []
    broken = phone.evaluate(
        """() => [...document.querySelectorAll('.lq-position-label > *')].filter(e => e.getClientRects().length)
             .filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size > 1).map(e => e.textContent)"""
    )
    assert broken == []


@pytest.mark.parametrize("path", ["search.html", "genindex.html"])
def test_pages_without_passages_describe_the_book_not_a_placeholder(page, book_server, path):
    """Link previews of the search page read "Project name not set"."""
    page.goto(f"{book_server}{path}", wait_until="load")
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description and "not set" not in description and CJK_RUN.search(description), description


@pytest.mark.parametrize("mode", ["zh-Hant", "en"])
def test_the_search_pages_heading_follows_the_language_switch(page, book_server, mode):
    page.goto(f"{book_server}search.html?lang={mode}", wait_until="load")
    heading = page.locator(".bd-search-container h1").inner_text().strip()
    assert heading == ("搜尋" if mode == "zh-Hant" else "Search")


# ---- Phones, paper and the address (issue 24) --------------------------------

# For each visible body cell of the course's tables: its label as shown, the
# column heading's text, and whether the label is drawn. The heading row is
# hidden from sight on a phone (kept for screen readers).
CELL_LABELS = """() => [...document.querySelectorAll('table.lessons-timeline-table')]
  .filter(t => t.getClientRects().length)
  .flatMap(t => {
    const heads = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
    return [...t.querySelectorAll('tbody tr')].flatMap(tr => [...tr.children].map((cell, i) => {
      const label = cell.querySelector(':scope > .lessons-cell-label');
      const box = label && label.getBoundingClientRect();
      return {heading: heads[i], label: label ? label.innerText.trim() : null,
              drawn: !!box && box.width > 0 && box.height > 0, hidden: label && label.getAttribute('aria-hidden')};
    }));
  })"""


def test_phone_data_tables_label_every_value_in_every_mode(phone, built_book, book_server):
    """At 390 px a row was a stack of bare values ("no / abstained"): whose
    vote? Each value now shows its column's heading, in the reader's language."""
    pages = data_table_pages(built_book)
    assert len(pages) >= 5, pages
    for path, mode in ((path, mode) for path in pages for mode in MODES):
        phone.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        phone.evaluate("() => document.querySelectorAll('details.lessons-evidence-data').forEach(d => d.open = true)")
        cells = phone.evaluate(CELL_LABELS)
        assert len(cells) > 50, (path, mode)
        unlabelled = [c for c in cells if not c["drawn"] or c["label"] != c["heading"] or c["hidden"] != "true"]
        assert unlabelled == [], (path, mode, unlabelled[:3])
        shown = " ".join(c["label"] for c in cells)
        assert bool(CJK_RUN.search(shown)) == (mode != "en"), (path, mode)
        assert bool(re.search(r"[A-Za-z]{3}", shown)) == (mode != "zh-Hant"), (path, mode)
        assert phone.evaluate(OVERFLOW) == {"page": 0, "wide": []}, (path, mode)


def test_phone_data_table_screenshot(phone, book_server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for mode in MODES:
        phone.goto(f"{book_server}book/lesson-3.html?lang={mode}", wait_until="load")
        details = phone.locator("details.lessons-evidence-data").first
        details.locator("summary").click()
        rows = details.locator("table.lessons-evidence-table tbody tr")
        rows.nth(2).scroll_into_view_if_needed()
        target = SCREENSHOTS / f"phone-data-table-lesson-3-{mode}.png"
        phone.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
        assert rows.nth(2).locator(".lessons-cell-label").first.is_visible()
    assert wide_labels_hidden(phone, book_server)


def wide_labels_hidden(page, book_server) -> bool:
    """On a wide screen the heading row shows and the card labels do not."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{book_server}book/lesson-3.html?lang=both", wait_until="load")
    page.evaluate("() => document.querySelectorAll('details.lessons-evidence-data').forEach(d => d.open = true)")
    return page.evaluate("() => [...document.querySelectorAll('.lessons-cell-label')].every(l => !l.getClientRects().length)")


def shown_mode(page) -> str:
    return page.evaluate("document.documentElement.dataset.lessonsLang")


def url_lang(page) -> str | None:
    from urllib.parse import parse_qs, urlparse

    return parse_qs(urlparse(page.url).query).get("lang", [None])[0]


def test_the_switch_owns_the_address(browser, book_server):
    """Open lesson-3 with ?lang=en and choose 並列: reload, Back and a copied
    link all give 並列, not the English the link first asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(f"{book_server}book/lesson-3.html?lang=en#l3-evidence-institutions", wait_until="load")
    assert shown_mode(page) == "en"
    history = page.evaluate("history.length")
    page.get_by_role("button", name="並列", exact=True).click()
    assert url_lang(page) == "both" and page.url.endswith("#l3-evidence-institutions")
    assert page.evaluate("history.length") == history, "choosing a mode adds no history entry"
    page.reload(wait_until="load")
    assert shown_mode(page) == "both" and url_lang(page) == "both"

    page.goto(f"{book_server}book/lesson-2.html", wait_until="load")
    assert shown_mode(page) == "both"
    page.get_by_role("button", name="中文", exact=True).click()
    assert url_lang(page) == "zh-Hant"
    page.go_back(wait_until="load")
    assert "lesson-3.html" in page.url
    assert shown_mode(page) == "zh-Hant" and url_lang(page) == "zh-Hant", "Back shows the latest choice"
    page.go_forward(wait_until="load")
    assert shown_mode(page) == "zh-Hant"

    copied = page.url
    context.close()
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    friend = other.new_page()
    friend.goto(copied, wait_until="load")
    assert shown_mode(friend) == "zh-Hant", "a copied link gives what the reader chose"
    other.close()


# ---- Search: lessons first, body snippets, Sphinx's words (issue 24) ------------

# SEARCH_TERMS: a word and the lesson that teaches it (shared with make bench's search rank).
TEACHER_PAGES = ("book/instructor-guide.html", "book/instructor-gradebook.html")


@pytest.mark.parametrize("mode", ["en", "zh-Hant"])
def test_search_puts_the_lesson_first_with_a_snippet_in_the_readers_language(page, book_server, mode):
    """"hegemony" showed snippets "....md" and "...Binder", the guide outranked
    the lessons, and the words around the results were English in 中文."""
    page.goto(f"{book_server}book/lesson-1.html?lang={mode}", wait_until="load")  # the reader's choice, stored
    problems = []
    for term, lesson in SEARCH_TERMS[mode].items():
        results = search(page, book_server, term)
        hrefs = [r["href"].split("#")[0].split("?")[0] for r in results]
        target = f"book/{lesson}.html"
        if target not in hrefs[:3]:
            problems.append(f"{term}: {target} not in the top three {hrefs[:3]}")
            continue
        snippet = results[hrefs.index(target)]["context"]
        if term.lower() not in snippet.lower():
            problems.append(f"{term}: snippet without it: {snippet[:80]!r}")
        # Mostly the reader's language (English prose quotes a Chinese word,
        # Chinese prose cites English sources).
        chinese = len(re.findall(r"[\u3400-\u9fff]", snippet))
        if (chinese > 0.15 * len(snippet)) if mode == "en" else (chinese < 20):
            problems.append(f"{term}: the other language in the snippet: {snippet[:80]!r}")
        for teacher in TEACHER_PAGES:
            if teacher in hrefs and hrefs.index(teacher) < hrefs.index(target):
                problems.append(f"{term}: {teacher} above {target}")
    assert problems == []
    # The words shown (the theme hides the h2 itself, whose innerText is then all its text).
    words = page.evaluate("""() => ['#search-results h2', '#search-results .search-summary'].map(s =>
        [...document.querySelector(s).querySelectorAll('span')].filter(e => getComputedStyle(e).display !== 'none')
          .map(e => e.textContent).join(''))""")
    if mode == "zh-Hant":
        assert words[0] == "搜尋結果" and words[1].startswith("搜尋完成"), words
    else:
        assert words[0] == "Search Results" and words[1].startswith("Search finished"), words
    assert page.locator("#search-results h2 .bl-zh").get_attribute("lang") == "zh-Hant"


def test_search_words_follow_the_switch_and_no_result_is_said_in_the_readers_language(page, book_server):
    page.goto(f"{book_server}search.html?q=zzxxqq&lang=zh-Hant", wait_until="load")
    page.wait_for_function("() => /沒有任何頁面/.test(document.querySelector('#search-results .search-summary')?.innerText || '')")
    page.get_by_role("button", name="English", exact=True).click()
    assert page.locator("#search-results .search-summary").inner_text().startswith("Your search did not match")
    page.goto(f"{book_server}book/lesson-3.html?lang=zh-Hant&highlight=hegemony", wait_until="load")
    link = page.locator(".highlight-link a")
    if link.count():  # the theme shows Sphinx's link where it has a search box for it
        assert link.first.inner_text() == "隱藏搜尋標示"


HIGHLIGHT_CONTRAST = """() => {
  const el = document.querySelector('.highlighted');
  const rgb = text => text.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
  const style = getComputedStyle(el);
  const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))].sort((x, y) => y - x);
  return Math.round(100 * (a + 0.05) / (b + 0.05)) / 100;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_searched_word_is_marked_with_enough_contrast(browser, book_server, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    search(page, book_server, "hegemony")
    page.wait_for_selector("#search-results .highlighted")
    page.wait_for_timeout(400)  # the theme's colour transition
    contrast = page.evaluate(HIGHLIGHT_CONTRAST)
    context.close()
    assert contrast >= 4.5, contrast


# ---- Smaller things a reader saw (issue 24, finding 6) ---------------------------------

def test_next_and_previous_titles_are_not_cut_on_a_phone(phone, book_server):
    """Lesson 3 in English cut "Next ›" at 390 px: its title ran past its half."""
    for path, mode in ((path, mode) for path in LESSONS for mode in MODES):
        phone.goto(f"{book_server}{path}?lang={mode}", wait_until="load")
        cut = phone.evaluate("""() => [...document.querySelectorAll('.prev-next-area a')]
            .filter(a => a.scrollWidth > a.clientWidth + 1 || a.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(a => a.innerText.replace(/\\s+/g, ' '))""")
        assert cut == [], (path, mode)


CAPTIONS = """() => {
  const rgb = text => text.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
  return [...document.querySelectorAll('article figcaption')].filter(f => f.getClientRects().length).map(f => {
    let ground = [255, 255, 255];
    for (let e = f; e; e = e.parentElement) { const bg = getComputedStyle(e).backgroundColor.match(/\\d+(\\.\\d+)?/g);
      if (bg && (bg.length < 4 || Number(bg[3]) > 0.5)) { ground = bg.slice(0, 3).map(Number); break; } }
    const [a, b] = [luminance(rgb(getComputedStyle(f).color)), luminance(ground)].sort((x, y) => y - x);
    return {text: f.innerText.slice(0, 30), weight: Number(getComputedStyle(f).fontWeight), contrast: (a + 0.05) / (b + 0.05)};
  });
}"""


def test_figure_captions_are_regular_weight_with_full_contrast_in_dark_mode(dark_page, book_server):
    faint, seen = [], 0
    for path in LESSONS:
        dark_page.goto(f"{book_server}{path}?lang=en", wait_until="load")
        dark_page.wait_for_timeout(400)  # the theme's colour transition
        captions = dark_page.evaluate(CAPTIONS)
        # The unit (lesson 5) has no chart; every page with a figure captions it.
        assert captions or dark_page.locator("figure").count() == 0, path
        seen += len(captions)
        faint += [(path, c) for c in captions if c["weight"] < 400 or c["contrast"] < 7]
    assert seen and faint == []


IDENTIFIER_BREAKS = """() => [...document.querySelectorAll('table.lessons-data-dictionary code')].filter(c => c.getClientRects().length)
  .flatMap(code => [...code.childNodes].filter(n => n.nodeType === 3).flatMap(node => [...node.textContent.matchAll(/[A-Za-z0-9]{2,}/g)]
    .filter(match => { const r = document.createRange(); r.setStart(node, match.index); r.setEnd(node, match.index + match[0].length);
      return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size > 1; })
    .map(match => code.textContent)))"""


def test_data_dictionary_column_names_break_only_after_an_underscore(browser, book_server):
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{book_server}book/data-sources.html?lang=zh-Hant", wait_until="load")
        broken = page.evaluate(IDENTIFIER_BREAKS)
        names = page.locator("table.lessons-data-dictionary code").count()
        context.close()
        assert names > 20 and broken == [], (width, broken[:5])


PAIR_GAPS = """() => {
  const height = el => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().height; };
  let gap = 0, total = 0;
  document.querySelectorAll('article .bl-pair').forEach(pair => {
    const zh = pair.querySelector(':scope > .bl-zh'), en = pair.querySelector(':scope > .bl-en');
    if (!zh || !en || getComputedStyle(pair).display !== 'grid') return;
    const [a, b] = [height(zh), height(en)];
    gap += Math.abs(a - b); total += Math.max(a, b);
  });
  return total ? gap / total : null;
}"""


def test_both_languages_side_by_side_leave_little_empty_space(page, book_server):
    """At equal halves (332 px each at 1280 px) a third of the pairs' area
    was empty under the Chinese, which is shorter than its English."""
    for path in LESSONS:
        page.goto(f"{book_server}{path}?lang=both", wait_until="load")
        share = page.evaluate(PAIR_GAPS)
        assert share is not None and share < 0.15, (path, share)
