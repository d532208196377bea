"""A lesson's worksheet handout as one HTML document, ready to print.

The lesson quiz as its worksheet (:func:`lessons.worksheet.render_worksheet`,
the same rendering the lesson page prints), then the data tables its
questions read, printed in full: a question that says "Read the veto
table" needs the table on the paper in front of the student. Which tables
those are follows from the bank: a question's ``section`` names the lesson
section it comes from, and the tables are the evidence tables of those
sections on the built lesson page (:data:`DATA_TABLES`, run in the browser).

On paper the tables leave out their long columns (notes, sources, lists), so
the worksheet stays short (docs/benchmarks.md: at most 4 A4 pages per
lesson and language); a line says where each row's sources are. The text
is bilingual markup; the document's ``data-lessons-lang`` and the inlined
``print.css`` choose what prints, as on a book page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup

from ..bilingual import EN, ZH, Text, pair
from ..worksheet import render_worksheet
from . import KIND_WORDS, WORKSHEET
from .answerkey import page_styles

WORDS = {
    "data": Text("作答用的資料", "Data for the questions"),
    "for_questions": Text("第{numbers}題用", "For question{s} {numbers}"),
    "sources": Text(
        "資料為背景補充，非摘要原文；空白＝未核實。每一列的附註與出處，以及這裡省略的欄位，見本課網頁上的資料表及「資料與出處」頁。",
        "The data are context, not from the brief; an empty cell = not verified. Each row's notes and sources, "
        "and the columns left out here, are in the table on the lesson's page and on the Data and sources page.",
    ),
}

#: Styles of the worksheet handout itself (the page styles come from lessons.css and print.css).
SHEET_CSS = """
body { font-family: "DejaVu Sans", "Lessons Print Zh", "Noto Sans", "Liberation Sans", sans-serif; line-height: 1.3; margin: 0; font-size: 9pt; }
h1 { font-size: 1.3em; margin: 0 0 0.3rem; }
h2 { font-size: 1.1em; margin: 0.6rem 0 0.2rem; border-bottom: 1px solid #000; }
/* Two columns of questions: a lesson's worksheet fits on two sheets of A4. */
.lq-worksheet .ws-questions { columns: 2; column-gap: 1.4rem; }
.lq-worksheet .ws-question { margin: 0 0 0.5rem; }
.lq-worksheet .ws-line { height: 1.5em; }
.lq-worksheet .ws-lines[data-lines="1"] .ws-line { width: 85%; }
.sheet-note { font-size: 0.9em; margin: 0.15rem 0 0.3rem; }
.sheet-data table { break-inside: auto; page-break-inside: auto; font-size: 7pt; line-height: 1.1; }
.sheet-data .lessons-evidence-table :is(th, td) { padding: 0 2pt; }
.sheet-data .lessons-evidence-table caption { font-size: 8.5pt; padding-bottom: 2pt; }
/* A long table of few columns runs in two columns too. */
.sheet-data .sheet-split { columns: 2; column-gap: 1rem; }
"""

LONG_CELL = 24

#: In the browser, on the built lesson page: for each section label, the
#: evidence tables in that section, without their long columns (notes,
#: sources, and any whose cells average over LONG_CELL characters in one
#: language: places, participant lists) and without the phone's card labels.
DATA_TABLES = """labels => {
  const LONG = %d;  // characters: a column whose cells average more is long text
  const longest = cell => Math.max(0, ...[...cell.querySelectorAll("[lang]")].map(e => e.textContent.length), cell.textContent.length / 2);
  const seen = new Set(), found = [];
  for (const label of labels) {
    const anchor = document.getElementById(label);
    const section = anchor && anchor.closest("section");
    if (!section) continue;
    for (const table of section.querySelectorAll("details.lessons-evidence-data table.lessons-evidence-table")) {
      if (seen.has(table)) continue;
      seen.add(table);
      const copy = table.cloneNode(true);
      copy.querySelectorAll(".lessons-cell-label").forEach(label => label.remove());
      const rows = [...copy.querySelectorAll("tbody tr")];
      const long = i => rows.some(row => row.children[i] && row.children[i].classList.contains("lessons-evidence-wide"))
        || rows.reduce((sum, row) => sum + (row.children[i] ? longest(row.children[i]) : 0), 0) / Math.max(rows.length, 1) > LONG;
      const drop = [...copy.querySelectorAll("thead th")].map((th, i) => long(i) ? i : -1).filter(i => i >= 0).reverse();
      copy.querySelectorAll("tr").forEach(row => drop.forEach(i => row.children[i] && row.children[i].remove()));
      found.push({label, html: copy.outerHTML});
    }
  }
  return found;
}""" % LONG_CELL


@dataclass(frozen=True)
class DataTable:
    """One table a worksheet prints, and the section label it came from."""

    label: str
    html: str


def quiz_ids(bank) -> list[str]:
    """The lesson quiz's questions, in the form's order (the worksheet's numbers)."""
    return [question.id for question in bank.quiz_questions(None)]


def data_sections(bank) -> list[str]:
    """The lesson sections the quiz's questions come from, in question order."""
    return list(dict.fromkeys(q.section for q in bank.quiz_questions(None) if q.section))


def render_worksheet_handout(bank, mode: str, lesson_title: Text, tables: list[DataTable]) -> Markup:
    """The whole document. ``tables`` is trusted HTML taken from the built book."""
    title = f"{KIND_WORDS[WORKSHEET].in_mode(mode)} — {lesson_title.in_mode(mode)}"
    data = "".join(_table(bank, table) for table in tables)
    data_part = (
        f'<section class="sheet-data"><h2>{pair(WORDS["data"])}</h2>'
        f'<p class="sheet-note">{pair(WORDS["sources"])}</p>{data}</section>\n'
        if tables else ""
    )
    return Markup(
        "<!DOCTYPE html>\n"
        f'<html lang="{ZH if mode == ZH else EN}" data-lessons-lang="{html.escape(mode)}">\n'
        f'<head><meta charset="utf-8"><title>{html.escape(title)}</title>\n'
        f"<style>{page_styles()}\n{SHEET_CSS}</style></head>\n"
        '<body><main class="worksheet-handout">\n'
        f"<h1>{pair(lesson_title)}</h1>\n"
        f"{render_worksheet(bank, quiz_ids(bank))}\n{data_part}"
        "</main></body></html>\n"
    )


def _table(bank, table: DataTable) -> Markup:
    numbers = [str(n) for n, q in enumerate(bank.quiz_questions(None), 1) if q.section == table.label]
    words = WORDS["for_questions"]
    joined = Text(words.zh.format(numbers="、".join(numbers)),
                  words.en.format(numbers=", ".join(numbers), s="s" if len(numbers) > 1 else ""))
    lead = f'<p class="sheet-note">{pair(joined)}</p>' if numbers else ""
    columns, rows = len(re.findall(r"<th\b", table.html.split("</thead>")[0])), len(re.findall(r"<tr\b", table.html))
    split = " sheet-split" if columns <= SPLIT_COLUMNS and rows > SPLIT_ROWS else ""
    return Markup(f'<div class="sheet-table{split}">{lead}{table.html}</div>')  # table.html: trusted, from the built book


#: A table of at most this many columns and more rows prints in two columns.
SPLIT_COLUMNS, SPLIT_ROWS = 5, 20
