"""The timeline of key events: the chart, the book's figure, a live explorer.

The events come from :mod:`lessons.events` (``book/data/events.csv``, loaded
and checked by :func:`load_events`, which this module also offers, so a
lesson needs only ``from lessons import timeline``). This module

- draws them: :func:`plot_timeline` returns a matplotlib Figure (built with
  ``matplotlib.figure.Figure`` inside ``rc_context``: pyplot and the
  caller's settings are never touched);
- shows them: :func:`explorer` returns an object that is a live ipywidgets
  explorer in JupyterLab, and whose MIME bundle also carries static HTML for
  the published book: one inline SVG per language mode (text kept as text,
  so the reader's fonts render Chinese), each followed by a table of the
  events.

Everything that users see is derived from the CSV; nothing here repeats an
event, date or source.
"""

from __future__ import annotations

import contextlib
import functools
import html
import itertools
import math
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import date
from io import StringIO
from pathlib import Path

from .bilingual import BOTH, EN, MODES, ZH, Text, check_mode, current, has_chinese, language_control
from .events import ANCHOR_YEARS, CATEGORIES, decimal_year, select_events

# Lessons and the benchmarks load the events as ``timeline.load_events``:
# the data has its own module now, and these names stay here too.
from .events import EventsError, load_events  # noqa: F401  (re-exported)
from .svg import (  # noqa: F401  (CJK_FONTS and the CSS lists are re-exported)
    CJK_FONTS,
    CJK_FONTS_CSS,
    CJK_PACKAGE_HINT,
    LATIN_FONT,
    LATIN_FONTS_CSS,
    describe_svg,
    inline_svg,
    installed_cjk_font,
    pin_text,
    unique_prefix,
)

# --------------------------------------------------------------------------
# Eras
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Era:
    """A period shaded on the chart, from ``start`` to ``end`` (ISO dates;
    ``end`` None: still going)."""

    start: str
    end: str | None
    label: Text

    def decimal_years(self) -> tuple[float, float]:
        """Start and end as decimal years; an era still going never ends."""
        end = decimal_year(date.fromisoformat(self.end)) if self.end else math.inf
        return decimal_year(date.fromisoformat(self.start)), end

    def overlaps(self, first: float, last: float) -> bool:
        """Whether any of the era falls between decimal years ``first`` and ``last``."""
        start, end = self.decimal_years()
        return start < last and end > first


#: Eras shaded on the chart. Each boundary after the first is the date of an
#: anchor event in events.csv (tests check they agree).
ERAS = (
    Era("1989-01-01", "1991-12-26", Text("冷戰結束、關係正常化", "End of the Cold War, normalisation")),
    Era("1991-12-26", "2014-03-18", Text("蘇聯解體之後", "After the Soviet collapse")),
    Era("2014-03-18", "2022-02-24", Text("兼併克里米亞之後", "After Crimea")),
    Era("2022-02-24", None, Text("全面入侵之後", "After the full-scale invasion")),
)

# --------------------------------------------------------------------------
# Dates and text in one language
# --------------------------------------------------------------------------

MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")


def date_label(event, lang: str, short: bool = False) -> str:
    """The event's date at its precision: 1989年6月4日 / 4 June 1989 /
    1989-06-04 (``both``, where one neutral form serves both readers)."""
    start, precision = event["start"], event["precision"]
    if lang == ZH:
        return {"day": f"{start.year}年{start.month}月{start.day}日",
                "month": f"{start.year}年{start.month}月", "year": f"{start.year}年"}[precision]
    if lang == EN:
        month = (MONTHS_SHORT if short else MONTHS_LONG)[start.month - 1]
        return {"day": f"{start.day} {month} {start.year}", "month": f"{month} {start.year}",
                "year": f"{start.year}"}[precision]
    return event["date"]


def languages(lang: str) -> tuple[str, ...]:
    """The languages ``lang`` shows, in reading order: one, or both."""
    return (ZH, EN) if lang == BOTH else (check_mode(lang),)


def event_text(event, field: str) -> Text:
    """``title`` or ``description`` of one event as a :class:`Text`."""
    return Text(event[f"{field}_zh"], event[f"{field}_en"])


def lang_of(text: str) -> str:
    """The language tag for a citation: sources are mostly English."""
    return ZH if has_chinese(text) else EN


