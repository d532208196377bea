"""`make handouts`: every handout PDF, printed by Chromium from the built book.

For each lesson and mode: the student handout is the lesson page itself,
opened with ``?lang=<mode>`` and printed (``print.css`` leaves out the
navigation, prints the quiz as its worksheet and the data tables unfolded);
the worksheet is :func:`lessons.handouts.worksheetdoc.render_worksheet_handout`,
with the data tables its questions read taken from the built lesson page;
the answer key is
:func:`lessons.handouts.answerkey.render_answer_key`, with the discussion
sections taken from the built lesson page and instructor guide. The class
sets join the lessons' files per kind and mode (``pdfunite``, poppler-utils),
each lesson keeping its own page numbers, as printed for a class.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import chromium
from ..bilingual import MODES, Text
from ..localsite import serve
from ..notebooks import lesson_sources
from ..paths import quiz_bank_path
from ..problems import SetupError
from ..quizbank import load_bank
from . import CLASS_SET, KIND_WORDS, KINDS, STUDENT, WORKSHEET, file_name, lesson_number, lesson_title
from .answerkey import render_answer_key
from .pages import GUIDE_PAGE, GUIDE_SECTIONS, LESSON_DISCUSSION, BookMissing, check_built, section_html
from .pdf import print_pdf
from .worksheetdoc import DATA_TABLES, DataTable, data_sections, render_worksheet_handout


class HandoutError(Exception):
    """What stopped the handouts; the message names the fix. Raised as itself
    for an unknown ``--lesson``, a built book that lacks a page or section
    (run ``make book``) and pdfunite failing; a missing tool is the subclass
    :class:`HandoutToolMissing`."""


class HandoutToolMissing(HandoutError, SetupError):
    """A program the handouts need is not installed (Chromium, pdfunite,
    Playwright): a :class:`~lessons.problems.SetupError` with the command
    that installs it, still caught as a :class:`HandoutError`."""


@dataclass
class Report:
    """What was written, and how long it took."""

    out: Path
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return f"{len(self.files)} handouts in {self.out} ({self.seconds:.1f} s)"


def course_title(root: Path) -> Text:
    """The book's title from _config.yml, "中文 · English", as a Text."""
    import yaml

    title = str(yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")).get("title", ""))
    zh, _, en = title.partition(" · ")
    return Text(zh.strip() or title, en.strip() or title)


def chromium_executable() -> str:
    path = chromium.find()
    if path is None:
        raise HandoutToolMissing(
            "Chromium not found: the handouts are printed by it. Run `make handouts` as root to install it, "
            f"or {chromium.INSTALL_HINT}",
            missing="Chromium", fix=f"run `make handouts` as root, or {chromium.INSTALL_HINT}",
        )
    return path


#: Pages printing at once: Chromium prints each in its own renderer, so two
#: use both cores of a small machine; more only queue.
WORKERS = 2


@dataclass(frozen=True)
class Job:
    """One PDF: a lesson page (student) or an answer key, in one mode."""

    lesson: str
    kind: str
    mode: str


def build_handouts(root: Path, book: Path, out: Path, paper: str = "A4", only: list[str] | None = None, workers: int = WORKERS) -> Report:
    """Every file of :func:`lessons.handouts.expected_files` for the toc's lessons (or ``only`` these)."""
    started = time.perf_counter()
    lessons = [source.stem for source in lesson_sources(root)]
    unknown = sorted(set(only or ()) - set(lessons))
    if unknown:
        raise HandoutError(f"no lesson {', '.join(unknown)} in _toc.yml: choose from {', '.join(lessons)}")
    lessons = [lesson for lesson in lessons if not only or lesson in only]
    try:
        check_built(book, lessons)
    except BookMissing as error:
        raise HandoutError(str(error)) from None
    pdfunite = shutil.which("pdfunite")
    if not pdfunite:
        fix = "Debian: apt-get install poppler-utils; Fedora: dnf install poppler-utils; macOS: brew install poppler"
        raise HandoutToolMissing(
            f"pdfunite not found: the class sets join the lessons' PDFs with it. Install poppler-utils ({fix})",
            missing="pdfunite (poppler-utils)", fix=fix,
        )
    report = Report(out)
    jobs = [Job(lesson, kind, mode) for lesson in lessons for kind in KINDS for mode in MODES]
    report.files += asyncio.run(_print_all(book, out, paper, course_title(root), lessons, jobs, workers))
    for kind in KINDS:
        for mode in MODES:
            report.files.append(_class_set(pdfunite, out, lessons, kind, mode))
    report.seconds = time.perf_counter() - started
    return report


async def _print_all(book: Path, out: Path, paper: str, course: Text, lessons: list[str], jobs: list[Job], workers: int) -> list[Path]:
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        raise HandoutToolMissing(
            "Playwright is not installed: `make handouts` installs it, or pip install 'lessons[handouts]'",
            missing="Playwright", fix="make handouts, or pip install 'lessons[handouts]'",
        ) from None

    context = {"titles": {lesson: lesson_title(lesson) for lesson in lessons},
               "banks": {lesson: load_bank(quiz_bank_path(lesson)) for lesson in lessons}}
    with serve(book) as base:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium_executable(), args=chromium.FLAGS)
            try:
                page = await browser.new_page()
                context["discussions"] = {lesson: await _discussion_html(page, base, lesson) for lesson in lessons}
                context["tables"] = {lesson: await _data_tables(page, base, lesson, context["banks"][lesson]) for lesson in lessons}
                queue: asyncio.Queue[Job] = asyncio.Queue()
                for job in jobs:
                    queue.put_nowait(job)
                pages = [page, *[await browser.new_page() for _ in range(max(1, workers) - 1)]]
                done: list[Path] = []
                await asyncio.gather(*(_worker(p, queue, done, base, out, paper, course, context) for p in pages))
            finally:
                await browser.close()
    order = {file_name(job.lesson, job.kind, job.mode): n for n, job in enumerate(jobs)}
    return sorted(done, key=lambda path: order[path.name])


