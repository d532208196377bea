"""The timeline: the chart, the book's static HTML and the live explorer.

Mirrors ``src/lessons/timeline/`` (chart, publish, explorer); its events are checked in
``test_events.py``. Speed is measured (``last_redraw_seconds``) but never
asserted here: timings belong in benchmarks.
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import matplotlib
import pytest
from bs4 import BeautifulSoup
from matplotlib._pylab_helpers import Gcf
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text as MplText

from lessons import bilingual, gradebook, timeline
from lessons import svg as svg_module
from lessons import events as events_module
from lessons.bilingual import LanguageState
from lessons.timeline.chart import chart_rc
from events_sample import ANCHOR_TITLES, GOOD_ROWS, replace_field, write_events

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff]")
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def events():
    return timeline.load_events()


# --------------------------------------------------------------------------
# The events (checked in test_events.py)
# --------------------------------------------------------------------------


def test_lessons_and_benchmarks_still_load_events_from_the_timeline():
    # The loader moved to lessons.events; `timeline.load_events` stays.
    assert timeline.load_events is events_module.load_events
    assert timeline.EventsError is events_module.EventsError


def test_era_boundaries_are_anchor_event_dates(events):
    anchor_dates = set(events[events["anchor"]]["date"])
    for era in timeline.ERAS[1:]:
        assert era.start in anchor_dates
    for before, after in zip(timeline.ERAS, timeline.ERAS[1:]):
        assert before.end == after.start


# --------------------------------------------------------------------------
# The chart
# --------------------------------------------------------------------------


def texts_of(figure) -> list[MplText]:
    return [t for t in figure.findobj(MplText) if t.get_visible() and t.get_text()]


def words_of(figure) -> str:
    return "\n".join(t.get_text() for t in texts_of(figure))


def by_gid(figure, prefix: str) -> list:
    return [a for a in figure.findobj(lambda a: (a.get_gid() or "").startswith(prefix))]


@pytest.mark.parametrize("lang", bilingual.MODES)
def test_anchor_years_stand_out_in_every_language(events, lang):
    figure = timeline.plot_timeline(events, lang)
    (ax,) = figure.axes
    year_labels = {t.get_text(): t for t in ax.get_yticklabels()}
    for year in timeline.ANCHOR_YEARS:
        label = year_labels[str(year)]
        assert label.get_fontweight() == "bold" and label.get_bbox_patch() is not None
        (band,) = by_gid(figure, f"anchor-{year}")
        assert band.get_hatch() == "////"
    assert year_labels["1995"].get_fontweight() == "normal"
    for event_id in [*ANCHOR_TITLES, "sco-founded-2001"]:
        titles = [t for t in by_gid(figure, "title-") if re.fullmatch(rf"title-(zh|en)-{event_id}-\d", t.get_gid())]
        assert titles
        expected = "normal" if event_id == "sco-founded-2001" else "bold"
        assert {t.get_fontweight() for t in titles} == {expected}


@pytest.mark.parametrize("lang", bilingual.MODES)
def test_labels_are_in_the_chosen_language(events, lang):
    figure = timeline.plot_timeline(events, lang)
    words = words_of(figure).replace("\n", " ")
    for zh, en in ANCHOR_TITLES.values():
        assert (zh in words) == (lang != bilingual.EN)
        assert (en in words) == (lang != bilingual.ZH)
    for era in timeline.ERAS:
        assert (era.label.zh in words) == (lang != bilingual.EN)
    for category in timeline.CATEGORIES.values():
        assert (category.label.en in words) == (lang != bilingual.ZH)
    if lang == bilingual.EN:
        assert not HAN.search(words)
    if lang == bilingual.ZH:
        assert "1989年6月4日" in words and "天安門事件" in words


def test_categories_differ_in_shape_not_only_colour(events):
    figure = timeline.plot_timeline(events, "en")
    markers = {m.get_gid()[len("marker-"):]: m.get_marker() for m in by_gid(figure, "marker-")}
    assert set(markers) == set(events["id"])
    for _, event in events.iterrows():
        assert markers[event["id"]] == timeline.CATEGORIES[event["category"]].marker
    assert len({c.marker for c in timeline.CATEGORIES.values()}) == len(timeline.CATEGORIES)
    legend_labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend_labels[:len(timeline.CATEGORIES)] == [c.label.en for c in timeline.CATEGORIES.values()]


@pytest.mark.parametrize("lang", bilingual.MODES)
def test_labels_never_overlap_even_for_events_days_apart(events, lang):
    figure = timeline.plot_timeline(events, lang)
    canvas = FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    labels = [t for t in texts_of(figure) if (t.get_gid() or "").startswith(("title-", "date-"))]
    boxes = [(t.get_gid(), t.get_window_extent(renderer).expanded(1.0, 0.9)) for t in labels]
    for i, (gid, box) in enumerate(boxes):
        for other_gid, other in boxes[i + 1:]:
            assert not box.overlaps(other), f"{gid} overlaps {other_gid}"
    # 4 and 24 February 2022 both have their own label and marker.
    words = words_of(figure)
    assert ("2022-02-04" in words or "2022年2月4日" in words or "4 Feb 2022" in words)
    assert ("2022-02-24" in words or "2022年2月24日" in words or "24 Feb 2022" in words)
    (first,) = by_gid(figure, "marker-no-limits-2022")
    (second,) = by_gid(figure, "marker-invasion-2022")
    a = first.get_transform().transform((first.get_xdata()[0], first.get_ydata()[0]))
    b = second.get_transform().transform((second.get_xdata()[0], second.get_ydata()[0]))
    assert abs(a[0] - b[0]) >= 7 or abs(a[1] - b[1]) >= 7  # pixels apart: both visible


def test_plotting_changes_no_global_state(events):
    before = dict(matplotlib.rcParams)
    figures = Gcf.get_num_fig_managers()
    figure = timeline.plot_timeline(events, "both", highlight="crimea-2014")
    timeline.chart_svg(figure, "state-check")
    assert dict(matplotlib.rcParams) == before
    assert Gcf.get_num_fig_managers() == figures
    assert isinstance(figure, Figure)


def test_highlight_and_year_range(events):
    figure = timeline.plot_timeline(events, "en", years=(2010, 2024), highlight="invasion-2022")
    (ax,) = figure.axes
    assert ax.get_ylim() == (2025.0, 2010.0)
    words = words_of(figure)
    assert "Tiananmen" not in words and "Russia annexes Crimea" in words
    assert by_gid(figure, "highlight")
    (title,) = by_gid(figure, "title-en-invasion-2022")
    assert title.get_bbox_patch() is not None


def test_a_figure_shown_in_a_notebook_is_svg_with_text_as_text(events):
    figure = timeline.plot_timeline(events, "zh-Hant")
    shown = BeautifulSoup(figure._repr_html_(), "html.parser")
    svg = shown.select_one("figure > svg[role=img]")
    assert svg["lang"] == "zh-Hant" and "天安門事件" in svg.get_text()
    assert type(timeline.plot_timeline(events, "en")) is type(figure)


def test_dollar_signs_stay_text_not_mathtext(tmp_path):
    # Two "$" in one text would make matplotlib draw the span between as a formula.
    title = "Gas deal: $400 billion over 30 years; $55 billion pipeline"
    rows = [replace_field(GOOD_ROWS[0], "title_en", title), *GOOD_ROWS[1:]]
    figure = timeline.plot_timeline(timeline.load_events(write_events(tmp_path, rows)), "en")
    svg_markup = timeline.chart_svg(figure, "dollars")
    content = "".join(t.text or "" for t in ET.fromstring(svg_markup).iter(f"{SVG_NS}text"))
    assert "$400 billion" in content and "$55 billion" in content
    assert not [t.get_text() for t in figure.findobj(MplText) if t._parse_math], "no text parses mathtext"


def test_one_font_list_and_detector_for_every_chart():
    fonts = svg_module
    assert timeline.CJK_FONTS is fonts.CJK_FONTS and timeline.installed_cjk_font is fonts.installed_cjk_font
    assert gradebook.chart.installed_cjk_font is fonts.installed_cjk_font
    assert not hasattr(gradebook.chart, "CJK_FONTS") and not hasattr(gradebook.chart, "cjk_font")
    assert fonts.installed_cjk_font() in fonts.CJK_FONTS  # this machine has one (the browser tests need it)


def test_no_events_says_so(events):
    figure = timeline.plot_timeline(events.iloc[0:0], "both", years=(2000, 2010))
    assert "沒有符合篩選條件的事件" in words_of(figure) and "No events match the filters" in words_of(figure)


def test_unknown_language_is_a_clear_error(events):
    with pytest.raises(ValueError, match="unknown language mode 'fr'"):
        timeline.plot_timeline(events, "fr")


# --------------------------------------------------------------------------
# Fonts: Chinese never renders as empty boxes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", bilingual.MODES)
def test_png_renders_with_no_missing_glyph(events, lang, tmp_path):
    figure = timeline.plot_timeline(events, lang)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")
        timeline.save_figure(figure, tmp_path / "timeline.png", dpi=80)
    assert (tmp_path / "timeline.png").stat().st_size > 10_000


def test_pdf_renders_every_mode_with_no_missing_glyph(events, tmp_path):
    """The three modes as the pages of one PDF: fontTools subsets each CJK
    face once per file (about a second each on 2 cores), so one file, not three.
    save_figure's own PDF path is taken by the English chart (no CJK face)."""
    from matplotlib.backends.backend_pdf import PdfPages

    with warnings.catch_warnings(), matplotlib.rc_context(chart_rc()):  # also while the fonts are embedded, on close
        warnings.filterwarnings("error", message=".*missing from font")
        with PdfPages(tmp_path / "timeline.pdf") as pages:
            for lang in bilingual.MODES:
                pages.savefig(timeline.plot_timeline(events, lang))
        timeline.save_figure(timeline.plot_timeline(events, bilingual.EN), tmp_path / "en.pdf")
    pdf = (tmp_path / "timeline.pdf").read_bytes()
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 3 and b"NotoSansCJK" in pdf
    assert (tmp_path / "en.pdf").stat().st_size > 10_000


