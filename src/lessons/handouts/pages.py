"""The built book, as `make handouts` reads it: where it is, and sections
taken out of its pages by their MyST labels (lessons.localsite serves it).

A MyST label ``(l1-discussion)=`` becomes ``<span id="l1-discussion">`` as
the first child of its heading's ``<section>``; the browser finds the
section with ``closest("section")``. So the answer key takes the discussion
questions from the lesson page and the rubrics from the instructor guide by
label, whatever the headings say and however the theme nests them.
"""

from __future__ import annotations

from pathlib import Path

#: Labels, per lesson number, of what the answer key takes from the book.
LESSON_DISCUSSION = "l{n}-discussion"
GUIDE_PAGE = "book/instructor-guide.html"
GUIDE_SECTIONS = ("guide-lesson-{n}-discussion", "guide-lesson-{n}-rubrics")


class BookMissing(Exception):
    """The built book (or a page of it) is not there; the message says how to build it."""


def lesson_page(book: Path, lesson: str) -> Path:
    return book / "book" / f"{lesson}.html"


def check_built(book: Path, lessons: list[str]) -> None:
    """Every page the handouts print must exist, else one message naming the fix."""
    needed = [book / "index.html", book / GUIDE_PAGE, *(lesson_page(book, lesson) for lesson in lessons)]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        raise BookMissing(
            f"the built book is missing or incomplete (no {', '.join(missing)}): "
            "`make handouts` prints the built book, so run `make book` first, then `make handouts`"
        )


SECTION_HTML = """label => {
  const anchor = document.getElementById(label);
  const section = anchor && anchor.closest("section");
  if (!section) return null;
  const copy = section.cloneNode(true);
  copy.querySelectorAll("a.headerlink").forEach(a => a.remove());
  return copy.outerHTML;
}"""


async def section_html(page, label: str, where: str) -> str:
    """The section labelled ``label`` on the loaded ``page`` (async API), as HTML."""
    found = await page.evaluate(SECTION_HTML, label)
    if not found:
        raise BookMissing(
            f"{where} has no section labelled ({label})= : the answer keys take it from there; "
            f"add the label above its heading and run `make book` again"
        )
    return found
