"""Drawing the evidence charts: sizes in inches, text in points (never
under :data:`MIN_FONT`), ink in one colour written to the page as
``currentColor``, bar kinds told apart by hatching as well as colour; the
stacked-bar layout four of the five charts share (:func:`stacked_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..bilingual import BOTH, EN, ZH, Text, check_mode

FIG_WIDTH = 4.4
MIN_FONT = 11.0
ROW = 0.27  # one bar row
INK = "#010203"  # drawn in this colour, written to the page as currentColor
CURRENT_COLOR = "currentColor"


@dataclass(frozen=True)
class Segment:
    """One kind of bar: its words, fill and hatching (never colour alone)."""

    label: Text
    color: str
    hatch: str = ""


def chart_rc(salt: str) -> dict:
    """matplotlib settings, applied only inside ``rc_context``: text stays
    text in the SVG, ids are reproducible, nothing global changes."""
    from ..svg import CJK_FONTS, LATIN_FONT

    return {"font.family": ["sans-serif"], "font.sans-serif": [*CJK_FONTS, LATIN_FONT], "font.size": MIN_FONT,
            "text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": salt, "hatch.linewidth": 0.8,
            "hatch.color": INK, "axes.edgecolor": INK, "text.color": INK, "xtick.color": INK, "ytick.color": INK}


def legend_lines(text: Text, lang: str) -> str:
    return text.in_mode(lang, "\n")


def new_figure(height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(FIG_WIDTH, height))


def legend(figure, handles, lang, top_inches: float, height: float) -> None:
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, 1 - top_inches / height), ncol=1,
                  frameon=False, fontsize=MIN_FONT, handlelength=1.8, labelspacing=0.35, borderaxespad=0)


def legend_height(entries: list[Text], lang: str) -> float:
    lines = sum(len(legend_lines(entry, lang).split("\n")) for entry in entries)
    return lines * MIN_FONT * 1.25 / 72 + len(entries) * 0.06 + 0.1


def stacked_rows(rows: list[str], segments: list[Segment], values: list[list[float]], notes: list[str],
                 lang: str, value_axis: Text, label_width: float = 0.7,
                 columns: tuple[tuple[Text, list[Text]], ...] = ()):
    """Horizontal stacked bars, one row per label, top to bottom; ``notes``
    is each row's text at the end of its bar (a total, "not verified");
    ``columns`` are (header, one text per row) set in columns right of the bars."""
    from matplotlib.patches import Patch

    legend_room = legend_height([s.label for s in segments], lang)
    axis_height = (len(rows) + (1.2 if columns else 0)) * ROW
    top, bottom = 0.1 + legend_room + 0.1, 0.55 if lang == BOTH else 0.4
    height = top + axis_height + bottom
    figure = new_figure(height)
    left, right = label_width + 0.1, 0.15
    ax = figure.add_axes((left / FIG_WIDTH, bottom / height, (FIG_WIDTH - left - right) / FIG_WIDTH,
                          axis_height / height))
    widest = max([sum(v for v in row if v) for row in values] + [1])
    room = 1.32 if not columns else (2.4 if lang == BOTH else 1.9)  # for notes, or columns, after the bars
    ax.set_xlim(0, widest * room)
    ax.set_ylim(len(rows) - 0.5, -0.5 - (1.2 if columns else 0))
    for place, (header, cells) in enumerate(columns):
        x = widest * (1.08 + place * (room - 1.08) / len(columns))
        ax.text(x, -0.9, header.in_mode(lang, " "), fontsize=MIN_FONT, weight="bold", va="center", ha="left")
        for y, cell in enumerate(cells):
            ax.text(x, y, cell.in_mode(lang, " "), fontsize=MIN_FONT, va="center", ha="left")
    for index, segment in enumerate(segments):
        drawn = [(y, sum(v or 0 for v in row[:index]), row[index]) for y, row in enumerate(values) if row[index]]
        if drawn:  # zero-width bars would only add empty paths to the SVG
            ys, lefts, widths = zip(*drawn)
            ax.barh(ys, widths, left=lefts, height=0.72, color=segment.color, edgecolor=INK, linewidth=0.6,
                    hatch=segment.hatch)
    for y, (row, note) in enumerate(zip(values, notes)):
        if note:
            ax.text(sum(v or 0 for v in row) + widest * 0.02, y, note, va="center", ha="left", fontsize=MIN_FONT)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(axis="y", length=0, labelsize=MIN_FONT, pad=4)
    ax.tick_params(axis="x", bottom=False, labelbottom=False)
    for name in ("top", "right", "bottom"):
        ax.spines[name].set_visible(False)
    figure.text(0.1 / FIG_WIDTH, 0.08 / height, value_axis.in_mode(lang, "\n"), fontsize=MIN_FONT, va="bottom")
    handles = [Patch(facecolor=s.color, edgecolor=INK, hatch=s.hatch, linewidth=0.6,
                     label=legend_lines(s.label, lang)) for s in segments]
    legend(figure, handles, lang, 0.1, height)
    return figure



# Mid-tone fills read on a white page and a dark one; hatching tells them apart without colour.
BLUE, AMBER, GREY, TEAL, ROSE = "#5b8fd1", "#e3a23b", "#a6a6a6", "#4fb3a5", "#d9788f"


def wrap_words(text: str, width: int) -> str:
    """Break ``text`` into lines of about ``width`` characters (Chinese
    anywhere, English at spaces), for the few long notes inside a chart."""
    import textwrap

    if not text.isascii():
        return "\n".join(_chinese_lines(text, width))
    return "\n".join(textwrap.wrap(text, width))


#: Punctuation a Chinese line never starts with (it closes what came before).
CLOSING = "）」』】〉》，。、；：！？…"


def _chinese_lines(text: str, width: int) -> list[str]:
    """Lines of even length, at most ``width`` (one more where a closing mark
    would otherwise start a line): "…不計" then "）" alone looked broken."""
    count = -(-len(text) // width)
    size = -(-len(text) // count)
    lines = [text[i:i + size] for i in range(0, len(text), size)]
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in CLOSING:
            lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
    return [line for line in lines if line]


def languages(lang: str) -> tuple[str, ...]:
    return (ZH, EN) if lang == BOTH else (check_mode(lang),)