def test_a_plain_savefig_outside_the_module_still_finds_the_glyphs(events):
    figure = timeline.plot_timeline(events, "both")
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*missing from font")
            figure.savefig(io.BytesIO(), format="png", dpi=60)


def test_the_glyph_check_would_catch_a_font_without_chinese():
    figure = Figure()
    figure.text(0.1, 0.5, "天安門事件", fontfamily="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        figure.savefig(io.BytesIO(), format="png")


def test_png_without_a_cjk_font_names_the_package_to_install(events, monkeypatch, tmp_path):
    figure = timeline.plot_timeline(events, "zh-Hant")
    monkeypatch.setattr(svg_module, "installed_cjk_font", lambda: None)  # the one font check, shared with the gradebook
    with pytest.raises(timeline.CJKFontMissing, match="fonts-noto-cjk"):
        timeline.save_figure(figure, tmp_path / "timeline.png")
    assert not (tmp_path / "timeline.png").exists()


def test_svg_without_a_cjk_font_still_keeps_chinese_as_text(events, monkeypatch):
    monkeypatch.setattr(svg_module, "CJK_FONTS", ("No Such Font TC",))  # the one list, shared with the gradebook
    figure = timeline.plot_timeline(events, "zh-Hant")
    assert figure.cjk_font is None
    svg = timeline.chart_svg(figure, "nofont")  # filterwarnings=error: no warning may escape
    assert "天安門事件" in svg


@pytest.mark.parametrize("lang", bilingual.MODES)
def test_svg_keeps_text_as_text_with_cjk_fonts_first(events, lang):
    svg = timeline.chart_svg(timeline.plot_timeline(events, lang), f"t-{lang}")
    content = "".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG_NS}text"))
    assert ("天安門事件" in content) == (lang != bilingual.EN)
    assert ("Tiananmen Square crackdown" in content) == (lang != bilingual.ZH)
    assert "DejaVuSans-" not in svg  # no glyph outlines: text was not turned into paths
    cjk = "font-family: 'Noto Sans CJK TC', 'Noto Sans TC', 'Source Han Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif"
    latin = f"font-family: {timeline.LATIN_FONTS_CSS}"  # CJK fonts draw English “quotes” full width
    titles = [g for g in ET.fromstring(svg).iter(f"{SVG_NS}g") if g.get("id", "").startswith(f"t-{lang}-title-")]
    assert len(titles) >= len(events)
    for group in titles:
        (text,) = group.iter(f"{SVG_NS}text")
        expected = cjk if "-title-zh-" in group.get("id") else latin
        assert expected in text.get("style"), (group.get("id"), text.get("style"))


