"""The timeline of key events, one module per concern.

- :mod:`.chart`: the matplotlib chart (:func:`plot_timeline`) and the chart
  as SVG on a page or in a file (:func:`chart_svg`, :func:`figure_html`,
  :func:`save_figure`), with its accessible name and description;
- :mod:`.publish`: the published book's rendering, chart and events table
  per language mode (:func:`static_html`, :func:`events_table_html`);
- :mod:`.explorer`: the live explorer (:func:`explorer`), registered so a
  re-run cell replaces it;
- :mod:`.sources`: an event's source as HTML, each site it names a link
  (the book's table and the explorer's);
- :mod:`.livestyle`: the explorer's stylesheet in JupyterLab;
- :mod:`.layout` and :mod:`.words`: where things go on the chart, and an
  event's words in one language.

The events come from :mod:`lessons.events` (``book/data/events.csv``); a
lesson needs only ``from lessons import timeline``, so the names it uses are
offered here too. Everything users see is derived from the CSV.
"""

from __future__ import annotations

# Lessons, tests and benchmarks use these as ``timeline.<name>``.
from ..events import ANCHOR_YEARS, CATEGORIES, EventsError, load_events
from ..svg import CJK_FONTS, LATIN_FONTS_CSS, CJKFontMissing, installed_cjk_font
from .chart import ERAS, Era, chart_description, chart_svg, chart_title, figure_html, plot_timeline, save_figure
from .explorer import Explorer, explorer
from .layout import MIN_TEXT_SIZE
from .publish import events_table_html, static_html
from .sources import source_html, source_links
from .words import date_label

__all__ = [
    "ANCHOR_YEARS", "CATEGORIES", "CJK_FONTS", "CJKFontMissing", "ERAS", "Era", "EventsError", "Explorer",
    "LATIN_FONTS_CSS", "MIN_TEXT_SIZE", "chart_description", "chart_svg", "chart_title", "date_label", "events_table_html",
    "explorer", "figure_html", "installed_cjk_font", "load_events", "plot_timeline", "save_figure", "source_html",
    "source_links", "static_html",
]
