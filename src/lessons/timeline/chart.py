"""The timeline chart: events drawn on a vertical time axis with eras,
anchor years and a legend, and the chart as SVG for a page or a file.

:func:`plot_timeline` returns a matplotlib Figure, built with
``matplotlib.figure.Figure`` inside ``rc_context``: pyplot and the caller's
settings are never touched. :func:`chart_svg` / :func:`figure_html` render it
through :func:`lessons.svg.figure_svg` (text kept as text, so the reader's
fonts render Chinese) with an accessible title and description in words.
Everything users see is derived from the events file; nothing here repeats
an event, date or source.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from ..bilingual import BOTH, EN, ZH, Text, check_mode, pair
from ..events import ANCHOR_YEARS, CATEGORIES, decimal_year, select_events
from ..svg import CJK_FONTS, LATIN_FONT, SVG_RC, figure_svg, installed_cjk_font, pin_text, unique_prefix
from ..svg import save_figure as save_svg_figure
from .layout import (
    AX_WIDTH,
    AXIS_X,
    DATE_SIZE,
    DATE_X,
    ERA_SIZE,
    ERA_TEXT_WIDTH,
    ERA_TEXT_X,
    FIG_WIDTH,
    FOOTER_LINE,
    LABEL_GAP,
    LABEL_SIZE,
    LINE_HEIGHT,
    MARKER_STEP,
    MAX_AXES_HEIGHT,
    MIN_AXES_HEIGHT,
    MIN_TEXT_SIZE,
    SIDE,
    TITLE_X,
    dodge_markers,
    label_for,
    spread_labels,
    year_range,
    year_ticks,
)
from .words import date_label, languages, wrap

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


ANCHOR_FILL, ANCHOR_HATCH_COLOR = "#f7dfb5", "#a86a14"
ERA_FILLS = ("#f2f2f2", "#e4e4e4")


def chart_rc(salt: str = "lessons-timeline") -> dict:
    """matplotlib settings for the chart, applied only inside ``rc_context``
    (drawing and rendering): text kept as text and never mathtext
    (:data:`lessons.svg.SVG_RC`); the salt makes the SVG's generated ids
    reproducible and distinct per figure."""
    return {
        **SVG_RC,
        "font.family": ["sans-serif"],
        "font.sans-serif": [*CJK_FONTS, LATIN_FONT],
        "font.size": 9,
        "svg.hashsalt": salt,
        "hatch.linewidth": 0.6,
    }


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
            return figure_html(self, id_prefix=next_prefix(f"fig-{self.lang}"))

    return TimelineFigure


def plot_timeline(events, lang: str = BOTH, *, years=None, highlight: str | None = None, categories=None,
                  figure=None):
    """Draw ``events`` (from :func:`lessons.events.load_events`) on a vertical time axis.

    ``lang`` is ``"zh-Hant"``, ``"en"`` or ``"both"``; ``years`` = (first,
    last) narrows the axis and titles the chart with those years;
    ``highlight`` is an event id to ring and box; ``categories`` (ids of
    :data:`lessons.events.CATEGORIES`, default all) are the ones the legend
    lists, so a filtered chart explains only what it can show; ``figure`` is
    a figure from an earlier call to draw into again (faster than a new one).
    Returns the matplotlib Figure; no global state changes.
    """
    import matplotlib

    check_mode(lang)
    categories = list(CATEGORIES) if categories is None else [c for c in CATEGORIES if c in set(categories)]
    if years is not None:
        events = select_events(events, years=years)
    font = installed_cjk_font()
    with matplotlib.rc_context(chart_rc()):
        if figure is None:
            figure = _figure_class()(figsize=(FIG_WIDTH, 10))
        else:
            figure.clear()
        figure.lang, figure.events, figure.years, figure.categories = lang, events, years, categories
        figure.cjk_font = font
        _draw(figure, events, lang, years, highlight, categories)
    return figure


def _draw(figure, events, lang, years, highlight, categories):
    """Lay out and draw everything; sizes are in inches."""
    first, last = year_range(events, years)
    labels = [label_for(event, lang) for _, event in events.iterrows()]
    title_lines = 2 if lang == BOTH else 1
    top_margin = 0.3 + title_lines * 0.27 + title_lines * 0.2 + 0.2
    legend_rows = -(-(len(categories) + 1) // 3)
    footer_lines = 2 if lang == BOTH else 1
    bottom_margin = 0.3 + legend_rows * (0.4 if lang == BOTH else 0.24) + 0.1 + footer_lines * FOOTER_LINE
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
    _draw_titles(figure, _title_with_years(events, years), lang, height)
    _draw_legend(figure, lang, bottom_margin, height, categories)
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
    ticks = year_ticks(first, last)
    ax.set_yticks([y + 0.5 for y in ticks], [str(y) for y in ticks])
    ax.tick_params(axis="y", which="major", length=0, labelsize=MIN_TEXT_SIZE, pad=5)
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


def _draw_titles(figure, title, lang, height):
    """The title (with the years shown) and subtitle, one line per language."""
    y = height - 0.3
    for code in languages(lang):
        figure.text(SIDE / FIG_WIDTH, y / height, title.in_mode(code), fontsize=13, weight="bold", va="top", ha="left")
        y -= 0.27
    for code in languages(lang):
        figure.text(SIDE / FIG_WIDTH, y / height, CHART_SUBTITLE.in_mode(code), fontsize=MIN_TEXT_SIZE, va="top", ha="left",
                    color="#333333")
        y -= 0.2


def _draw_legend(figure, lang, bottom_margin, height, categories):
    """The legend of the categories shown (and the anchor years), and the footer."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    sep = "\n" if lang == BOTH else " / "
    handles = [
        Line2D([], [], marker=c.marker, markersize=9 if c.marker == "*" else 7, markerfacecolor=c.color,
               markeredgecolor="black", markeredgewidth=0.6, linestyle="none", label=c.label.in_mode(lang, sep))
        for c in (CATEGORIES[category] for category in categories)
    ]
    handles.append(Patch(facecolor=ANCHOR_FILL, edgecolor=ANCHOR_HATCH_COLOR, hatch="////", linewidth=0,
                         label=ANCHOR_LEGEND.in_mode(lang, sep)))
    figure.legend(handles=handles, loc="upper center", ncol=3, frameon=False, fontsize=MIN_TEXT_SIZE,
                  bbox_to_anchor=(0.5, (bottom_margin - 0.15) / height), handlelength=1.6, columnspacing=1.6)
    figure.text(SIDE / FIG_WIDTH, 0.12 / height, CHART_FOOTER.in_mode(lang, "\n"), fontsize=MIN_TEXT_SIZE,
                color="#444444", va="bottom", ha="left", linespacing=1.25)