# --------------------------------------------------------------------------
# The book's static HTML
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def static(events):
    return BeautifulSoup(timeline.static_html(events), "html.parser")


def test_static_html_has_one_version_per_language_mode(static, events):
    versions = static.select(".lessons-timeline")
    assert [v["class"][1] for v in versions] == ["bl-mode-zh-Hant", "bl-mode-en", "bl-mode-both"]
    assert [v.get("lang") for v in versions] == ["zh-Hant", "en", None]
    for version in versions:
        figure = version.find("figure")
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title = svg.find("title", id=svg["aria-labelledby"])
        desc = svg.find("desc", id=svg["aria-describedby"])
        assert title.get_text().strip() and len(desc.get_text()) > 200
        assert figure.find("figcaption").get_text(strip=True)
        table = version.find("table")
        assert table.find_previous("figure") is figure  # the table is below its chart
        assert len(table.select("tbody tr")) == len(events)


@pytest.mark.parametrize(("index", "lang"), [(0, "zh-Hant"), (1, "en"), (2, "both")])
def test_text_alternative_states_what_the_chart_shows(static, index, lang):
    desc = static.select(".lessons-timeline")[index].find("desc").get_text()
    for year in ("1989", "1991", "2014", "2022"):
        assert year in desc
    if lang != "en":
        assert "天安門事件" in desc and "蘇聯解體" in desc and "標記形狀" in desc
    if lang != "zh-Hant":
        assert "Tiananmen" in desc and "Marker shapes" in desc and "vertical timeline of 17" in desc


@pytest.mark.parametrize(("index", "lang"), [(0, "zh-Hant"), (1, "en")])
def test_single_language_tables_are_accessible_and_marked(static, events, index, lang):
    table = static.select(".lessons-timeline")[index].find("table")
    assert table["lang"] == lang
    assert table.find("caption").get_text(strip=True)
    headers = table.select("thead th")
    assert [h["scope"] for h in headers] == ["col"] * 4
    expected = ["日期", "事件", "說明", "資料來源"] if lang == "zh-Hant" else ["Date", "Event", "Description", "Source"]
    assert [h.get_text(strip=True) for h in headers] == expected
    first = table.select("tbody tr")[0]
    cells = first.find_all("td")
    assert cells[0].find("time")["datetime"] == events.iloc[0]["date"]
    assert cells[3].find("cite")["lang"] == "en"
    spans = table.select("td [lang]")
    assert {s["lang"] for s in spans if s.name != "cite"} == {lang}
    words = table.get_text()
    if lang == "zh-Hant":
        assert "1989年6月4日" in words and "Tiananmen Square crackdown" not in words
    else:
        assert "4 June 1989" in words and "天安門事件" not in words
        assert "April 1996" in words  # month precision, no invented day


