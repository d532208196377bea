"""Charts of the evidence datasets: one chart and one table per dataset, in the book and live.

The five datasets in ``book/data/`` (trade, Security Council vetoes, General
Assembly votes on Ukraine, BRICS/SCO membership, joint exercises) test claims
of the brief. For each, this module

- draws a chart (:func:`plot`) narrow enough for a phone: 4.4 inches wide,
  no text under 11 pt, so at 390 px every label is at least 11 px; titles,
  sources and notes are HTML around it, where they reflow;
- keeps text as text and ink in ``currentColor`` (:func:`chart_svg`), so
  the reader's fonts draw Chinese and dark mode turns the ink light; bar
  kinds differ in hatching as well as colour;
- writes an accessible table equal to the data (:func:`table_html`), and a
  caption naming the sources;
- gives the published book one figure per language mode and the table
  (:func:`static_html`), and the live lesson an :class:`Explorer` (filters
  for period, subject, kind) that follows the language control and replaces
  its predecessor when its cell runs again (:mod:`lessons.registry`).

What a chart counts comes from the data: nothing here repeats a figure.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO

from . import registry
from .bilingual import BOTH, EN, MODES, ZH, Text, check_mode, current, html_pair, language_control
from .citations import url_links_html
from .svg import describe_svg, inline_svg, installed_cjk_font, pin_text, unique_prefix

# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

#: Chart name -> the name :func:`lessons.datasets.load` knows it by.
DATASETS = {
    "trade": "china-russia-trade",
    "vetoes": "unsc-vetoes",
    "unga": "unga-ukraine-votes",
    "membership": "bloc-membership",
    "exercises": "china-russia-exercises",
}

#: The date the brief was published: later rows are context "as of" the data.
BRIEF_DATE = "2023-09-11"


def load(name: str):
    """The dataset behind chart ``name``, checked by :func:`lessons.datasets.load`
    (a bad row stops here with file, line and fix), as the file's own text:
    the table shows "2005-07" as written, and an empty cell stays ""."""
    import pandas as pd

    from . import datasets

    dataset = DATASETS[_known(name)]
    datasets.load(dataset)
    return pd.read_csv(datasets.path(dataset), dtype=str, keep_default_na=False)


def as_of(name: str) -> str:
    """The "as of" date of chart ``name``'s data (ISO), from its dictionary."""
    from . import datasets

    return datasets.dataset(DATASETS[_known(name)]).as_of.isoformat()


def _known(name: str) -> str:
    if name not in CHARTS:
        raise ValueError(f"unknown evidence chart {name!r}: use one of {', '.join(CHARTS)}")
    return name


def number(value) -> float | None:
    """A numeric cell as float; an empty (not verified) cell as None."""
    text = str(value).strip()
    return float(text) if text not in ("", "nan", "None", "<NA>") else None


def year_of(value) -> int:
    return int(str(value)[:4])


# Codes in the files and how readers see them (Taiwan usage, as the notes give them).
VOTES = {"vetoed": Text("否決", "vetoed"), "yes": Text("贊成", "yes"), "no": Text("反對", "no"),
         "abstained": Text("棄權", "abstained"), "absent": Text("缺席", "absent")}
ORGANISATIONS = {"Shanghai Five": Text("上海五國", "Shanghai Five"), "SCO": Text("上海合作組織", "SCO"),
                 "BRICS": Text("金磚國家", "BRICS")}
STATUSES = {"founding member": Text("創始成員", "founding member"), "member": Text("成員", "member"),
            "observer": Text("觀察員", "observer"), "dialogue partner": Text("對話夥伴", "dialogue partner"),
            "invited": Text("受邀", "invited"), "partner country": Text("夥伴國", "partner country"),
            "declined": Text("婉拒", "declined"), "disputed": Text("有爭議", "disputed")}
KINDS = {"land": Text("陸上", "land"), "naval": Text("海上", "naval"), "air": Text("空中", "air"),
         "strategic": Text("戰略演習", "strategic")}
FORMATS = {"bilateral": Text("雙邊", "bilateral"), "SCO": Text("上合組織", "SCO"),
           "multilateral": Text("多邊", "multilateral")}
NOT_VERIFIED = Text("未核實", "not verified")


def coded(codes: dict[str, Text]) -> Callable[[str], Text]:
    """A cell formatter for a coded column; an empty cell stays empty."""
    return lambda value: codes.get(value, Text(value, value))


def veto_pattern(row) -> str:
    """Who vetoed, and how the other voted: the chart's and explorer's grouping."""
    russia, china = row["russia"], row["china"]
    if russia == "vetoed" and china == "vetoed":
        return "joint"
    if russia == "vetoed":
        return {"abstained": "russia-china-abstained", "yes": "russia-china-yes"}.get(china, "russia-china-unverified")
    return "china-alone"


def members_on(membership, day: str) -> dict[str, list[str]]:
    """Members of each organisation on ``day`` (ISO): each country's latest
    row on or before it; Shanghai Five and the SCO count as one line."""
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for _, row in membership.sort_values("date", kind="stable").iterrows():
        if _iso_start(row["date"]) <= day:
            group = "BRICS" if row["organisation"] == "BRICS" else "SCO"
            latest[(group, row["country_en"])] = (row["organisation"], row["status"])
    members: dict[str, list[str]] = {"SCO": [], "BRICS": []}
    for (group, country), (organisation, status) in latest.items():
        if status in ("founding member", "member"):
            members[group].append(country)
    return members


def _iso_start(value: str) -> str:
    """"2005-07" -> "2005-07-01", "2015" -> "2015-01-01" (the notes' rule)."""
    text = str(value)[:10]
    return text + "-01-01"[len(text) - 4:] if len(text) < 10 else text


