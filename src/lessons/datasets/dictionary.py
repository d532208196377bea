"""The data dictionaries for people: a DataFrame (:func:`dictionary_frame`)
and bilingual HTML for the book's "Data and sources" page (:func:`overview`),
both generated from :mod:`.catalogue` so the page cannot drift from the
checks the loader makes.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from ..bilingual import Text, pair
from .columns import KINDS, Dataset

T = Text


def dictionary_frame(spec: Dataset):
    import pandas as pd

    return pd.DataFrame([
        {
            "column": c.name,
            "kind": c.kind,
            "unit": c.unit.en if c.unit else "",
            "unit_zh": c.unit.zh if c.unit else "",
            "allowed": " | ".join(c.allowed) if c.allowed else (f"like {c.example}" if c.example else ""),
            "may_be_empty": c.may_be_empty,
            "meaning_zh": c.description.zh,
            "meaning_en": c.description.en,
        }
        for c in spec.columns
    ])


def _allowed(column) -> Markup:
    # Typed HTML throughout: every text is a pair or escaped where it is written.
    if column.example:
        return Markup(f"{pair(T('例如', 'e.g.'))} <code>{html.escape(column.example)}</code>")
    return Markup(", ".join(f"<code>{html.escape(v)}</code> ({pair(label)})" for v, label in column.allowed.items()))


def dictionary_table(spec: Dataset) -> Markup:
    """The dictionary as an HTML table whose texts come in both languages."""
    head = [T("欄位", "column"), T("類型", "kind"), T("單位", "unit"),
            T("允許的值", "allowed values"), T("可空白？", "may be empty?"), T("意義", "meaning")]
    rows = []
    for c in spec.columns:
        empty = pair(T("可（＝未查證）", "yes (= not verified)") if c.may_be_empty else T("否", "no"))
        cells = [pair(KINDS[c.kind]), pair(c.unit) if c.unit else "", _allowed(c), empty, pair(c.description)]
        rows.append(f'<tr><th scope="row"><code>{html.escape(c.name)}</code></th>'
                    + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    header = "<tr>" + "".join(f'<th scope="col">{pair(t)}</th>' for t in head) + "</tr>"
    caption = pair(T(f"{spec.file} 的欄位", f"Columns of {spec.file}"))
    # The timeline table's styles: readable rows on wide screens, one card per row on phones.
    return Markup(f'<table class="lessons-timeline-table lessons-data-dictionary"><caption>{caption}</caption>'
                  f"<thead>{header}</thead><tbody>{''.join(rows)}</tbody></table>")


def overview(spec: Dataset, rows: int) -> Markup:
    """What a dataset holds, its scope, size and "as of" date, then its dictionary."""
    facts = [
        (T("檔案", "file"), f"<code>book/data/{html.escape(spec.file)}</code>"),
        (T("一列是", "one row is"), pair(spec.row)),
        (T("範圍", "scope"), pair(spec.scope)),
        (T("列數", "rows"), str(rows)),
        (T("資料時間", "how recent"), pair(spec.as_of_text)),
        (T("說明與來源", "notes and sources"), f"<code>book/data/{html.escape(spec.notes)}</code>"),
        (T("鍵（每列唯一）", "key (unique per row)"), ", ".join(f"<code>{html.escape(c)}</code>" for c in spec.key)),
    ]
    items = "".join(f"<dt>{pair(term)}</dt><dd>{value}</dd>" for term, value in facts)
    return Markup(f'<dl class="lessons-data-overview">{items}</dl>{dictionary_table(spec)}')
