"""What is shown for each dataset, as data: its title and source line, its
chart, its table's columns, its explorer's filters and its chart in words
(:class:`Chart`, registered in :data:`CHARTS`). A new dataset needs one
entry here and one plot function; the publishing and the explorer read
only these specs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..bilingual import BOTH, Text, check_mode
from ..citations import url_links_html
from ..svg import installed_cjk_font, pin_text
from .data import known, labels, load, membership_counts, number, text_of, veto_patterns, year_of
from .drawing import chart_rc
from .plots import VETO_SEGMENTS, exercise_segments, plot_exercises, plot_membership, plot_trade, plot_unga, plot_vetoes

# --- table columns -----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One table column: its header and how a row becomes its cell."""

    header: Text
    cell: Callable[[object], Text | str]
    wide: bool = False  # long text (sources, notes): smaller type, may wrap anywhere
    as_html: Callable[[str], Markup] | None = None  # a cell's text as HTML (sources: links), else escaped


def plain(chart: str, column: str) -> Callable[[object], str]:
    """The cell as the file writes it ("2005-07", "" when empty)."""
    return lambda row: text_of(chart, row, column)


def paired(chart: str, zh: str, en: str) -> Callable[[object], Text]:
    return lambda row: Text(text_of(chart, row, zh), text_of(chart, row, en))


def coded(chart: str, column: str) -> Callable[[object], Text | str]:
    """A coded cell as the data dictionary labels it; an empty cell stays empty."""
    codes = labels(chart, column)
    return lambda row: codes.get(text_of(chart, row, column), text_of(chart, row, column)) if text_of(chart, row, column) else ""


def source(chart: str) -> Column:
    return Column(Text("資料來源", "Sources"), plain(chart, "source"), wide=True, as_html=url_links_html)


def notes(chart: str) -> Column:
    return Column(Text("附註", "Notes"), paired(chart, "notes_zh", "notes"), wide=True)


