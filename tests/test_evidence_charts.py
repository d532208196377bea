"""The evidence charts, tables and explorers (``src/lessons/evidence_charts.py``),
and the Try-it questions of the lessons graded against answers computed from
the data. The datasets' loader and analysis are tested in their own files."""

from __future__ import annotations

import io
import re
import warnings

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lessons import datasets, evidence_charts, registry
from labsupport import ROOT
from lessons.bilingual import BOTH, EN, MODES, ZH, LanguageState

HAN = re.compile(r"[\u3400-\u9fff]")
NAMES = tuple(evidence_charts.CHARTS)


@pytest.fixture(scope="module")
def frames():
    return {name: evidence_charts.load(name) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", MODES)
def test_chart_renders_with_no_missing_glyph(name, lang, frames):
    figure = evidence_charts.plot(name, frames[name], lang)
    FigureCanvasAgg(figure)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would fail here
        figure.savefig(io.BytesIO(), format="png")


@pytest.mark.parametrize("name", NAMES)
def test_each_mode_shows_its_own_language_as_text(name, frames):
    for lang in MODES:
        svg = evidence_charts.chart_svg(evidence_charts.plot(name, frames[name], lang), f"t-{name}-{lang}", "title")
        texts = " ".join(t.get_text() for t in BeautifulSoup(svg, "html.parser").find_all("text"))
        assert "<path" not in texts and texts.strip(), f"{name}/{lang}: chart text must stay text"
        assert bool(HAN.search(texts)) == (lang != EN), f"{name}/{lang}: Chinese shown {'not ' if lang != EN else ''}as expected"
        english = re.search(r"[A-Za-z]{3,}", texts)
        assert bool(english) == (lang != ZH) or name == "unga", f"{name}/{lang}: English words where they do not belong"


CLOSING_MARKS = "）」』】〉》，。、；：！？…"


@pytest.mark.parametrize("name", NAMES)
def test_no_chart_line_starts_with_a_closing_mark(name, frames):
    """The membership chart's note ended on a line holding only "）"."""
    for lang in MODES:
        svg = evidence_charts.chart_svg(evidence_charts.plot(name, frames[name], lang), f"t-{name}-{lang}", "title")
        lines = [t.get_text().strip() for t in BeautifulSoup(svg, "html.parser").find_all("text")]
        assert [line for line in lines if line[:1] in CLOSING_MARKS and line] == [], f"{name}/{lang}"


@pytest.mark.parametrize("name", NAMES)
def test_ink_follows_the_page_colour_and_ids_are_unique(name, frames):
    html = evidence_charts.static_html(name, frames[name])
    assert evidence_charts.INK not in html.lower()
    assert "currentColor" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), f"{name}: repeated ids on the page"


@pytest.mark.parametrize("name", NAMES)
def test_table_equals_the_data_file(name, frames):
    raw = pd.read_csv(datasets.path(evidence_charts.DATASETS[name]), dtype=str, keep_default_na=False)
    for lang in (ZH, EN):
        table = BeautifulSoup(evidence_charts.table_html(name, raw, lang), "html.parser").find("table")
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == len(raw)
        columns = evidence_charts.CHARTS[name].columns
        for (_, expected), row in zip(raw.iterrows(), rows):
            cells = row.find_all("td")
            for column, cell in zip(columns, cells):
                value = column.cell(expected)
                want = value.in_mode(lang) if hasattr(value, "in_mode") else value
                assert cell.get_text() == want, f"{name}: {column.header.en}: {cell.get_text()!r} != {want!r}"
                if want == "":
                    assert cell.get_text() == "", "an empty (not verified) cell stays empty"


def _source_links(html: str) -> list[list[str]]:
    """Each table row's source links (href), in order."""
    table = BeautifulSoup(html, "html.parser").find("table")
    heads = [th.get_text() for th in table.find("thead").find_all("th")]
    column = next(i for i, h in enumerate(heads) if "Sources" in h or "資料來源" in h)
    return [[a["href"] for a in row.find_all("td")[column].find_all("a")] for row in table.find("tbody").find_all("tr")]


