"""A ``<meta name="description">`` on every page, for search engines and
link previews: the page's first passage in each language, shortened."""

from __future__ import annotations

import html

from docutils import nodes

from ..bilingual import EN, ZH

LENGTH = {ZH: 70, EN: 150}  # characters: about one line of a result page each


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(doctree) -> str | None:
    """The first paragraph of each language (or the first paragraph at all)."""
    found: dict[str, str] = {}
    # A language block is any element with a lang attribute (the bilingual
    # directive's halves); inline phrases hold no paragraph and drop out.
    for block in doctree.findall(lambda node: isinstance(node, nodes.Element) and node.get("lang") in LENGTH):
        lang = block["lang"]
        paragraph = next(iter(block.findall(nodes.paragraph)), None)
        if lang in LENGTH and lang not in found and paragraph is not None:
            found[lang] = _shorten(paragraph.astext(), LENGTH[lang])
    if found:
        return " · ".join(found[lang] for lang in (ZH, EN) if lang in found)
    paragraph = next(iter(doctree.findall(nodes.paragraph)), None)
    return _shorten(paragraph.astext(), LENGTH[EN]) if paragraph is not None else None


def add_description(app, pagename, templatename, context, doctree) -> None:
    # Pages with no passage (search, index) say the book's title: Jupyter
    # Book sets html_title, not project ("Project name not set").
    text = (describe(doctree) if doctree is not None else None) or app.config.html_title or app.config.project
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(text)}" />'


def setup_meta(app) -> None:
    app.connect("html-page-context", add_description)
