"""lessons.svg: the one path from a matplotlib figure to a page or a file.

Mirrors ``src/lessons/svg.py``. The timeline and gradebook tests check their
own charts; this checks the public contract the chart modules build on.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import matplotlib
import pytest
from matplotlib.figure import Figure

from lessons import svg

CHART_RC = {"font.size": 9}


def a_chart() -> Figure:
    with matplotlib.rc_context({**CHART_RC, **svg.SVG_RC}):
        figure = Figure(figsize=(3, 2))
        axes = figure.add_subplot()
        axes.bar([0, 1], [400, 55])
        axes.set_title("貿易 trade: $400 billion vs $55 billion")
        svg.pin_text(figure, svg.installed_cjk_font())
    return figure


def ids_of(markup: str) -> set[str]:
    return {element.get("id") for element in ET.fromstring(markup).iter() if element.get("id")}


def test_figure_svg_is_an_accessible_inline_image_with_text_as_text():
    markup = svg.figure_svg(a_chart(), "chart-a", title="Trade", desc="Two bars", attributes={"class": "c"}, rc=CHART_RC)
    root = ET.fromstring(markup)
    assert markup.startswith("<svg ") and root.get("id") == "chart-a"
    assert (root.get("role"), root.get("class")) == ("img", "c")
    assert root.get("aria-labelledby") == "chart-a-title" and root.get("aria-describedby") == "chart-a-desc"
    assert "$400 billion vs $55 billion" in markup  # prose, not mathtext; kept as text
    assert "<metadata>" not in markup and "<?xml" not in markup
    assert all(i.startswith("chart-a") for i in ids_of(markup))


def test_two_charts_on_one_page_share_no_id_and_the_same_prefix_gives_the_same_markup():
    figure = a_chart()
    first, second = svg.figure_svg(figure, title="A"), svg.figure_svg(figure, title="A")
    assert not ids_of(first) & ids_of(second)
    assert svg.figure_svg(figure, "same", title="A") == svg.figure_svg(figure, "same", title="A")


def test_a_caption_can_name_the_image():
    markup = svg.figure_svg(a_chart(), "chart-b", labelled_by="chart-b-caption")
    assert ET.fromstring(markup).get("aria-labelledby") == "chart-b-caption" and "<title" not in markup
    with pytest.raises(ValueError, match="accessible name"):
        svg.figure_svg(a_chart(), "chart-c")


def test_svg_document_is_a_standalone_file_without_a_date(tmp_path):
    document = svg.svg_document(a_chart())
    assert document.startswith("<svg") and "<dc:date>" not in document
    path = svg.save_figure(a_chart(), tmp_path / "chart.svg")
    assert path.read_text(encoding="utf-8").count("<svg") == 1


def test_a_png_needs_a_cjk_font_and_says_which_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(svg, "installed_cjk_font", lambda: None)
    with pytest.raises(svg.CJKFontMissing, match="fonts-noto-cjk"):
        svg.save_figure(a_chart(), tmp_path / "chart.png")
    assert not (tmp_path / "chart.png").exists()
    svg.save_figure(a_chart(), tmp_path / "chart.svg")  # an SVG keeps text as text: no font needed
