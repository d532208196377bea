"""The live timeline explorer for class: filter categories, narrow the
years, select an event, and follow the kernel's language. Below the chart,
the book's events table for the events the filters leave, sources linked.

It fits the notebook's width at any zoom (controls wrap and are sized in
% and rem), its text follows JupyterLab's content font size, and its chart
fills the notebook's width (its text scales with it: 18 px on a 1280 px
projector).

One explorer is live per kernel: it registers in :mod:`lessons.registry`
under :data:`REGISTRY_KEY`, so re-running its cell closes the old one, which
then stops listening to the language (one switch redraws one explorer).
"""

from __future__ import annotations

import html
import time

from markupsafe import Markup

from .. import registry
from ..bilingual import Text, current, lang_attributes, language_control, pair
from ..events import CATEGORIES, load_events, select_events
from .chart import figure_html, next_prefix, plot_timeline
from .livestyle import STYLE
from .publish import events_table_html, static_html
from .sources import source_html
from .words import date_label, event_text, languages

#: The explorer's key in :mod:`lessons.registry`.
REGISTRY_KEY = ("explorer", "timeline")
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
    Checkbox), ``years``, ``event``, ``details``, ``chart``, ``table`` (the
    shown events with their sources); the drawn matplotlib ``figure``;
    ``widget``, the whole box. Displayed in a
    notebook, the MIME bundle carries the live widget and, for the published
    book, :func:`static_html`.
    """

    def __init__(self, events=None, state=None):
        import ipywidgets as widgets

        self.events = events if _is_frame(events) else load_events(events)
        self.state = state or current
        self.figure = None
        self.last_redraw_seconds = None
        self._prefix = next_prefix("live")
        self._static = None
        self._quiet = False
        first, last = int(self.events["start"].dt.year.min()), int(self.events["start"].dt.year.max())
        present = [c for c in CATEGORIES if c in set(self.events["category"])]
        self.language = language_control(self.state)
        self.categories = {c: widgets.Checkbox(value=True, indent=False, layout={"width": "auto"}) for c in present}
        # Widths in % (of the notebook) and rem, never px: at 150 % zoom or a
        # larger content font the controls shrink or wrap instead of running off.
        self.years = widgets.IntRangeSlider(value=(first, last), min=first, max=last,
                                            step=1, continuous_update=False, style={"description_width": "initial"},
                                            layout=_fluid("36rem"))
        self.event = widgets.Dropdown(options=[], style={"description_width": "initial"}, layout=_fluid("48rem"))
        self.details = widgets.HTML(layout=_fluid())
        self.chart = widgets.HTML(layout=_fluid())
        self.table = widgets.HTML(layout=_fluid())
        self.category_label = widgets.HTML()
        self.style = widgets.HTML(f"<style>{STYLE}</style>", layout={"display": "none"})
        self.category_box = widgets.HBox([self.category_label, *self.categories.values()],
                                         layout=_fluid(flex_flow="row wrap"))
        self.widget = widgets.VBox([
            self.style, self.language, self.category_box,
            self.years, self.event, self.details, self.chart, self.table,
        ], layout=_fluid())
        # Classes give the style, pages and tests a stable handle on the parts.
        self.widget.add_class("lessons-timeline-explorer")
        self.chart.add_class("lessons-timeline-live-chart")
        self.details.add_class("lessons-timeline-live-details")
        self.table.add_class("lessons-timeline-live-table")
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

    def checked_categories(self) -> list[str]:
        """The category ids ticked, in the order of :data:`lessons.events.CATEGORIES`."""
        return [c for c, box in self.categories.items() if box.value]

    def shown_events(self):
        """The events that pass the category and year filters."""
        return select_events(self.events, self.checked_categories(), self.years.value)

    def redraw(self):
        """Draw the chart again into the same figure (no new Figure): the
        title names the slider's years, the legend the ticked categories."""
        start = time.perf_counter()
        self.figure = plot_timeline(self.shown_events(), self.mode, years=self.years.value,
                                    highlight=self.event.value, categories=self.checked_categories(),
                                    figure=self.figure)
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
        self.category_label.value = f"<b>{pair(UI['categories'], mode=mode, sep=' ')}</b>"
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
        self.table.value = events_table_html(self.shown_events(), mode)

    def _show_details(self):
        mode, chosen = self.mode, self.event.value
        if chosen is None:
            self.details.value = f'<p class="lessons-timeline-details">{pair(UI["prompt"], mode=mode, sep=" ")}</p>'
            return
        event = self.events[self.events["id"] == chosen].iloc[0]
        blocks = []
        for code in languages(mode):
            title = event_text(event, "title").in_mode(code)
            blocks.append(
                f'<p {lang_attributes(code, switchable=False)}><strong>{html.escape(date_label(event, code))}　{html.escape(title)}</strong><br>'
                f'{html.escape(event_text(event, "description").in_mode(code))}<br>'
                f'{html.escape(UI["source"].in_mode(code))}{source_html(event["source"])}</p>')
        self.details.value = f'<div class="lessons-timeline-details">{"".join(blocks)}</div>'

    # Display -----------------------------------------------------------------

    def static_html(self) -> Markup:
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
        """Stop following the language, close the widgets, leave the registry."""
        self.state.unobserve(self._on_mode, names="mode")
        for child in (self.language, *self.categories.values(), self.years, self.event, self.details,
                      self.chart, self.table, self.category_label, self.style, self.category_box, self.widget):
            child.close()
        registry.unregister(REGISTRY_KEY, self)


def _fluid(max_width: str = "100%", **more) -> dict:
    """A widget layout as wide as the notebook allows, up to ``max_width``
    (no side margins: ipywidgets' would push a 100 % wide widget past the edge)."""
    return {"width": "100%", "max_width": max_width, "min_width": "0", "margin": "0.15rem 0", **more}


def _is_frame(value) -> bool:
    return value is not None and hasattr(value, "iterrows")


def explorer(events=None, state=None) -> Explorer:
    """The live timeline explorer (see :class:`Explorer`); ``events`` is a
    DataFrame from :func:`lessons.events.load_events` or a path (default:
    the book's file). It replaces (closes) the explorer made before it in
    this kernel, so a re-run cell leaves one explorer following the language."""
    live = Explorer(events, state)
    registry.register(REGISTRY_KEY, live)
    return live
