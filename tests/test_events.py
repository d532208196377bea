"""The timeline's events: checking ``book/data/events.csv`` and loading it.

Mirrors ``src/lessons/events.py``. Every problem an author can make in the
file must come back with its file, line, field and fix.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

import pytest

from events_sample import ANCHOR_TITLES, GOOD_ROWS, HEADER, replace_field, write_events
from lessons.events import ANCHOR_YEARS, EventsError, load_events, select_events

@pytest.fixture(scope="module")
def events():
    return load_events()


def problems_of(path) -> list[str]:
    with pytest.raises(EventsError) as caught:
        load_events(path)
    assert isinstance(caught.value, ValueError)
    return [str(p) for p in caught.value.problems]


# --------------------------------------------------------------------------
# Data validation
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "field", "fix"),
    [
        ("date", "1989-6-4", "date", "write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("date", "2023-02-30", "date", "not a real calendar date"),
        ("date", "", "date", "is empty"),
        ("precision", "month", "precision", "set precision to 'day'"),
        ("precision", "week", "precision", "use day, month or year"),
        ("title_zh", "", "title_zh", "write the Traditional Chinese title"),
        ("title_en", "", "title_en", "write the English title"),
        ("description_zh", "", "description_zh", "write the Traditional Chinese description"),
        ("description_en", "", "description_en", "write the English description"),
        ("title_zh", "Tiananmen", "title_zh", "has no Chinese text"),
        ("title_en", "天安門事件", "title_en", "is mostly Chinese"),
        ("category", "asia", "category", "use one of china, russia, bilateral, multilateral, west, brief"),
        ("source", "", "source", "cite where the date comes from"),
        ("source", "Widely reported on 24 February 2022", "source", "names no web page: add the address read"),
        ("source", "Wikipedia copy (wikimili.com/en/Tiananmen)", "source", "names wikimili.com, a copy site a teacher cannot cite"),
        ("anchor", "maybe", "anchor", "is not yes or no"),
        ("id", "Tiananmen 1989", "id", "lower-case letters, digits and hyphens"),
    ],
)
def test_a_malformed_row_names_file_line_field_and_fix(tmp_path, column, value, field, fix):
    # The broken row is on line 3; a day-precision base row for "month".
    base, other = (GOOD_ROWS[2], GOOD_ROWS[1]) if value == "month" else (GOOD_ROWS[1], GOOD_ROWS[2])
    path = write_events(tmp_path, [GOOD_ROWS[0], replace_field(base, column, value), other])
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}, line 3, field '{field}': ")
    assert fix in problem


def test_in_a_notebook_the_error_shows_without_a_traceback(tmp_path):
    from IPython.core.interactiveshell import InteractiveShell

    path = write_events(tmp_path, [replace_field(GOOD_ROWS[0], "category", "asia")])
    shell = InteractiveShell()
    shown = io.StringIO()
    shell.user_ns["path"] = str(path)
    with contextlib.redirect_stdout(shown):
        shell.run_cell("from lessons.events import load_events\nload_events(path)")
    text = shown.getvalue()
    assert "EventsError:" in text and "line 2, field 'category'" in text and "use one of china" in text
    assert "Traceback" not in text and "File " not in text


def test_precision_must_match_the_date_string(tmp_path):
    rows = [replace_field(GOOD_ROWS[1], "precision", "day"), replace_field(GOOD_ROWS[2], "precision", "year")]
    first, second = problems_of(write_events(tmp_path, rows))
    assert "line 2, field 'precision'" in first and "gives a month" in first and "write the date as YYYY-MM-DD" in first
    assert "line 3, field 'precision'" in second and "set precision to 'day'" in second


def test_duplicate_id_names_both_lines(tmp_path):
    path = write_events(tmp_path, [*GOOD_ROWS, GOOD_ROWS[0]])
    (problem,) = problems_of(path)
    assert "line 5, field 'id'" in problem
    assert "duplicate id 'tiananmen-1989' (first used on line 2)" in problem


def test_anchor_only_in_the_brief_s_anchor_years(tmp_path):
    row = replace_field(GOOD_ROWS[1], "anchor", "yes")
    (problem,) = problems_of(write_events(tmp_path, [row]))
    assert "line 2, field 'anchor'" in problem and "1996 is not one of the brief's anchor years" in problem


def test_every_problem_is_listed_in_one_error(tmp_path):
    rows = [
        replace_field(GOOD_ROWS[0], "source", ""),
        replace_field(replace_field(GOOD_ROWS[1], "category", "asia"), "title_en", ""),
        GOOD_ROWS[2],
    ]
    with pytest.raises(EventsError) as caught:
        load_events(write_events(tmp_path, rows))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'events.csv'}: 3 problems in the timeline events:")
    assert "line 2, field 'source'" in message
    assert "line 3, field 'category'" in message and "line 3, field 'title_en'" in message


def test_line_numbers_count_lines_inside_quoted_fields(tmp_path):
    multi_line = replace_field(GOOD_ROWS[0], "description_en", '"Two\nlines."')
    broken = replace_field(GOOD_ROWS[2], "date", "2014/03/18")
    (problem,) = problems_of(write_events(tmp_path, [multi_line, GOOD_ROWS[1], broken]))
    assert "line 5, field 'date'" in problem


def test_a_row_with_an_unquoted_comma_is_reported(tmp_path):
    row = GOOD_ROWS[0].replace("China crushes the protests.", "China, crushes the protests.")
    (problem,) = problems_of(write_events(tmp_path, [row]))
    assert "line 2" in problem and "has 11 fields but the header has 10" in problem and "double quotes" in problem


def test_header_problems_name_the_columns(tmp_path):
    header = HEADER.replace("source", "citation")
    problems = problems_of(write_events(tmp_path, GOOD_ROWS, header=header))
    assert any("field 'source': column is missing from the header" in p for p in problems)
    assert any("field 'citation': unknown column" in p for p in problems)


def test_a_missing_or_empty_file_says_what_to_do(tmp_path):
    (missing,) = problems_of(tmp_path / "nope.csv")
    assert str(tmp_path / "nope.csv") in missing and "file not found" in missing
    empty = tmp_path / "events.csv"
    empty.write_text("", encoding="utf-8")
    (problem,) = problems_of(empty)
    assert "the file is empty" in problem and HEADER in problem
    (no_rows,) = problems_of(write_events(tmp_path, []))
    assert "has no events" in no_rows


def test_a_good_file_loads_sorted_with_dates_and_precision(tmp_path):
    loaded = load_events(write_events(tmp_path, list(reversed(GOOD_ROWS))))
    assert list(loaded["id"]) == ["tiananmen-1989", "shanghai-five-1996", "crimea-2014"]
    five = loaded.iloc[1]
    assert (str(five["start"].date()), str(five["end"].date())) == ("1996-04-01", "1996-04-30")
    assert 1996.24 < five["when"] < 1996.34  # the middle of April
    assert list(loaded["anchor"]) == [True, False, True]
    assert list(loaded["line"]) == [4, 3, 2]


# --------------------------------------------------------------------------
# The real events file
# --------------------------------------------------------------------------


def test_the_real_file_loads_with_the_four_anchors(events):
    anchors = events[events["anchor"]]
    assert set(anchors["start"].dt.year) == set(ANCHOR_YEARS) == {1989, 1991, 2014, 2022}
    assert set(ANCHOR_TITLES) <= set(anchors["id"])
    # Western sanctions on China in 1989 are anchors too.
    west_1989 = anchors[(anchors["category"] == "west") & (anchors["start"].dt.year == 1989)]
    assert len(west_1989) >= 1
    for event_id, (zh, en) in ANCHOR_TITLES.items():
        row = events[events["id"] == event_id].iloc[0]
        assert (row["title_zh"], row["title_en"]) == (zh, en)


def test_the_real_file_has_the_dates_the_sources_give(events):
    dates = dict(zip(events["id"], events["date"]))
    assert dates["tiananmen-1989"] == "1989-06-04"
    assert dates["soviet-collapse-1991"] == "1991-12-26"
    assert dates["sco-founded-2001"] == "2001-06-15"
    assert dates["friendship-treaty-2001"] == "2001-07-16"
    assert dates["crimea-2014"] == "2014-03-18"
    assert dates["no-limits-2022"] == "2022-02-04"
    assert dates["invasion-2022"] == "2022-02-24"
    assert dates["brief-published-2023"] == "2023-09-11"
    # Sources disagree on the day: only the month is claimed.
    precision = dict(zip(events["id"], events["precision"]))
    assert precision["shanghai-five-1996"] == precision["south-africa-joins-2011"] == "month"
    assert precision["brics-kazan-2024"] == "month"


def test_every_real_event_names_a_page_a_reader_can_follow(events):
    """Each source names a site the timeline links (the brief is cited by its file)."""
    from lessons.timeline import source_links

    for _, event in events.iterrows():
        if "book/data/brief.txt" not in event["source"]:
            assert source_links(event["source"]), event["id"]


def test_every_real_event_has_a_source_and_traditional_chinese(events):
    simplified_only = set("关国苏联军与会发时对东这为个们来说经济组织际议条约华战亚罗乌兰")
    for _, event in events.iterrows():
        assert event["source"].strip()
        for field in ("title_zh", "description_zh"):
            found = simplified_only & set(event[field])
            assert not found, f"{event['id']} {field} has simplified characters {found}"


# --------------------------------------------------------------------------
# Working with loaded events
# --------------------------------------------------------------------------


def test_select_events_by_category_and_inclusive_years(tmp_path):
    loaded = load_events(write_events(tmp_path, GOOD_ROWS))
    assert list(select_events(loaded, ["china", "russia"])["id"]) == ["tiananmen-1989", "crimea-2014"]
    assert list(select_events(loaded, years=(1996, 2014))["id"]) == ["shanghai-five-1996", "crimea-2014"]
    assert list(select_events(loaded, ["china"], (1990, 2020))["id"]) == []
    assert select_events(loaded).equals(loaded)


def test_checking_the_events_needs_no_chart_library():
    # `python -m lessons check` validates the file without loading matplotlib.
    code = "import sys; from lessons.events import load_events; load_events(); print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False"]
