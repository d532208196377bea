"""The evidence datasets: their dictionaries, the loader that enforces them,
and ``python -m lessons check`` over every data file.

Mirrors ``src/lessons/datasets/``. Each file is broken in a copy under
tmp_path, one mistake at a time; every problem must come back as
``file:line: column: what is wrong — how to fix``, never as a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from inprocess import run_lessons
from lessons import datasets
from lessons.datasets import DatasetError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "book" / "data"
ROWS = {"unsc-vetoes": 41, "unga-ukraine-votes": 7, "china-russia-trade": 17, "bloc-membership": 61, "china-russia-exercises": 48}


def raw(name: str) -> tuple[list[str], list[list[str]]]:
    """The file's header and rows as plain text, read without the loader."""
    with open(DATA / datasets.dataset(name).file, encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def write(tmp_path, name: str, header: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / datasets.dataset(name).file
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return path


def broken(tmp_path, name: str, row: int, column: str, value: str) -> Path:
    """A copy of dataset ``name`` with one cell changed (``row`` 0 = the first data row, on line 2)."""
    header, rows = raw(name)
    rows[row][header.index(column)] = value
    return write(tmp_path, name, header, rows)


def problems_of(name: str, path: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        datasets.load(name, path)
    assert isinstance(caught.value, ValueError)
    return [str(p) for p in caught.value.problems]


# --- the course's own files ---------------------------------------------------------


@pytest.mark.parametrize("name", datasets.NAMES)
def test_every_dataset_loads_with_all_its_rows(name):
    frame = datasets.load(name)
    assert len(frame) == ROWS[name]
    assert tuple(frame.columns) == datasets.dataset(name).column_names


@pytest.mark.parametrize("name", datasets.NAMES)
def test_the_dictionary_names_the_files_columns_in_order(name):
    header, _ = raw(name)
    assert list(datasets.describe(name)["column"]) == header


@pytest.mark.parametrize("name", datasets.NAMES)
def test_every_empty_cell_stays_missing_and_nothing_else_does(name):
    header, rows = raw(name)
    frame = datasets.load(name)
    for i, column in enumerate(header):
        empty = [not row[i] for row in rows]
        assert list(frame[column].isna()) == empty, column


def test_numbers_and_dates_are_typed_and_empty_numbers_are_not_zero():
    trade = datasets.load("china-russia-trade").set_index("year")
    assert trade["total_usd_bn"].dtype == "float64" and math.isnan(trade.loc[2012, "total_usd_bn"])
    assert trade.loc[2013, "total_usd_bn"] == 89.21 and trade.loc[2016, "total_usd_bn"] == 69.525
    assert (trade["total_usd_bn"].fillna(-1) != 0).all()
    votes = datasets.load("unga-ukraine-votes")
    assert votes["yes"].dtype == "int64" and list(votes["yes"]) == [100, 141, 140, 93, 143, 94, 141]
    vetoes = datasets.load("unsc-vetoes")
    assert vetoes["date"].iloc[0] == pd.Timestamp("1993-05-11")
    assert pd.isna(vetoes.loc[vetoes["date"] == "1994-12-02", "china"]).all()   # China's 1994 vote: not verified
    blocs = datasets.load("bloc-membership")
    india = blocs[(blocs["country_en"] == "India") & (blocs["status"] == "observer")].iloc[0]
    assert (india["date"], india["precision"]) == (pd.Timestamp("2005-07-01"), "month")  # "2005-07": its first day
    exercises = datasets.load("china-russia-exercises")
    assert exercises["end_date"].isna().sum() == 4 and exercises["name_zh"].isna().sum() == 4


def test_the_notes_counts_hold_for_the_files():
    # trade-membership-sources.md: "17 | 61 | 45" rows, then 3 exercises added by
    # the second reader; un-votes-sources.md: 40 vetoes + the 1994 row, 7 votes.
    assert len(datasets.load("china-russia-exercises")) == 45 + 3
    vetoes = datasets.load("unsc-vetoes")
    assert vetoes["draft"].isna().sum() == 11   # "Blank draft symbol (11 rows)"
    assert vetoes["others_vetoing"].isna().all()  # "Empty in every row"


def test_loading_is_cached_but_each_call_gets_its_own_copy():
    first = datasets.load("china-russia-trade")
    first.loc[0, "total_usd_bn"] = 0
    again = datasets.load("china-russia-trade")
    assert again.loc[0, "total_usd_bn"] == 8.0


def test_an_edited_file_is_read_again(tmp_path):
    header, rows = raw("unga-ukraine-votes")
    path = write(tmp_path, "unga-ukraine-votes", header, rows)
    assert len(datasets.load("unga-ukraine-votes", path)) == 7
    path = write(tmp_path, "unga-ukraine-votes", header, rows[:3])
    assert len(datasets.load("unga-ukraine-votes", path)) == 3


def test_an_unknown_dataset_name_says_which_exist():
    with pytest.raises(ValueError, match="no dataset 'vetoes': use one of unsc-vetoes, unga-ukraine-votes"):
        datasets.load("vetoes")


def test_describe_gives_kind_unit_allowed_values_and_emptiness():
    trade = datasets.describe("china-russia-trade").set_index("column")
    assert trade.loc["total_usd_bn", "unit"] == "US$ bn" and trade.loc["total_usd_bn", "may_be_empty"]
    assert not trade.loc["year", "may_be_empty"] and trade.loc["year", "kind"] == "year"
    vetoes = datasets.describe("unsc-vetoes").set_index("column")
    assert vetoes.loc["china", "allowed"] == "vetoed | yes | abstained | absent"
    assert vetoes.loc["draft", "allowed"] == "like S/2022/155"
    assert "否決" in datasets.dictionary_html("unsc-vetoes") and 'lang="zh-Hant"' in datasets.dictionary_html("unsc-vetoes")


def test_units_on_the_data_page_come_in_both_languages():
    """A 中文 reader meets 國家 and 十億美元, not the English units (issue 24)."""
    from bs4 import BeautifulSoup

    for name, column, zh, en in (("unga-ukraine-votes", "yes", "國家", "states"),
                                 ("china-russia-trade", "total_usd_bn", "十億美元", "US$ bn")):
        soup = BeautifulSoup(datasets.dictionary_html(name), "html.parser")
        row = soup.find("code", string=column).find_parent("tr")
        unit = row.find_all("td")[1]  # kind, unit, allowed, empty, meaning
        assert unit.find(lang="zh-Hant").get_text() == zh and unit.find(lang="en").get_text() == en
        assert datasets.describe(name).set_index("column").loc[column, "unit_zh"] == zh


# --- malformed rows, for each file ------------------------------------------------------

# (dataset, data row (0 = line 2), column, bad value, column named, words of the fix)
MALFORMED = [
    # unsc-vetoes
    ("unsc-vetoes", 11, "date", "2014-15-03", "date", "is not a real calendar date — check the month and day"),
    ("unsc-vetoes", 11, "date", "15 March 2014", "date", "does not parse — write YYYY-MM-DD"),
    ("unsc-vetoes", 11, "date", "2014-03", "date", "gives a month — write the full day as YYYY-MM-DD"),
    ("unsc-vetoes", 11, "china", "abstain", "china", "'abstain' is not an allowed value — use one of 'vetoed', 'yes', 'abstained', 'absent' (or leave it empty"),
    ("unsc-vetoes", 11, "subject_en", "", "subject_en", "is empty but this column may not be — fill it from a source"),
    ("unsc-vetoes", 11, "draft", "S-2014-189", "draft", "is not a valid symbol — write it like 'S/2022/155' (or leave it empty if not verified)"),
    ("unsc-vetoes", 11, "subject_zh", "Ukraine", "subject_zh", "has no Chinese characters — write it in Traditional Chinese"),
    ("unsc-vetoes", 11, "russia", "abstained", "russia", "neither russia nor china is 'vetoed' — correct the votes"),
    ("unsc-vetoes", 11, "date", "2025-01-05", "date", "outside this file's scope (1992-01-01 to 2024-12-31) — check it"),
    ("unsc-vetoes", 11, "others_vetoing", "US ; Germany", "others_vetoing", "'Germany' is not an allowed value — list values from 'US', 'UK', 'France'"),
    # unga-ukraine-votes
    ("unga-ukraine-votes", 1, "yes", "141.5", "yes", "'141.5' is not a whole number — write digits only, e.g. 141"),
    ("unga-ukraine-votes", 1, "china", "abstain", "china", "use one of 'yes', 'no', 'abstained', 'absent'"),
    ("unga-ukraine-votes", 1, "title_en", "", "title_en", "is empty but this column may not be"),
    ("unga-ukraine-votes", 1, "date", "2022-02-30", "date", "'2022-02-30' is not a real calendar date"),
    ("unga-ukraine-votes", 1, "resolution", "A/RES/ES-11/1", "resolution", "write it like 'ES-11/1'"),
    ("unga-ukraine-votes", 1, "abstain", "135", "yes", "yes + no + abstain = 281, more than the 193 UN member states"),
    # china-russia-trade
    ("china-russia-trade", 6, "total_usd_bn", "95,28", "total_usd_bn", "'95,28' is not a number — write digits with a decimal point in US$ bn"),
    ("china-russia-trade", 6, "total_usd_bn", "0.0", "total_usd_bn", "exports 53.68 + imports 41.6 = 95.280, but the total is 0.0"),
    ("china-russia-trade", 6, "year", "14", "year", "'14' is not a year — write four digits"),
    ("china-russia-trade", 6, "year", "2030", "year", "2030 is outside this file's scope (1992–2024)"),
    ("china-russia-trade", 6, "source", "", "source", "is empty but this column may not be"),
    ("china-russia-trade", 6, "source", "People's Daily, 2014", "source", "is not a web address — write each source as a full URL"),
    ("china-russia-trade", 6, "source", "https://tass.com/economy/1 ; tass.com/economy/2", "source", "'tass.com/economy/2' is not a web address"),
    ("unsc-vetoes", 3, "source", "https://wikimili.com/en/Vetoed_United_Nations_Security_Council_resolutions_on_Syria",
     "source", "is a copy site (wikimili.com), not a source a teacher can cite — replace it with the page it copies"),
    ("unga-ukraine-votes", 0, "source", "https://press.un.org/en/2014/ga11493.doc.htm ; https://en.wikipedia.org/wiki/X",
     "source", "is a copy site (wikipedia.org)"),
    ("china-russia-trade", 6, "notes_zh", "", "notes_zh", "is empty but notes is not — translate the note into Traditional Chinese"),
    ("china-russia-trade", 6, "notes_zh", "Russia: GAC via ITAR-TASS", "notes_zh", "has no Chinese characters"),
    ("china-russia-exercises", 0, "notes", "", "notes", "is empty but notes_zh is not"),
    ("china-russia-trade", 6, "china_total_trade_usd_bn", "43", "china_total_trade_usd_bn", "43.0 is smaller than China–Russia trade (95.28)"),
    # bloc-membership
    ("bloc-membership", 12, "status", "full member", "status", "'full member' is not an allowed value — use one of 'founding member', 'member'"),
    ("bloc-membership", 12, "precision", "day", "date", "'2005-07' does not match precision 'day' — write the date as YYYY-MM-DD, or correct precision"),
    ("bloc-membership", 12, "date", "2005-13", "date", "'2005-13' is not a real calendar date"),
    ("bloc-membership", 12, "country_zh", "", "country_zh", "is empty but this column may not be"),
    ("bloc-membership", 12, "organisation", "NATO", "organisation", "use one of 'Shanghai Five', 'SCO', 'BRICS'"),
    # china-russia-exercises
    ("china-russia-exercises", 0, "kind", "sea", "kind", "'sea' is not an allowed value — use one of 'land', 'naval', 'air', 'strategic'"),
    ("china-russia-exercises", 0, "start_date", "2005-08-32", "start_date", "is not a real calendar date"),
    ("china-russia-exercises", 0, "end_date", "2005-08-01", "end_date", "2005-08-01 is before start_date 2005-08-18 — correct one of the dates"),
    ("china-russia-exercises", 0, "name_en", "", "name_en", "is empty but this column may not be"),
    ("china-russia-exercises", 0, "participants", "China, Iran", "participants", "does not name both China and Russia"),
    ("china-russia-exercises", 0, "date_precision", "week", "date_precision", "use one of 'day', 'month'"),
]


@pytest.mark.parametrize("name, row, column, value, named, fix", MALFORMED)
def test_a_malformed_cell_names_file_line_column_and_fix(tmp_path, name, row, column, value, named, fix):
    path = broken(tmp_path, name, row, column, value)
    (problem,) = problems_of(name, path)
    assert problem.startswith(f"{path}:{row + 2}: {named}: "), problem
    assert fix in problem, problem


@pytest.mark.parametrize("name", datasets.NAMES)
def test_a_duplicate_row_names_both_lines(tmp_path, name):
    header, rows = raw(name)
    path = write(tmp_path, name, header, [*rows, rows[2]])
    spec = datasets.dataset(name)
    problems = problems_of(name, path)
    # one problem per key the copy repeats (unsc-vetoes: date + subject, and the draft symbol)
    assert [p.split(": ")[1] for p in problems] == [key[0] for key in (spec.key, *spec.unique)]
    for problem in problems:
        assert problem.startswith(f"{path}:{len(rows) + 2}: ") and ": duplicate of line 4 (" in problem
        assert problem.endswith("— each row must be a different record: remove the copy or correct it")


def test_a_draft_symbol_used_twice_is_a_duplicate(tmp_path):
    path = broken(tmp_path, "unsc-vetoes", 11, "draft", "S/2014/348")  # the next row's symbol
    (problem,) = problems_of("unsc-vetoes", path)
    assert problem.startswith(f"{path}:14: draft: duplicate of line 13 (draft 'S/2014/348')")


@pytest.mark.parametrize("name", datasets.NAMES)
def test_an_unknown_or_missing_column_is_named_on_line_1(tmp_path, name):
    header, rows = raw(name)
    renamed = [*header[:-1], header[-1] + "x"]
    path = write(tmp_path, name, renamed, rows)
    assert problems_of(name, path) == [
        f"{path}:1: {header[-1]}: column is missing from the header — add it",
        f"{path}:1: {header[-1]}x: unknown column — remove it or fix its name (columns: {', '.join(header)})",
    ]


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    header, rows = raw("china-russia-trade")
    rows[0][header.index("year")] = "2O00"
    rows[3][header.index("china_us_trade_usd_bn")] = "n/a"
    rows.append(["2025", "1", "", "", "", "", "", "", ""])
    path = write(tmp_path, "china-russia-trade", header, rows)
    assert [p.split(": ")[0:2] for p in problems_of("china-russia-trade", path)] == [
        [f"{path}:2", "year"], [f"{path}:5", "china_us_trade_usd_bn"], [f"{path}:19", "source"], [f"{path}:19", "year"],
    ]


def test_a_row_with_too_many_fields_and_a_missing_file(tmp_path):
    header, rows = raw("unga-ukraine-votes")
    path = write(tmp_path, "unga-ukraine-votes", header, [*rows[:2], rows[2] + ["extra"]])
    assert problems_of("unga-ukraine-votes", path) == [
        f"{path}:4: has 11 fields but the header has 10 — put text containing commas in double quotes"]
    missing = tmp_path / "nowhere.csv"
    assert problems_of("unga-ukraine-votes", missing) == [
        f"{missing}: file not found — it should be book/data/unga-ukraine-votes.csv (see book/data/README.md)"]


def test_in_a_notebook_the_error_shows_without_a_traceback(tmp_path):
    from IPython.core.interactiveshell import InteractiveShell

    path = broken(tmp_path, "china-russia-exercises", 0, "kind", "sea")
    shell = InteractiveShell()
    shown = io.StringIO()
    shell.user_ns["path"] = str(path)
    with contextlib.redirect_stdout(shown):
        shell.run_cell("from lessons import datasets\ndatasets.load('china-russia-exercises', path)")
    text = shown.getvalue()
    assert "DatasetError:" in text and f"{path}:2: kind: 'sea' is not an allowed value" in text
    assert "Traceback" not in text and "File " not in text


# --- python -m lessons check --------------------------------------------------------------


def run_check(*args, cwd=ROOT):
    return run_lessons("check", *args, cwd=cwd)


def test_check_covers_every_data_file_of_the_course():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    for name in datasets.NAMES:
        assert f"book/data/{datasets.dataset(name).file}: {ROWS[name]} rows OK ({name})" in result.stdout


def test_check_reports_a_broken_dataset_and_exits_1(tmp_path):
    broken(tmp_path, "unsc-vetoes", 11, "china", "maybe")
    result = run_check("unsc-vetoes.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("unsc-vetoes.csv:13: china: 'maybe' is not an allowed value — use one of")
    assert result.stderr == "1 problem(s) found\n" and "Traceback" not in result.stdout


def test_checking_the_data_needs_no_chart_library():
    code = "import sys; from lessons import datasets; [datasets.load(n) for n in datasets.NAMES]; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["False"]


def test_check_knows_a_renamed_copy_by_its_header(tmp_path):
    header, rows = raw("bloc-membership")
    copy = tmp_path / "membership-draft.csv"
    with open(copy, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    result = run_check("membership-draft.csv", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "membership-draft.csv: 61 rows OK (bloc-membership)\n")


def test_check_flags_a_csv_in_book_data_that_no_loader_checks(tmp_path):
    # a small course: one lesson with its bank, one dataset, and a stray file
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\nchapters:\n  - file: book/lesson-1\n", encoding="utf-8")
    (tmp_path / "book" / "quizzes").mkdir(parents=True)
    (tmp_path / "book" / "data").mkdir()
    for part in ("lesson-1.md", "quizzes/lesson-1.yml", "data/unga-ukraine-votes.csv"):
        (tmp_path / "book" / part).write_bytes((ROOT / "book" / part).read_bytes())
    (tmp_path / "book" / "data" / "votes-2025.csv").write_text("date,resolution\n", encoding="utf-8")
    result = run_check(cwd=tmp_path)
    assert result.returncode == 1
    assert "book/data/unga-ukraine-votes.csv: 7 rows OK (unga-ukraine-votes)\n" in result.stdout
    assert result.stdout.endswith(
        "book/data/votes-2025.csv: no loader checks this file — add its data dictionary to "
        "src/lessons/datasets/catalogue.py (see CONTRIBUTING.md), or move it out of book/data/\n")


@pytest.mark.parametrize("name", datasets.NAMES)
def test_the_data_readme_gives_the_same_as_of_date_as_the_dictionary(name):
    spec = datasets.dataset(name)
    line = next(line for line in (DATA / "README.md").read_text(encoding="utf-8").splitlines() if f"`{spec.file}`" in line)
    assert f"{spec.as_of.day} {spec.as_of:%B %Y}" in line, line
    assert f"`{spec.notes}`" in line


# --- sources a teacher can cite (issue 22) ---------------------------------------------


def test_every_source_cell_is_a_list_of_web_addresses():
    """Read as plain text, not through the loader that enforces it: each part
    of every ``source`` cell is one whole http(s) address, so the tables can
    link it."""
    for name in datasets.NAMES:
        header, rows = raw(name)
        for line, row in enumerate(rows, start=2):
            for part in row[header.index("source")].split(" ; "):
                assert re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", part), f"{name}.csv:{line}: {part!r}"


def test_no_data_file_names_a_wikipedia_mirror_or_copy_site():
    """Not in a source, a note or a title: every cell of every CSV in book/data/."""
    from lessons.citations import MIRROR_HOSTS

    for path in sorted(DATA.glob("*.csv")):
        text = path.read_text(encoding="utf-8").lower()
        named = [host for host in MIRROR_HOSTS if host in text]
        assert not named, f"{path.name} names {named}"
    # The list holds every host issue 22 named, so the check above can fail.
    for host in ("wikimili.com", "kfd.me", "kiwix", "wikipedia-on-ipfs.org", "voltairenet.org", "neptunep2pgroup.com",
                 "heydaycn.com", "chazidian.com", "tellerreport.com"):
        assert host in MIRROR_HOSTS


@pytest.mark.parametrize("name", ["china-russia-trade", "bloc-membership", "china-russia-exercises"])
def test_every_note_has_its_chinese_and_an_empty_note_stays_empty(name):
    """中文 mode shows notes_zh: filled exactly where the English note is, in Traditional Chinese."""
    simplified_only = set("关国苏联军与会发时对东这为个们来说经济组织际议条约华战亚罗乌兰贸额进认")
    header, rows = raw(name)
    for line, row in enumerate(rows, start=2):
        note, zh = row[header.index("notes")], row[header.index("notes_zh")]
        assert bool(note) == bool(zh), f"{name}.csv:{line}"
        assert not simplified_only & set(zh), f"{name}.csv:{line}: simplified characters {simplified_only & set(zh)}"


@pytest.mark.parametrize("name", datasets.NAMES)
def test_a_loaded_cell_reads_back_as_the_file_writes_it(name):
    """The tables show typed frames as text: a month date stays "2005-07", an
    empty cell "", an amount its number (a whole amount without ".0")."""
    from lessons.datasets.columns import cell_text

    spec = datasets.dataset(name)
    header, rows = raw(name)
    frame = datasets.load(name)
    for (_, loaded), row in zip(frame.iterrows(), rows):
        for column in spec.columns:
            shown, written = cell_text(column, loaded[column.name], loaded), row[header.index(column.name)]
            if column.kind == "amount" and written:
                assert float(shown) == float(written) and not shown.endswith(".0"), (name, column.name, written)
            else:
                assert shown == written, (name, column.name, written, shown)
