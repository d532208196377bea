"""Pages load only local assets: remote scripts and styles, thebe and the
saved widget state are stripped from every page.

Schools block CDNs, students deserve privacy, and the book must work offline.
Jupyter Book 1 and its extensions add require.js, the widget html-manager and
thebe from CDNs; this removes them (and anything else from another origin)
from each page's context after every other extension has added its own.
"""

from __future__ import annotations

import re

#: After every other ``html-page-context`` handler (default 500), including
#: those that add a script to one page only.
STRIP_PRIORITY = 900


def _is_remote(url) -> bool:
    return isinstance(url, str) and re.match(r"^(https?:)?//", url) is not None


def _page_needs(asset) -> bool:
    """False for what the published page must not carry: anything from
    another origin; thebe (it would fetch its bundle from a CDN on click);
    and the saved ipywidgets state, hundreds of KB that only the CDN widget
    manager reads: the book shows each quiz and the timeline as plain HTML."""
    filename = str(getattr(asset, "filename", asset) or "")
    attributes = getattr(asset, "attributes", {})
    return not (
        _is_remote(filename)
        or "thebe" in filename
        or "thebe" in str(attributes.get("body", "")) + str(attributes.get("type", ""))
        or attributes.get("type") == "application/vnd.jupyter.widget-state+json"
    )


def keep_assets_local(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        context[key] = [asset for asset in context.get(key) or [] if _page_needs(asset)]


def setup_local_assets(app) -> None:
    app.connect("html-page-context", keep_assets_local, priority=STRIP_PRIORITY)
