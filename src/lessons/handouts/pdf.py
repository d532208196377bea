"""One page of the book, or one answer key, printed to PDF by Chromium.

Chromium's own print (``page.pdf``) is what a reader's "Save as PDF" does:
``print.css`` applies, fonts are embedded (subset), text stays text. The
running header names the course and the lesson, the footer the kind of
handout and "page x of y", in the handout's language.
"""

from __future__ import annotations

import html
from pathlib import Path

from markupsafe import Markup

from ..bilingual import Text

PAGE_WORDS = Text("第 {x} 頁，共 {y} 頁", "Page {x} of {y}")
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
# Header and footer are drawn apart from the page, with no page styles: they
# need their own font and size (Chromium's default there is unreadably small).
BAND = (
    'style="font-family: \'DejaVu Sans\', \'AR PL UMing TW\', \'Noto Sans CJK TC\', sans-serif; font-size: 8pt; color: #333;'
    ' width: 100%; margin: 0 14mm; display: flex; justify-content: space-between; gap: 1em;"'
)


def _page_numbers(mode: str) -> Markup:
    number = '<span class="pageNumber"></span>'
    total = '<span class="totalPages"></span>'
    words = PAGE_WORDS.in_mode(mode, sep=" · ")
    return Markup(html.escape(words).replace("{x}", number).replace("{y}", total))  # str.replace: before it is Markup


def header_template(course: str, lesson: str) -> Markup:
    return Markup(f"<div {BAND}><span>{html.escape(course)}</span><span>{html.escape(lesson)}</span></div>")


def footer_template(kind: str, mode: str) -> Markup:
    return Markup(f"<div {BAND}><span>{html.escape(kind)}</span><span>{_page_numbers(mode)}</span></div>")


async def print_pdf(page, path: Path, *, paper: str, course: str, lesson: str, kind: str, mode: str) -> None:
    """Print the loaded ``page`` (Playwright's async API) to ``path`` once its fonts are ready."""
    await page.evaluate("document.fonts.ready.then(() => true)")
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.pdf(
        path=str(path),
        format=paper,
        print_background=True,
        display_header_footer=True,
        header_template=header_template(course, lesson),
        footer_template=footer_template(kind, mode),
        margin=MARGIN,
    )