@pytest.mark.parametrize("name", NAMES)
def test_every_source_is_a_link_in_the_book_table(name, frames):
    """Book HTML (cells in both languages) and one mode: one link per address,
    opening in a new tab without a handle on the course's page."""
    wanted = [s.split(" ; ") for s in frames[name]["source"]]
    for lang in (None, ZH):
        html = evidence_charts.table_html(name, frames[name], lang)
        assert _source_links(html) == wanted
        for a in BeautifulSoup(html, "html.parser").find("tbody").find_all("a"):
            assert a["target"] == "_blank" and a["rel"] == ["noopener"]
    assert _source_links(evidence_charts.static_html(name, frames[name])) == wanted


@pytest.mark.parametrize("name", ["trade", "membership", "exercises"])
def test_chinese_mode_shows_the_notes_in_chinese(name, frames):
    table = BeautifulSoup(evidence_charts.table_html(name, frames[name], ZH), "html.parser").find("table")
    heads = [th.get_text() for th in table.find("thead").find_all("th")]
    column = heads.index("附註")
    for row, (_, data) in zip(table.find("tbody").find_all("tr"), frames[name].iterrows()):
        cell = row.find_all("td")[column].get_text()
        note, zh = (v if isinstance(v, str) else "" for v in (data["notes"], data["notes_zh"]))  # empty: missing
        assert cell == zh and (HAN.search(cell) or not note)


def test_every_source_is_a_link_in_the_live_explorer(frames):
    state = LanguageState(mode=ZH)
    live = evidence_charts.explorer("unga", frames["unga"], state)
    try:
        assert _source_links(live.table.value) == [s.split(" ; ") for s in frames["unga"]["source"]]
        assert all(links and all(h.startswith(("https://", "http://")) for h in links) for links in _source_links(live.table.value))
    finally:
        live.close()


@pytest.mark.parametrize("name", NAMES)
def test_caption_cites_sources_and_as_of_date(name, frames):
    html = evidence_charts.figure_html(name, frames[name], EN, id_prefix=f"cap-{name}")
    caption = BeautifulSoup(html, "html.parser").find("figcaption").get_text()
    assert "Source" in caption and f"as of {evidence_charts.as_of(name)}" in caption


def test_counts_on_the_charts_agree_with_the_analysis_functions(frames):
    from lessons import evidence

    counts = evidence_charts.membership_counts(frames["membership"])
    narrow = evidence.member_counts_on("2025-01-06").set_index("organisation")["members_narrow"]
    assert counts[-1][1:] == (narrow["SCO"], narrow["BRICS"])
    patterns = pd.Series([evidence_charts.veto_pattern(r) for _, r in frames["vetoes"].iterrows()]).value_counts()
    by_period = evidence.vetoes_by_period()
    assert patterns["joint"] == by_period["both"].sum()
    assert patterns["china-alone"] == by_period["china_alone"].sum()


def test_explorer_filters_and_a_rerun_replaces_its_predecessor(frames):
    state = LanguageState(mode=EN)
    first = evidence_charts.explorer("vetoes", frames["vetoes"], state)
    # Unfiltered, each dropdown shows "(all)", not an empty box, in every language.
    for mode, words in ((EN, "(all)"), (ZH, "（全部）"), (EN, "(all)")):
        state.mode = mode
        for control in first.filters.values():
            if hasattr(control, "options"):
                assert control.index == 0 and control.label == words
    first.filters["pattern"].value = "joint"
    shown = first.shown()
    assert len(shown) == sum(evidence_charts.veto_pattern(r) == "joint" for _, r in frames["vetoes"].iterrows())
    assert "Both vetoed" in first.chart.value or "both" in first.chart.value.lower()
    second = evidence_charts.explorer("vetoes", frames["vetoes"], state)
    assert registry.live(("evidence-explorer", "vetoes")) is second
    assert first.widget.comm is None  # closed
    state.mode = ZH  # only the live one redraws
    assert HAN.search(second.table.value)
    second.close()


