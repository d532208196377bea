"""Wide tables and charts scroll inside themselves, never the page.

A table a cell prints (a pandas DataFrame) can be wider than a phone, and a
chart shrunk to a phone's width has text too small to read. Each goes into
a container that scrolls sideways on its own (on a phone, lessons.css lets
a chart take the width at which its smallest text is 11 px, worked out
here from the SVG, and scroll there); the container is named and reachable
with the keyboard (axe's scrollable-region rule), so a reader who cannot
swipe can still scroll it. The timeline's chart is not wrapped: on a phone
its events table stands in for it.

A DataFrame's cells carry no language; each cell with text gets the ``lang``
of what it says (Chinese or English), so a screen reader voices it right
whatever the page's language mode.

On a phone the course's own tables (timeline, evidence, data dictionaries)
become one card per row; each cell then carries its column's heading,
in both languages for the page's switch, so "abstained" still says whose
vote it was. The label is aria-hidden: screen readers already get the
headings from the table itself.
"""

from __future__ import annotations

import math
import re

from ..bilingual import has_chinese

#: Smallest chart text a phone reader gets, in CSS pixels (issue 15).
MIN_TEXT_PX = 11
VIEW_BOX_WIDTH = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"')
FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")

OUTPUT_TABLE = re.compile(r'(<table[^>]*\bclass="[^"]*\bdataframe\b[^"]*"[^>]*>.*?</table>)', re.DOTALL)
OUTPUT_CHART = re.compile(r'(<svg role="img"(?![^>]*lessons-timeline-chart)[^>]*>.*?</svg>)', re.DOTALL)
TABLE_WRAPPER = '<div class="lessons-scroll" role="region" tabindex="0" aria-label="表格（可左右捲動）Table (scrolls sideways)">'
CHART_LABEL = 'aria-label="圖表（可左右捲動）Chart (scrolls sideways)"'


def legible_width(svg: str) -> int | None:
    """CSS pixels at which the chart's smallest text is MIN_TEXT_PX, or None
    if the SVG says neither its width nor its text sizes."""
    width = VIEW_BOX_WIDTH.search(svg)
    sizes = [float(size) for size in FONT_SIZE.findall(svg) if float(size) > 0]
    if not width or not sizes:
        return None
    return math.ceil(float(width.group(1)) * MIN_TEXT_PX / min(sizes))


def chart_wrapper(svg: str) -> str:
    width = legible_width(svg)
    style = f' style="--lessons-chart-width: {width}px"' if width else ""
    return f'<div class="lessons-scroll lessons-chart-scroll" role="region" tabindex="0" {CHART_LABEL}{style}>'


def _wrap(pattern: re.Pattern, wrapper_for, text: str) -> str:
    def wrap(match: re.Match) -> str:
        wrapper = wrapper_for(match.group(1))
        already = text[max(0, match.start() - len(wrapper)) : match.start()] == wrapper
        return match.group(1) if already else wrapper + match.group(1) + "</div>"

    return pattern.sub(wrap, text)


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLAIN_CELL = re.compile(r"<(td|th)>([^<]+)</\1>")


def cell_lang(match: re.Match) -> str:
    tag, content = match.groups()
    lang = "zh-Hant" if has_chinese(content) else "en" if LATIN_WORD.search(content) else None
    return f'<{tag} lang="{lang}">{content}</{tag}>' if lang else match.group(0)


def mark_cell_languages(text: str) -> str:
    """Each text cell of each DataFrame table says its language."""
    return OUTPUT_TABLE.sub(lambda table: PLAIN_CELL.sub(cell_lang, table.group(1)), text)


COURSE_TABLE = re.compile(r'<table class="lessons-timeline-table[^"]*"[^>]*>.*?</table>', re.DOTALL)
HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
BODY_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)</tr>", re.DOTALL)
BODY_CELL = re.compile(r"(<(td|th)\b[^>]*>)(.*?)(</\2>)", re.DOTALL)
CELL_LABEL = '<span class="lessons-cell-label" aria-hidden="true">'


def label_row(row: re.Match, headings: list[str]) -> str:
    cells = iter(headings)

    def label(cell: re.Match) -> str:
        heading = next(cells, None)
        if heading is None or cell.group(3).startswith(CELL_LABEL):
            return cell.group(0)
        return f"{cell.group(1)}{CELL_LABEL}{heading}</span>{cell.group(3)}{cell.group(4)}"

    return f"{row.group(1)}{BODY_CELL.sub(label, row.group(2))}</tr>"


def label_table(table: re.Match) -> str:
    """Each body cell of one course table starts with its column's heading."""
    text = table.group(0)
    head_end = text.find("</thead>")
    if head_end < 0:
        return text
    headings = [cell.strip() for cell in HEAD_CELL.findall(text[:head_end])]
    body = BODY_ROW.sub(lambda row: label_row(row, headings), text[head_end:])
    return text[:head_end] + body


def label_card_cells(text: str) -> str:
    return COURSE_TABLE.sub(label_table, text)


DICTIONARY = re.compile(r'<table class="lessons-timeline-table lessons-data-dictionary"[^>]*>.*?</table>', re.DOTALL)
IDENTIFIER = re.compile(r"<code>([A-Za-z0-9_]+_[A-Za-z0-9_]+)</code>")


def breakable_identifiers(text: str) -> str:
    """A column name in a data dictionary may break after an underscore and
    nowhere else: "title_z/h" read as two words (lessons.css keeps code whole)."""
    def soften(table: re.Match) -> str:
        return IDENTIFIER.sub(lambda code: "<code>" + code.group(1).replace("_", "_<wbr>") + "</code>", table.group(0))

    return DICTIONARY.sub(soften, text)


def wrap_wide_content(text: str, page: str) -> str:
    text = breakable_identifiers(label_card_cells(mark_cell_languages(text)))
    text = _wrap(OUTPUT_TABLE, lambda table: TABLE_WRAPPER, text)
    return _wrap(OUTPUT_CHART, chart_wrapper, text)


#: After the worksheets join the body (handouts, default 500): they are wrapped too.
LAYOUT_PRIORITY = 600


def wrap_page_body(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: everything wrapped lies in the page's body (cell
    outputs and the course's tables), so the body is changed before the theme
    writes it, not the written file afterwards."""
    if context.get("body"):
        context["body"] = wrap_wide_content(context["body"], pagename)


def setup_layout(app) -> None:
    app.connect("html-page-context", wrap_page_body, priority=LAYOUT_PRIORITY)
