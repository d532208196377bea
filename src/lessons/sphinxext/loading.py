"""Scripts that nothing on the first paint needs load without blocking it.

Sphinx and the theme's extensions put their scripts in ``<head>`` as plain
``<script src>``: the browser stops parsing until each has arrived and run.
None of those below draws anything before the page is read: each waits for
DOMContentLoaded or acts on a click. ``defer`` keeps their order and runs
them before DOMContentLoaded, so they behave as before, after the first
paint. ``language.js`` stays blocking (it picks the language before paint),
as do ``documentation_options.js`` (inline scripts read it) and the theme's
own inline scripts. The search page is left as it is: its blocking
``searchtools.js`` needs ``doctools.js`` already run.
"""

from __future__ import annotations

import re

from .pages import after_build

DEFERRABLE = ("doctools.js", "sphinx_highlight.js", "clipboard.min.js", "copybutton.js", "sphinx-book-theme.js", "togglebutton.js", "design-tabs.js")
BLOCKING_SCRIPT = re.compile(r'<script (?![^>]*\b(?:defer|async)\b)([^>]*\bsrc="[^"]*?/(?:%s)(?:\?[^"]*)?")' % "|".join(map(re.escape, DEFERRABLE)))


def defer_scripts(text: str, page: str) -> str:
    return text if page == "search.html" else BLOCKING_SCRIPT.sub(r"<script defer \1", text)


def setup_loading(app) -> None:
    after_build(app, defer_scripts)