def text_width_em(text: str) -> float:
    """Rough width in ems: CJK characters are square, Latin about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


# A CJK character, a run of other non-space characters, or white space.
WRAP_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")
NO_LINE_START = set("，。、；：」』）》！？,.;:)")


def wrap(text: str, width_em: float) -> list[str]:
    """Greedy line breaking that knows CJK text can break between characters."""
    lines, line = [], ""
    for token in WRAP_TOKENS.findall(text):
        fits = text_width_em(line + token) <= width_em
        if fits or not line.strip() or token.isspace() or token[0] in NO_LINE_START:
            line += token
        else:
            lines.append(line.rstrip())
            line = token
    lines.append(line.strip())
    return [entry for entry in lines if entry]


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

# The font lists, the detector and pin_text live in lessons.svg, shared with
# the gradebook's chart; the timeline's own rule is that a PNG or PDF needs
# an installed CJK font.


class CJKFontMissing(RuntimeError):
    """No installed font has Chinese glyphs, so a PNG or PDF would show boxes."""


def require_cjk_font() -> str:
    """The installed CJK font's name, or :class:`CJKFontMissing` saying what to install."""
    font = installed_cjk_font()
    if font is None:
        import matplotlib

        raise CJKFontMissing(
            "No font with Traditional Chinese glyphs is installed, so Chinese would print as empty boxes. "
            f"Install one of: {', '.join(CJK_FONTS)} ({CJK_PACKAGE_HINT}), then delete matplotlib's "
            f"font cache in {matplotlib.get_cachedir()} so it finds the new font."
        )
    return font


def chart_rc(salt: str = "lessons-timeline") -> dict:
    """matplotlib settings for the chart, applied only inside ``rc_context``.

    SVG keeps text as text, so the reader's own CJK font renders it; the
    salt makes the SVG's generated ids reproducible and distinct per figure.
    """
    return {
        "font.family": ["sans-serif"],
        "font.sans-serif": [*CJK_FONTS, LATIN_FONT],
        "font.size": 9,
        "text.parse_math": False,  # chart text is prose: "$400 billion ... $55 billion" keeps its "$"
        "svg.fonttype": "none",
        "svg.hashsalt": salt,
        "pdf.fonttype": 42,  # embed TrueType: Chinese stays text in the PDF
        "hatch.linewidth": 0.6,
    }


# --------------------------------------------------------------------------
# Chart layout (inches; all computed, so a redraw needs no trial renders)
# --------------------------------------------------------------------------

FIG_WIDTH = 8.0
SIDE = 0.15  # left and right margin
AX_WIDTH = FIG_WIDTH - 2 * SIDE
ERA_TEXT_X, ERA_TEXT_WIDTH = 0.05, 1.3  # era labels: a column on the left
AXIS_X = 1.95  # the time axis
MARKER_STEP = 0.14  # sideways step for markers that would overlap
DATE_X = 3.0  # event dates...
TITLE_X = 4.02  # ...and titles
TITLE_WIDTH = AX_WIDTH - TITLE_X - 0.05
LABEL_SIZE, DATE_SIZE, ERA_SIZE = 9.0, 8.0, 8.0
LINE_HEIGHT = 1.32 * LABEL_SIZE / 72  # one label line, inches
LABEL_GAP = 0.07  # between label blocks
MIN_AXES_HEIGHT = 6.0
MAX_AXES_HEIGHT = 16.0
ANCHOR_FILL, ANCHOR_HATCH_COLOR = "#f7dfb5", "#a86a14"
ERA_FILLS = ("#f2f2f2", "#e4e4e4")


@dataclass
class Label:
    """One event's label block on the chart."""

    event: object
    lines_zh: list[str]
    lines_en: list[str]

    @property
    def height(self) -> float:
        return (len(self.lines_zh) + len(self.lines_en)) * LINE_HEIGHT + LABEL_GAP


def _label(event, lang: str) -> Label:
    width = TITLE_WIDTH * 72 / LABEL_SIZE
    zh = wrap(event["title_zh"], width) if lang in (ZH, BOTH) else []
    en = wrap(event["title_en"], width) if lang in (EN, BOTH) else []
    return Label(event, zh, en)