# --------------------------------------------------------------------------
# Drawing: sizes in inches, text in points (never under MIN_FONT)
# --------------------------------------------------------------------------

FIG_WIDTH = 4.4
MIN_FONT = 11.0
ROW = 0.27  # one bar row
INK = "#010203"  # drawn in this colour, written to the page as currentColor
CURRENT_COLOR = "currentColor"


@dataclass(frozen=True)
class Segment:
    """One kind of bar: its words, fill and hatching (never colour alone)."""

    label: Text
    color: str
    hatch: str = ""


def chart_rc(salt: str) -> dict:
    """matplotlib settings, applied only inside ``rc_context``: text stays
    text in the SVG, ids are reproducible, nothing global changes."""
    from .svg import CJK_FONTS, LATIN_FONT

    return {"font.family": ["sans-serif"], "font.sans-serif": [*CJK_FONTS, LATIN_FONT], "font.size": MIN_FONT,
            "text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": salt, "hatch.linewidth": 0.8,
            "hatch.color": INK, "axes.edgecolor": INK, "text.color": INK, "xtick.color": INK, "ytick.color": INK}


def _legend_lines(text: Text, lang: str) -> str:
    return text.in_mode(lang, "\n")


def _new_figure(height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(FIG_WIDTH, height))


def _legend(figure, handles, lang, top_inches: float, height: float) -> None:
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, 1 - top_inches / height), ncol=1,
                  frameon=False, fontsize=MIN_FONT, handlelength=1.8, labelspacing=0.35, borderaxespad=0)


def _legend_height(entries: list[Text], lang: str) -> float:
    lines = sum(len(_legend_lines(entry, lang).split("\n")) for entry in entries)
    return lines * MIN_FONT * 1.25 / 72 + len(entries) * 0.06 + 0.1


def stacked_rows(rows: list[str], segments: list[Segment], values: list[list[float]], notes: list[str],
                 lang: str, value_axis: Text, label_width: float = 0.7,
                 columns: tuple[tuple[Text, list[Text]], ...] = ()):
    """Horizontal stacked bars, one row per label, top to bottom; ``notes``
    is each row's text at the end of its bar (a total, "not verified");
    ``columns`` are (header, one text per row) set in columns right of the bars."""
    from matplotlib.patches import Patch

    legend_height = _legend_height([s.label for s in segments], lang)
    axis_height = (len(rows) + (1.2 if columns else 0)) * ROW
    top, bottom = 0.1 + legend_height + 0.1, 0.55 if lang == BOTH else 0.4
    height = top + axis_height + bottom
    figure = _new_figure(height)
    left, right = label_width + 0.1, 0.15
    ax = figure.add_axes((left / FIG_WIDTH, bottom / height, (FIG_WIDTH - left - right) / FIG_WIDTH,
                          axis_height / height))
    widest = max([sum(v for v in row if v) for row in values] + [1])
    room = 1.32 if not columns else (2.4 if lang == BOTH else 1.9)  # for notes, or columns, after the bars
    ax.set_xlim(0, widest * room)
    ax.set_ylim(len(rows) - 0.5, -0.5 - (1.2 if columns else 0))
    for place, (header, cells) in enumerate(columns):
        x = widest * (1.08 + place * (room - 1.08) / len(columns))
        ax.text(x, -0.9, header.in_mode(lang, " "), fontsize=MIN_FONT, weight="bold", va="center", ha="left")
        for y, cell in enumerate(cells):
            ax.text(x, y, cell.in_mode(lang, " "), fontsize=MIN_FONT, va="center", ha="left")
    for index, segment in enumerate(segments):
        drawn = [(y, sum(v or 0 for v in row[:index]), row[index]) for y, row in enumerate(values) if row[index]]
        if drawn:  # zero-width bars would only add empty paths to the SVG
            ys, lefts, widths = zip(*drawn)
            ax.barh(ys, widths, left=lefts, height=0.72, color=segment.color, edgecolor=INK, linewidth=0.6,
                    hatch=segment.hatch)
    for y, (row, note) in enumerate(zip(values, notes)):
        if note:
            ax.text(sum(v or 0 for v in row) + widest * 0.02, y, note, va="center", ha="left", fontsize=MIN_FONT)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(axis="y", length=0, labelsize=MIN_FONT, pad=4)
    ax.tick_params(axis="x", bottom=False, labelbottom=False)
    for name in ("top", "right", "bottom"):
        ax.spines[name].set_visible(False)
    figure.text(0.1 / FIG_WIDTH, 0.08 / height, value_axis.in_mode(lang, "\n"), fontsize=MIN_FONT, va="bottom")
    handles = [Patch(facecolor=s.color, edgecolor=INK, hatch=s.hatch, linewidth=0.6,
                     label=_legend_lines(s.label, lang)) for s in segments]
    _legend(figure, handles, lang, 0.1, height)
    return figure


# --------------------------------------------------------------------------
# The five charts
# --------------------------------------------------------------------------

# Mid-tone fills read on a white page and a dark one; hatching tells them apart without colour.
BLUE, AMBER, GREY, TEAL, ROSE = "#5b8fd1", "#e3a23b", "#a6a6a6", "#4fb3a5", "#d9788f"


