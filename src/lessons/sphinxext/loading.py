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

All of them reach the page through ``script_files`` (``app.add_js_file``
by Sphinx, the theme and the extensions), so each is swapped in
``html-page-context`` for a copy carrying ``defer``, before the template
writes it.
"""

from __future__ import annotations

from .local_assets import STRIP_PRIORITY

DEFERRABLE = ("doctools.js", "sphinx_highlight.js", "clipboard.min.js", "copybutton.js", "sphinx-book-theme.js", "togglebutton.js", "design-tabs.js")
#: After the local-assets filter, so the list it swaps in is the final one.
DEFER_PRIORITY = STRIP_PRIORITY + 50


def deferred(script):
    """``script`` with ``defer`` when it is one of DEFERRABLE and not yet
    deferred or async: a copy of Sphinx's own entry (its type, priority and
    attributes), so the theme writes it as any other."""
    attributes = getattr(script, "attributes", None)  # None: a plain string entry
    if attributes is None or str(script.filename).rsplit("/", 1)[-1] not in DEFERRABLE or {"defer", "async"} & set(attributes):
        return script
    return type(script)(script.filename, priority=script.priority, **attributes, defer="defer")


def defer_scripts(app, pagename, templatename, context, doctree):
    if pagename != "search" and context.get("script_files"):
        context["script_files"] = [deferred(script) for script in context["script_files"]]


def setup_loading(app) -> None:
    app.connect("html-page-context", defer_scripts, priority=DEFER_PRIORITY)