@pytest.mark.parametrize(("source", "links"), [
    ("RFE/RL (rferl.org/a/1080434.html); Ministry of Foreign Affairs of the PRC (fmprc.gov.cn)",
     [("rferl.org/a/1080434.html", "https://rferl.org/a/1080434.html"), ("fmprc.gov.cn", "https://fmprc.gov.cn")]),
    ("Archontology.org, USSR polity", [("Archontology.org", "https://archontology.org")]),
    ("Mail & Guardian (mg.co.za), 24 December 2010", [("mg.co.za", "https://mg.co.za")]),
    ("The summary the course reads (book/data/brief.txt): U.S. Department of State, H.W. Bush", []),
    ("Widely reported, 24 February 2022", []),
])
def test_sources_link_the_sites_they_name_and_nothing_else(source, links):
    assert timeline.source_links(source) == links
    cite = BeautifulSoup(timeline.source_html(source), "html.parser").find("cite")
    assert cite.get_text() == source and cite["lang"] == "en"
    assert [(a.get_text(), a["href"], a["target"], a["rel"]) for a in cite.select("a")] == [
        (text, url, "_blank", ["noopener"]) for text, url in links]


def test_the_books_table_links_sources_as_the_explorer_does(static, events):
    table = static.select(".lessons-timeline")[1].find("table")
    linked = [row for row in table.select("tbody tr") if row.select("td cite a[href]")]
    expected = [e for _, e in events.iterrows() if timeline.source_links(e["source"])]
    assert len(linked) == len(expected) > len(events) / 2


def test_both_language_table_marks_each_language(static):
    table = static.select(".lessons-timeline")[2].find("table")
    for cell in table.select("th, tbody td:not(:last-child)"):
        langs = [e["lang"] for e in cell.select("[lang]")]
        assert langs[:2] == ["zh-Hant", "en"] or langs[-2:] == ["zh-Hant", "en"], cell
    assert table.select_one("caption [lang=zh-Hant]") and table.select_one("caption [lang=en]")


def test_anchor_rows_say_so_in_words(static):
    table = static.select(".lessons-timeline")[1].find("table")
    marked = [row["id"] for row in table.select("tbody tr") if row.select_one(".lessons-timeline-anchor")]
    assert {"event-en-tiananmen-1989", "event-en-crimea-2014", "event-en-invasion-2022"} <= set(marked)
    assert "event-en-no-limits-2022" not in marked


def test_static_html_is_safe_and_self_contained(events):
    markup = timeline.static_html(events)
    assert "<script" not in markup.lower()
    # Nothing loads from another origin; sources link out (a link is not a load).
    assert not re.search(r"""\s(?:src|xlink:href)=["'](?:https?:)?//""", markup)
    remote = BeautifulSoup(markup, "html.parser").find_all(href=re.compile(r"^(https?:)?//"))
    assert remote and {(e.name, e["target"], tuple(e["rel"])) for e in remote} == {("a", "_blank", ("noopener",))}
    assert "<?xml" not in markup and "<!DOCTYPE" not in markup
    # matplotlib's stylesheet rule "*{...}" is scoped to its own chart.
    assert not re.search(r">\s*\*\{stroke", markup)
    assert len(re.findall(r"#lessons-tl[\w-]+ \*\{stroke", markup)) == 3


def test_inline_svg_scopes_style_ids_and_references():
    source = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" width="10pt">\n'
        " <metadata><rdf:RDF/></metadata>\n"
        ' <defs><style type="text/css">*{stroke-linejoin: round}</style><clipPath id="p1"><rect/></clipPath></defs>\n'
        ' <g id="figure_1"><path clip-path="url(#p1)"/><use xlink:href="#p1"/><a href="#elsewhere">x</a></g>\n'
        "</svg>\n"
    )
    inline = svg_module.inline_svg(source, "chart7")
    assert inline.startswith('<svg id="chart7" xmlns=') and "<metadata" not in inline and "<?xml" not in inline
    assert "#chart7 *{stroke-linejoin: round}" in inline and ">*{" not in inline
    assert 'id="chart7-p1"' in inline and 'id="chart7-figure_1"' in inline
    assert 'url(#chart7-p1)' in inline and 'xlink:href="#chart7-p1"' in inline
    assert 'href="#elsewhere"' in inline, "a link to the page's own anchors is left alone"
    described = svg_module.describe_svg(inline, title="A & B", desc="What it shows")
    assert described.startswith('<svg role="img" aria-labelledby="chart7-title" aria-describedby="chart7-desc" id="chart7"')
    assert '<title id="chart7-title">A &amp; B</title><desc id="chart7-desc">What it shows</desc>' in described
    with pytest.raises(ValueError, match="accessible name"):
        svg_module.describe_svg(inline)
    with pytest.raises(ValueError, match="id prefix"):
        svg_module.inline_svg(source, '"><script>')


