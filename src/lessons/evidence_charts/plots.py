"""The five charts, one function each: a loaded (typed) dataset and a
language mode in, a matplotlib Figure out. What a chart counts comes from
:mod:`lessons.evidence` (via :mod:`.data`); nothing here repeats a figure.
"""

from __future__ import annotations

from ..bilingual import BOTH, EN, Text
from .data import BRIEF_DATE, NOT_VERIFIED, VETO_PATTERNS, labels, membership_counts, number, veto_patterns, year_of
from .drawing import (
    AMBER,
    BLUE,
    FIG_WIDTH,
    GREY,
    INK,
    MIN_FONT,
    ROSE,
    TEAL,
    Segment,
    languages,
    legend,
    legend_height,
    legend_lines,
    new_figure,
    stacked_rows,
    wrap_words,
)


def plot_trade(trade, lang):
    """China–Russia goods trade per year: China's exports and imports where
    the split is verified, the total alone where it is not, nothing where
    no figure is verified (2012)."""
    segments = [Segment(Text("中國對俄出口", "China's exports to Russia"), BLUE),
                Segment(Text("中國自俄進口", "China's imports from Russia"), AMBER, "//"),
                Segment(Text("只有總額（進出口未核實）", "Total only (split not verified)"), GREY, "--")]
    rows, values, notes = [], [], []
    for _, row in trade.iterrows():
        total, exports, imports = (number(row[c]) for c in
                                   ("total_usd_bn", "china_exports_to_russia_usd_bn", "china_imports_from_russia_usd_bn"))
        rows.append(str(year_of(row["year"])))
        if total is None:
            values.append([0, 0, 0])
            notes.append(NOT_VERIFIED.in_mode(lang, " "))
        elif exports is not None and imports is not None:
            values.append([exports, imports, 0])
            notes.append(f"{total:g}")
        else:
            values.append([0, 0, total])
            notes.append(f"{total:g}")
    return stacked_rows(rows, segments, values, notes, lang,
                        Text("單位：十億美元（中國海關）", "US$ billion (China's customs)"))


VETO_SEGMENTS = dict(zip(VETO_PATTERNS, (
    Segment(Text("中俄共同否決", "Both vetoed"), BLUE, "xx"),
    Segment(Text("俄羅斯否決，中國棄權", "Russia vetoed, China abstained"), AMBER, "//"),
    Segment(Text("俄羅斯否決，中國贊成", "Russia vetoed, China voted yes"), ROSE, "\\\\"),
    Segment(Text("俄羅斯否決，中國投票未核實", "Russia vetoed, China's vote not verified"), "none", ""),
    Segment(Text("中國否決，俄羅斯未否決", "China vetoed, Russia did not"), TEAL, "--"),
)))


def plot_vetoes(vetoes, lang):
    """Security Council vetoes per year, split by who vetoed and how the other voted."""
    years = [year_of(d) for d in vetoes["date"]]
    counts = {year: [0] * len(VETO_PATTERNS) for year in sorted(set(years))}
    for year, pattern in zip(years, veto_patterns(vetoes)):
        counts[year][VETO_PATTERNS.index(pattern)] += 1
    values = list(counts.values())
    return stacked_rows([str(y) for y in counts], list(VETO_SEGMENTS.values()), values,
                        [str(sum(v)) for v in values], lang, Text("每年否決次數", "Vetoes per year"))


UNGA_SEGMENTS = [Segment(Text("贊成", "Yes"), BLUE), Segment(Text("反對", "No"), ROSE, "xx"),
                 Segment(Text("棄權", "Abstain"), GREY, "--")]


def plot_unga(unga, lang):
    """Each General Assembly resolution's recorded vote, with how Russia and China voted."""
    votes = labels("unga", "china")
    rows = [str(r) for r in unga["resolution"]]
    values = [[number(r["yes"]) or 0, number(r["no"]) or 0, number(r["abstain"]) or 0] for _, r in unga.iterrows()]
    columns = ((Text("俄", "Russia"), [votes[v] for v in unga["russia"]]),
               (Text("中", "China"), [votes[v] for v in unga["china"]]))
    return stacked_rows(rows, UNGA_SEGMENTS, values, [""] * len(rows), lang,
                        Text("橫條：各國投票數；右欄：俄羅斯、中國的投票", "Bars: votes of all states; right: Russia's and China's votes"),
                        label_width=0.75, columns=columns)