def plot_trade(trade, lang):
    """China–Russia goods trade per year: China's exports and imports where
    the split is verified, the total alone where it is not, nothing where
    no figure is verified (2012)."""
    segments = [Segment(Text("中國對俄出口", "China's exports to Russia"), BLUE),
                Segment(Text("中國自俄進口", "China's imports from Russia"), AMBER, "//"),
                Segment(Text("只有總額（進出口未核實）", "Total only (split not verified)"), GREY, "--")]
    rows, values, notes = [], [], []
    for _, row in trade.iterrows():
        total, exports, imports = (number(row[c]) for c in
                                   ("total_usd_bn", "china_exports_to_russia_usd_bn", "china_imports_from_russia_usd_bn"))
        rows.append(str(row["year"]))
        if total is None:
            values.append([0, 0, 0])
            notes.append(NOT_VERIFIED.in_mode(lang, " "))
        elif exports is not None and imports is not None:
            values.append([exports, imports, 0])
            notes.append(f"{total:g}")
        else:
            values.append([0, 0, total])
            notes.append(f"{total:g}")
    return stacked_rows(rows, segments, values, notes, lang,
                        Text("單位：十億美元（中國海關）", "US$ billion (China's customs)"))


VETO_SEGMENTS = {
    "joint": Segment(Text("中俄共同否決", "Both vetoed"), BLUE, "xx"),
    "russia-china-abstained": Segment(Text("俄羅斯否決，中國棄權", "Russia vetoed, China abstained"), AMBER, "//"),
    "russia-china-yes": Segment(Text("俄羅斯否決，中國贊成", "Russia vetoed, China voted yes"), ROSE, "\\\\"),
    "russia-china-unverified": Segment(Text("俄羅斯否決，中國投票未核實", "Russia vetoed, China's vote not verified"), "none", ""),
    "china-alone": Segment(Text("中國否決，俄羅斯未否決", "China vetoed, Russia did not"), TEAL, "--"),
}


def plot_vetoes(vetoes, lang):
    """Security Council vetoes per year, split by who vetoed and how the other voted."""
    years = sorted({year_of(d) for d in vetoes["date"]})
    kinds = list(VETO_SEGMENTS)
    counts = {year: [0] * len(kinds) for year in years}
    for _, row in vetoes.iterrows():
        counts[year_of(row["date"])][kinds.index(veto_pattern(row))] += 1
    values = [counts[year] for year in years]
    return stacked_rows([str(y) for y in years], list(VETO_SEGMENTS.values()), values,
                        [str(sum(v)) for v in values], lang, Text("每年否決次數", "Vetoes per year"))


UNGA_SEGMENTS = [Segment(Text("贊成", "Yes"), BLUE), Segment(Text("反對", "No"), ROSE, "xx"),
                 Segment(Text("棄權", "Abstain"), GREY, "--")]


def plot_unga(unga, lang):
    """Each General Assembly resolution's recorded vote, with how Russia and China voted."""
    rows = [str(r) for r in unga["resolution"]]
    values = [[number(r["yes"]) or 0, number(r["no"]) or 0, number(r["abstain"]) or 0] for _, r in unga.iterrows()]
    columns = ((Text("俄", "Russia"), [VOTES[v] for v in unga["russia"]]),
               (Text("中", "China"), [VOTES[v] for v in unga["china"]]))
    return stacked_rows(rows, UNGA_SEGMENTS, values, [""] * len(rows), lang,
                        Text("橫條：各國投票數；右欄：俄羅斯、中國的投票", "Bars: votes of all states; right: Russia's and China's votes"),
                        label_width=0.75, columns=columns)


def _wrap_words(text: str, width: int) -> str:
    """Break ``text`` into lines of about ``width`` characters (Chinese
    anywhere, English at spaces), for the few long notes inside a chart."""
    import textwrap

    if not text.isascii():
        return "\n".join(_chinese_lines(text, width))
    return "\n".join(textwrap.wrap(text, width))


#: Punctuation a Chinese line never starts with (it closes what came before).
CLOSING = "）」』】〉》，。、；：！？…"