def test_svg_ids_are_unique_and_references_resolve(static):
    ids = [e["id"] for e in static.select("[id]")]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    for svg in static.select("svg"):
        own = {e["id"] for e in svg.select("[id]")}
        markup = str(svg)
        references = re.findall(r'url\(#([^)]+)\)', markup) + re.findall(r'href="#([^"]+)"', markup)
        assert references, "matplotlib's SVG uses references (markers, clip paths)"
        assert set(references) <= own


# --------------------------------------------------------------------------
# The live explorer
# --------------------------------------------------------------------------


@pytest.fixture
def state():
    return LanguageState(mode="both")


@pytest.fixture
def live(events, state):
    explorer = timeline.explorer(events, state=state)
    yield explorer
    explorer.close()


def test_explorer_changes_language_with_the_shared_state(live, state):
    assert live.figure.lang == "both" and "天安門事件" in live.chart.value
    before = live.chart.value
    state.mode = "en"
    assert live.figure.lang == "en"
    assert live.chart.value != before and not HAN.search(words_of(live.figure))
    assert live.categories["china"].description.endswith("China")
    assert live.years.description == "Years"
    assert "Choose an event" in live.details.value
    state.mode = "zh-Hant"
    assert "Tiananmen" not in words_of(live.figure) and "天安門事件" in words_of(live.figure)
    assert live.event.options[1][0].startswith("1989年5月16日")


def test_one_language_control_switches_the_default_explorer(events):
    original = bilingual.current.mode
    explorer = timeline.explorer(events)
    try:
        assert explorer.state is bilingual.current
        control = bilingual.language_control()  # as at the top of a lesson
        control.value = "en"
        assert explorer.figure.lang == "en" and explorer.language.value == "en"
        control.value = "zh-Hant"
        assert explorer.figure.lang == "zh-Hant"
        control.close()
    finally:
        explorer.close()
        bilingual.current.mode = original


def test_a_one_language_notebook_shows_the_explorer_without_a_language_control(events):
    """The 中文 and English notebooks fix the mode in their first cell; the
    explorer then offers no 中文 / English / 並列 switch (it would switch the
    quizzes while the prose stays in one language)."""
    from lessons.bilingual import LanguageState
    from lessons.notebooks import preset_cell_source

    for mode, fixed in (("en", True), ("zh-Hant", True), ("both", False)):
        assert ("current.fixed = True" in preset_cell_source(mode, "lessons")) == fixed
        state = LanguageState(mode=mode, fixed=fixed)
        explorer = timeline.explorer(events, state=state)
        try:
            assert (explorer.language.layout.display == "none") == fixed
        finally:
            explorer.close()


def test_category_filter_redraws_and_updates_the_selector(live):
    assert by_gid(live.figure, "marker-us-military-sales-1989")
    live.categories["west"].value = False
    assert not by_gid(live.figure, "marker-us-military-sales-1989")
    assert not by_gid(live.figure, "marker-ec-arms-embargo-1989")
    assert by_gid(live.figure, "marker-tiananmen-1989")
    assert "us-military-sales-1989" not in [value for _, value in live.event.options]
    live.categories["west"].value = True
    assert by_gid(live.figure, "marker-us-military-sales-1989")


def test_year_range_narrows_the_axis_and_the_events(live):
    live.years.value = (2010, 2022)
    (ax,) = live.figure.axes
    assert ax.get_ylim() == (2023.0, 2010.0)
    ids = {value for _, value in live.event.options if value}
    assert ids == {"south-africa-joins-2011", "crimea-2014", "no-limits-2022", "invasion-2022"}
    assert "天安門事件" not in words_of(live.figure)


def test_selecting_an_event_shows_its_description_and_source(live, events):
    live.event.value = "invasion-2022"
    row = events[events["id"] == "invasion-2022"].iloc[0]
    details = BeautifulSoup(live.details.value, "html.parser")
    zh, en = details.select("p[lang]")
    assert (zh["lang"], en["lang"]) == ("zh-Hant", "en")
    assert row["description_zh"] in zh.get_text() and row["description_en"] in en.get_text()
    assert details.select_one("cite[lang=en]").get_text() == row["source"]
    assert by_gid(live.figure, "highlight")
    # Filtering the selected event out deselects it.
    live.categories["russia"].value = False
    assert live.event.value is None and not by_gid(live.figure, "highlight")
    assert "選擇一個事件" in live.details.value


def test_the_selected_events_source_is_a_link_that_opens_in_a_new_tab(live, events):
    live.event.value = "crimea-2014"
    row = events[events["id"] == "crimea-2014"].iloc[0]
    details = BeautifulSoup(live.details.value, "html.parser")
    for cite in details.select("cite"):
        assert cite.get_text() == row["source"]
        (link,) = cite.select("a[href]")
        assert link["href"] == "https://rferl.org/a/russia-crimea-ukraine-treaty/25301179.html"
        assert (link["target"], link["rel"]) == ("_blank", ["noopener"])