def _isotonic(values: list[float]) -> list[float]:
    """Least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [sum, count]
    for value in values:
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    return [total / count for total, count in blocks for _ in range(int(count))]


def spread_labels(wanted: list[float], heights: list[float], top: float, bottom: float) -> list[float]:
    """Centres for label blocks (inches, down the page) as close as possible
    to ``wanted`` (sorted), never overlapping, inside [top, bottom].

    Shifting each wanted position by the space the blocks above it need
    turns this into an isotonic regression, solved exactly by
    :func:`_isotonic`; clipping keeps it in bounds.
    """
    if not wanted:
        return []
    offsets = [0.0]
    for above, below in itertools.pairwise(heights):
        offsets.append(offsets[-1] + (above + below) / 2)
    fitted = _isotonic([w - o for w, o in zip(wanted, offsets)])
    low, high = top + heights[0] / 2, bottom - heights[-1] / 2 - offsets[-1]
    return [min(max(f, low), max(low, high)) + o for f, o in zip(fitted, offsets)]


def dodge_markers(positions: list[float], diameter: float) -> list[int]:
    """A sideways slot for each marker (0 = on the axis) so markers for events
    days apart sit side by side instead of on top of each other."""
    placed: list[tuple[float, int]] = []
    slots = []
    for y in positions:
        slot = 0
        while any(abs(y - other) < diameter and s == slot for other, s in placed):
            slot += 1
        placed.append((y, slot))
        slots.append(slot)
    return slots


def _year_range(events, years) -> tuple[float, float]:
    if years is not None:
        return float(years[0]), float(years[1]) + 1
    if len(events) == 0:
        return 1989.0, 2025.0
    return float(int(events["when"].min())) - 0.5, float(int(events["when"].max())) + 1.5


def _year_ticks(first: float, last: float) -> list[int]:
    """Every fifth year and the anchor years, minus fives crowding an anchor."""
    years = range(int(first) if first == int(first) else int(first) + 1, int(last))
    anchors = [y for y in years if y in ANCHOR_YEARS]
    fives = [y for y in years if y % 5 == 0 and all(abs(y - a) >= 2 for a in anchors)]
    if len(years) <= 12:  # a short range: label every year
        return list(years)
    return sorted(set(anchors + fives))


# --------------------------------------------------------------------------
# The chart
# --------------------------------------------------------------------------

CHART_TITLE = Text("中俄關係大事年表", "China–Russia relations: key events")
CHART_SUBTITLE = Text(
    "粗體年份與斜線底紋：摘要涉及的四個關鍵年份。底色分段標示時期。",
    "Bold years with hatching: the four years the brief turns on. Shaded bands mark eras.",
)
CHART_FOOTER = Text("資料來源：每一事件的出處見下表（book/data/events.csv）。",
                    "Sources: each event's citation is in the table (book/data/events.csv).")
ANCHOR_LEGEND = Text("摘要涉及的關鍵年份", "Anchor year named in the brief")
NO_EVENTS = Text("沒有符合篩選條件的事件", "No events match the filters")


@functools.cache
def _figure_class():
    """Defined on first use so that importing this module does not import matplotlib."""
    from matplotlib.figure import Figure

    class TimelineFigure(Figure):
        """A timeline chart; in a notebook it shows as SVG with text kept as text."""

        lang = BOTH
        events = None
        years = None

        def _repr_html_(self):
            return figure_html(self, id_prefix=_next_prefix(f"fig-{self.lang}"))

    return TimelineFigure


def plot_timeline(events, lang: str = BOTH, *, years=None, highlight: str | None = None, figure=None):
    """Draw ``events`` (from :func:`load_events`) on a vertical time axis.

    ``lang`` is ``"zh-Hant"``, ``"en"`` or ``"both"``; ``years`` = (first,
    last) narrows the axis; ``highlight`` is an event id to ring and box;
    ``figure`` is a figure from an earlier call to draw into again (faster
    than a new one). Returns the matplotlib Figure; no global state changes.
    """
    import matplotlib

    check_mode(lang)
    if years is not None:
        events = select_events(events, years=years)
    font = installed_cjk_font()
    with matplotlib.rc_context(chart_rc()):
        if figure is None:
            figure = _figure_class()(figsize=(FIG_WIDTH, 10))
        else:
            figure.clear()
        figure.lang, figure.events, figure.years = lang, events, years
        figure.cjk_font = font
        _draw(figure, events, lang, years, highlight)
    return figure


def _draw(figure, events, lang, years, highlight):
    """Lay out and draw everything; sizes are in inches."""
    first, last = _year_range(events, years)
    labels = [_label(event, lang) for _, event in events.iterrows()]
    title_lines = 2 if lang == BOTH else 1
    top_margin = 0.3 + title_lines * 0.27 + title_lines * 0.2 + 0.2
    legend_rows = -(-(len(CATEGORIES) + 1) // 3)
    bottom_margin = 0.3 + legend_rows * (0.36 if lang == BOTH else 0.22) + 0.25
    needed = sum(label.height for label in labels)
    axes_height = min(MAX_AXES_HEIGHT, max(MIN_AXES_HEIGHT, needed * 1.35))
    height = top_margin + axes_height + bottom_margin
    figure.set_size_inches(FIG_WIDTH, height)

    ax = figure.add_axes((SIDE / FIG_WIDTH, bottom_margin / height, AX_WIDTH / FIG_WIDTH, axes_height / height))
    ax.set_xlim(0, AX_WIDTH)
    ax.set_ylim(last, first)  # earliest at the top
    per_inch = (last - first) / axes_height  # years per inch down the page

    def year_at(inches_down: float) -> float:
        return first + inches_down * per_inch

    _draw_eras(ax, lang, first, last, per_inch)
    _draw_axis(ax, lang, first, last)
    _draw_events(ax, labels, lang, first, per_inch, axes_height, highlight, year_at)
    if not labels:
        ax.text(AX_WIDTH / 2, (first + last) / 2, NO_EVENTS.in_mode(lang, "\n"),
                ha="center", va="center", fontsize=11, color="#333333")
    _draw_titles(figure, events, lang, height)
    _draw_legend(figure, lang, bottom_margin, height)
    pin_text(figure, figure.cjk_font)


def _draw_eras(ax, lang, first, last, per_inch):
    """Shaded era bands with their names in the left column."""
    width_em = ERA_TEXT_WIDTH * 72 / ERA_SIZE
    for index, era in enumerate(ERAS):
        start, end = era.decimal_years()
        top, bottom = max(start, first), min(end, last)
        if bottom <= top:
            continue
        ax.axhspan(top, bottom, facecolor=ERA_FILLS[index % 2], edgecolor="none", zorder=0)
        if first < start < last:  # a boundary line, stopping short of the labels
            ax.axhline(start, xmax=(DATE_X - 0.12) / AX_WIDTH, color="#777777", linewidth=0.7,
                       linestyle=(0, (4, 3)), zorder=0.5)
        lines = [line for code in languages(lang) for line in wrap(era.label.in_mode(code), width_em)]
        needed = len(lines) * 1.3 * ERA_SIZE / 72
        if (bottom - top) / per_inch < needed + 0.04:
            continue  # too little of this era is in view to name it legibly
        text = ax.text(ERA_TEXT_X, top + 0.04 * per_inch, "\n".join(lines), fontsize=ERA_SIZE, color="#333333",
                       va="top", ha="left", linespacing=1.3, zorder=1)
        text.set_gid(f"era-{index + 1}")


def _draw_axis(ax, lang, first, last):
    """The time axis: year labels centred on their year, anchors emphasised."""
    for name in ("top", "right", "bottom"):
        ax.spines[name].set_visible(False)
    ax.spines["left"].set_position(("data", AXIS_X))
    ax.spines["left"].set_color("#222222")
    ax.tick_params(axis="x", bottom=False, labelbottom=False)
    ticks = _year_ticks(first, last)
    ax.set_yticks([y + 0.5 for y in ticks], [str(y) for y in ticks])
    ax.tick_params(axis="y", which="major", length=0, labelsize=9, pad=5)
    # Year boundaries as one collection of short marks: matplotlib's minor
    # ticks would build a Tick object (with labels) per year on every redraw.
    boundaries = [y for y in range(int(first), int(last) + 1) if first <= y <= last]
    ax.hlines(boundaries, AXIS_X - 0.06, AXIS_X, color="#555555", linewidth=0.8, zorder=2.5)
    for label in ax.get_yticklabels():
        if int(label.get_text()) in ANCHOR_YEARS:
            label.set_fontweight("bold")
            label.set_fontsize(10)
            label.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#222222", "linewidth": 0.8})
    band = ((AXIS_X - 0.5) / AX_WIDTH, (DATE_X - 0.12) / AX_WIDTH)
    for year in ANCHOR_YEARS:
        if first <= year and year + 1 <= last:
            ax.axhspan(year, year + 1, xmin=band[0], xmax=band[1], facecolor=ANCHOR_FILL,
                       edgecolor=ANCHOR_HATCH_COLOR, hatch="////", linewidth=0, zorder=0.6, gid=f"anchor-{year}")


def _draw_events(ax, labels, lang, first, per_inch, axes_height, highlight, year_at):
    """Markers on the axis, labels in a column, leader lines between."""
    wanted = [(label.event["when"] - first) / per_inch for label in labels]
    heights = [label.height for label in labels]
    centres = spread_labels(wanted, heights, 0.02, axes_height - 0.02)
    slots = dodge_markers(wanted, 0.11)
    for label, inches, centre, slot in zip(labels, wanted, centres, slots):
        event = label.event
        category = CATEGORIES[event["category"]]
        marker_x = AXIS_X + slot * MARKER_STEP
        top = centre - label.height / 2 + LABEL_GAP / 2
        first_line = top + 0.5 * LINE_HEIGHT
        when, line_y = event["when"], year_at(first_line)
        ax.plot([marker_x, marker_x + 0.1, DATE_X - 0.3, DATE_X - 0.06], [when, when, line_y, line_y],
                color="#666666", linewidth=0.6, zorder=2, solid_capstyle="butt")
        ax.plot([marker_x], [when], marker=category.marker, markersize=9 if category.marker == "*" else 7,
                markerfacecolor=category.color, markeredgecolor="black", markeredgewidth=0.6,
                linestyle="none", zorder=4, clip_on=False, gid=f"marker-{event['id']}")
        chosen = event["id"] == highlight
        if chosen:
            ax.plot([marker_x], [when], marker="o", markersize=15, markerfacecolor="none",
                    markeredgecolor="black", markeredgewidth=1.6, linestyle="none", zorder=5, clip_on=False,
                    gid="highlight")
        weight = "bold" if event["anchor"] or chosen else "normal"
        box = {"boxstyle": "round,pad=0.25", "facecolor": "#fff3b0", "edgecolor": "black", "linewidth": 1} if chosen else None
        baseline = year_at(top + 0.76 * LINE_HEIGHT)
        ax.text(DATE_X, baseline, date_label(event, lang, short=True), fontsize=DATE_SIZE, va="baseline",
                ha="left", color="#222222", weight=weight, zorder=3, gid=f"date-{event['id']}")
        # One Text per line: exact line positions, whatever the font's metrics.
        lines = [("zh", line) for line in label.lines_zh] + [("en", line) for line in label.lines_en]
        for row, (part, line) in enumerate(lines):
            ax.text(TITLE_X, year_at(top + (row + 0.76) * LINE_HEIGHT), line, fontsize=LABEL_SIZE, va="baseline",
                    ha="left", weight=weight, bbox=box, zorder=3, gid=f"title-{part}-{event['id']}-{row}")


def _draw_titles(figure, events, lang, height):
    """The title (with the years shown) and subtitle, one line per language."""
    title = _title_with_years(events)
    y = height - 0.3
    for code in languages(lang):
        figure.text(SIDE / FIG_WIDTH, y / height, title.in_mode(code), fontsize=13, weight="bold", va="top", ha="left")
        y -= 0.27
    for code in languages(lang):
        figure.text(SIDE / FIG_WIDTH, y / height, CHART_SUBTITLE.in_mode(code), fontsize=9, va="top", ha="left",
                    color="#333333")
        y -= 0.2


def _draw_legend(figure, lang, bottom_margin, height):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    sep = "\n" if lang == BOTH else " / "
    handles = [
        Line2D([], [], marker=c.marker, markersize=9 if c.marker == "*" else 7, markerfacecolor=c.color,
               markeredgecolor="black", markeredgewidth=0.6, linestyle="none", label=c.label.in_mode(lang, sep))
        for c in CATEGORIES.values()
    ]
    handles.append(Patch(facecolor=ANCHOR_FILL, edgecolor=ANCHOR_HATCH_COLOR, hatch="////", linewidth=0,
                         label=ANCHOR_LEGEND.in_mode(lang, sep)))
    figure.legend(handles=handles, loc="upper center", ncol=3, frameon=False, fontsize=8.5,
                  bbox_to_anchor=(0.5, (bottom_margin - 0.15) / height), handlelength=1.6, columnspacing=1.6)
    figure.text(SIDE / FIG_WIDTH, 0.12 / height, CHART_FOOTER.in_mode(lang, "  "), fontsize=7.5,
                color="#444444", va="bottom", ha="left")


# --------------------------------------------------------------------------
# SVG and HTML: the chart and its table for the published book
# --------------------------------------------------------------------------

def _next_prefix(kind: str) -> str:
    """An id prefix unique in this kernel, so several inline SVGs (three
    language versions, or two explorers) never share an id on one page."""
    return f"{unique_prefix('lessons-tl')}-{kind}"


def _title_with_years(events) -> Text:
    """The chart's title and the years its events span (none if no events)."""
    if len(events) == 0:
        return CHART_TITLE
    span = f"{events['start'].min().year}–{events['start'].max().year}"
    return Text(f"{CHART_TITLE.zh}，{span}", f"{CHART_TITLE.en}, {span}")


