"""An event's words in one language: its date at its precision, its title
and description, the language of a citation, and line breaks that know CJK
text may break between characters.

Shared by the chart (labels), the book's table and the live explorer.
"""

from __future__ import annotations

import re
import unicodedata

from ..bilingual import BOTH, EN, ZH, Text, check_mode, has_chinese

MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")


def date_label(event, lang: str, short: bool = False) -> str:
    """The event's date at its precision: 1989年6月4日 / 4 June 1989 /
    1989-06-04 (``both``, where one neutral form serves both readers)."""
    start, precision = event["start"], event["precision"]
    if lang == ZH:
        return {"day": f"{start.year}年{start.month}月{start.day}日",
                "month": f"{start.year}年{start.month}月", "year": f"{start.year}年"}[precision]
    if lang == EN:
        month = (MONTHS_SHORT if short else MONTHS_LONG)[start.month - 1]
        return {"day": f"{start.day} {month} {start.year}", "month": f"{month} {start.year}",
                "year": f"{start.year}"}[precision]
    return event["date"]


def languages(lang: str) -> tuple[str, ...]:
    """The languages ``lang`` shows, in reading order: one, or both."""
    return (ZH, EN) if lang == BOTH else (check_mode(lang),)


def event_text(event, field: str) -> Text:
    """``title`` or ``description`` of one event as a :class:`Text`."""
    return Text(event[f"{field}_zh"], event[f"{field}_en"])


def lang_of(text: str) -> str:
    """The language tag for a citation: sources are mostly English."""
    return ZH if has_chinese(text) else EN


def text_width_em(text: str) -> float:
    """Rough width in ems: CJK characters are square, Latin about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


# A CJK character, a run of other non-space characters, or white space.
WRAP_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")
NO_LINE_START = set("，。、；：」』）》！？,.;:)")


def wrap(text: str, width_em: float) -> list[str]:
    """Greedy line breaking that knows CJK text can break between characters."""
    lines, line = [], ""
    for token in WRAP_TOKENS.findall(text):
        fits = text_width_em(line + token) <= width_em
        if fits or not line.strip() or token.isspace() or token[0] in NO_LINE_START:
            line += token
        else:
            lines.append(line.rstrip())
            line = token
    lines.append(line.strip())
    return [entry for entry in lines if entry]

