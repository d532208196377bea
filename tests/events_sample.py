"""A few rows of a good events file, and the helpers that write one with a
fault in it: shared by the events and timeline tests."""

from __future__ import annotations

from pathlib import Path

from lessons.events import COLUMNS

HEADER = ",".join(COLUMNS)
GOOD_ROWS = [
    'tiananmen-1989,1989-06-04,day,china,yes,天安門事件,Tiananmen Square crackdown,'
    '中國政府鎮壓抗議活動。,China crushes the protests.,history.state.gov',
    'shanghai-five-1996,1996-04,month,multilateral,no,上海五國協定,Shanghai Five agreement,'
    '簽署協定。,An agreement is signed.,rferl.org/a/1080434.html',
    'crimea-2014,2014-03-18,day,russia,yes,俄羅斯兼併克里米亞,Russia annexes Crimea,'
    '俄羅斯簽署條約。,Russia signs a treaty.,rferl.org',
]
ANCHOR_TITLES = {
    "tiananmen-1989": ("天安門事件", "Tiananmen Square crackdown"),
    "soviet-collapse-1991": ("蘇聯解體", "The Soviet Union is dissolved"),
    "crimea-2014": ("俄羅斯兼併克里米亞", "Russia annexes Crimea"),
    "invasion-2022": ("俄羅斯全面入侵烏克蘭", "Russia's full-scale invasion of Ukraine"),
}


def write_events(tmp_path, rows, header=HEADER) -> Path:
    path = tmp_path / "events.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def replace_field(row: str, column: str, value: str) -> str:
    fields = row.split(",")
    fields[COLUMNS.index(column)] = value
    return ",".join(fields)