# --------------------------------------------------------------------------
# The chart in words: its accessible name and description
# --------------------------------------------------------------------------

def next_prefix(kind: str) -> str:
    """An id prefix unique in this kernel, so several inline SVGs (three
    language versions, or two explorers) never share an id on one page."""
    return f"{unique_prefix('lessons-tl')}-{kind}"


def _title_with_years(events, years=None) -> Text:
    """The chart's title and its years: ``years`` (first, last) where the
    axis was narrowed to them, else the years its events span (none if no events)."""
    if years is not None:
        span = f"{int(years[0])}–{int(years[1])}"
    elif len(events) == 0:
        return CHART_TITLE
    else:
        span = f"{events['start'].min().year}–{events['start'].max().year}"
    return Text(f"{CHART_TITLE.zh}，{span}", f"{CHART_TITLE.en}, {span}")


def chart_title(events, lang: str, years=None) -> str:
    """The chart's accessible name in ``lang`` (the title drawn on it)."""
    return _title_with_years(events, years).in_mode(lang)


def chart_description(events, lang: str, years=None) -> str:
    """What the chart shows, in words: the text alternative for readers who
    cannot see it (the table below it has every detail)."""
    check_mode(lang)
    zh, en = _describe(events, years)
    return {ZH: zh, EN: en, BOTH: f"{zh}\n{en}"}[lang]


def _describe(events, years) -> tuple[str, str]:
    if len(events) == 0:
        return f"{NO_EVENTS.zh}。", f"{NO_EVENTS.en}."
    first, last = year_range(events, years)
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



# --------------------------------------------------------------------------
# The chart as SVG: on a page, or in a file
# --------------------------------------------------------------------------


def chart_svg(figure, id_prefix: str | None = None) -> str:
    """The chart as an inline ``<svg>`` element for an HTML page.

    Every id is prefixed so several charts can share a page; ``role="img"``
    with a ``<title>`` and ``<desc>`` gives screen readers a text alternative.
    """
    lang = getattr(figure, "lang", BOTH)
    events = getattr(figure, "events", None)
    title = chart_title(events, lang, figure.years) if events is not None else CHART_TITLE.in_mode(lang)
    desc = chart_description(events, lang, figure.years) if events is not None else ""
    attributes = {"class": "lessons-timeline-chart"} | ({"lang": lang} if lang != BOTH else {})
    return figure_svg(figure, id_prefix or next_prefix(lang), title=title, desc=desc, attributes=attributes,
                      rc=chart_rc())


def figure_html(figure, id_prefix: str | None = None) -> Markup:
    """The chart as an HTML ``<figure>``: inline SVG and a caption."""
    lang = getattr(figure, "lang", BOTH)
    caption = pair(Text(f"{CHART_TITLE.zh}。下表列出每一事件的資料來源。",
                             f"{CHART_TITLE.en}. The table below gives each event's source."), mode=lang, sep=" ")
    return Markup(f'<figure class="lessons-timeline-figure">{chart_svg(figure, id_prefix)}'
                  f"<figcaption>{caption}</figcaption></figure>")


def save_figure(figure, path, **savefig_kwargs) -> Path:
    """Save the chart to a file (``.svg``, ``.png`` or ``.pdf``); a PNG or
    PDF needs an installed CJK font (see :func:`lessons.svg.save_figure`)."""
    return save_svg_figure(figure, path, rc=chart_rc(), **savefig_kwargs)