@pytest.mark.parametrize("mode", bilingual.MODES)
def test_the_sources_table_lists_exactly_the_filtered_events_with_their_links(live, state, mode):
    state.mode = mode
    live.categories["west"].value = False
    live.years.value = (1991, 2015)
    shown = live.shown_events()
    assert 0 < len(shown) < len(live.events)
    table = BeautifulSoup(live.table.value, "html.parser").select_one("table.lessons-timeline-table")
    assert table.find("caption").get_text(strip=True)
    rows = table.select("tbody tr")
    assert [row["id"] for row in rows] == [f"event-{mode}-{i}" for i in shown["id"]]
    for row, (_, event) in zip(rows, shown.iterrows()):
        source = row.find_all("td")[3].find("cite")
        assert source.get_text() == event["source"]
        links = source.select("a[href]")
        assert [a["href"] for a in links] == [url for _, url in timeline.source_links(event["source"])]
        assert all(a["target"] == "_blank" and a["rel"] == ["noopener"] for a in links)
    assert table.select("a[href^='https://']"), "the filtered sources name sites, so some are linked"
    live.categories["west"].value = True
    assert len(BeautifulSoup(live.table.value, "html.parser").select("tbody tr")) == len(live.shown_events())


def legend_labels(figure) -> list[str]:
    return [t.get_text() for t in figure.legends[0].get_texts()]


@pytest.mark.parametrize("mode", bilingual.MODES)
def test_the_legend_lists_only_the_checked_categories(live, state, mode):
    state.mode = mode
    sep = "\n" if mode == bilingual.BOTH else " / "
    for unchecked in (["west"], ["west", "russia", "china"]):
        for category in unchecked:
            live.categories[category].value = False
        checked = [c for c in timeline.CATEGORIES if c in live.categories and live.categories[c].value]
        assert checked == live.checked_categories()
        expected = [timeline.CATEGORIES[c].label.in_mode(mode, sep) for c in checked]
        assert legend_labels(live.figure)[:-1] == expected  # the last entry is the anchor-year key
    for box in live.categories.values():
        box.value = True
    assert len(legend_labels(live.figure)) == len(live.categories) + 1


@pytest.mark.parametrize("years", [(2001, 2015), (1989, 2024), (2014, 2014)])
def test_the_title_names_the_sliders_years_exactly(live, state, years):
    live.years.value = years
    first, last = live.years.value
    titles = [t.get_text() for t in live.figure.texts if t.get_fontsize() == 13]
    assert titles and all(t.endswith(f"{first}–{last}") for t in titles), titles
    svg = BeautifulSoup(live.chart.value, "html.parser").find("svg")
    assert svg.find("title").get_text().endswith(f"{first}–{last}")


def test_every_chart_text_is_at_least_the_minimum_size(live, state):
    """At the chart's own width (8 in, 768 CSS px) 9 pt is 12 px."""
    for mode in bilingual.MODES:
        state.mode = mode
        sizes = {t.get_fontsize() for t in texts_of(live.figure)}
        assert min(sizes) >= timeline.MIN_TEXT_SIZE == 9.0, sizes


