"""The live explorer's stylesheet: JupyterLab loads none of the book's CSS,
so the explorer carries its own, scoped to ``.lessons-timeline-explorer``.

Two jobs: text follows JupyterLab's content font size (Settings > Theme >
Increase Content Font Size) in place of ipywidgets' fixed 13 px, and the
chart fills the notebook's width while nothing is wider than the notebook, at 150 % zoom too (controls wrap,
the chart scales down, long sources break).
"""

from __future__ import annotations

STYLE = """
.lessons-timeline-explorer {
  /* ipywidgets sizes its text and rows from these; em follows the font. */
  --jp-widgets-font-size: var(--jp-content-font-size1, 1rem);
  --jp-widgets-inline-height: 2em;
  font-size: var(--jp-content-font-size1, 1rem);
  box-sizing: border-box;
  max-width: 100%;
  min-width: 0;
}
.lessons-timeline-explorer * { box-sizing: border-box; }
.lessons-timeline-explorer .widget-toggle-buttons,
.lessons-timeline-explorer .jupyter-widget-toggle-buttons { flex-wrap: wrap; max-width: 100%; }
.lessons-timeline-explorer .widget-checkbox label,
.lessons-timeline-explorer .jupyter-widget-checkbox label { white-space: normal; }
.lessons-timeline-explorer .widget-readout,
.lessons-timeline-explorer .jupyter-widget-readout {
  /* The years always read in full; the slider's track gives way instead. */
  flex: 0 0 auto;
  width: auto;
  min-width: 0;
  max-width: none;
  padding: 0 0.3em;
}
.lessons-timeline-explorer .slider-container { flex: 1 1 auto; min-width: 4rem; }
.lessons-timeline-explorer select { min-width: 0; max-width: 100%; text-overflow: ellipsis; }
.lessons-timeline-explorer .widget-html-content,
.lessons-timeline-explorer .jupyter-widget-html-content {
  line-height: 1.5;
  white-space: normal;
  min-width: 0;
  max-width: 100%;
  overflow-wrap: anywhere;
}
.lessons-timeline-live-chart figure { margin: 0.5em 0; }
/* The chart fills the output's width (its viewBox keeps the aspect): on a
   1280 px projector it used 740 of 1,200 px. Its text scales with it, 9 pt
   drawn at 576 pt wide: 18 px at 1,150 px. It does not grow with the content
   font size as well: drawn for 9 pt, larger labels would overlap and run
   past the chart's right edge. */
.lessons-timeline-live-chart svg { display: block; width: 100%; max-width: 100%; height: auto; background: #fff; }
.lessons-timeline-live-table table { width: 100%; border-collapse: collapse; margin: 0.5em 0 1em; }
.lessons-timeline-live-table caption { text-align: left; padding: 0.3em 0; font-style: italic; }
.lessons-timeline-live-table th,
.lessons-timeline-live-table td {
  text-align: left;
  vertical-align: top;
  padding: 0.3em 0.5em;
  border-bottom: 1px solid var(--jp-border-color2, #ccc);
}
/* Fixed column shares: with "overflow-wrap: anywhere" (above, so the table
   fits at 150 % zoom) the automatic layout squeezed the dates to a few
   characters even on a 1280 px projector, breaking "1991" into "199 / 1". */
.lessons-timeline-live-table table { table-layout: fixed; }
.lessons-timeline-live-table th:nth-child(1) { width: 17%; }
.lessons-timeline-live-table th:nth-child(2) { width: 25%; }
.lessons-timeline-live-table th:nth-child(3) { width: 33%; }
.lessons-timeline-live-table th:nth-child(4) { width: 25%; }
.lessons-timeline-explorer cite { font-style: normal; }
.lessons-timeline-explorer a[href] { color: var(--jp-content-link-color, #0b57d0); text-decoration: underline; }
"""
