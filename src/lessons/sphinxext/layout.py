"""Wide tables scroll inside themselves, never the page.

A table a cell prints (a pandas DataFrame) can be wider than a phone. Each
goes into a container that scrolls sideways on its own; the container is
named and reachable with the keyboard (axe's scrollable-region rule), so
a reader who cannot swipe can still scroll it.
"""

from __future__ import annotations

import re

from .pages import after_build

OUTPUT_TABLE = re.compile(r'(<table[^>]*\bclass="[^"]*\bdataframe\b[^"]*"[^>]*>.*?</table>)', re.DOTALL)
WRAPPER = '<div class="lessons-scroll" role="region" tabindex="0" aria-label="表格（可左右捲動）Table (scrolls sideways)">'


def wrap_wide_tables(text: str, page: str) -> str:
    if "dataframe" not in text:
        return text
    return OUTPUT_TABLE.sub(lambda m: m.group(1) if text[max(0, m.start() - len(WRAPPER)) : m.start()] == WRAPPER else WRAPPER + m.group(1) + "</div>", text)


def setup_layout(app) -> None:
    after_build(app, wrap_wide_tables)