def chart_title(events, lang: str) -> str:
    """The chart's accessible name in ``lang``."""
    return _title_with_years(events).in_mode(lang)


def chart_description(events, lang: str, years=None) -> str:
    """What the chart shows, in words: the text alternative for readers who
    cannot see it (the table below it has every detail)."""
    check_mode(lang)
    zh, en = _describe(events, years)
    return {ZH: zh, EN: en, BOTH: f"{zh}\n{en}"}[lang]


def _describe(events, years) -> tuple[str, str]:
    if len(events) == 0:
        return f"{NO_EVENTS.zh}。", f"{NO_EVENTS.en}."
    first, last = _year_range(events, years)
    count = len(events)
    start, end = events.iloc[0], events.iloc[-1]
    anchors = [(y, t) for y, t in ANCHOR_YEARS.items() if first <= y < last]
    eras = [e for e in ERAS if e.overlaps(first, last)]
    kinds = [CATEGORIES[c] for c in CATEGORIES if c in set(events["category"])]

    def era_years(era):
        begin = era.start[:4]
        return (f"{begin}–{era.end[:4]}", f"{begin}–{era.end[:4]}") if era.end else (f"{begin}年起", f"from {begin}")

    zh = [f"直式時間軸，由上而下依時間排列{count}個中俄關係大事，"
          f"從{date_label(start, ZH)}到{date_label(end, ZH)}。"]
    en = [f"A vertical timeline of {count} key events in China–Russia relations, earliest at the top, "
          f"from {date_label(start, EN)} to {date_label(end, EN)}."]
    if anchors:
        zh.append("摘要涉及的關鍵年份以粗體加框的年份與斜線底紋標示：" +
                  "、".join(f"{y}年（{t.zh}）" for y, t in anchors) + "。")
        en.append("The anchor years the brief turns on stand out with bold, boxed year labels and hatched bands: " +
                  _join_en([f"{y} ({t.en})" for y, t in anchors]) + ".")
    if eras:
        zh.append("底色分段標示時期：" + "；".join(f"{e.label.zh}（{era_years(e)[0]}）" for e in eras) + "。")
        en.append("Shaded bands mark eras: " +
                  "; ".join(f"{e.label.en[0].lower() + e.label.en[1:]} ({era_years(e)[1]})" for e in eras) + ".")
    zh.append("標記形狀代表類別：" + "，".join(f"{k.shape.zh}為{k.label.zh}" for k in kinds) + "。")
    en.append("Marker shapes show each event's category: " + "; ".join(f"{k.shape.en}, {k.label.en}" for k in kinds) + ".")
    zh.append("下表列出每一事件的日期、說明與資料來源。")
    en.append("The table below lists every event with its date, description and source.")
    return "".join(zh), " ".join(en)


