"""The live quiz's stylesheet in JupyterLab, scoped to ``.lq-live-quiz``.

JupyterLab loads none of the book's CSS, and ipywidgets draws at a fixed
13 px with fixed label and button widths that cut off longer words (the
name label in 並列 left its field 18 px wide). Three jobs: text follows
JupyterLab's content font size (Settings > Theme > Increase Content Font
Size); labels, buttons and dropdowns take the width their words need and
wrap; and nothing is wider than the notebook, at 150 % zoom too. The footer puts the
name label and field each on a full-width line of their own.

The lesson's language control (``.lessons-language-control``) is sized here
too: every lesson page that shows it has a quiz, and a ``<style>`` in an
output applies to the whole page.
"""

from __future__ import annotations

STYLE = """
.lq-live-quiz {
  /* ipywidgets sizes its text and rows from these; em follows the font. */
  --jp-widgets-font-size: var(--jp-content-font-size1, 1rem);
  --jp-widgets-inline-height: 2em;
  --jp-widgets-radio-item-height: 1.8em;
  font-size: var(--jp-content-font-size1, 1rem);
  box-sizing: border-box;
  max-width: 100%;
  min-width: 0;
}
.lq-live-quiz * { box-sizing: border-box; }
.lq-live-quiz :is(.widget-html-content, .jupyter-widget-html-content) {
  font-size: inherit;
  line-height: 1.5;
  white-space: normal;
  min-width: 0;
  max-width: 100%;
  overflow-wrap: anywhere;
}
.lq-live-quiz :is(.widget-hbox, .jupyter-widget-hbox, .widget-inline-hbox, .jupyter-widget-inline-hbox) {
  flex-wrap: wrap;
  max-width: 100%;
  min-width: 0;
  height: auto;
}
.lq-live-quiz :is(.widget-label, .jupyter-widget-label) {
  /* Descriptions read in full: as wide as their words, wrapping if need be. */
  width: auto !important;
  max-width: 100%;
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
  text-align: left;
  height: auto;
  line-height: 1.4;
  font-size: inherit;
}
.lq-live-quiz :is(.widget-radio-box, .jupyter-widget-radio-box) label,
.lq-live-quiz :is(.widget-checkbox, .jupyter-widget-checkbox) label {
  white-space: normal;
  height: auto;
  line-height: 1.4;
  min-height: var(--jp-widgets-radio-item-height);
  font-size: inherit;
}
/* A wrapped choice keeps its text beside the radio button or box. */
.lq-live-quiz :is(.widget-radio-box, .jupyter-widget-radio-box) label { display: flex; align-items: center; gap: 0.4em; }
.lq-live-quiz :is(.widget-radio-box, .jupyter-widget-radio-box) label > input { order: -1; flex: 0 0 auto; margin: 0; }
.lq-live-quiz :is(input, select, textarea) { font-size: inherit; min-width: 0; max-width: 100%; }
.lq-live-quiz select { text-overflow: ellipsis; }
/* A dropdown (matching, classify, ordering) as wide as its longest option:
   ipywidgets' fixed basis cut "… / The China–Russia joint statement says
   their friendship has no limits" with "…". Too wide beside its row's text,
   it wraps to a line of its own; only an option wider than the notebook
   is still cut (a <select> cannot wrap its text). */
.lq-live-quiz :is(.widget-dropdown, .jupyter-widget-dropdown) > select {
  flex: 1 1 auto;
  width: auto;
  min-width: min(100%, 10em);
  max-width: 100%;
}
.lq-live-quiz .jupyter-button {
  /* Buttons as wide as their words; on a narrow screen they wrap. */
  width: auto;
  max-width: 100%;
  height: auto;
  min-height: var(--jp-widgets-inline-height);
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
  font-size: inherit;
  line-height: 1.3;
  padding: 0.25em 0.8em;
}
.lq-live-quiz .lq-buttons { gap: 0.5em; }
.lq-live-quiz .lq-reveal { align-self: flex-start; }
.lq-live-quiz .lq-footer { gap: 0.3em; }
/* The name: its label on one full-width line, its field on the next. */
.lq-live-quiz .lq-student { flex-wrap: wrap; width: auto; align-self: stretch; }
.lq-live-quiz .lq-student > :is(.widget-label, .jupyter-widget-label) { flex: 1 1 100%; margin: 0 0 0.2em; }
.lq-live-quiz .lq-student > input { flex: 1 1 100%; width: 100%; }
.lq-live-quiz .lq-keep-problem { font-weight: bold; }
.lessons-language-control {
  --jp-widgets-font-size: var(--jp-content-font-size1, 1rem);
  font-size: var(--jp-content-font-size1, 1rem);
  --jp-widgets-inline-height: 2em;
  flex-wrap: wrap;
  max-width: 100%;
  height: auto;
}
.lessons-language-control .jupyter-button { width: auto; min-width: 5em; font-size: inherit; }
.lessons-language-control :is(.widget-label, .jupyter-widget-label) { width: auto !important; font-size: inherit; }
"""
