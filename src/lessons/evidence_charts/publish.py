"""The evidence charts on a page: the chart as accessible inline SVG
(:func:`chart_svg`), a ``<figure>`` with its caption (:func:`figure_html`),
the table equal to the data with every source a link (:func:`table_html`),
and the published book's rendering of both (:func:`static_html`).
"""

from __future__ import annotations

import html
import re
from io import StringIO

from markupsafe import Markup

from ..bilingual import BOTH, EN, MODES, ZH, Text, pair
from ..svg import describe_svg, inline_svg, unique_prefix
from .data import as_of, known, load
from .drawing import CURRENT_COLOR, INK, chart_rc
from .specs import CHARTS, plot

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


def _source_lang(value: str) -> str:
    from ..bilingual import has_chinese

    return ZH if has_chinese(value) and not value.isascii() else EN


#: The long columns (notes, sources): small type on screen, left out on
#: paper (print.css), where they squeezed a lesson's handout to 87 pages of
#: tables a character wide; the printed table says where they are.
WIDE = "lessons-evidence-wide"
PRINTED_WITHOUT = Text("每一列的附註與資料來源，見本課網頁上的資料表。",
                       "Each row's notes and sources are in the table on the lesson's web page.")

#: A date cell (1997-01-10, 2011-04, 2015): kept on one line in the table.
DATE_CELL = re.compile(r"\d{4}(-\d{2}){0,2}$")


def table_html(name: str, frame=None, lang: str | None = None) -> Markup:
    """An accessible table of every row of ``frame``: caption, column headers,
    each cell's language marked, empty cells left empty ("not verified")."""
    chart = CHARTS[known(name)]
    frame = load(name) if frame is None else frame
    wide = f' class="{WIDE}"'
    head = "".join(f'<th scope="col"{wide if c.wide else ""}>{pair(c.header, mode=lang, sep=" ")}</th>' for c in chart.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in chart.columns:
            value = column.cell(row)
            if isinstance(value, Text):
                content = pair(value, mode=lang, sep=" ") if value.zh != value.en else html.escape(value.en)
            else:
                text = column.as_html(value) if column.as_html else html.escape(value)
                content = f'<span lang="{_source_lang(value)}">{text}</span>' if value else ""
            kind = WIDE if column.wide else "lessons-evidence-date" if DATE_CELL.match(str(value)) else ""
            cells.append(f'<td class="{kind}">{content}</td>' if kind else f"<td>{content}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = Text(f"{chart.title.zh}：資料表（背景補充，非摘要原文；空白＝未核實）",
                   f"{chart.title.en}: the data (context, not from the brief; empty cell = not verified)")
    lang_attr = f' lang="{lang}"' if lang in (ZH, EN) else ""
    return Markup(f'<div class="lessons-evidence-table-wrap" tabindex="0" role="region" aria-label="'
                  f'{html.escape(caption.in_mode(lang or BOTH))}" style="overflow-x: auto">'
                  # The timeline's table styles: caption, borders, and cards instead of columns on a phone.
                  f'<table class="lessons-timeline-table lessons-evidence-table"{lang_attr}>'
                  f"<caption>{pair(caption, mode=lang, sep=' ')}</caption><thead><tr>{head}</tr></thead>"
                  f"<tbody>{''.join(rows)}</tbody></table>"
                  # Hidden inline (notebooks have no course CSS); print.css shows it.
                  f'<p class="lessons-print-only" style="display: none">{pair(PRINTED_WITHOUT, mode=lang, sep=" ")}</p></div>')


def figure_html(name: str, frame=None, lang: str = BOTH, id_prefix: str | None = None) -> Markup:
    """The chart in ``lang`` as an HTML ``<figure>``: SVG, then a caption with
    its title, what it shows after the brief ("as of"), and its sources."""
    chart = CHARTS[known(name)]
    frame = load(name) if frame is None else frame
    prefix = id_prefix or unique_prefix(f"lessons-ev-{name}-")
    figure = plot(name, frame, lang)
    description = chart.describe(frame).in_mode(lang, "\n") if chart.describe else ""
    svg = chart_svg(figure, prefix, chart.title.in_mode(lang), description, lang)
    day = as_of(name)
    as_of_text = Text(f"資料截至{day}。", f"Data as of {day}.")
    caption = Text(f"{chart.title.zh}。{as_of_text.zh}{chart.sources.zh}",
                   f"{chart.title.en}. {as_of_text.en} {chart.sources.en}")
    return Markup(f'<figure class="lessons-evidence-figure" style="margin: 1rem 0">{svg}'
                  f"<figcaption>{pair(caption, mode=lang, sep='<br>')}</figcaption></figure>")


def static_html(name: str, frame=None) -> Markup:
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
    table = (f'<details class="lessons-evidence-data"><summary>{pair(summary)}</summary>'
             f"{table_html(name, frame)}</details>")
    return Markup(f'<div class="lessons-evidence lessons-evidence-{name}">{"".join(parts)}{table}</div>')