def _join_en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def figure_svg(figure, id_prefix: str | None = None) -> str:
    """The chart as an inline ``<svg>`` element for an HTML page.

    Text stays text (the reader's fonts render Chinese); every id is
    prefixed so several charts can share a page; ``role="img"`` with a
    ``<title>`` and ``<desc>`` gives screen readers a text alternative.
    """
    lang = getattr(figure, "lang", BOTH)
    prefix = id_prefix or _next_prefix(lang)
    svg = inline_svg(_matplotlib_svg(figure, prefix), prefix)
    events = getattr(figure, "events", None)
    title = chart_title(events, lang) if events is not None else CHART_TITLE.in_mode(lang)
    desc = chart_description(events, lang, figure.years) if events is not None else ""
    attributes = {"class": "lessons-timeline-chart"} | ({"lang": lang} if lang != BOTH else {})
    return describe_svg(svg, title=title, desc=desc, attributes=attributes)


def _matplotlib_svg(figure, salt: str) -> str:
    """matplotlib's SVG of ``figure``, text kept as text (see :func:`chart_rc`)."""
    import matplotlib

    buffer = StringIO()
    with matplotlib.rc_context(chart_rc(salt=salt)), _missing_glyphs_allowed(figure):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


@contextlib.contextmanager
def _missing_glyphs_allowed(figure):
    """Without a CJK font here, matplotlib warns that Chinese glyphs are
    missing while it measures text. An SVG keeps the text as text and the
    reader's fonts render it, so only then is the warning harmless."""
    with warnings.catch_warnings():
        if getattr(figure, "cjk_font", "unknown") is None:
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        yield