def test_the_explorer_sizes_itself_in_percent_and_rem_never_px(live):
    """Fixed pixel widths overflow at 150 % zoom; pixel fonts ignore
    JupyterLab's content font size."""
    def tree(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from tree(child)

    widgets = list(tree(live.widget))
    assert live.table in widgets and live.chart in widgets
    for widget in widgets:
        for name in ("width", "max_width", "min_width"):
            assert not str(getattr(widget.layout, name) or "").endswith("px"), (widget, name)
    assert live.category_box.layout.flex_flow == "row wrap"
    style = live.style.value
    assert "--jp-widgets-font-size: var(--jp-content-font-size1" in style
    assert not re.search(r"font-size:\s*[\d.]+px", style)


def test_redraw_reuses_one_figure_and_records_its_time(live, state):
    figure = live.figure
    state.mode = "en"
    live.years.value = (2000, 2024)
    assert live.figure is figure
    assert isinstance(live.last_redraw_seconds, float) and live.last_redraw_seconds > 0


def test_explorer_bundle_has_the_widget_and_the_book_html(live):
    bundle = live._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == live.widget.model_id
    html = BeautifulSoup(bundle["text/html"], "html.parser")
    assert [v["class"][1] for v in html.select(".lessons-timeline")] == ["bl-mode-zh-Hant", "bl-mode-en", "bl-mode-both"]
    assert len(html.select("table")) == 3 and "<script" not in bundle["text/html"].lower()


def test_closed_explorer_stops_following_the_language(events, state):
    explorer = timeline.explorer(events, state=state)
    explorer.close()
    state.mode = "en"
    assert explorer.figure.lang == "both"


def test_a_rerun_explorer_replaces_its_predecessor_so_one_switch_redraws_one(events, state):
    """Re-running the explorer's cell N times leaves one explorer listening:
    one language switch redraws exactly one (lessons.registry)."""
    from lessons import registry

    runs = [timeline.explorer(events, state=state) for _ in range(4)]
    try:
        redraws = Counter()
        for run in runs:
            run.redraw = (lambda run=run: redraws.update([id(run)]))  # count instead of drawing
        state.mode = "en"
        assert list(redraws.values()) == [1] and id(runs[-1]) in redraws
        assert registry.live(("explorer", "timeline")) is runs[-1]
        for old in runs[:-1]:
            assert old.widget.comm is None  # closed: its widgets are gone from the page too
    finally:
        runs[-1].close()
    assert registry.live(("explorer", "timeline")) is None  # closing the live one leaves the registry


def test_explorer_accepts_a_path_and_reports_bad_data(tmp_path, state):
    explorer = timeline.explorer(write_events(tmp_path, GOOD_ROWS), state=state)
    try:
        assert len(explorer.events) == 3
        assert set(explorer.categories) == {"china", "multilateral", "russia"}
    finally:
        explorer.close()
    with pytest.raises(timeline.EventsError, match="line 2, field 'date'"):
        timeline.explorer(write_events(tmp_path, [replace_field(GOOD_ROWS[0], "date", "June 1989")]), state=state)


# --------------------------------------------------------------------------
# In the built book (lesson 2)
# --------------------------------------------------------------------------


def check_lesson_page(html_dir: Path, events) -> None:
    """Lesson 2 in the built book shows the static chart and table, not the widget."""
    page = BeautifulSoup((html_dir / "book" / "lesson-2.html").read_text(encoding="utf-8"), "html.parser")
    (static,) = page.select("article .lessons-timeline-static")
    versions = static.select(".lessons-timeline")
    assert [v["class"][1] for v in versions] == ["bl-mode-zh-Hant", "bl-mode-en", "bl-mode-both"]
    for version in versions:
        svg = version.select_one("figure > svg[role=img]")
        assert svg.find("title").get_text(strip=True) and svg.find("desc").get_text(strip=True)
        texts = " ".join(t.get_text() for t in svg.find_all("text"))
        assert ("天安門事件" in texts) == ("bl-mode-en" not in version["class"])
        assert len(version.select("table tbody tr")) == len(events)
        assert [th["scope"] for th in version.select("table thead th")] == ["col"] * 4
    assert not static.find("script")
    ids = [e["id"] for e in page.select("[id]")]
    assert not [i for i, n in Counter(ids).items() if n > 1]


def check_lesson_in_browser(page, url: str) -> None:
    """In each language mode exactly the matching chart and table are shown."""
    for mode in bilingual.MODES:
        page.goto(f"{url}?lang={mode}")
        shown = page.evaluate(
            """[...document.querySelectorAll('.lessons-timeline')]
                 .filter(e => e.offsetParent !== null)
                 .map(e => [e.classList[1], e.querySelector('svg').getBoundingClientRect().width,
                            e.querySelector('table').getBoundingClientRect().height])"""
        )
        assert len(shown) == 1 and shown[0][0] == f"bl-mode-{mode}", shown
        assert shown[0][1] > 400 and shown[0][2] > 300, shown


@pytest.mark.book
def test_lesson_2_shows_the_chart_and_table_in_the_built_book(built_book, events):
    check_lesson_page(built_book, events)


@pytest.mark.book
@pytest.mark.browser
def test_lesson_2_timeline_follows_the_language_switch(book_server, page, page_log):
    check_lesson_in_browser(page, f"{book_server}book/lesson-2.html")
    assert page_log.console_errors == [] and page_log.foreign == []


# --------------------------------------------------------------------------
# Live in JupyterLab (lesson 2)
# --------------------------------------------------------------------------


@pytest.mark.lab
@pytest.mark.browser
def test_lesson_2_explorer_works_live_in_jupyterlab(lab_server, page, page_log, events):
    from labsupport import NOTEBOOK_STATE, run_all, wait_until  # the same server and helpers as the lesson-1 lab test

    base, token = lab_server
    lesson = "book/lesson-2.md"
    before = (ROOT / lesson).read_bytes()
    page.goto(f"{base}/lab/tree/{lesson}?token={token}", timeout=60_000)
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=90_000)
    wait_until(page, lambda s: s["status"] == "idle", 90, "the kernel to start")
    run_all(page, 180)
    assert page.evaluate(NOTEBOOK_STATE)["cells"] > 1
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

    explorer = page.locator(".lessons-timeline-explorer").first
    explorer.scroll_into_view_if_needed(timeout=30_000)
    chart = explorer.locator(".lessons-timeline-live-chart svg")

    def chart_text() -> str:
        return chart.evaluate("svg => [...svg.querySelectorAll('text')].map(t => t.textContent).join(' ')")

    def wait_for_chart(condition, what):
        for _ in range(60):
            if condition(chart_text()):
                return
            page.wait_for_timeout(500)
        pytest.fail(f"the live chart never showed {what}", pytrace=False)

    wait_for_chart(lambda t: "天安門事件" in t and "Tiananmen Square crackdown" in t, "both languages")
    # The lesson's one language control switches the explorer too.
    page.locator(".widget-toggle-button", has_text="English").first.click()
    wait_for_chart(lambda t: "Tiananmen Square crackdown" in t and not HAN.search(t), "English only")

    explorer.locator(".widget-checkbox", has_text="The West").locator("input").uncheck()
    wait_for_chart(lambda t: "US suspends all military sales" not in t and "Tiananmen" in t, "the West filtered out")

    invasion = events[events["id"] == "invasion-2022"].iloc[0]
    explorer.locator("select").select_option(label=f"24 Feb 2022 · {invasion['title_en']}")
    details = explorer.locator(".lessons-timeline-live-details")
    details.get_by_text(invasion["description_en"]).wait_for(timeout=30_000)
    assert invasion["source"] in details.inner_text()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"
    assert (ROOT / lesson).read_bytes() == before, "the lesson file is untouched"