# --- explorer filters ---------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """One explorer control. ``kind``: ``years`` (a range slider over the
    chart's date column), ``as_of`` (a year: each country's status at its
    end) or ``choice`` (a dropdown of the codes ``codes(frame)`` gives per
    row, each shown as ``label(code, frame)``)."""

    key: str
    label: Text
    kind: str = "choice"
    codes: Callable | None = None  # frame -> one code per row
    option: Callable | None = None  # (code, frame) -> Text


YEARS = Filter("years", Text("年份", "Years"), "years")
STATUS_AT_YEAR_END = Filter("as_of", Text("截至該年年底的地位", "Status at the end of"), "as_of")


def column_filter(chart: str, column: str, label: Text) -> Filter:
    """A dropdown of a coded column, its options labelled as the data dictionary labels them."""
    codes = labels(chart, column)
    return Filter(column, label, codes=lambda frame: list(frame[column]),
                  option=lambda code, frame: codes.get(code, Text(code, code)))


def _subject(code: str, frame) -> Text:
    return Text(frame.loc[frame["subject_en"] == code, "subject_zh"].iloc[0], code)


SUBJECT = Filter("subject_en", Text("議題", "Subject"), codes=lambda frame: list(frame["subject_en"]), option=_subject)
WHO_VETOED = Filter("pattern", Text("誰否決", "Who vetoed"), codes=veto_patterns,
                    option=lambda code, frame: VETO_SEGMENTS[code].label)


# --- one dataset's chart, table and explorer --------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """Everything shown for one dataset."""

    name: str
    title: Text
    sources: Text  # the caption's source line
    plot: Callable
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    date_column: str = "date"
    describe: Callable | None = None  # frame -> Text: the chart in words
    chart_all_rows: bool = False  # the explorer's chart shows every row (its filter picks table rows)


def _describe_trade(trade) -> Text:
    years = [year_of(y) for y in trade["year"]]
    totals = [number(v) for v in trade["total_usd_bn"]]
    known_rows = [(y, v) for y, v in zip(years, totals) if v]
    (y0, v0), (y1, v1) = known_rows[0], known_rows[-1]
    gaps = [str(y) for y, v in zip(years, totals) if v is None]
    return Text(f"橫條圖：{y0}年至{y1}年中俄貨物貿易額，由{v0:g}增至{v1:g}十億美元。"
                + (f"{'、'.join(gaps)}年沒有已核實的數字。" if gaps else ""),
                f"Bar chart: China–Russia goods trade from {y0} to {y1}, rising from {v0:g} to {v1:g} billion US dollars."
                + (f" No verified figure for {', '.join(gaps)}." if gaps else ""))


def _describe_counts(noun: Text, keys: Callable, segments: Callable):
    """The chart in words: how many rows of each bar kind (``keys(frame)``:
    one kind per row; ``segments()``: each kind's :class:`Segment`)."""
    def describe(frame) -> Text:
        counts: dict[str, int] = {}
        for key in keys(frame):
            counts[key] = counts.get(key, 0) + 1
        named = segments()
        zh = "；".join(f"{named[k].label.zh}{n}次" for k, n in counts.items())
        en = "; ".join(f"{named[k].label.en}: {n}" for k, n in counts.items())
        return Text(f"橫條圖：每年{noun.zh}，共{len(frame)}次。{zh}。", f"Bar chart: {noun.en} per year, {len(frame)} in all. {en}.")
    return describe


def _describe_unga(unga) -> Text:
    votes = labels("unga", "china")
    china = {code: sum(unga["china"] == code) for code in votes if sum(unga["china"] == code)}
    russia = {code: sum(unga["russia"] == code) for code in votes if sum(unga["russia"] == code)}
    return Text(
        f"橫條圖：{len(unga)}項大會決議的投票結果。俄羅斯：" + "，".join(f"{votes[c].zh}{n}次" for c, n in russia.items())
        + "；中國：" + "，".join(f"{votes[c].zh}{n}次" for c, n in china.items()) + "。",
        f"Bar chart: the recorded votes on {len(unga)} General Assembly resolutions. Russia: "
        + ", ".join(f"{votes[c].en} {n}" for c, n in russia.items()) + "; China: "
        + ", ".join(f"{votes[c].en} {n}" for c, n in china.items()) + ".")


def _describe_membership(membership) -> Text:
    day, sco, brics = membership_counts(membership)[-1]
    return Text(f"折線圖：上海五國／上合組織與金磚國家的成員國數。截至{day}，上合組織{sco}國，金磚國家{brics}國。",
                f"Step chart: member states of the Shanghai Five/SCO and of BRICS. As of {day}: SCO {sco}, BRICS {brics}.")


def _votes(chart: str) -> tuple[Column, Column]:
    return (Column(Text("俄羅斯", "Russia"), coded(chart, "russia")), Column(Text("中國", "China"), coded(chart, "china")))


CHARTS: dict[str, Chart] = {chart.name: chart for chart in (
    Chart(
        "trade", Text("中俄貨物貿易，每年（十億美元）", "China–Russia goods trade per year (US$ billion)"),
        Text("資料來源：中國海關總署的數字，經新華社、塔斯社、俄新社等報導；每一年的出處見下表。空白＝未核實。",
             "Source: China's General Administration of Customs, as reported by Xinhua, TASS, RIA and others; "
             "each year's sources are in the table. Empty cell = not verified."),
        plot_trade,
        (Column(Text("年份", "Year"), plain("trade", "year")),
         Column(Text("總額", "Total"), plain("trade", "total_usd_bn")),
         Column(Text("中國對俄出口", "China's exports to Russia"), plain("trade", "china_exports_to_russia_usd_bn")),
         Column(Text("中國自俄進口", "China's imports from Russia"), plain("trade", "china_imports_from_russia_usd_bn")),
         Column(Text("中國貿易總額", "China's total trade"), plain("trade", "china_total_trade_usd_bn")),
         Column(Text("中美貿易", "China–US trade"), plain("trade", "china_us_trade_usd_bn")),
         notes("trade"), source("trade")),
        filters=(YEARS,), date_column="year", describe=_describe_trade),
    Chart(
        "vetoes", Text("安理會否決：中國或俄羅斯否決的決議草案，及另一方如何投票", "Security Council vetoes by China or Russia, and how the other voted"),
        Text("資料來源：聯合國新聞稿、安理會逐字紀錄、安全理事會報告（Security Council Report）及通訊社報導；每一項的出處見下表。"
             "1994年的一項否決中國投票未核實。",
             "Sources: UN press releases, Security Council records, Security Council Report and wire reports; "
             "each veto's sources are in the table. China's vote on the 1994 veto is not verified."),
        plot_vetoes,
        (Column(Text("日期", "Date"), plain("vetoes", "date")), Column(Text("草案", "Draft"), plain("vetoes", "draft")),
         Column(Text("議題", "Subject"), paired("vetoes", "subject_zh", "subject_en")), *_votes("vetoes"), source("vetoes")),
        filters=(YEARS, SUBJECT, WHO_VETOED),
        describe=_describe_counts(Text("否決", "vetoes"), veto_patterns, lambda: VETO_SEGMENTS)),
    Chart(
        "unga", Text("聯合國大會關於烏克蘭的決議：投票結果與中俄的投票", "UN General Assembly resolutions on Ukraine: the votes, and how Russia and China voted"),
        Text("資料來源：聯合國新聞稿（GA/12410、GA/12411、GA/12470）與新聞報導；每一項的出處見下表。",
             "Sources: UN press releases (GA/12410, GA/12411, GA/12470) and news reports; each resolution's "
             "sources are in the table."),
        plot_unga,
        (Column(Text("日期", "Date"), plain("unga", "date")), Column(Text("決議", "Resolution"), plain("unga", "resolution")),
         Column(Text("標題", "Title"), paired("unga", "title_zh", "title_en")),
         Column(Text("贊成", "Yes"), plain("unga", "yes")), Column(Text("反對", "No"), plain("unga", "no")),
         Column(Text("棄權", "Abstain"), plain("unga", "abstain")), *_votes("unga"), source("unga")),
        describe=_describe_unga),
    Chart(
        "membership", Text("上海五國／上合組織與金磚國家的成員國數", "Members of the Shanghai Five/SCO and of BRICS over time"),
        Text("資料來源：新華社、塔斯社、自由歐洲電台等對各次峰會的報導；每一項變動的出處見下表。"
             "南非入會日期有兩種說法（2010年12月受邀、2011年4月首次以成員身分出席），圖中採後者；沙烏地阿拉伯的地位有爭議，不計為成員。",
             "Sources: Xinhua, TASS, RFE/RL and others reporting each summit; each change's sources are in the table. "
             "South Africa has two readings (invited Dec 2010, first summit as a member Apr 2011); the chart uses the "
             "second. Saudi Arabia's status is disputed and it is not counted as a member."),
        plot_membership,
        (Column(Text("組織", "Organisation"), coded("membership", "organisation")),
         Column(Text("國家", "Country"), paired("membership", "country_zh", "country_en")),
         Column(Text("地位", "Status"), coded("membership", "status")), Column(Text("日期", "Date"), plain("membership", "date")),
         Column(Text("事件（英文）", "Event"), plain("membership", "event"), wide=True), notes("membership"), source("membership")),
        filters=(STATUS_AT_YEAR_END, column_filter("membership", "organisation", Text("組織", "Organisation"))),
        describe=_describe_membership, chart_all_rows=True),
    Chart(
        "exercises", Text("中俄聯合演習與巡航，每年（依類型）", "China–Russia joint exercises and patrols per year, by kind"),
        Text("資料來源：新華社、中國國防部、塔斯社、路透社、美聯社等；每一項的出處見下表。此清單並不完整（見資料說明）。",
             "Sources: Xinhua, China's defence ministry, TASS, Reuters, AP and others; each exercise's sources are in the "
             "table. The list is not complete (see the data notes)."),
        plot_exercises,
        (Column(Text("開始", "Start"), plain("exercises", "start_date")), Column(Text("結束", "End"), plain("exercises", "end_date")),
         Column(Text("名稱", "Name"), paired("exercises", "name_zh", "name_en")),
         Column(Text("類型", "Kind"), coded("exercises", "kind")), Column(Text("形式", "Format"), coded("exercises", "format")),
         Column(Text("地點（英文）", "Location"), plain("exercises", "location")),
         Column(Text("參與國（英文）", "Participants"), plain("exercises", "participants")), notes("exercises"), source("exercises")),
        filters=(YEARS, column_filter("exercises", "kind", Text("類型", "Kind")),
                 column_filter("exercises", "format", Text("形式", "Format"))),
        date_column="start_date",
        describe=_describe_counts(Text("聯合演習與巡航", "joint exercises and patrols"), lambda f: list(f["kind"]), exercise_segments)),
)}


def plot(name: str, frame=None, lang: str = BOTH):
    """The matplotlib Figure of chart ``name`` in ``lang`` (its data: ``frame``,
    default the book's, loaded). Built with ``matplotlib.figure.Figure`` inside
    ``rc_context``: pyplot and the caller's settings are never touched."""
    import matplotlib

    check_mode(lang)
    chart = CHARTS[known(name)]
    frame = load(name) if frame is None else frame
    with matplotlib.rc_context(chart_rc(f"lessons-evidence-{name}")):
        figure = chart.plot(frame, lang)
        pin_text(figure, installed_cjk_font())
    return figure