def _chinese_lines(text: str, width: int) -> list[str]:
    """Lines of even length, at most ``width`` (one more where a closing mark
    would otherwise start a line): "…不計" then "）" alone looked broken."""
    count = -(-len(text) // width)
    size = -(-len(text) // count)
    lines = [text[i:i + size] for i in range(0, len(text), size)]
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in CLOSING:
            lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
    return [line for line in lines if line]


def _languages(lang: str) -> tuple[str, ...]:
    return (ZH, EN) if lang == BOTH else (check_mode(lang),)


def membership_counts(membership) -> list[tuple[str, int, int]]:
    """(date, SCO line members, BRICS members) at every date a row changes status."""
    days = sorted({_iso_start(d) for d in membership["date"]})
    return [(day, len(m["SCO"]), len(m["BRICS"])) for day in days for m in [members_on(membership, day)]]


def plot_membership(membership, lang):
    """Members of the Shanghai Five/SCO and of BRIC/BRICS over time (step lines)."""
    from matplotlib.lines import Line2D

    from .events import decimal_year
    from datetime import date

    counts = membership_counts(membership)
    when = [decimal_year(date.fromisoformat(day)) for day, _, _ in counts]
    end = max(when) + 0.8
    lines = [(Text("上海五國／上合組織", "Shanghai Five / SCO"), 1, "-", "o", BLUE, 0.3),
             (Text("金磚國家", "BRICS"), 2, "--", "s", AMBER, -0.45)]
    entries = [label for label, *_ in lines] + [Text("摘要發表（2023年9月11日）", "Brief published (11 Sep 2023)")]
    note = Text("成員國數（不含觀察員、夥伴國；沙烏地阿拉伯有爭議，不計）",
                "Member states (not observers or partners; Saudi Arabia disputed, not counted)")
    note_lines = 4 if lang == BOTH else 2
    legend_height = _legend_height(entries, lang)
    top, axis_height = 0.1 + legend_height + 0.1, 2.6
    bottom = 0.35 + note_lines * MIN_FONT * 1.25 / 72 + 0.1
    height = top + axis_height + bottom
    figure = _new_figure(height)
    ax = figure.add_axes((0.55 / FIG_WIDTH, bottom / height, (FIG_WIDTH - 0.75) / FIG_WIDTH, axis_height / height))
    handles = []
    for label, column, style, marker, color, offset in lines:
        xs, ys = [], []
        for x, row in zip(when, counts):
            if row[column] and (not ys or row[column] != ys[-1]):  # a point where the count changes
                xs.append(x)
                ys.append(row[column])
        ax.step(xs + [end], ys + [ys[-1]], where="post", color=color, linestyle=style, linewidth=2.2)
        ax.plot(xs, ys, linestyle="none", marker=marker, color=color, markeredgecolor=INK,
                markeredgewidth=0.6, markersize=6)
        ax.text(end, ys[-1] + offset, str(ys[-1]), fontsize=MIN_FONT, ha="left", va="center")
        handles.append(Line2D([], [], color=color, linestyle=style, linewidth=2.2, marker=marker,
                              markeredgecolor=INK, label=_legend_lines(label, lang)))
    brief = decimal_year(date.fromisoformat(BRIEF_DATE))
    ax.axvline(brief, color=INK, linestyle=":", linewidth=1.2)
    handles.append(Line2D([], [], color=INK, linestyle=":", linewidth=1.2, label=_legend_lines(entries[-1], lang)))
    first = int(min(when))
    ax.set_xlim(first - 0.5, end)
    ax.set_ylim(0, max(max(c[1], c[2]) for c in counts) + 1.5)
    ax.set_xticks(range(first - first % 5 + 5, int(end) + 1, 5))
    ax.set_yticks(range(0, int(ax.get_ylim()[1]) + 1, 2))
    ax.tick_params(labelsize=MIN_FONT)
    for name in ("top", "right"):
        ax.spines[name].set_visible(False)
    ax.grid(axis="y", color=INK, alpha=0.15, linewidth=0.6)
    text = "\n".join(_wrap_words(note.in_mode(code), 44 if code == EN else 27) for code in _languages(lang))
    figure.text(0.1 / FIG_WIDTH, 0.08 / height, text, fontsize=MIN_FONT, va="bottom")
    _legend(figure, handles, lang, 0.1, height)
    return figure


EXERCISE_SEGMENTS = {kind: Segment(label, color, hatch) for (kind, label), color, hatch in
                     zip(KINDS.items(), (TEAL, BLUE, AMBER, ROSE), ("||", "", "//", "xx"))}


def plot_exercises(exercises, lang):
    """Joint exercises and patrols per year (by start date), split by kind;
    years with none in the file show as empty rows."""
    years = [year_of(d) for d in exercises["start_date"]]
    span = range(min(years), max(years) + 1) if years else range(0)
    kinds = list(EXERCISE_SEGMENTS)
    counts = {year: [0] * len(kinds) for year in span}
    for year, kind in zip(years, exercises["kind"]):
        counts[year][kinds.index(kind)] += 1
    values = [counts[year] for year in span]
    return stacked_rows([str(y) for y in span], list(EXERCISE_SEGMENTS.values()), values,
                        [str(sum(v)) for v in values], lang,
                        Text("每年開始的演習與巡航數", "Exercises and patrols starting each year"))


# --------------------------------------------------------------------------
# Tables: every row and column of the data, cells in the reader's language
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One table column: its header and how a row becomes its cell."""

    header: Text
    cell: Callable[[object], Text | str]
    wide: bool = False  # long text (sources, notes): smaller type, may wrap anywhere
    as_html: Callable[[str], str] | None = None  # a cell's text as HTML (sources: links), else escaped


def plain(column: str) -> Callable[[object], str]:
    return lambda row: str(row[column])


def paired(zh: str, en: str) -> Callable[[object], Text]:
    return lambda row: Text(str(row[zh]), str(row[en]))


def via(codes: dict[str, Text], column: str) -> Callable[[object], Text | str]:
    return lambda row: codes.get(row[column], str(row[column])) if row[column] else ""


SOURCE = Column(Text("資料來源", "Sources"), plain("source"), wide=True, as_html=url_links_html)
NOTES = Column(Text("附註", "Notes"), paired("notes_zh", "notes"), wide=True)


@dataclass(frozen=True)
class Chart:
    """Everything shown for one dataset."""

    name: str
    title: Text
    sources: Text  # the caption's source line
    plot: Callable
    columns: tuple[Column, ...]
    filters: tuple[str, ...] = ()  # explorer filters: "years", or a column to choose values of
    date_column: str = "date"
    describe: Callable | None = None  # frame -> Text: the chart in words
    extra: dict = field(default_factory=dict)


def _describe_trade(trade) -> Text:
    known = [(row["year"], number(row["total_usd_bn"])) for _, row in trade.iterrows() if number(row["total_usd_bn"])]
    (y0, v0), (y1, v1) = known[0], known[-1]
    gaps = [str(row["year"]) for _, row in trade.iterrows() if number(row["total_usd_bn"]) is None]
    return Text(f"橫條圖：{y0}年至{y1}年中俄貨物貿易額，由{v0:g}增至{v1:g}十億美元。"
                + (f"{'、'.join(gaps)}年沒有已核實的數字。" if gaps else ""),
                f"Bar chart: China–Russia goods trade from {y0} to {y1}, rising from {v0:g} to {v1:g} billion US dollars."
                + (f" No verified figure for {', '.join(gaps)}." if gaps else ""))


def _describe_counts(noun: Text, patterns: Callable, labels: dict[str, Segment]):
    def describe(frame) -> Text:
        counts: dict[str, int] = {}
        for _, row in frame.iterrows():
            counts[patterns(row)] = counts.get(patterns(row), 0) + 1
        zh = "；".join(f"{labels[k].label.zh}{n}次" for k, n in counts.items())
        en = "; ".join(f"{labels[k].label.en}: {n}" for k, n in counts.items())
        return Text(f"橫條圖：每年{noun.zh}，共{len(frame)}次。{zh}。", f"Bar chart: {noun.en} per year, {len(frame)} in all. {en}.")
    return describe


def _describe_unga(unga) -> Text:
    china = {code: sum(unga["china"] == code) for code in VOTES if sum(unga["china"] == code)}
    russia = {code: sum(unga["russia"] == code) for code in VOTES if sum(unga["russia"] == code)}
    return Text(
        f"橫條圖：{len(unga)}項大會決議的投票結果。俄羅斯：" + "，".join(f"{VOTES[c].zh}{n}次" for c, n in russia.items())
        + "；中國：" + "，".join(f"{VOTES[c].zh}{n}次" for c, n in china.items()) + "。",
        f"Bar chart: the recorded votes on {len(unga)} General Assembly resolutions. Russia: "
        + ", ".join(f"{VOTES[c].en} {n}" for c, n in russia.items()) + "; China: "
        + ", ".join(f"{VOTES[c].en} {n}" for c, n in china.items()) + ".")


def _describe_membership(membership) -> Text:
    counts = membership_counts(membership)
    day, sco, brics = counts[-1]
    return Text(f"折線圖：上海五國／上合組織與金磚國家的成員國數。截至{day}，上合組織{sco}國，金磚國家{brics}國。",
                f"Step chart: member states of the Shanghai Five/SCO and of BRICS. As of {day}: SCO {sco}, BRICS {brics}.")


CHARTS: dict[str, Chart] = {}


def _register(chart: Chart) -> None:
    CHARTS[chart.name] = chart


_register(Chart(
    "trade", Text("中俄貨物貿易，每年（十億美元）", "China–Russia goods trade per year (US$ billion)"),
    Text("資料來源：中國海關總署的數字，經新華社、塔斯社、俄新社等報導；每一年的出處見下表。空白＝未核實。",
         "Source: China's General Administration of Customs, as reported by Xinhua, TASS, RIA and others; "
         "each year's sources are in the table. Empty cell = not verified."),
    plot_trade,
    (Column(Text("年份", "Year"), plain("year")),
     Column(Text("總額", "Total"), plain("total_usd_bn")),
     Column(Text("中國對俄出口", "China's exports to Russia"), plain("china_exports_to_russia_usd_bn")),
     Column(Text("中國自俄進口", "China's imports from Russia"), plain("china_imports_from_russia_usd_bn")),
     Column(Text("中國貿易總額", "China's total trade"), plain("china_total_trade_usd_bn")),
     Column(Text("中美貿易", "China–US trade"), plain("china_us_trade_usd_bn")),
     NOTES, SOURCE),
    filters=("years",), date_column="year", describe=_describe_trade))
_register(Chart(
    "vetoes", Text("安理會否決：中國或俄羅斯否決的決議草案，及另一方如何投票", "Security Council vetoes by China or Russia, and how the other voted"),
    Text("資料來源：聯合國新聞稿、安理會逐字紀錄、安全理事會報告（Security Council Report）及通訊社報導；每一項的出處見下表。"
         "1994年的一項否決中國投票未核實。",
         "Sources: UN press releases, Security Council records, Security Council Report and wire reports; "
         "each veto's sources are in the table. China's vote on the 1994 veto is not verified."),
    plot_vetoes,
    (Column(Text("日期", "Date"), plain("date")), Column(Text("草案", "Draft"), plain("draft")),
     Column(Text("議題", "Subject"), paired("subject_zh", "subject_en")),
     Column(Text("俄羅斯", "Russia"), via(VOTES, "russia")), Column(Text("中國", "China"), via(VOTES, "china")),
     SOURCE),
    filters=("years", "subject_en", "pattern"),
    describe=_describe_counts(Text("否決", "vetoes"), veto_pattern, VETO_SEGMENTS)))
_register(Chart(
    "unga", Text("聯合國大會關於烏克蘭的決議：投票結果與中俄的投票", "UN General Assembly resolutions on Ukraine: the votes, and how Russia and China voted"),
    Text("資料來源：聯合國新聞稿（GA/12410、GA/12411、GA/12470）、維基百科與新聞報導；每一項的出處見下表。",
         "Sources: UN press releases (GA/12410, GA/12411, GA/12470), Wikipedia and news reports; each resolution's "
         "sources are in the table."),
    plot_unga,
    (Column(Text("日期", "Date"), plain("date")), Column(Text("決議", "Resolution"), plain("resolution")),
     Column(Text("標題", "Title"), paired("title_zh", "title_en")),
     Column(Text("贊成", "Yes"), plain("yes")), Column(Text("反對", "No"), plain("no")),
     Column(Text("棄權", "Abstain"), plain("abstain")),
     Column(Text("俄羅斯", "Russia"), via(VOTES, "russia")), Column(Text("中國", "China"), via(VOTES, "china")),
     SOURCE),
    describe=_describe_unga))
_register(Chart(
    "membership", Text("上海五國／上合組織與金磚國家的成員國數", "Members of the Shanghai Five/SCO and of BRICS over time"),
    Text("資料來源：新華社、塔斯社、自由歐洲電台等對各次峰會的報導；每一項變動的出處見下表。"
         "南非入會日期有兩種說法（2010年12月受邀、2011年4月首次以成員身分出席），圖中採後者；沙烏地阿拉伯的地位有爭議，不計為成員。",
         "Sources: Xinhua, TASS, RFE/RL and others reporting each summit; each change's sources are in the table. "
         "South Africa has two readings (invited Dec 2010, first summit as a member Apr 2011); the chart uses the "
         "second. Saudi Arabia's status is disputed and it is not counted as a member."),
    plot_membership,
    (Column(Text("組織", "Organisation"), via(ORGANISATIONS, "organisation")),
     Column(Text("國家", "Country"), paired("country_zh", "country_en")),
     Column(Text("地位", "Status"), via(STATUSES, "status")), Column(Text("日期", "Date"), plain("date")),
     Column(Text("事件（英文）", "Event"), plain("event"), wide=True), NOTES, SOURCE),
    filters=("as_of", "organisation"), date_column="date", describe=_describe_membership))
_register(Chart(
    "exercises", Text("中俄聯合演習與巡航，每年（依類型）", "China–Russia joint exercises and patrols per year, by kind"),
    Text("資料來源：新華社、中國國防部、塔斯社、路透社、美聯社等；每一項的出處見下表。此清單並不完整（見資料說明）。",
         "Sources: Xinhua, China's defence ministry, TASS, Reuters, AP and others; each exercise's sources are in the "
         "table. The list is not complete (see the data notes)."),
    plot_exercises,
    (Column(Text("開始", "Start"), plain("start_date")), Column(Text("結束", "End"), plain("end_date")),
     Column(Text("名稱", "Name"), paired("name_zh", "name_en")), Column(Text("類型", "Kind"), via(KINDS, "kind")),
     Column(Text("形式", "Format"), via(FORMATS, "format")),
     Column(Text("地點（英文）", "Location"), plain("location")),
     Column(Text("參與國（英文）", "Participants"), plain("participants")), NOTES, SOURCE),
    filters=("years", "kind", "format"), date_column="start_date",
    describe=_describe_counts(Text("聯合演習與巡航", "joint exercises and patrols"), lambda r: r["kind"], EXERCISE_SEGMENTS)))


def plot(name: str, frame=None, lang: str = BOTH):
    """The matplotlib Figure of chart ``name`` in ``lang`` (its data: ``frame``,
    default the book's). Built with ``matplotlib.figure.Figure`` inside
    ``rc_context``: pyplot and the caller's settings are never touched."""
    import matplotlib

    check_mode(lang)
    chart = CHARTS[_known(name)]
    frame = load(name) if frame is None else frame
    with matplotlib.rc_context(chart_rc(f"lessons-evidence-{name}")):
        figure = chart.plot(frame, lang)
        pin_text(figure, installed_cjk_font())
    return figure


# --------------------------------------------------------------------------
# SVG and HTML
# --------------------------------------------------------------------------

_INK_COLOUR = re.compile(re.escape(INK), re.I)


def chart_svg(figure, id_prefix: str, title: str, desc: str = "", lang: str = BOTH) -> str:
    """The figure as an inline ``<svg>``: text as text, ink in currentColor
    (dark mode), scoped ids, ``role="img"`` with a name and description."""
    import matplotlib

    buffer = StringIO()
    with matplotlib.rc_context(chart_rc(id_prefix)):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    svg = _INK_COLOUR.sub(CURRENT_COLOR, inline_svg(buffer.getvalue(), id_prefix))
    # Inline style: the chart scales down to a phone's width (4.4 in, text >= 11 pt, keeps
    # every label >= 11 px at 390 px) and needs no stylesheet of its own.
    attributes = {"class": "lessons-evidence-chart", "style": "display: block; max-width: 100%; height: auto"}
    attributes |= {"lang": lang} if lang != BOTH else {}
    return describe_svg(svg, title=title, desc=desc, attributes=attributes)


def _in(text: Text, lang: str | None, tag: str = "span", sep: str = " ") -> str:
    """``text`` as escaped HTML: both languages for the page's CSS to choose
    (``lang`` None), or the language(s) of one mode, each with ``lang``."""
    if lang is None:
        return html_pair(text, tag)
    return sep.join(f'<{tag} lang="{code}">{html.escape(text.in_mode(code))}</{tag}>' for code in _languages(lang))


def _source_lang(value: str) -> str:
    from .bilingual import has_chinese

    return ZH if has_chinese(value) and not value.isascii() else EN


#: A date cell (1997-01-10, 2011-04, 2015): kept on one line in the table.
DATE_CELL = re.compile(r"\d{4}(-\d{2}){0,2}$")


def table_html(name: str, frame=None, lang: str | None = None) -> str:
    """An accessible table of every row of ``frame``: caption, column headers,
    each cell's language marked, empty cells left empty ("not verified")."""
    chart = CHARTS[_known(name)]
    frame = load(name) if frame is None else frame
    head = "".join(f'<th scope="col">{_in(c.header, lang)}</th>' for c in chart.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in chart.columns:
            value = column.cell(row)
            if isinstance(value, Text):
                content = _in(value, lang) if value.zh != value.en else html.escape(value.en)
            else:
                text = column.as_html(value) if column.as_html else html.escape(value)
                content = f'<span lang="{_source_lang(value)}">{text}</span>' if value else ""
            kind = "lessons-evidence-wide" if column.wide else "lessons-evidence-date" if DATE_CELL.match(str(value)) else ""
            cells.append(f'<td class="{kind}">{content}</td>' if kind else f"<td>{content}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = Text(f"{chart.title.zh}：資料表（背景補充，非摘要原文；空白＝未核實）",
                   f"{chart.title.en}: the data (context, not from the brief; empty cell = not verified)")
    lang_attr = f' lang="{lang}"' if lang in (ZH, EN) else ""
    return (f'<div class="lessons-evidence-table-wrap" tabindex="0" role="region" aria-label="'
            f'{html.escape(caption.in_mode(lang or BOTH))}" style="overflow-x: auto">'
            # The timeline's table styles: caption, borders, and cards instead of columns on a phone.
            f'<table class="lessons-timeline-table lessons-evidence-table"{lang_attr}>'
            f"<caption>{_in(caption, lang)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def figure_html(name: str, frame=None, lang: str = BOTH, id_prefix: str | None = None) -> str:
    """The chart in ``lang`` as an HTML ``<figure>``: SVG, then a caption with
    its title, what it shows after the brief ("as of"), and its sources."""
    chart = CHARTS[_known(name)]
    frame = load(name) if frame is None else frame
    prefix = id_prefix or unique_prefix(f"lessons-ev-{name}-")
    figure = plot(name, frame, lang)
    description = chart.describe(frame).in_mode(lang, "\n") if chart.describe else ""
    svg = chart_svg(figure, prefix, chart.title.in_mode(lang), description, lang)
    day = as_of(name)
    as_of_text = Text(f"資料截至{day}。", f"Data as of {day}.")
    caption = Text(f"{chart.title.zh}。{as_of_text.zh}{chart.sources.zh}",
                   f"{chart.title.en}. {as_of_text.en} {chart.sources.en}")
    return (f'<figure class="lessons-evidence-figure" style="margin: 1rem 0">{svg}'
            f"<figcaption>{_in(caption, lang, sep='<br>')}</figcaption></figure>")


def static_html(name: str, frame=None) -> str:
    """The book's rendering: one figure per language mode (the page's CSS
    shows the reader's) and one table whose cells follow the page's mode."""
    frame = load(name) if frame is None else frame
    parts = []
    for mode in MODES:
        lang_attr = f' lang="{mode}"' if mode != BOTH else ""
        parts.append(f'<div class="lessons-evidence-mode bl-mode-{mode}"{lang_attr}>{figure_html(name, frame, mode)}</div>')
    # The table is folded: on a phone its rows become long cards, and the
    # reader opens it when the chart raises a question (keyboard: Enter).
    summary = Text(f"資料表：{len(frame)}列，每一列附出處", f"Data table: {len(frame)} rows, each with its sources")
    table = (f'<details class="lessons-evidence-data"><summary>{_in(summary, None)}</summary>'
             f"{table_html(name, frame)}</details>")
    return f'<div class="lessons-evidence lessons-evidence-{name}">{"".join(parts)}{table}</div>'


def status_on(membership, day: str):
    """Each country's row in force on ``day`` (its latest on or before it),
    per organisation line (Shanghai Five and the SCO count as one)."""
    rows = membership[[_iso_start(d) <= day for d in membership["date"]]]
    rows = rows.assign(_line=["BRICS" if o == "BRICS" else "SCO" for o in rows["organisation"]],
                       _start=[_iso_start(d) for d in rows["date"]])
    latest = rows.sort_values("_start", kind="stable").groupby(["_line", "country_en"], sort=False).tail(1)
    return latest.sort_values(["_line", "_start"], kind="stable").drop(columns=["_line", "_start"])


# --------------------------------------------------------------------------
# The live explorer
# --------------------------------------------------------------------------

FILTER_LABELS = {
    "years": Text("年份", "Years"),
    "subject_en": Text("議題", "Subject"),
    "pattern": Text("誰否決", "Who vetoed"),
    "organisation": Text("組織", "Organisation"),
    "kind": Text("類型", "Kind"),
    "format": Text("形式", "Format"),
    "as_of": Text("截至該年年底的地位", "Status at the end of"),
}
ALL = Text("（全部）", "(all)")
SHOWN = Text("筆資料符合篩選條件", "rows match the filters")


#: The live explorer's look in JupyterLab, where the book's stylesheet is
#: absent: text follows the content font size, labels keep one line, the
#: table has rules and sizes its columns as the book's does (words whole;
#: only notes and sources break anywhere) and scrolls in its own box.
EXPLORER_STYLE = """
.lessons-evidence-explorer {
  --jp-widgets-font-size: var(--jp-content-font-size1, 1rem);
  font-size: var(--jp-content-font-size1, 1rem);
  max-width: 100%;
  min-width: 0;
}
.lessons-evidence-explorer :is(.widget-html-content, .jupyter-widget-html-content) {
  line-height: 1.5; white-space: normal; min-width: 0; max-width: 100%;
}
.lessons-evidence-explorer .lessons-evidence-table-wrap { max-height: 60vh; overflow: auto; }
.lessons-evidence-explorer table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
.lessons-evidence-explorer caption { text-align: left; padding: 0.3em 0; font-style: italic; }
.lessons-evidence-explorer :is(th, td) {
  text-align: left; vertical-align: top; padding: 0.3em 0.5em;
  border-bottom: 1px solid var(--jp-border-color2, #ccc); overflow-wrap: normal;
}
.lessons-evidence-explorer thead th { position: sticky; top: 0; background: var(--jp-layout-color0, #fff); }
.lessons-evidence-explorer td.lessons-evidence-wide { overflow-wrap: anywhere; font-size: 0.85em; min-width: 12rem; }
.lessons-evidence-explorer td.lessons-evidence-date { white-space: nowrap; }
.lessons-evidence-explorer svg { display: block; max-width: 100%; height: auto; }
"""


class Explorer:
    """One dataset for class: filter it (period, subject, kind...) and see its
    chart and table redrawn in the kernel's language mode.

    Widgets (for code and tests): ``filters`` (name -> widget), ``count``,
    ``chart``, ``table``; ``widget`` is the whole box. A new explorer of the
    same dataset (a re-run cell) replaces and closes this one
    (:func:`lessons.registry.register`). Displayed, the MIME bundle carries
    the live widget and, for the published book, :func:`static_html`.
    """

    def __init__(self, name: str, frame=None, state=None):
        import ipywidgets as widgets

        self.chart_spec = CHARTS[_known(name)]
        self.name = name
        self.data = load(name) if frame is None else frame
        self.state = state or current
        self._prefix = unique_prefix(f"lessons-ev-live-{name}-")
        self._static = None
        self.filters = {key: self._filter_widget(key) for key in self.chart_spec.filters}
        # Labels as wide as their words: a fixed width wrapped 截至該年年底的地位 before its last character.
        self.labels = {key: widgets.HTML(layout={"width": "auto", "flex": "0 0 auto", "margin": "0 0.5em 0 0"})
                       for key in self.filters}
        self.count = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        style = widgets.HTML(f"<style>{EXPLORER_STYLE}</style>", layout={"display": "none"})
        rows = [widgets.HBox([self.labels[key], self.filters[key]], layout={"flex_flow": "row wrap"}) for key in self.filters]
        self.widget = widgets.VBox([style, *rows, self.count, self.chart, self.table])
        self.widget.add_class("lessons-evidence-explorer")
        for control in self.filters.values():
            control.observe(self._on_change, names="value")
        self.state.observe(self._on_change, names="mode")
        registry.register(("evidence-explorer", name), self)
        self.redraw()

    def _filter_widget(self, key: str):
        import ipywidgets as widgets

        if key == "years":
            years = sorted({year_of(d) for d in self.data[self.chart_spec.date_column]})
            return widgets.IntRangeSlider(value=(years[0], years[-1]), min=years[0], max=years[-1], step=1,
                                          continuous_update=False, layout={"width": "22rem"})
        if key == "as_of":
            years = sorted({year_of(d) for d in self.data["date"]})
            return widgets.IntSlider(value=years[-1], min=years[0], max=years[-1], continuous_update=False)
        values = sorted(set(self._keys(key)) - {""})
        return widgets.Dropdown(options=[("", None)] + [(v, v) for v in values], value=None)

    def _keys(self, key: str) -> list[str]:
        if key == "pattern":
            return [veto_pattern(row) for _, row in self.data.iterrows()]
        return list(self.data[key])

    @property
    def mode(self) -> str:
        return self.state.mode

    def shown(self):
        """The rows that pass every filter."""
        frame = self.data
        for key, control in self.filters.items():
            if key == "years":
                first, last = control.value
                years = [year_of(d) for d in frame[self.chart_spec.date_column]]
                frame = frame[[first <= y <= last for y in years]]
            elif key == "as_of":
                frame = status_on(frame, f"{control.value}-12-31")
            elif control.value is not None:
                keys = ([veto_pattern(row) for _, row in frame.iterrows()] if key == "pattern" else list(frame[key]))
                frame = frame[[k == control.value for k in keys]]
        return frame.reset_index(drop=True)

    def _option_label(self, key: str, value: str) -> str:
        codes = {"subject_en": None, "pattern": {k: s.label for k, s in VETO_SEGMENTS.items()},
                 "organisation": ORGANISATIONS, "kind": KINDS, "format": FORMATS}.get(key)
        if key == "subject_en":
            zh = self.data.loc[self.data["subject_en"] == value, "subject_zh"].iloc[0]
            return Text(zh, value).in_mode(self.mode, " ")
        return codes[value].in_mode(self.mode, " ") if codes and value in codes else value

    def _relabel(self) -> None:
        for key, control in self.filters.items():
            self.labels[key].value = f"<b>{_in(FILTER_LABELS[key], self.mode)}</b>"
            if hasattr(control, "options"):
                chosen = control.value
                control.unobserve(self._on_change, names="value")
                control.options = [(ALL.in_mode(self.mode, " "), None)] + [
                    (self._option_label(key, v), v) for _, v in control.options if v is not None]
                if chosen is None:
                    control.index = 0  # "(all)": for a None value ipywidgets would show no option at all
                else:
                    control.value = chosen
                control.observe(self._on_change, names="value")

    def redraw(self) -> None:
        """Filters, chart and table again in the current mode."""
        self._relabel()
        shown = self.shown()
        mode = self.mode
        self.count.value = f"<p>{len(shown)} {_in(SHOWN, mode)}</p>"
        chart_rows = self.data if self.name == "membership" else shown
        self.chart.value = figure_html(self.name, chart_rows, mode, self._prefix) if len(chart_rows) else ""
        self.table.value = table_html(self.name, shown, mode)

    def _on_change(self, change) -> None:
        self.redraw()

    def static_html(self) -> str:
        """The published book's rendering of the whole dataset (computed once)."""
        if self._static is None:
            self._static = static_html(self.name, self.data)
        return self._static

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = self.widget._repr_mimebundle_()
        data["text/plain"] = f"{self.chart_spec.title.en}: {len(self.data)} rows"
        data["text/html"] = self.static_html()
        return data

    def close(self) -> None:
        """Stop following the language and close the widgets."""
        self.state.unobserve(self._on_change, names="mode")
        registry.unregister(("evidence-explorer", self.name), self)
        for child in (*self.filters.values(), *self.labels.values(), self.count, self.chart, self.table, self.widget):
            child.close()


def explorer(name: str, frame=None, state=None) -> Explorer:
    """The live explorer of dataset ``name`` (see :class:`Explorer`)."""
    return Explorer(name, frame, state)
