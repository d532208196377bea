"""Where things go on the chart, in inches: sizes, label blocks stacked
without overlap, markers side by side, the year range and its ticks.

All computed, so a redraw needs no trial renders; nothing here draws.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..bilingual import BOTH, EN, ZH
from ..events import ANCHOR_YEARS
from .words import wrap

FIG_WIDTH = 8.0
SIDE = 0.15  # left and right margin
AX_WIDTH = FIG_WIDTH - 2 * SIDE
ERA_TEXT_X, ERA_TEXT_WIDTH = 0.05, 1.3  # era labels: a column on the left
AXIS_X = 1.95  # the time axis
MARKER_STEP = 0.14  # sideways step for markers that would overlap
DATE_X = 3.0  # event dates...
TITLE_X = 4.02  # ...and titles
TITLE_WIDTH = AX_WIDTH - TITLE_X - 0.05
#: The smallest text on the chart, in points: 12 CSS px where the chart is
#: shown at its own width (8 in = 768 px), as it is in JupyterLab at 1280 px.
MIN_TEXT_SIZE = 9.0
LABEL_SIZE = DATE_SIZE = ERA_SIZE = MIN_TEXT_SIZE
FOOTER_LINE = 1.25 * MIN_TEXT_SIZE / 72  # one footer line, inches
LINE_HEIGHT = 1.32 * LABEL_SIZE / 72  # one label line, inches
LABEL_GAP = 0.07  # between label blocks
MIN_AXES_HEIGHT = 6.0
MAX_AXES_HEIGHT = 16.0


@dataclass
class Label:
    """One event's label block on the chart."""

    event: object
    lines_zh: list[str]
    lines_en: list[str]

    @property
    def height(self) -> float:
        return (len(self.lines_zh) + len(self.lines_en)) * LINE_HEIGHT + LABEL_GAP


def label_for(event, lang: str) -> Label:
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


def year_range(events, years) -> tuple[float, float]:
    if years is not None:
        return float(years[0]), float(years[1]) + 1
    if len(events) == 0:
        return 1989.0, 2025.0
    return float(int(events["when"].min())) - 0.5, float(int(events["when"].max())) + 1.5


def year_ticks(first: float, last: float) -> list[int]:
    """Every fifth year and the anchor years, minus fives crowding an anchor."""
    years = range(int(first) if first == int(first) else int(first) + 1, int(last))
    anchors = [y for y in years if y in ANCHOR_YEARS]
    fives = [y for y in years if y % 5 == 0 and all(abs(y - a) >= 2 for a in anchors)]
    if len(years) <= 12:  # a short range: label every year
        return list(years)
    return sorted(set(anchors + fives))

