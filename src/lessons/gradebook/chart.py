"""The gradebook's outputs for people: the item-analysis chart (inline SVG
with a bilingual caption, SVG and PNG files) and spreadsheet-safe CSV."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from ..bilingual import BOTH, Text, pair
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


#: Below this share of the points a bar is hatched, so "hard" does not rest on colour.
HARD = 0.5
LABELS = {
    "difficulty": Text(
        f"每題得分比例（{{policy_zh}}；斜線：低於 {HARD:.0%}）", f"Share of the points per question ({{policy_en}}; hatched: below {HARD:.0%})"
    ),
    "share": Text("得分比例", "Share of the points"),
    "number": Text("題號（與學生看到的相同；T = 試試看）", "Question, numbered as students saw it (T = Try it)"),
    "wrong": Text("最常被選的錯誤選項", "Wrong options chosen most"),
    "students": Text("選它的學生人數（{policy_zh}）", "Students who chose it ({policy_en})"),
    "none": Text("沒有人選錯誤選項", "No wrong option chosen"),
}
#: The counting policy as the chart's title says it.
POLICY = {"first": Text("第一次作答", "first attempts"), "best": Text("最好的一次", "best attempts"), "last": Text("最後一次", "last attempts")}
#: PNG resolution, and the height no chart exceeds (6 in at 150 dpi = 900 px), however many questions.
DPI = 150
MAX_HEIGHT = 6.0


def _chart_rc() -> dict:
    """matplotlib settings while the chart is built and drawn (only inside
    ``rc_context``): text is prose, never mathtext; SVG keeps text as text
    with reproducible ids."""
    return {"text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": "lessons-gradebook"}


def item_chart(items: pd.DataFrame, wrong: pd.DataFrame, mode: str, count: str = "first"):
    """One lesson's chart from ClassResults.items() and .wrong_options():
    the share of the points per question as upright bars labelled by the
    number students saw (self-assessed questions have none), and the wrong
    options chosen most below. Its height does not grow with the number of
    questions (at most :data:`MAX_HEIGHT` inches).

    Built on a bare Figure: no pyplot state changes, and a notebook shows it
    only when asked.
    """
    import matplotlib
    from matplotlib.figure import Figure

    items = items[items["type"] != "open"]
    # In both languages each label takes two lines, Chinese above English.
    label = lambda key, **values: LABELS[key].in_mode(mode, sep="\n").format(**values)  # noqa: E731
    rows = max(len(wrong), 2)
    lines = 2 if mode == BOTH else 1
    with matplotlib.rc_context(_chart_rc()):
        figure = Figure(figsize=(9, min(3.0 + 0.25 * rows + 0.5 * lines, MAX_HEIGHT)), layout="constrained")
        # Two subfigures, so the option labels' width does not narrow the bars above.
        upper, lower = figure.subfigures(2, 1, height_ratios=[3.0, 0.25 * rows + 0.5 * lines])
        top, bottom = upper.subplots(), lower.subplots()
        _share_bars(top, items, label, POLICY[count])
        _wrong_option_bars(bottom, wrong, label, mode, POLICY[count])
        for axes in (top, bottom):
            axes.spines[["top", "right"]].set_visible(False)
        bottom.tick_params(axis="y", labelsize=8)
        # Option texts are the course's own words: "$400 billion ... $55
        # billion" must not become a formula, on any label.
        pin_text(figure, installed_cjk_font())
    return figure


def _short_number(number: str) -> str:
    """ "Q3" -> "3"; "Try it" -> "T" (the axis says what T means)."""
    return number[1:] if number.startswith("Q") else "T"


def _share_bars(axes, items: pd.DataFrame, label, policy: Text) -> None:
    names = [_short_number(number) for number in items["number"]]
    positions = range(len(names))
    shares = items["difficulty"].fillna(0).astype(float)
    bars = axes.bar(positions, shares, color="#4c72b0", edgecolor="black", linewidth=0.5)
    for bar, row in zip(bars, items.itertuples()):
        if row.answered and row.difficulty < HARD:
            bar.set_hatch("//")
        note = f"{round(100 * row.difficulty)}" if row.answered else "—"
        axes.annotate(note, (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                      textcoords="offset points", ha="center", va="bottom", fontsize=7)
    axes.axhline(HARD, color="black", linestyle=":", linewidth=0.8)
    axes.set_xticks(list(positions), names, fontsize=7 if len(names) > 30 else 8)
    axes.set_xlim(-0.7, max(len(names), 1) - 0.3)
    axes.set_ylim(0, 1.15)
    axes.set_yticks([0, 0.25, 0.5, 0.75, 1], ["0 %", "25 %", "50 %", "75 %", "100 %"], fontsize=8)
    axes.set_title(label("difficulty", policy_zh=policy.zh, policy_en=policy.en), loc="left", fontsize=10)
    axes.set_xlabel(label("number"), fontsize=9)
    axes.set_ylabel(label("share"), fontsize=9)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrong_option_bars(axes, wrong: pd.DataFrame, label, mode: str, policy: Text) -> None:
    """The wrong options chosen in the attempts the policy counts (``counted``)."""
    if wrong.empty:
        axes.text(0.5, 0.5, label("none"), ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
    else:
        names = [
            f"{row.number} · {_shorten(Text(row.text_zh, row.text_en).in_mode(mode, sep=' / '))}"
            for row in wrong.itertuples()
        ]
        bars = axes.barh(names, wrong["counted"], color="#dd8452", edgecolor="black", linewidth=0.5)
        axes.bar_label(bars, padding=3, fontsize=8)
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(label("wrong"), loc="left")
    axes.set_xlabel(label("students", policy_zh=policy.zh, policy_en=policy.en), fontsize=9)


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


def chart_html(figure, description: Text, id_prefix: str | None = None) -> Markup:
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
    caption = pair(description)
    return Markup(f'<figure class="lessons-gradebook-chart">{svg}<figcaption id="{caption_id}">{caption}</figcaption></figure>')


def save_chart(figure, stem: Path) -> tuple[list[Path], list[str]]:
    """``stem.svg`` always; ``stem.png`` when a CJK font exists (else a message)."""
    import matplotlib

    svg = stem.with_suffix(".svg")
    svg.write_text(figure_svg(figure), encoding="utf-8")
    if installed_cjk_font() is None:
        return [svg], [NO_CJK_FONT]
    png = stem.with_suffix(".png")
    with matplotlib.rc_context(_chart_rc()):
        figure.savefig(png, dpi=DPI, metadata={"Software": None})
    return [svg, png], []
