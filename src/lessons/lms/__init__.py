"""The quiz banks in the tools a school already runs: Moodle XML, QTI 1.2 for
Canvas, and GIFT, per lesson and per language (zh-Hant, en, both).

One module per format (:mod:`~lessons.lms.moodle`, :mod:`~lessons.lms.qti`,
:mod:`~lessons.lms.gift`), each turning a :class:`~lessons.model.Bank` into
a file and a list of :class:`~lessons.lms.common.Note` (what was left out,
or is scored differently from the course's grader, and why);
:mod:`~lessons.lms.common` holds what they share. :func:`export` writes the
files into ``<out>/<format>/``; ``python -m lessons export-lms`` and
``make lms`` call it and print every note.

Results come back through the gradebook: :mod:`lessons.gradebook.lmsgrades`
writes Canvas's and Moodle's grade import files, and the gradebook reads
an LMS's "download all submissions" zip (:mod:`lessons.gradebook.lmszip`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Bank
from . import gift, moodle, qti
from .common import LANGUAGES, SUFFIX, Note, plain

FORMATS = ("moodle", "qti", "gift")
#: Each format's file name ending.
EXTENSION = {"moodle": ".xml", "qti": ".zip", "gift": ".gift.txt"}
#: What differs for a whole format, said once per export.
DIFFERENCES = {"moodle": moodle.DIFFERENCES, "qti": qti.DIFFERENCES, "gift": gift.DIFFERENCES}
COURSE_CATEGORY = "China-Russia 2023"


@dataclass
class Exported:
    """What one export wrote and what the instructor must know about it."""

    format: str
    files: list[Path] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def report(self) -> list[str]:
        """The lines the command prints: the files, then each note once."""
        lines = [f"{self.format}: wrote {len(self.files)} file(s) into {self.files[0].parent}" if self.files else f"{self.format}: wrote nothing"]
        lines += [f"  {difference}" for difference in DIFFERENCES[self.format]]
        for note in dict.fromkeys(self.notes):
            lines.append(f"  {note}")
        return lines


def file_name(lesson: str, fmt: str, mode: str) -> str:
    return f"{lesson}.{SUFFIX[mode]}{EXTENSION[fmt]}"


def export_bank(bank: Bank, fmt: str, mode: str) -> tuple[bytes, list[Note]]:
    """One lesson in one format and language: the file's bytes and the notes."""
    title = plain(bank.title, mode).replace("/", "-")
    category = f"{COURSE_CATEGORY}/{bank.lesson} {title}"
    if fmt == "moodle":
        return moodle.bank_xml(bank, mode, category)
    if fmt == "qti":
        return qti.bank_zip(bank, mode, f"{bank.lesson} {title}")
    if fmt == "gift":
        text, notes = gift.bank_text(bank, mode, category)
        return text.encode("utf-8"), notes
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def export(banks: Iterable[Bank], fmt: str, modes: Iterable[str], out: str | Path) -> Exported:
    """Write every bank in ``fmt`` for each mode into ``<out>/<fmt>/``."""
    folder = Path(out) / fmt
    folder.mkdir(parents=True, exist_ok=True)
    result = Exported(fmt)
    modes = list(modes)
    for bank in banks:
        for mode in modes:
            data, notes = export_bank(bank, fmt, mode)
            path = folder / file_name(bank.lesson, fmt, mode)
            path.write_bytes(data)
            result.files.append(path)
            # The notes are the same in every language: keep one set.
            if mode == modes[0]:
                result.notes += notes
    return result


__all__ = ["FORMATS", "LANGUAGES", "Exported", "Note", "export", "export_bank", "file_name"]
