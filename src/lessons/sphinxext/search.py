"""The book's own search box, for Chinese as well as English readers.

Sphinx indexes words. Its Chinese support cuts text with jieba, whose
dictionary is Simplified: on this book's Traditional text it cuts 習近平 into
習近 + 平在 and 中俄關係 into 中俄關 + 係, so those words never match (measured
in docs/benchmarks.md). Instead the index holds every pair of adjacent
Chinese characters, and the search box cuts a Chinese query the same way;
Sphinx requires every pair to be on a page, so any Chinese word of two or
more characters finds every page that has it, whatever a dictionary knows.
English words are indexed exactly as Sphinx's English search does.

The theme also loads the whole index (and Sphinx's search code) on every
page although only the search page uses it; those scripts go from the
other pages, which then paint without waiting for them.

The search page gets ``search.js`` before Sphinx's search code: lessons rank
above the teachers' pages, snippets are body text in the reader's language,
and Sphinx's words on the page follow the language switch.
"""

from __future__ import annotations

import re

from sphinx.search.en import SearchEnglish

from .pages import after_build

SEARCH_LANGUAGE = "en+zh-Hant"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PIECES = re.compile(f"([{CJK}]+)")

# The same cut in the search box: Sphinx's splitQuery, then Chinese runs into pairs.
SPLIT_QUERY_JS = r"""
function splitQuery(query) {
  var chinese = /^[%(cjk)s]+$/;
  var terms = [];
  query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).forEach(function (token) {
    token.split(/([%(cjk)s]+)/).forEach(function (piece) {
      if (!piece) return;
      if (!chinese.test(piece) || piece.length === 1) { terms.push(piece); return; }
      for (var i = 0; i + 1 < piece.length; i++) terms.push(piece.slice(i, i + 2));
    });
  });
  return terms;
}
""" % {"cjk": CJK}


def chinese_pairs(run: str) -> list[str]:
    """Adjacent character pairs of a Chinese run; a lone character stays itself."""
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


class SearchBilingual(SearchEnglish):
    """English words as Sphinx's English search; Chinese as character pairs."""

    lang = SEARCH_LANGUAGE  # the key app.add_search_language registers it under
    language_name = "English and Traditional Chinese"
    js_splitter_code = SPLIT_QUERY_JS

    def split(self, input: str) -> list[str]:
        words: list[str] = []
        for token in super().split(input):
            for piece in CJK_PIECES.split(token):
                if not piece:
                    continue
                words.extend(chinese_pairs(piece) if CJK_PIECES.fullmatch(piece) else [piece])
        return words

    def stem(self, word: str) -> str:
        return word if CJK_PIECES.search(word) else super().stem(word)


SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)[^"]*"></script>')


def drop_search_scripts(text: str, page: str) -> str:
    """Every page but the search page: the index is for the search page only
    (the theme's search button opens a form that goes there)."""
    return text if page == "search.html" else SEARCH_SCRIPTS.sub("", text)


def use_bilingual_search(app, config) -> None:
    config.html_search_language = SEARCH_LANGUAGE


def add_search_page_script(app, pagename, templatename, context, doctree) -> None:
    """``search.js`` on the search page only, before Sphinx's searchtools.js."""
    if pagename == "search":
        app.add_js_file("search.js")


def setup_search(app) -> None:
    app.add_search_language(SearchBilingual)
    app.connect("config-inited", use_bilingual_search)
    app.connect("html-page-context", add_search_page_script)
    after_build(app, drop_search_scripts)
