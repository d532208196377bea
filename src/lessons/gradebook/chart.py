"""The gradebook's outputs for people: the item-analysis chart (inline SVG
with a bilingual caption, SVG and PNG files) and spreadsheet-safe CSV."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import pandas as pd

from ..bilingual import Text, html_pair
from ..svg import CJK_PACKAGE_HINT, describe_svg, inline_svg, installed_cjk_font, pin_text, unique_prefix

#: CSV files open in spreadsheet programs; the byte-order mark makes Excel
#: read the Chinese text as UTF-8.
CSV_ENCODING = "utf-8-sig"
#: A spreadsheet program runs a cell that starts with one of these as a
#: formula; student names and answers are the students' own text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_CJK_FONT = (
    "No Chinese (CJK) font found, so no PNG chart was written (the SVG chart keeps its text as text "
    f"and shows Chinese in any browser). For a PNG, install one ({CJK_PACKAGE_HINT}; "
    "Fedora: sudo dnf install google-noto-sans-cjk-fonts)."
)


def _spreadsheet_safe(value: object) -> object:
    """``value`` as a spreadsheet program will show it, never run it: text
    starting with = + - @ or a tab or carriage return gets a leading ``'``
    (so an alias "=HYPERLINK(...)" stays text)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with :func:`_spreadsheet_safe` applied to every
    text cell, the row labels (student names) included. Numbers stay
    numbers: only text is the students' own."""
    table = table.copy()
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].map(_spreadsheet_safe)
    if not pd.api.types.is_numeric_dtype(table.index):
        table.index = table.index.map(_spreadsheet_safe)
    return table


#: Below this difficulty a bar is hatched, so "hard" does not rest on colour.
HARD = 0.5
LABELS = {
    "difficulty": Text("題目難度（計分的作答）", "Difficulty (counted attempts)"),
    "share": Text("得分比例", "Share of points"),
    "wrong": Text("最常被選的錯誤選項", "Wrong options chosen most"),
    "students": Text("學生人數", "Students"),
    "hard": Text(f"斜線：低於 {HARD}", f"hatched: below {HARD}"),
    "none": Text("沒有人選錯誤選項", "No wrong option chosen"),
    "missed": Text("答錯", "missed"),
}


def _chart_rc() -> dict:
    """matplotlib settings while the chart is built and drawn (only inside
    ``rc_context``): text is prose, never mathtext; SVG keeps text as text
    with reproducible ids."""
    return {"text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": "lessons-gradebook"}


def item_chart(items: pd.DataFrame, wrong: pd.DataFrame, mode: str):
    """Difficulty per question (top; self-assessed questions have none) and
    the wrong options chosen most (below), from ClassResults.items() and
    .wrong_options().

    Built on a bare Figure: no pyplot state changes, and a notebook shows it
    only when asked.
    """
    import matplotlib
    from matplotlib.figure import Figure

    items = items[items["type"] != "open"]
    label = lambda key: LABELS[key].in_mode(mode, sep=" · ")  # noqa: E731
    rows = [max(len(items), 1), max(len(wrong), 2)]
    with matplotlib.rc_context(_chart_rc()):
        figure = Figure(figsize=(9, 0.26 * sum(rows) + 2.2), layout="constrained")
        top, bottom = figure.subplots(2, 1, height_ratios=rows)
        _difficulty_bars(top, items, label, LABELS["missed"].in_mode(mode, sep=" "))
        _wrong_option_bars(bottom, wrong, label, mode)
        for axes in (top, bottom):
            axes.tick_params(axis="y", labelsize=8)
            axes.spines[["top", "right"]].set_visible(False)
        # Option texts are the course's own words: "$400 billion ... $55
        # billion" must not become a formula, on any label.
        pin_text(figure, installed_cjk_font())
    return figure


def _difficulty_bars(axes, items: pd.DataFrame, label, missed: str) -> None:
    names = [f"{row.lesson}/{row.question}" for row in items.itertuples()]
    bars = axes.barh(names, items["difficulty"].fillna(0).astype(float), color="#4c72b0", edgecolor="black", linewidth=0.5)
    for bar, row in zip(bars, items.itertuples()):
        if row.answered and row.difficulty < HARD:
            bar.set_hatch("//")
        note = f"{row.difficulty:.2f} · {row.missed}/{row.answered} {missed}" if row.answered else "—"
        axes.annotate(note, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                      textcoords="offset points", va="center", fontsize=8)
    axes.axvline(HARD, color="black", linestyle=":", linewidth=0.8)
    axes.set_xlim(0, 1.35)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
    axes.invert_yaxis()
    axes.set_title(label("difficulty"), loc="left")
    axes.set_xlabel(f"{label('share')}  ({label('hard')})")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrong_option_bars(axes, wrong: pd.DataFrame, label, mode: str) -> None:
    if wrong.empty:
        axes.text(0.5, 0.5, label("none"), ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
    else:
        names = [
            f"{row.lesson}/{row.question} · {_shorten(Text(row.text_zh, row.text_en).in_mode(mode, sep=' / '))}"
            for row in wrong.itertuples()
        ]
        bars = axes.barh(names, wrong["chosen"], color="#dd8452", edgecolor="black", linewidth=0.5)
        axes.bar_label(bars, padding=3, fontsize=8)
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(label("wrong"), loc="left")
    axes.set_xlabel(label("students"))


@contextlib.contextmanager
def _svg_drawing():
    """Text stays text in the SVG, so the reader's browser draws the Chinese.

    Without a CJK font matplotlib warns of missing glyphs while measuring the
    text; the SVG still shows it, so that warning is silenced here only.
    """
    import matplotlib

    with warnings.catch_warnings(), matplotlib.rc_context(_chart_rc()):
        if installed_cjk_font() is None:
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def figure_svg(figure) -> str:
    """The figure as a standalone SVG file's markup (from ``<svg``), text
    kept as text, no date stamp. For a page, see :func:`chart_html`."""
    buffer = io.StringIO()
    with _svg_drawing():
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def chart_html(figure, description: Text, id_prefix: str | None = None) -> str:
    """An accessible ``<figure>`` for a page: the SVG (role img) named by a
    bilingual caption. Its style and ids are scoped by ``id_prefix`` (default:
    one unique in this kernel), so two charts can share a page."""
    prefix = id_prefix or unique_prefix("lessons-gradebook-chart")
    caption_id = f"{prefix}-caption"
    svg = describe_svg(
        inline_svg(figure_svg(figure), prefix),
        labelled_by=caption_id,
        attributes={"class": "lessons-gradebook-svg", "style": "max-width:100%;height:auto"},
    )
    caption = html_pair(description)
    return f'<figure class="lessons-gradebook-chart">{svg}<figcaption id="{caption_id}">{caption}</figcaption></figure>'


def save_chart(figure, stem: Path) -> tuple[list[Path], list[str]]:
    """``stem.svg`` always; ``stem.png`` when a CJK font exists (else a message)."""
    import matplotlib

    svg = stem.with_suffix(".svg")
    svg.write_text(figure_svg(figure), encoding="utf-8")
    if installed_cjk_font() is None:
        return [svg], [NO_CJK_FONT]
    png = stem.with_suffix(".png")
    with matplotlib.rc_context(_chart_rc()):
        figure.savefig(png, dpi=150, metadata={"Software": None})
    return [svg, png], []
