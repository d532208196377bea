"""An event's source as HTML: the citation as written in events.csv, with
every web address or site it names made a link a reader can follow.

Shared by the book's events table and the live explorer (its table and the
selected event's details), so a source reads and links the same everywhere.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from ..citations import SITE
from .words import lang_of


def source_links(source: str) -> list[tuple[str, str]]:
    """(shown text, https URL) for each site ``source`` names, in order."""
    return [(match.group(0), _url(match)) for match in SITE.finditer(source)]


def _url(match: re.Match) -> str:
    return f"https://{match.group(1).lower()}{match.group(2)}"


def source_html(source: str) -> Markup:
    """``source`` as a ``<cite>`` in its language; each site it names is a
    link opening in a new tab (``rel="noopener"``: the site gets no handle
    on the course's page)."""
    parts, end = [], 0
    for match in SITE.finditer(source):
        parts.append(html.escape(source[end:match.start()]))
        parts.append(f'<a href="{html.escape(_url(match))}" target="_blank" rel="noopener">'
                     f"{html.escape(match.group(0))}</a>")
        end = match.end()
    parts.append(html.escape(source[end:]))
    return Markup(f'<cite lang="{lang_of(source)}">{"".join(parts)}</cite>')