def plot_membership(membership, lang):
    """Members of the Shanghai Five/SCO and of BRIC/BRICS over time (step lines)."""
    from datetime import date

    from matplotlib.lines import Line2D

    from ..events import decimal_year

    counts = membership_counts(membership)
    when = [decimal_year(date.fromisoformat(day)) for day, _, _ in counts]
    end = max(when) + 0.8
    lines = [(Text("上海五國／上合組織", "Shanghai Five / SCO"), 1, "-", "o", BLUE, 0.3),
             (Text("金磚國家", "BRICS"), 2, "--", "s", AMBER, -0.45)]
    entries = [label for label, *_ in lines] + [Text("摘要發表（2023年9月11日）", "Brief published (11 Sep 2023)")]
    note = Text("成員國數（不含觀察員、夥伴國；沙烏地阿拉伯有爭議，不計）",
                "Member states (not observers or partners; Saudi Arabia disputed, not counted)")
    note_lines = 4 if lang == BOTH else 2
    top, axis_height = 0.1 + legend_height(entries, lang) + 0.1, 2.6
    bottom = 0.35 + note_lines * MIN_FONT * 1.25 / 72 + 0.1
    height = top + axis_height + bottom
    figure = new_figure(height)
    ax = figure.add_axes((0.55 / FIG_WIDTH, bottom / height, (FIG_WIDTH - 0.75) / FIG_WIDTH, axis_height / height))
    handles = []
    for label, column, style, marker, color, offset in lines:
        xs, ys = [], []
        for x, row in zip(when, counts):
            if row[column] and (not ys or row[column] != ys[-1]):  # a point where the count changes
                xs.append(x)
                ys.append(row[column])
        ax.step(xs + [end], ys + [ys[-1]], where="post", color=color, linestyle=style, linewidth=2.2)
        ax.plot(xs, ys, linestyle="none", marker=marker, color=color, markeredgecolor=INK,
                markeredgewidth=0.6, markersize=6)
        ax.text(end, ys[-1] + offset, str(ys[-1]), fontsize=MIN_FONT, ha="left", va="center")
        handles.append(Line2D([], [], color=color, linestyle=style, linewidth=2.2, marker=marker,
                              markeredgecolor=INK, label=legend_lines(label, lang)))
    brief = decimal_year(date.fromisoformat(BRIEF_DATE))
    ax.axvline(brief, color=INK, linestyle=":", linewidth=1.2)
    handles.append(Line2D([], [], color=INK, linestyle=":", linewidth=1.2, label=legend_lines(entries[-1], lang)))
    first = int(min(when))
    ax.set_xlim(first - 0.5, end)
    ax.set_ylim(0, max(max(c[1], c[2]) for c in counts) + 1.5)
    ax.set_xticks(range(first - first % 5 + 5, int(end) + 1, 5))
    ax.set_yticks(range(0, int(ax.get_ylim()[1]) + 1, 2))
    ax.tick_params(labelsize=MIN_FONT)
    for name in ("top", "right"):
        ax.spines[name].set_visible(False)
    ax.grid(axis="y", color=INK, alpha=0.15, linewidth=0.6)
    text = "\n".join(wrap_words(note.in_mode(code), 44 if code == EN else 27) for code in languages(lang))
    figure.text(0.1 / FIG_WIDTH, 0.08 / height, text, fontsize=MIN_FONT, va="bottom")
    legend(figure, handles, lang, 0.1, height)
    return figure


def exercise_segments() -> dict[str, Segment]:
    """One bar kind per exercise kind, labelled as the data dictionary labels it."""
    return {kind: Segment(label, color, hatch) for (kind, label), color, hatch in
            zip(labels("exercises", "kind").items(), (TEAL, BLUE, AMBER, ROSE), ("||", "", "//", "xx"))}


def plot_exercises(exercises, lang):
    """Joint exercises and patrols per year (by start date), split by kind
    (:func:`lessons.evidence.exercises_per_year`); years with none in the
    file show as empty rows."""
    from .. import evidence

    segments = exercise_segments()
    per_year = evidence.exercises_per_year(exercises, by="kind")
    values = [[int(row[kind]) for kind in segments] for _, row in per_year.iterrows()]
    return stacked_rows([str(y) for y in per_year["year"]], list(segments.values()), values,
                        [str(sum(v)) for v in values], lang,
                        Text("每年開始的演習與巡航數", "Exercises and patrols starting each year"))
