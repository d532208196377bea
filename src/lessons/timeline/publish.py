"""The timeline in the published book: for each language mode, the chart
and an accessible table of the events (date, description, source, its
sites linked), in an element the page's CSS shows only in that mode (no
JavaScript needed). The live explorer shows the same table for the events
its filters leave.
"""

from __future__ import annotations

from markupsafe import Markup

from ..bilingual import BOTH, EN, MODES, ZH, Text, check_mode, pair
from ..events import load_events
from .chart import figure_html, next_prefix, plot_timeline
from .sources import source_html
from .words import date_label, event_text

TABLE_CAPTION = Text(
    "大事年表：每一事件的日期、說明與資料來源（背景補充，非摘要原文；日期只精確到來源所能確認的程度）",
    "Key events: the date, description and source of each (context added by the course, not from the brief; "
    "dates only as precise as the sources allow)",
)
TABLE_HEADERS = (Text("日期", "Date"), Text("事件", "Event"), Text("說明", "Description"), Text("資料來源", "Source"))
ANCHOR_NOTE = Text("摘要關鍵年份", "anchor year in the brief")


def events_table_html(events, lang: str) -> Markup:
    """An accessible HTML table of ``events`` in ``lang``: caption, column
    headers, and every cell's language marked."""
    check_mode(lang)
    sep = "<br>"
    head = "".join(f'<th scope="col">{pair(h, mode=lang, sep=sep)}</th>' for h in TABLE_HEADERS)
    rows = []
    for _, event in events.iterrows():
        dates = (f'<time datetime="{event["date"]}">{pair(Text(date_label(event, ZH), date_label(event, EN)), mode=lang, sep=sep)}</time>')
        title = pair(event_text(event, "title"), "strong" if event["anchor"] else "span", mode=lang, sep=sep)
        if event["anchor"]:
            title += Markup(f' <span class="lessons-timeline-anchor">({pair(ANCHOR_NOTE, mode=lang, sep=" / ")})</span>')
        described = pair(event_text(event, "description"), mode=lang, sep=sep)
        source = source_html(event["source"])
        rows.append(f'<tr id="event-{lang}-{event["id"]}"><td>{dates}</td><td>{title}</td>'
                    f"<td>{described}</td><td>{source}</td></tr>")
    lang_attr = f' lang="{lang}"' if lang != BOTH else ""
    return Markup(f'<table class="lessons-timeline-table"{lang_attr}><caption>{pair(TABLE_CAPTION, mode=lang, sep=sep)}</caption>'
                  f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def static_html(events=None) -> Markup:
    """The book's rendering: for each language mode, the chart and its table
    in an element the page's CSS shows only in that mode (no JavaScript)."""
    events = load_events() if events is None else events
    parts, figure = [], None
    for mode in MODES:
        figure = plot_timeline(events, mode, figure=figure)
        lang_attr = f' lang="{mode}"' if mode != BOTH else ""
        parts.append(f'<div class="lessons-timeline bl-mode-{mode}"{lang_attr}>'
                     f"{figure_html(figure, next_prefix(mode))}{events_table_html(events, mode)}</div>")
    return Markup(f'<div class="lessons-timeline-static">{"".join(parts)}</div>')