def save_figure(figure, path, **savefig_kwargs) -> Path:
    """Save the chart to a file (``.svg``, ``.png`` or ``.pdf``).

    A PNG or PDF needs an installed CJK font, or Chinese would be empty
    boxes; without one this raises :class:`CJKFontMissing` naming what to
    install. An SVG keeps text as text, whatever is installed.
    """
    import matplotlib

    path = Path(path)
    if path.suffix.lower() != ".svg":
        require_cjk_font()
    with matplotlib.rc_context(chart_rc()), _missing_glyphs_allowed(figure):
        figure.savefig(path, **savefig_kwargs)
    return path


def figure_html(figure, id_prefix: str | None = None) -> str:
    """The chart as an HTML ``<figure>``: inline SVG and a caption."""
    lang = getattr(figure, "lang", BOTH)
    caption = _lang_html(Text(f"{CHART_TITLE.zh}。下表列出每一事件的資料來源。",
                              f"{CHART_TITLE.en}. The table below gives each event's source."), lang)
    return (f'<figure class="lessons-timeline-figure">{figure_svg(figure, id_prefix)}'
            f"<figcaption>{caption}</figcaption></figure>")


def _lang_html(text: Text, lang: str, tag: str = "span", sep: str = " ") -> str:
    """Escaped text for ``lang``: one element per language, each with ``lang``.

    Not :func:`lessons.bilingual.html_pair`: that writes both languages and
    lets the page's CSS hide one, while here the language is fixed by the
    caller: each of the book's three timeline versions holds only its own
    language(s), and the live explorer (no page CSS in JupyterLab) shows
    the kernel's mode.
    """
    return sep.join(f'<{tag} lang="{code}">{html.escape(text.in_mode(code))}</{tag}>' for code in languages(lang))


