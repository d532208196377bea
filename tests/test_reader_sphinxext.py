"""The reader-facing parts of the Sphinx extension, without a browser:
which cells count as set-up, how the search index cuts Chinese, and the
page rewrites (icons, storage shim, scroll containers) being idempotent."""

from __future__ import annotations

import re

import pytest

from lessons.sphinxext import icons, layout, search, setupcells, storage
from inprocess import run_sphinx
from inprocess import GOOD, build


@pytest.mark.parametrize(
    "code",
    [
        'lessons.quiz("lesson-2")',
        "from lessons import timeline\ntimeline.explorer()",
        "import lessons\nlessons.language_control()",
        'lessons.quiz("lesson-3", ids=["trade-share"])',
    ],
)
def test_display_calls_are_set_up(code):
    assert setupcells.is_setup_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "import lessons",  # no display call: nothing would show
        "results.items()",
        "from lessons import evidence\nevidence.trade().tail()",
        "from lessons import timeline\nframe = timeline.load()\ntimeline.explorer()",
        "lessons.quiz(",  # a syntax error is the author's to see
    ],
)
def test_code_that_does_something_is_not_set_up(code):
    assert not setupcells.is_setup_code(code)


def test_only_untagged_set_up_cells_lose_their_input():
    source = (
        '```{code-cell} ipython3\nlessons.quiz("lesson-1")\n```\n\n'
        '```{code-cell} ipython3\n:tags: [try-it]\nlessons.quiz("lesson-1")\n```\n\n'
        "```{code-cell} ipython3\nresults.items()\n```\n"
    )
    tagged = setupcells.hide_setup_input(source)
    assert tagged.count(":tags: [remove-input]") == 1
    assert tagged.startswith('```{code-cell} ipython3\n:tags: [remove-input]\nlessons.quiz("lesson-1")')
    assert ":tags: [try-it]\nlessons.quiz" in tagged


def test_search_index_cuts_chinese_into_pairs_and_keeps_english_words():
    language = search.SearchBilingual({})
    words = language.split("普丁與習近平 met in Moscow; 中俄關係")
    assert words == ["普丁", "丁與", "與習", "習近", "近平", "met", "in", "Moscow", "中俄", "俄關", "關係"]
    assert language.split("中") == ["中"]
    assert language.stem("習近") == "習近" and language.stem("sanctions") == "sanction"


def test_icons_become_inline_svg_once():
    page = '<button aria-label="Color mode"><i class="theme-switch fa-solid fa-moon fa-lg" data-mode="dark" title="Dark"></i></button>'
    page += '<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>'
    once = icons.inline_icons(page, "index.html")
    assert "fontawesome.js" not in once and "<i " not in once
    assert re.search(r'<svg class="svg-inline--fa theme-switch fa-moon fa-lg" data-mode="dark" aria-hidden="true"', once)
    assert 'title="Dark"' not in once  # the button's accessible name is its only label
    assert icons.inline_icons(once, "index.html") == once


def test_an_unknown_icon_is_left_for_the_warning():
    page = '<i class="fa-solid fa-no-such-icon"></i>'
    match = icons.ICON_ELEMENT.search(page)
    assert icons._icon_of(match.group("classes").split()) == ("fas", "no-such-icon")
    assert ("fas", "no-such-icon") not in icons.ICONS


def test_page_rewrites_are_idempotent():
    page = '<html><head><title>x</title></head><body><table class="dataframe"><tr><td>1</td></tr></table>'
    page += '<svg role="img" width="648pt" viewBox="0 0 648 100"><text style="font-size: 8px">a</text></svg></body></html>'
    shimmed = storage.add_shim(page, "index.html")
    assert shimmed.index(storage.MARKER) < shimmed.index("<title>")
    assert storage.add_shim(shimmed, "index.html") == shimmed
    wrapped = layout.wrap_wide_content(page, "index.html")
    assert wrapped.count('role="region" tabindex="0"') == 2 and "--lessons-chart-width: 891px" in wrapped
    assert layout.wrap_wide_content(wrapped, "index.html") == wrapped


WIDE_PAGE = """
# Wide

```{raw} html
<table class="dataframe"><tr><td>中國</td></tr></table>
<svg role="img" width="648pt" viewBox="0 0 648 100"><text style="font-size: 8px">a</text></svg>
```
"""


