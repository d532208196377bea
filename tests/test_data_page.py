"""The "Data and sources" page in the real book build: one section per
dataset, in both languages, whose column table is the data dictionary the
loader enforces (so the page cannot drift from the checks), with the "as of"
date, the row count, download links and the two ways of loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lessons import datasets

pytestmark = pytest.mark.book

PAGE = "book/data-sources"


@pytest.fixture(scope="module")
def page(built_book: Path) -> BeautifulSoup:
    """The page as its tables read on a wide screen: without the phone's card
    labels (each cell's column heading, shown only at 390 px; sphinxext/layout.py)."""
    soup = BeautifulSoup((built_book / f"{PAGE}.html").read_text(encoding="utf-8"), "html.parser")
    for label in soup.select(".lessons-cell-label"):
        label.decompose()
    return soup


def section(page: BeautifulSoup, label: str):
    """The page section whose MyST label is ``label`` (the label is a span inside it)."""
    anchor = page.find(id=label)
    assert anchor is not None, f"no section labelled ({label})= on the page"
    return anchor.find_parent("section")


@pytest.mark.parametrize("name", datasets.NAMES)
def test_each_dataset_has_a_bilingual_section_with_sources_and_disagreements(page, name):
    part = section(page, f"data-{name}")
    heading = part.select_one("h2")
    assert heading.select_one('[lang="zh-Hant"]').get_text(strip=True) and heading.select_one('[lang="en"]').get_text(strip=True)
    zh = " ".join(e.get_text() for e in part.select('.bl-pair > [lang="zh-Hant"]'))
    en = " ".join(e.get_text() for e in part.select('.bl-pair > [lang="en"]'))
    assert "來源。" in zh and "來源之間的分歧" in zh
    assert "Sources." in en and "Where sources disagree" in en


@pytest.mark.parametrize("name", datasets.NAMES)
def test_the_column_table_is_the_data_dictionary(page, name):
    spec = datasets.dataset(name)
    table = section(page, f"data-{name}").select_one("table.lessons-data-dictionary")
    rows = table.select("tbody tr")
    assert [r.select_one("th").get_text(strip=True) for r in rows] == list(spec.column_names)
    for row, column in zip(rows, spec.columns):
        meaning = row.select("td")[-1]
        assert meaning.select_one('[lang="zh-Hant"]').get_text() == column.description.zh
        assert meaning.select_one('[lang="en"]').get_text() == column.description.en
        for value in column.allowed:
            assert f"<code>{value}</code>" in str(row)


@pytest.mark.parametrize("name", datasets.NAMES)
def test_the_overview_gives_rows_as_of_date_and_downloads(page, name):
    spec = datasets.dataset(name)
    part = section(page, f"data-{name}")
    overview = part.select_one("dl.lessons-data-overview")
    facts = {dt.select_one('[lang="en"]').get_text(): dd for dt, dd in zip(overview.select("dt"), overview.select("dd"))}
    assert facts["rows"].get_text() == str(len(datasets.load(name)))
    assert facts["how recent"].select_one('[lang="en"]').get_text() == spec.as_of_text.en
    assert facts["how recent"].select_one('[lang="zh-Hant"]').get_text() == spec.as_of_text.zh
    downloads = [a["href"] for a in part.select("a.download")]
    assert any(href.endswith(f"/{spec.file}") for href in downloads)
    assert any(href.endswith(f"/{spec.notes}") for href in downloads)


def test_the_page_shows_both_ways_of_loading(page):
    loading = section(page, "data-loading")
    code = loading.get_text()
    assert 'datasets.load("china-russia-trade")' in code
    assert "pd.read_csv(datasets.path(\"china-russia-trade\"), dtype=str, keep_default_na=False)" in code
    # the plain read keeps 2012's unverified total as an empty string, visible in the output table
    outputs = loading.select(".cell_output table")
    plain = [[td.get_text(strip=True) for td in tr.select("td")] for tr in outputs[1].select("tbody tr")]
    assert ["2012", "", ""] in plain and ["2010", "55.45", "29.61"] in plain


def test_the_page_is_in_the_table_of_contents(built_book):
    index = (built_book / "book" / "index.html").read_text(encoding="utf-8")
    assert "data-sources.html" in index
