"""Charts of the evidence datasets: one chart and one table per dataset, in the book and live.

The five datasets in ``book/data/`` (trade, Security Council vetoes, General
Assembly votes on Ukraine, BRICS/SCO membership, joint exercises) test claims
of the brief. One module per concern:

- :mod:`.data`: the typed datasets (:mod:`lessons.datasets`), what
  :mod:`lessons.evidence` counts in them (who vetoed, members on a date),
  and each code's one short label from the data dictionary;
- :mod:`.drawing` and :mod:`.plots`: the charts (:func:`plot`), narrow
  enough for a phone — 4.4 inches wide, no text under 11 pt, so at 390 px
  every label is at least 11 px; bar kinds differ in hatching as well as
  colour; titles, sources and notes are HTML around the chart, where they
  reflow;
- :mod:`.specs`: what is shown for each dataset, as data (:data:`CHARTS`):
  title, source line, chart, table columns, explorer filters;
- :mod:`.publish`: the chart as inline SVG with its text as text and its
  ink in ``currentColor`` (:func:`chart_svg`), the accessible table equal
  to the data with every source a link (:func:`table_html`), and the
  published book's figure per language mode plus table (:func:`static_html`);
- :mod:`.explorer`: the live :class:`Explorer` (filters for period,
  subject, kind...) that follows the language control and replaces its
  predecessor when its cell runs again (:mod:`lessons.registry`).

A lesson needs only ``from lessons import evidence_charts``; what a chart
counts comes from the data: nothing here repeats a figure.
"""

from __future__ import annotations

# Lessons and tests use these as ``evidence_charts.<name>``.
from .data import BRIEF_DATE, DATASETS, as_of, load, membership_counts, status_on, veto_pattern, veto_patterns
from .drawing import FIG_WIDTH, INK, MIN_FONT, Segment, stacked_rows
from .explorer import EXPLORER_STYLE, Explorer, explorer
from .plots import VETO_SEGMENTS, plot_exercises, plot_membership, plot_trade, plot_unga, plot_vetoes
from .publish import chart_svg, figure_html, static_html, table_html
from .specs import CHARTS, Chart, Column, Filter, plot

__all__ = [
    "BRIEF_DATE", "CHARTS", "Chart", "Column", "DATASETS", "EXPLORER_STYLE", "Explorer", "FIG_WIDTH", "Filter", "INK",
    "MIN_FONT", "Segment", "VETO_SEGMENTS", "as_of", "chart_svg", "explorer", "figure_html", "load", "membership_counts",
    "plot", "plot_exercises", "plot_membership", "plot_trade", "plot_unga", "plot_vetoes", "stacked_rows", "static_html",
    "status_on", "table_html", "veto_pattern", "veto_patterns",
]