async def _worker(page, queue, done: list[Path], base: str, out: Path, paper: str, course: Text, context: dict) -> None:
    while not queue.empty():
        job = queue.get_nowait()
        title = context["titles"][job.lesson]
        if job.kind == STUDENT:
            await page.goto(f"{base}book/{job.lesson}.html?lang={job.mode}", wait_until="load")
            await page.evaluate(OPEN_DATA_TABLES)
        elif job.kind == WORKSHEET:
            sheet = render_worksheet_handout(context["banks"][job.lesson], job.mode, title, context["tables"][job.lesson])
            await page.set_content(sheet, wait_until="load")
        else:
            key = render_answer_key(context["banks"][job.lesson], job.mode, title, context["discussions"][job.lesson])
            await page.set_content(key, wait_until="load")
        path = out / file_name(job.lesson, job.kind, job.mode)
        await print_pdf(
            page, path, paper=paper, course=course.in_mode(job.mode, " · "), lesson=title.in_mode(job.mode, " · "),
            kind=KIND_WORDS[job.kind].in_mode(job.mode, " · "), mode=job.mode,
        )
        done.append(path)


#: The folded data tables print open (print.css does it too, where the browser knows ::details-content).
OPEN_DATA_TABLES = "() => document.querySelectorAll('details.lessons-evidence-data').forEach(d => { d.open = true; })"


async def _data_tables(page, base: str, lesson: str, bank) -> list[DataTable]:
    """The evidence tables of the sections the lesson quiz's questions come from."""
    await page.goto(f"{base}book/{lesson}.html", wait_until="load")
    found = await page.evaluate(DATA_TABLES, data_sections(bank))
    return [DataTable(item["label"], item["html"]) for item in found]


async def _discussion_html(page, base: str, lesson: str) -> str:
    """The lesson's discussion questions, then the guide's notes and rubrics for them."""
    n = lesson_number(lesson)
    await page.goto(f"{base}book/{lesson}.html", wait_until="load")
    parts = [await _section(page, LESSON_DISCUSSION.format(n=n), f"book/{lesson}.html")]
    await page.goto(f"{base}{GUIDE_PAGE}", wait_until="load")
    parts += [await _section(page, label.format(n=n), GUIDE_PAGE) for label in GUIDE_SECTIONS]
    return "\n".join(parts)


async def _section(page, label: str, where: str) -> str:
    try:
        return await section_html(page, label, where)
    except BookMissing as error:
        raise HandoutError(str(error)) from None


def _class_set(pdfunite: str, out: Path, lessons: list[str], kind: str, mode: str) -> Path:
    target = out / file_name(CLASS_SET, kind, mode)
    sources = [str(out / file_name(lesson, kind, mode)) for lesson in lessons]
    result = subprocess.run([pdfunite, *sources, str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        raise HandoutError(f"pdfunite could not join the {kind} handouts ({mode}) into {target}: {result.stderr.strip()}")
    return target