def test_the_count_says_all_rows_until_a_filter_is_set(frames):
    state = LanguageState(mode=EN)
    count = lambda live: BeautifulSoup(live.count.value, "html.parser").get_text()  # noqa: E731
    unga = evidence_charts.explorer("unga", frames["unga"], state)  # no filter at all
    assert count(unga) == f"All {len(frames['unga'])} rows"
    vetoes = evidence_charts.explorer("vetoes", frames["vetoes"], state)
    state.mode = ZH
    assert count(unga) == f"全部 {len(frames['unga'])} 筆資料"
    assert count(vetoes) == f"全部 {len(frames['vetoes'])} 筆資料"
    vetoes.filters["pattern"].value = "joint"
    assert count(vetoes) == f"{len(vetoes.shown())} 筆資料符合篩選條件" and len(vetoes.shown()) < len(frames["vetoes"])
    state.mode = EN
    assert count(vetoes) == f"{len(vetoes.shown())} rows match the filters"
    vetoes.filters["pattern"].value = None  # "(all)" again: nothing is filtered out
    assert count(vetoes) == f"All {len(frames['vetoes'])} rows"
    unga.close()
    vetoes.close()


def test_membership_explorer_shows_status_on_a_date(frames):
    state = LanguageState(mode=EN)
    view = evidence_charts.explorer("membership", frames["membership"], state)
    view.filters["as_of"].value = 2019
    view.filters["organisation"].value = "SCO"
    shown = view.shown()
    assert set(shown[shown["status"].isin(["founding member", "member"])]["country_en"]) == {
        "China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "India", "Pakistan"}
    view.close()


# --------------------------------------------------------------------------
# Try-it questions: the bank's answer is what the data gives, graded live
# --------------------------------------------------------------------------


def _members(blocs, organisation, day):
    rows = blocs[(blocs["organisation"] == organisation) & (blocs["date"] <= pd.Timestamp(day))]
    latest = rows.sort_values("date", kind="stable").groupby("country_en").tail(1)
    return int(latest["status"].isin(["founding member", "member"]).sum())


#: question id -> the one or two pandas lines a student would write.
TRY_IT = {
    "ev-tryit-exercises-2023": lambda: int((datasets.load("china-russia-exercises")["start_date"].dt.year == 2023).sum()),
    "ev-tryit-russia-share-2023": lambda: round(float(
        datasets.load("china-russia-trade").query("year == 2023").eval("100 * total_usd_bn / china_total_trade_usd_bn").iloc[0]), 2),
    "ev-tryit-china-no-votes": lambda: int((datasets.load("unga-ukraine-votes")["china"] == "no").sum()),
    "ev-tryit-joint-vetoes": lambda: int(((lambda v: (v["russia"] == "vetoed") & (v["china"] == "vetoed"))(datasets.load("unsc-vetoes"))).sum()),
    "ev-tryit-sco-members-2020": lambda: _members(datasets.load("bloc-membership"), "SCO", "2020-01-01"),
    "ev-tryit-brics-members-2025": lambda: _members(datasets.load("bloc-membership"), "BRICS", "2025-01-06"),
    "ev-tryit-china-abstained-alone": lambda: int(((lambda v: (v["russia"] == "vetoed") & (v["china"] == "abstained"))(datasets.load("unsc-vetoes"))).sum()),
}


def _bank_questions():
    from lessons.paths import quiz_bank_path
    from lessons.quizbank import load_bank

    for lesson in ("lesson-1", "lesson-2", "lesson-3", "lesson-4"):
        for question in load_bank(quiz_bank_path(lesson)).questions:
            yield lesson, question


def test_every_try_it_question_is_computed_here():
    tryit = {q.id for _, q in _bank_questions() if getattr(q, "tryit", False)}
    assert tryit == set(TRY_IT), "each Try-it question needs its pandas answer in TRY_IT"


@pytest.mark.parametrize("question_id", sorted(TRY_IT))
def test_try_it_answer_from_the_data_is_graded_right(question_id):
    from lessons.grading import grade

    question = next(q for _, q in _bank_questions() if q.id == question_id)
    assert grade(question, TRY_IT[question_id]()).status == "correct"
    assert grade(question, TRY_IT[question_id]() + 1).status != "correct"


def test_evidence_questions_have_a_level_and_the_evidence_objective():
    evidence = [(lesson, q) for lesson, q in _bank_questions() if q.id.startswith("ev-")]
    for lesson in ("lesson-1", "lesson-2", "lesson-3", "lesson-4"):
        reading = [q for les, q in evidence if les == lesson and not getattr(q, "tryit", False)]
        assert len(reading) >= 2, f"{lesson}: at least two data-reading questions"
        # Reading one cell is understand (CONTRIBUTING.md, "Question levels");
        # each lesson still needs data questions that compute or judge.
        higher = [q for q in reading if q.level in ("apply", "analyse", "evaluate")]
        assert len(higher) >= 2, f"{lesson}: at least two data questions that compute or weigh, not only look up"
    for _, question in evidence:
        assert question.objective == "evidence" and question.level in ("understand", "apply", "analyse", "evaluate"), question.id


def test_gradebook_reads_a_class_that_never_answered_the_evidence_questions(tmp_path):
    # Exports made before the evidence questions existed: the item analysis
    # must list their options as never chosen, not fail.
    import json

    from lessons import gradebook
    from lessons.paths import book_dir

    for export in sorted((book_dir() / "data" / "sample-class").glob("*.json")):
        document = json.loads(export.read_text(encoding="utf-8"))
        document["answers"] = [a for a in document["answers"] if not a["question"].startswith("ev-")]
        (tmp_path / export.name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    results = gradebook.read_class([tmp_path])
    options = results.options()
    evidence = options[options["question"].str.startswith("ev-")]
    assert len(evidence) and (evidence["chosen_ever"] == 0).all()
    results.wrong_options()


# --------------------------------------------------------------------------
# The published book, in a real Chromium: phones and dark mode
# --------------------------------------------------------------------------

LESSON_PAGES = ("lesson-1", "lesson-2", "lesson-3", "lesson-4")
# Every chart text's rendered size in CSS px: its font size in the SVG's
# units times the scale the page draws the SVG at.
RENDERED_TEXT_SIZES = """() => [...document.querySelectorAll('svg.lessons-evidence-chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  })"""


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("mode", MODES)
def test_every_chart_text_is_at_least_11px_on_a_390px_phone(browser, book_server, mode):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        for lesson in LESSON_PAGES:
            page.goto(f"{book_server}book/{lesson}.html?lang={mode}", wait_until="load")
            sizes = page.evaluate(RENDERED_TEXT_SIZES)
            assert sizes, f"{lesson} ({mode}): no evidence chart visible"
            assert min(sizes) >= 11, f"{lesson} ({mode}): chart text as small as {min(sizes):.1f}px at 390px"
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 390, f"{lesson} ({mode}): the page scrolls sideways ({overflow}px)"
    finally:
        context.close()


INK_AND_BACKGROUND = """() => [...document.querySelectorAll('svg.lessons-evidence-chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    let e = svg, bg = 'rgba(0, 0, 0, 0)';
    while (e && (bg = getComputedStyle(e).backgroundColor) === 'rgba(0, 0, 0, 0)') e = e.parentElement;
    return [getComputedStyle(svg.querySelector('text')).fill, getComputedStyle(svg).color, bg];
  })"""


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("theme", ("light", "dark"))
def test_chart_ink_is_the_text_colour_and_reads_on_its_background(browser, book_server, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=theme)
    page = context.new_page()
    try:
        for lesson in LESSON_PAGES:
            page.goto(f"{book_server}book/{lesson}.html?lang=en", wait_until="load")
            page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
            charts = page.evaluate(INK_AND_BACKGROUND)
            assert charts, f"{lesson}: no chart"
            for fill, colour, background in charts:
                assert fill == colour, f"{lesson} ({theme}): chart text is {fill}, not the text colour {colour}"
                assert contrast(fill, background) >= 4.5, f"{lesson} ({theme}): {fill} on {background}"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.book
def test_no_chart_line_on_the_page_starts_with_a_closing_mark(browser, book_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for lesson in LESSON_PAGES:
            page.goto(f"{book_server}book/{lesson}.html?lang=both", wait_until="load")
            lines = page.evaluate("""() => [...document.querySelectorAll('svg.lessons-evidence-chart text')]
                .filter(t => t.getClientRects().length).map(t => t.textContent.trim())""")
            assert lines, lesson
            assert [line for line in lines if line[:1] in CLOSING_MARKS and line] == [], lesson
    finally:
        context.close()


# The live chart's width and its text in CSS px as drawn (the size in SVG
# units scaled to the screen), at a content font size.
LIVE_CHART_AT = """([svg, size]) => {
    document.body.style.setProperty('--jp-content-font-size1', size);
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.getClientRects().length).map(t => {
        const m = t.getScreenCTM();
        return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    });
    return {width: svg.getBoundingClientRect().width, smallest: Math.min(...sizes)};
}"""


@pytest.mark.browser
def test_the_live_chart_grows_with_the_content_font_size(browser, frames):
    """In JupyterLab (its stylesheet, its variable, in Chromium): as drawn at
    the default 14 px; at 20 px (Increase Content Font Size) the chart and
    its text are 20/14 as large, no label moved; never wider than the notebook."""
    live = evidence_charts.explorer("unga", frames["unga"], LanguageState(mode=BOTH))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.set_content(f"<style>{evidence_charts.EXPLORER_STYLE}</style><div class='lessons-evidence-explorer' "
                         f"style='width: 700px'>{live.chart.value}</div>")
        svg = page.locator("svg.lessons-evidence-chart").element_handle()
        drawn = evidence_charts.FIG_WIDTH * 96
        default, larger, huge = (page.evaluate(LIVE_CHART_AT, [svg, size]) for size in ("14px", "20px", "40px"))
        assert default["width"] == pytest.approx(drawn, abs=1), default
        assert larger["width"] == pytest.approx(drawn * 20 / 14, abs=1), larger
        assert larger["smallest"] == pytest.approx(default["smallest"] * 20 / 14, rel=0.01), (default, larger)
        assert huge["width"] == pytest.approx(700, abs=1), "wider than the notebook"
    finally:
        page.close()
        live.close()


# In JupyterLab: per explorer, the filter labels broken over lines, the
# table's short cells (dates, codes, counts, names) broken inside a word,
# and the filters showing nothing (an empty box instead of "(all)").
EXPLORER_READS = """explorer => {
    // Lines a label runs over, from its height (Chinese and Latin glyph boxes differ in top).
    const lines = el => {
        const text = el.querySelector('b');
        if (!text) return 0;
        const size = parseFloat(getComputedStyle(text).fontSize);
        return text.getBoundingClientRect().height < 2 * size ? 1 : 2;
    };
    const broken = [];
    for (const cell of explorer.querySelectorAll('tbody td:not(.lessons-evidence-wide)')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.textContent.matchAll(/[0-9A-Za-z-]+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(word[0]);
            }
        }
    }
    return {
        labels: [...explorer.querySelectorAll('.widget-hbox > .widget-html')].map(lines),
        broken: [...new Set(broken)].slice(0, 10),
        empty: [...explorer.querySelectorAll('select')].filter(s => !(s.selectedOptions[0] && s.selectedOptions[0].textContent.trim())).length,
    };
}"""


@pytest.mark.lab
@pytest.mark.browser
def test_the_evidence_explorers_read_on_a_projector(lab_server, browser, page_log):
    """Lesson 3 run live at 1280 px: its two explorers (vetoes, membership)
    once had a label wrapped before its last character, a table without
    rules whose dates and names broke, and empty filter boxes."""
    from labsupport import open_running_notebook
    from screens import PROJECTOR

    base, token = lab_server
    context, page = open_running_notebook(browser, page_log, base, token, "book/lesson-3.md", PROJECTOR)
    try:
        explorers = page.locator(".lessons-evidence-explorer")
        explorers.first.locator("tbody tr").first.wait_for(timeout=30_000)
        assert explorers.count() == 2
        for index in range(2):
            explorer = explorers.nth(index)
            explorer.evaluate("e => e.scrollIntoView({block: 'start'})")  # the filters, then the chart
            page.wait_for_timeout(300)
            page.screenshot(path=str(ROOT / "_build" / "screenshots" / f"lab-evidence-explorer-{index}-1280.png"))
            seen = explorer.evaluate(EXPLORER_READS)
            assert seen["labels"] and set(seen["labels"]) == {1}, f"a filter label wraps: {seen}"
            assert seen["broken"] == [], f"words broken inside table cells: {seen}"
            assert seen["empty"] == 0, f"a filter shows an empty box: {seen}"
            # A wide table scrolls inside its own box; the explorer itself fits the notebook.
            fits = explorer.evaluate("""e => e.getBoundingClientRect().right <= e.closest('.jp-OutputArea-output')
                                         .getBoundingClientRect().right + 1 && e.scrollWidth <= e.clientWidth + 1""")
            assert fits, "the explorer runs off the notebook"
    finally:
        context.close()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"
