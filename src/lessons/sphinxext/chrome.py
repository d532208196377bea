"""The theme's own words on every page, in both languages.

The theme writes its navigation words in English ("previous", "next",
"Contents", "Search", the skip link), so a reader in 中文 mode met them
untranslated on every page. Each becomes the book's usual pair of
``bl-zh``/``bl-en`` spans, which the language switch governs like the
rest of the page (and both show without JavaScript).

The sidebar's link to the home page is the theme's too: it writes the home
page's title as plain text, both languages run together ("…的緊密 China
and…") whatever the mode; it becomes the same pair as the other entries.
"""

from __future__ import annotations

import re

from ..bilingual import Text, pair
from .pages import after_build

#: The theme's markup around each word -> the word's two languages.
WORDS: dict[tuple[str, str], Text] = {
    ('<p class="prev-next-subtitle">', "previous</p>"): Text("上一頁", "previous"),
    ('<p class="prev-next-subtitle">', "next</p>"): Text("下一頁", "next"),
    ('<span class="search-button__default-text">', "Search</span>"): Text("搜尋", "Search"),
    ('<a href="#main-content">', "Skip to main content</a>"): Text("跳到主要內容", "Skip to main content"),
    ('</svg> ', "Contents\n"): Text("本頁目錄", "Contents"),
    ("<h1>", "Search</h1>"): Text("搜尋", "Search"),  # the search page's heading
}


#: The home link's plain title: Chinese (up to its last Chinese character
#: or closing mark), a space, then English.
HOME_LINK = re.compile(
    r'(<ul class="nav bd-sidenav bd-sidenav__home-link">\s*<li class="toctree-l1">\s*<a class="reference internal" href="[^"]*">\s*)'
    r"([^<]*[\u3400-\u9fff\uff00-\uffef\u3000-\u303f])\s+([A-Za-z][^<]*?)(\s*</a>)"
)


def translate_chrome(text: str, page: str) -> str:
    for (before, word_after), words in WORDS.items():
        after = word_after[len(words.en) :]
        text = text.replace(before + words.en + after, f"{before}{pair(words)}{after}")
    # The page is raw HTML (str): the pair goes in as its text, not with ``+``
    # (``str + Markup`` would escape the page's own markup around it).
    return HOME_LINK.sub(lambda m: f"{m[1]}{pair(Text(m[2], m[3]))}{m[4]}", text)


def setup_chrome(app) -> None:
    after_build(app, translate_chrome)
