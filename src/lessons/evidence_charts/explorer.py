"""The live explorer of one evidence dataset: its filters (as its
:class:`~.specs.Chart` lists them), its chart and its table, redrawn in the
kernel's language mode; a re-run cell replaces it (:mod:`lessons.registry`).
"""

from __future__ import annotations

from markupsafe import Markup

from .. import registry
from ..bilingual import Text, current, pair
from ..svg import unique_prefix
from .data import known, load, status_on, year_of
from .drawing import FIG_WIDTH
from .publish import figure_html, static_html, table_html
from .specs import CHARTS, Filter

ALL = Text("（全部）", "(all)")
SHOWN = Text("筆資料符合篩選條件", "rows match the filters")
#: The count when every filter is as it started (nothing filtered out).
UNFILTERED = Text("全部 {n} 筆資料", "All {n} rows")


#: JupyterLab's default content font size in px (``--jp-content-font-size1``
#: in its themes' variables.css).
LAB_CONTENT_FONT_PX = 14
#: The live chart's width: as drawn (:data:`FIG_WIDTH` inches, 96 px each) at
#: the default content font size, and in proportion to a larger one (Settings >
#: Theme > Increase Content Font Size), so its text grows with the notebook's
#: without a label moving; never wider than the notebook.
CHART_WIDTH = f"calc(var(--jp-content-font-size1, {LAB_CONTENT_FONT_PX}px) * {FIG_WIDTH * 96 / LAB_CONTENT_FONT_PX:.4g})"
#: The live explorer's look in JupyterLab, where the book's stylesheet is
#: absent: text follows the content font size, labels keep one line, the
#: table has rules and sizes its columns as the book's does (words whole;
#: only notes and sources break anywhere; no column narrower than four
#: Chinese characters) and scrolls in its own box; the chart grows with the
#: content font size too (:data:`CHART_WIDTH`).
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
/* Chinese breaks between any two characters, so the automatic layout once
   squeezed short columns (贊成, 金磚國家) to a character per line beside the
   wide notes: every column keeps room for four or more. */
.lessons-evidence-explorer :is(th, td):not(.lessons-evidence-wide) { min-width: 5em; }
.lessons-evidence-explorer thead th { position: sticky; top: 0; background: var(--jp-layout-color0, #fff); }
.lessons-evidence-explorer td.lessons-evidence-wide { overflow-wrap: anywhere; font-size: 0.85em; min-width: 12rem; }
.lessons-evidence-explorer td.lessons-evidence-date { white-space: nowrap; }
""" + f".lessons-evidence-explorer svg {{ display: block; width: {CHART_WIDTH}; max-width: 100%; height: auto; }}\n"




class Explorer:
    """One dataset for class: filter it (period, subject, kind...) and see its
    chart and table redrawn in the kernel's language mode.

    Widgets (for code and tests): ``filters`` (key -> widget), ``count``,
    ``chart``, ``table``; ``widget`` is the whole box. A new explorer of the
    same dataset (a re-run cell) replaces and closes this one
    (:func:`lessons.registry.register`). Displayed, the MIME bundle carries
    the live widget and, for the published book, :func:`static_html`.
    """

    def __init__(self, name: str, frame=None, state=None):
        import ipywidgets as widgets

        self.chart_spec = CHARTS[known(name)]
        self.name = name
        self.data = load(name) if frame is None else frame
        self.state = state or current
        self._prefix = unique_prefix(f"lessons-ev-live-{name}-")
        self._static = None
        self._specs = {spec.key: spec for spec in self.chart_spec.filters}
        self.filters = {key: self._filter_widget(spec) for key, spec in self._specs.items()}
        self._unfiltered = {key: control.value for key, control in self.filters.items()}
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

    def _years(self) -> list[int]:
        return sorted({year_of(d) for d in self.data[self.chart_spec.date_column]})

    def _filter_widget(self, spec: Filter):
        import ipywidgets as widgets

        if spec.kind == "years":
            years = self._years()
            return widgets.IntRangeSlider(value=(years[0], years[-1]), min=years[0], max=years[-1], step=1,
                                          continuous_update=False, layout={"width": "22rem"})
        if spec.kind == "as_of":
            years = self._years()
            return widgets.IntSlider(value=years[-1], min=years[0], max=years[-1], continuous_update=False)
        values = sorted({code for code in spec.codes(self.data) if isinstance(code, str) and code})
        return widgets.Dropdown(options=[("", None)] + [(v, v) for v in values], value=None)

    @property
    def mode(self) -> str:
        return self.state.mode

    def shown(self):
        """The rows that pass every filter."""
        frame = self.data
        for key, control in self.filters.items():
            spec = self._specs[key]
            if spec.kind == "years":
                first, last = control.value
                years = [year_of(d) for d in frame[self.chart_spec.date_column]]
                frame = frame[[first <= y <= last for y in years]]
            elif spec.kind == "as_of":
                frame = status_on(frame, f"{control.value}-12-31")
            elif control.value is not None:
                frame = frame[[code == control.value for code in spec.codes(frame)]]
        return frame.reset_index(drop=True)

    def _option_label(self, spec: Filter, code: str) -> str:
        return spec.option(code, self.data).in_mode(self.mode, " ")

    def _relabel(self) -> None:
        for key, control in self.filters.items():
            spec = self._specs[key]
            self.labels[key].value = f"<b>{pair(spec.label, mode=self.mode, sep=' ')}</b>"
            if hasattr(control, "options"):
                chosen = control.value
                control.unobserve(self._on_change, names="value")
                control.options = [(ALL.in_mode(self.mode, " "), None)] + [
                    (self._option_label(spec, v), v) for _, v in control.options if v is not None]
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
        self.count.value = f"<p>{self._count_text(len(shown))}</p>"
        chart_rows = self.data if self.chart_spec.chart_all_rows else shown
        self.chart.value = figure_html(self.name, chart_rows, mode, self._prefix) if len(chart_rows) else ""
        self.table.value = table_html(self.name, shown, mode)

    def filtered(self) -> bool:
        """Whether any filter is moved from where it started."""
        return any(control.value != self._unfiltered[key] for key, control in self.filters.items())

    def _count_text(self, shown: int) -> Markup:
        if self.filtered():
            return Markup(f"{shown} {pair(SHOWN, mode=self.mode, sep=' ')}")
        return pair(Text(UNFILTERED.zh.format(n=shown), UNFILTERED.en.format(n=shown)), mode=self.mode, sep=" ")

    def _on_change(self, change) -> None:
        self.redraw()

    def static_html(self) -> Markup:
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