# What a projector shows: 1280 px wide, and 150 % browser zoom. Chromium's
# zoom makes CSS pixels 1.5 device pixels, so a 1280×800 window lays out as
# an 853×533 CSS viewport with devicePixelRatio 1.5: exactly the context below
# (media queries, JupyterLab's layout and text rendering all see what they see
# under real zoom). CSS `zoom` on <html> would not: the viewport, media
# queries and JupyterLab's measurements would stay at 1280 px.

# Words and numbers of the events table that the browser broke across lines
# ("199 / 1", "agre / ement"); only a linked address may break anywhere.
BROKEN_WORDS = """table => {
    const broken = [];
    for (const cell of table.querySelectorAll('tbody td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('a')) continue;
            for (const word of node.textContent.matchAll(/[0-9]+|[A-Za-z]+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(word[0]);
            }
        }
    }
    return broken.slice(0, 8);
}"""

# The smallest chart text in CSS px: its font size in the SVG's units, scaled
# by the transform from those units to the screen.
SMALLEST_CHART_TEXT = """svg => Math.min(...[...svg.querySelectorAll('text')].map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
}))"""


def open_live_explorer(browser, page_log, base: str, token: str, lesson: str, screen: dict):
    """A fresh browser window of ``screen`` on the lesson, every cell run; (context, page, explorer)."""
    from labsupport import open_running_notebook

    context, page = open_running_notebook(browser, page_log, base, token, lesson, screen)
    explorer = page.locator(".lessons-timeline-explorer").first
    explorer.scroll_into_view_if_needed(timeout=30_000)
    explorer.locator(".lessons-timeline-live-table tbody tr").first.wait_for(timeout=30_000)
    return context, page, explorer


@pytest.mark.lab
@pytest.mark.browser
def test_the_explorer_fits_at_150_percent_zoom_and_reads_on_a_projector(lab_server, browser, page_log, events):
    base, token = lab_server
    lesson = "book/lesson-2.md"
    before = (ROOT / lesson).read_bytes()
    from screens import OVERFLOW, PROJECTOR, SCREENSHOTS as shots, ZOOM_150

    shots.mkdir(parents=True, exist_ok=True)
    for name, screen in (("1280", PROJECTOR), ("150", ZOOM_150)):
        context, page, explorer = open_live_explorer(browser, page_log, base, token, lesson, screen)
        try:
            assert page.evaluate("() => [innerWidth, devicePixelRatio]") == [
                screen["viewport"]["width"], screen["device_scale_factor"]]
            # The sources table: every event (all filters on), sites linked, new tab.
            table = explorer.locator(".lessons-timeline-live-table")
            assert table.locator("tbody tr").count() == len(events)
            linked = table.locator("td cite a[href^='https://'][target=_blank][rel=noopener]")
            assert linked.count() == sum(len(timeline.source_links(s)) for s in events["source"])
            page.wait_for_timeout(500)  # let the layout settle
            fits = explorer.evaluate(OVERFLOW)
            assert fits["out"] == [] and not fits["scrolls"], f"{name}: runs off the notebook: {fits}"
            if name == "1280":  # on a projector, not at 150 % zoom (where fitting the notebook comes first)
                broken = table.evaluate(BROKEN_WORDS)
                assert broken == [], f"{name}: words or numbers broken across lines, as '199 / 1': {broken}"
            readout = explorer.locator(".widget-readout").first
            readout.evaluate("e => e.scrollIntoView({block: 'start'})")  # the controls and the chart's top
            page.wait_for_timeout(300)
            assert readout.is_visible() and readout.inner_text().strip() == "1989 – 2024"
            chart = explorer.locator(".lessons-timeline-live-chart svg")
            if name == "1280":
                smallest = chart.evaluate(SMALLEST_CHART_TEXT)
                assert smallest >= 11.95, f"chart text {smallest:.1f} px at 1280 px wide"
            # Text follows JupyterLab's content font size (the setting sets this variable).
            from labsupport import CONTENT_FONT_SIZES

            sizes = explorer.evaluate(CONTENT_FONT_SIZES, [".widget-readout", "td", ".widget-checkbox label, label"])
            assert set(sizes["normal"]) == {sizes["content"]}, sizes
            assert set(sizes["larger"]) == {"20px"}, sizes
            page.screenshot(path=str(shots / f"lab-explorer-{name}.png"))
        finally:
            context.close()
    assert page_log.foreign == [], f"requests left localhost: {page_log.foreign}"
    assert (ROOT / lesson).read_bytes() == before, "the lesson file is untouched"