def test_a_built_page_wraps_its_wide_tables_and_charts_once(tmp_path):
    """The wrappers go into the body in html-page-context, not into the written file."""
    status, log, page = build(tmp_path, WIDE_PAGE)
    assert status == 0, log
    html = page.read_text(encoding="utf-8")
    assert html.count(layout.TABLE_WRAPPER) == 1 and html.count(layout.CHART_LABEL) == 1
    assert '<td lang="zh-Hant">中國</td>' in html and "--lessons-chart-width: 891px" in html


def test_search_scripts_stay_on_the_search_page_only():
    head = '<script src="_static/searchtools.js"></script>\n<script src="searchindex.js"></script>'
    assert search.drop_search_scripts(head, "search.html") == head
    assert "script" not in search.drop_search_scripts(head, "book/lesson-1.html")


def test_built_page_has_description_shim_and_bilingual_index(tmp_path):
    status, log, page = build(tmp_path, GOOD)
    assert status == 0, log
    html = page.read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="中文段落。 · An English paragraph." />', html)
    assert storage.MARKER in html
    assert re.search(r'<script defer="defer" src="_static/doctools.js\?v=\w+">', html)  # lessons.sphinxext.loading
    assert re.search(r'<script src="_static/language.js\?v=\w+">', html)
    index = (tmp_path / "_build" / "searchindex.js").read_text(encoding="utf-8")
    assert '"\\u4e2d\\u6587"' in index or '"中文"' in index  # 中文, a character pair


def test_scripts_not_needed_for_first_paint_are_deferred_once():
    from sphinx.builders.html._assets import _JavaScript

    from lessons.sphinxext import loading

    scripts = [_JavaScript("_static/doctools.js", priority=200), _JavaScript("_static/language.js"),
               _JavaScript("_static/design-tabs.js", defer="defer"), _JavaScript("_static/togglebutton.js", **{"async": "async"})]
    context = {"script_files": scripts}
    loading.defer_scripts(None, "book/lesson-1", "page.html", context, None)
    doctools, language, tabs, toggle = context["script_files"]
    assert doctools.attributes == {"defer": "defer"} and doctools.priority == 200
    assert language.attributes == {}  # picks the language before paint
    assert tabs.attributes == {"defer": "defer"} and toggle.attributes == {"async": "async"}


def test_the_search_page_keeps_its_scripts_in_order():
    from sphinx.builders.html._assets import _JavaScript

    from lessons.sphinxext import loading

    context = {"script_files": [_JavaScript("_static/doctools.js")]}
    loading.defer_scripts(None, "search", "search.html", context, None)
    assert context["script_files"][0].attributes == {}


def test_course_table_cells_carry_their_column_heading_once():
    table = ('<table class="lessons-timeline-table lessons-evidence-table"><thead><tr><th scope="col">'
             '<span lang="zh-Hant" class="bl-zh">中國</span><span lang="en" class="bl-en">China</span></th>'
             '<th scope="col">Date</th></tr></thead><tbody><tr id="r1"><th scope="row"><code>x</code></th><td></td></tr></tbody></table>')
    labelled = layout.wrap_wide_content(table, "book/lesson-3.html")
    assert labelled.count(layout.CELL_LABEL) == 2
    assert f'<tr id="r1"><th scope="row">{layout.CELL_LABEL}<span lang="zh-Hant" class="bl-zh">中國</span>' in labelled
    assert f"<td>{layout.CELL_LABEL}Date</span></td>" in labelled
    assert layout.wrap_wide_content(labelled, "book/lesson-3.html") == labelled


def test_dictionary_column_names_may_break_only_after_underscores():
    table = ('<table class="lessons-timeline-table lessons-data-dictionary"><thead><tr><th>c</th></tr></thead>'
             '<tbody><tr><th scope="row"><code>title_zh</code></th></tr></tbody></table><p><code>title_zh</code></p>')
    once = layout.breakable_identifiers(table)
    assert "<code>title_<wbr>zh</code>" in once and once.endswith("<p><code>title_zh</code></p>")
    assert layout.breakable_identifiers(once) == once


@pytest.mark.parametrize("builder", ["man", "texinfo", "text"])
def test_other_builders_print_both_languages_without_a_warning(tmp_path, builder):
    """-b man crashed on the language blocks and texinfo warned "unknown node type"."""
    build(tmp_path, GOOD)  # writes the project
    out = tmp_path / f"_{builder}"
    code, output = run_sphinx("-b", builder, "-n", "-W", "--keep-going", "-q", tmp_path, out)
    assert code == 0, output
    written = "".join(path.read_text(encoding="utf-8", errors="replace") for path in out.rglob("*") if path.is_file())
    assert "中文段落" in written and "An English paragraph" in written