TABLE_CAPTION = Text(
    "大事年表：每一事件的日期、說明與資料來源（背景補充，非摘要原文；日期只精確到來源所能確認的程度）",
    "Key events: the date, description and source of each (context added by the course, not from the brief; "
    "dates only as precise as the sources allow)",
)
TABLE_HEADERS = (Text("日期", "Date"), Text("事件", "Event"), Text("說明", "Description"), Text("資料來源", "Source"))
ANCHOR_NOTE = Text("摘要關鍵年份", "anchor year in the brief")


def events_table_html(events, lang: str) -> str:
    """An accessible HTML table of ``events`` in ``lang``: caption, column
    headers, and every cell's language marked."""
    check_mode(lang)
    sep = "<br>"
    head = "".join(f'<th scope="col">{_lang_html(h, lang, sep=sep)}</th>' for h in TABLE_HEADERS)
    rows = []
    for _, event in events.iterrows():
        dates = (f'<time datetime="{event["date"]}">{_lang_html(Text(date_label(event, ZH), date_label(event, EN)), lang, sep=sep)}</time>')
        title = _lang_html(event_text(event, "title"), lang, "strong" if event["anchor"] else "span", sep)
        if event["anchor"]:
            title += f' <span class="lessons-timeline-anchor">({_lang_html(ANCHOR_NOTE, lang, sep=" / ")})</span>'
        described = _lang_html(event_text(event, "description"), lang, sep=sep)
        source = f'<cite lang="{lang_of(event["source"])}">{html.escape(event["source"])}</cite>'
        rows.append(f'<tr id="event-{lang}-{event["id"]}"><td>{dates}</td><td>{title}</td>'
                    f"<td>{described}</td><td>{source}</td></tr>")
    lang_attr = f' lang="{lang}"' if lang != BOTH else ""
    return (f'<table class="lessons-timeline-table"{lang_attr}><caption>{_lang_html(TABLE_CAPTION, lang, sep=sep)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def static_html(events=None) -> str:
    """The book's rendering: for each language mode, the chart and its table
    in an element the page's CSS shows only in that mode (no JavaScript)."""
    events = load_events() if events is None else events
    parts, figure = [], None
    for mode in MODES:
        figure = plot_timeline(events, mode, figure=figure)
        lang_attr = f' lang="{mode}"' if mode != BOTH else ""
        parts.append(f'<div class="lessons-timeline bl-mode-{mode}"{lang_attr}>'
                     f"{figure_html(figure, _next_prefix(mode))}{events_table_html(events, mode)}</div>")
    return '<div class="lessons-timeline-static">' + "".join(parts) + "</div>"


# --------------------------------------------------------------------------
# The live explorer
# --------------------------------------------------------------------------

CATEGORY_GLYPHS = {"o": "●", "s": "■", "D": "◆", "^": "▲", "v": "▼", "*": "★"}
UI = {
    "years": Text("年份", "Years"),
    "event": Text("事件", "Event"),
    "categories": Text("類別", "Categories"),
    "choose": Text("（選擇一個事件）", "(choose an event)"),
    "prompt": Text("選擇一個事件，查看說明與資料來源。", "Choose an event to see its description and source."),
    "source": Text("資料來源：", "Source: "),
}


class Explorer:
    """The timeline for class: pick the language (shared with the lesson's
    quizzes through :data:`lessons.bilingual.current`), filter categories,
    narrow the years, and select an event to see its description and source.

    Widgets (for code and tests): ``language``, ``categories`` (id ->
    Checkbox), ``years``, ``event``, ``details``, ``chart``; the drawn
    matplotlib ``figure``; ``widget``, the whole box. Displayed in a
    notebook, the MIME bundle carries the live widget and, for the published
    book, :func:`static_html`.
    """

    def __init__(self, events=None, state=None):
        import ipywidgets as widgets

        self.events = events if _is_frame(events) else load_events(events)
        self.state = state or current
        self.figure = None
        self.last_redraw_seconds = None
        self._prefix = _next_prefix("live")
        self._static = None
        self._quiet = False
        first, last = int(self.events["start"].dt.year.min()), int(self.events["start"].dt.year.max())
        present = [c for c in CATEGORIES if c in set(self.events["category"])]
        self.language = language_control(self.state)
        self.categories = {c: widgets.Checkbox(value=True, indent=False, layout={"width": "auto"}) for c in present}
        self.years = widgets.IntRangeSlider(value=(first, last), min=first, max=last,
                                            step=1, continuous_update=False, style={"description_width": "initial"},
                                            layout={"width": "32rem"})
        self.event = widgets.Dropdown(options=[], style={"description_width": "initial"}, layout={"width": "42rem"})
        self.details = widgets.HTML()
        self.chart = widgets.HTML()
        self.category_label = widgets.HTML()
        self.widget = widgets.VBox([
            self.language,
            widgets.HBox([self.category_label, *self.categories.values()], layout={"flex_flow": "row wrap"}),
            self.years, self.event, self.details, self.chart,
        ])
        # Classes give pages and tests a stable handle on the parts.
        self.widget.add_class("lessons-timeline-explorer")
        self.chart.add_class("lessons-timeline-live-chart")
        self.details.add_class("lessons-timeline-live-details")
        for box in self.categories.values():
            box.observe(self._on_filter, names="value")
        self.years.observe(self._on_filter, names="value")
        self.event.observe(self._on_select, names="value")
        self.state.observe(self._on_mode, names="mode")
        self._relabel()
        self.redraw()

    # What is shown ---------------------------------------------------------

    @property
    def mode(self) -> str:
        return self.state.mode

    def shown_events(self):
        """The events that pass the category and year filters."""
        chosen = [c for c, box in self.categories.items() if box.value]
        return select_events(self.events, chosen, self.years.value)

    def redraw(self):
        """Draw the chart again into the same figure (no new Figure)."""
        start = time.perf_counter()
        self.figure = plot_timeline(self.shown_events(), self.mode, years=self.years.value,
                                    highlight=self.event.value, figure=self.figure)
        self.chart.value = figure_html(self.figure, self._prefix)
        self.last_redraw_seconds = time.perf_counter() - start

    # Callbacks ---------------------------------------------------------------

    def _on_filter(self, change):
        if not self._quiet:
            self._refresh_events()
            self.redraw()

    def _on_select(self, change):
        if not self._quiet:
            self._show_details()
            self.redraw()

    def _on_mode(self, change):
        self._relabel()
        self.redraw()

    def _relabel(self):
        """Every control's text in the current mode."""
        mode = self.mode
        self.category_label.value = f"<b>{_lang_html(UI['categories'], mode)}</b>"
        for category, box in self.categories.items():
            kind = CATEGORIES[category]
            box.description = f"{CATEGORY_GLYPHS[kind.marker]} {kind.label.in_mode(mode, ' ')}"
        self.years.description = UI["years"].in_mode(mode, " ")
        self.event.description = UI["event"].in_mode(mode, " ")
        self._refresh_events()

    def _refresh_events(self):
        """The selector lists the events shown; a hidden event is deselected."""
        mode, chosen = self.mode, self.event.value
        options = [(UI["choose"].in_mode(mode, " "), None)]
        for _, event in self.shown_events().iterrows():
            options.append((f"{date_label(event, mode, short=True)} · {event_text(event, 'title').in_mode(mode)}", event["id"]))
        self._quiet = True
        try:
            self.event.options = options
            self.event.value = chosen if chosen in {value for _, value in options} else None
        finally:
            self._quiet = False
        self._show_details()

    def _show_details(self):
        mode, chosen = self.mode, self.event.value
        if chosen is None:
            self.details.value = f'<p class="lessons-timeline-details">{_lang_html(UI["prompt"], mode)}</p>'
            return
        event = self.events[self.events["id"] == chosen].iloc[0]
        blocks = []
        for code in languages(mode):
            title = event_text(event, "title").in_mode(code)
            blocks.append(
                f'<p lang="{code}"><strong>{html.escape(date_label(event, code))}　{html.escape(title)}</strong><br>'
                f'{html.escape(event_text(event, "description").in_mode(code))}<br>'
                f'{html.escape(UI["source"].in_mode(code))}<cite lang="{lang_of(event["source"])}">'
                f'{html.escape(event["source"])}</cite></p>')
        self.details.value = f'<div class="lessons-timeline-details">{"".join(blocks)}</div>'

    # Display -----------------------------------------------------------------

    def static_html(self) -> str:
        """The published book's rendering of all events (computed once)."""
        if self._static is None:
            self._static = static_html(self.events)
        return self._static

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = self.widget._repr_mimebundle_()
        data["text/plain"] = f"Timeline explorer: {len(self.events)} events"
        data["text/html"] = self.static_html()
        return data

    def close(self):
        """Stop following the language and close the widgets."""
        self.state.unobserve(self._on_mode, names="mode")
        for child in (self.language, *self.categories.values(), self.years, self.event,
                      self.details, self.chart, self.category_label, self.widget):
            child.close()


def _is_frame(value) -> bool:
    return value is not None and hasattr(value, "iterrows")


def explorer(events=None, state=None) -> Explorer:
    """The live timeline explorer (see :class:`Explorer`); ``events`` is a
    DataFrame from :func:`load_events` or a path (default: the book's file)."""
    return Explorer(events, state)
