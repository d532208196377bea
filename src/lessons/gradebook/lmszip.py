"""Exports handed in through an LMS: the zip its "download all submissions"
gives, read as it is, so a class without a shared folder can still hand in.

The gradebook reads each ``.json`` / ``.csv`` member of the zip straight
from the archive (nothing is extracted, so a member's name is never used as
a path on this machine). The student is the one named in the export; the
LMS's own naming, parsed by :func:`identity`, only adds who the LMS knows
the file as (its user id goes into the Canvas grade import file):

* Canvas (lib/content_zipper.rb): ``<sortable name>[_LATE]_<user id>_<file
  id>_<file name>``, the name lower case with every character but letters,
  digits and ``_`` removed; ``[LATE_]anon_<id>_<file id>_<file name>`` when
  the assignment is anonymous.
* Moodle (mod/assign, "download all submissions"): by default a folder per
  student, ``<full name>_<participant id>_assignsubmission_file_/<file
  name>``; with "Download submissions in folders" off, one flat name
  ``<full name>_<participant id>_assignsubmission_file_<file name>``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: A member larger than this is not an export (they are a few kilobytes).
MAX_MEMBER = 5_000_000
CANVAS = re.compile(r"(?:(?P<name>[^/]+?)_)??(?P<late>LATE_)?(?P<id>anon_[0-9A-Za-z]+|\d+)_(?P<file_id>\d+)_(?P<file>[^/]+)")
MOODLE_FOLDER = re.compile(r"(?P<name>[^/]+)_(?P<id>\d+)_assignsubmission_file_")
MOODLE_FLAT = re.compile(r"(?P<name>[^/]+)_(?P<id>\d+)_assignsubmission_file_(?P<file>[^/]+)")


@dataclass(frozen=True)
class Identity:
    """Who an LMS says handed in a file."""

    lms: str  # "canvas" or "moodle"
    name: str  # as the LMS wrote it (Canvas: lower case, letters only)
    id: str  # Canvas: the user id (or anon_...); Moodle: the participant id of the assignment
    late: bool = False


def identity(member: str) -> Identity | None:
    """The LMS naming of a zip member's path, or None when it has neither."""
    path = PurePosixPath(member)
    if len(path.parts) >= 2 and (match := MOODLE_FOLDER.fullmatch(path.parts[-2])):
        return Identity("moodle", match["name"], match["id"])
    if match := MOODLE_FLAT.fullmatch(path.name):
        return Identity("moodle", match["name"], match["id"])
    if match := CANVAS.fullmatch(path.name):
        return Identity("canvas", match["name"] or "", match["id"], bool(match["late"]))
    return None


class ZipMember:
    """One export inside a zip, read like a file by the gradebook; shown as
    ``submissions.zip:member``."""

    def __init__(self, archive: Path, member: str):
        self.archive, self.member = archive, member
        self.suffix = PurePosixPath(member).suffix
        self.stem = PurePosixPath(member).stem
        self.parent = archive / PurePosixPath(member).parent

    def read_bytes(self) -> bytes:
        with zipfile.ZipFile(self.archive) as archive:
            info = archive.getinfo(self.member)
            if info.file_size > MAX_MEMBER:
                raise OSError(f"is {info.file_size:,} bytes, too large to be an answers export")
            return archive.read(info)

    def __str__(self) -> str:
        return f"{self.archive}:{self.member}"

    def __eq__(self, other) -> bool:
        return isinstance(other, ZipMember) and (self.archive, self.member) == (other.archive, other.member)

    def __hash__(self) -> int:
        return hash((self.archive, self.member))


def members(path: Path, suffixes: tuple[str, ...]) -> list[ZipMember]:
    """The export files inside a zip (macOS's __MACOSX copies left out);
    OSError naming the problem when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise OSError("is not a readable zip file: download the submissions again") from None
    found = [
        name for name in names
        if PurePosixPath(name).suffix.lower() in suffixes and not name.endswith("/")
        and "__MACOSX" not in PurePosixPath(name).parts and not PurePosixPath(name).name.startswith("._")
    ]
    return [ZipMember(path, name) for name in sorted(found)]


def identities(files: list[str]) -> dict[str, Identity]:
    """The LMS identity of every file label ``zip:member`` that has one."""
    found = {}
    for label in files:
        archive, sep, member = label.partition(".zip:")
        if sep and (who := identity(member)):
            found[label] = who
    return found
