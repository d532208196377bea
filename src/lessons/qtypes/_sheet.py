"""The printed worksheet's building blocks (:mod:`lessons.worksheet`), here
so each type's ``worksheet_body`` can use them: boxes to tick, lines to
write on, lettered lists. Nothing interactive and no answer in any of them;
each returns typed HTML (Markup), so bodies join them with ``+``."""

from __future__ import annotations

from markupsafe import Markup

from ..bilingual import Text, pair
from ._base import written_unit

#: Words the worksheet adds to the quiz's own (UI).
WORDS = {
    "worksheet": Text("學習單", "Worksheet"),
    "name": Text("姓名", "Name"),
    "class": Text("班級", "Class"),
    "date": Text("日期", "Date"),
    "write_letter": Text("在每個空格寫上相配項目的字母。", "Write the letter of the match in each box."),
    "write_category": Text("在每個空格寫上類別的字母。", "Write the letter of the category in each box."),
    "write_position": Text("在每個空格寫上順序：1 排在最前面。", "Write each item's position in its box: 1 comes first."),
    "matches": Text("可選的配對", "Matches to choose from"),
    "categories": Text("類別", "Categories"),
}

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BOX = '<span class="ws-box" aria-hidden="true"></span>'


def boxed_list(texts: list[Text], css: str = "ws-options") -> Markup:
    rows = "".join(f"<li>{BOX} {pair(text)}</li>" for text in texts)
    return Markup(f'<ul class="{css}">{rows}</ul>')


def lines(count: int, unit: Text | None = None) -> Markup:
    unit_html = f' <span class="ws-unit">{written_unit(unit)}</span>' if unit else ""
    drawn = "".join('<span class="ws-line"></span>' for _ in range(count))
    return Markup(f'<div class="ws-lines" data-lines="{count}">{drawn}{unit_html}</div>')


def lettered(heading: Text, texts: list[Text]) -> Markup:
    rows = "".join(f'<li><span class="ws-letter">{LETTERS[n]}.</span> {pair(text)}</li>' for n, text in enumerate(texts))
    return Markup(f'<p class="ws-subhead">{pair(heading)}</p><ul class="ws-lettered">{rows}</ul>')


def help_line(word: str) -> Markup:
    return Markup(f'<p class="ws-help">{pair(WORDS[word])}</p>')
