"""One bank's live state in a kernel: its attempts, student and class file.

Every quiz of one bank in a kernel (the lesson quiz and its "Try it"
quizzes) records into one :class:`BankSession`, found through
:mod:`lessons.registry` (key ``("session", <bank file>)``), so any of them
exports them all and a re-run cell continues where the last one stopped.
The session, not the widgets, talks to the files:

- every check merges into the progress file (:func:`lessons.livestore.merge_progress`):
  attempts other kernels of the folder made come in, none goes missing;
- with a class folder and a name, it sends the student's class file
  (:func:`lessons.classfolder.send`), only when the name is free or its own;
- it says what happened as :attr:`class_state` and :attr:`keep_problem`,
  which the quiz shows: "saved" only once a write succeeded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import answers, classfolder, livestore, registry
from .bilingual import Text
from .quizui import LIVE, fill


class BankSession:
    """The attempts, student and class file of one bank in this kernel."""

    def __init__(self, bank, folder: Path | None, class_folder: Path | None):
        self.bank = bank
        self.lesson = bank.lesson
        self.key = str(Path(bank.path).resolve())
        self.folder = folder  # the notebook's folder (None: keep no progress file)
        self.class_folder = class_folder
        self.attempts: list[dict] = []
        self.student = ""
        self._typed = False  # a name typed here that the progress file does not have yet
        self.sent: Path | None = None  # the class file this session wrote
        self.writer = livestore.writer_id(folder)
        #: What the class folder last did: None (nothing yet), ("saved", time),
        #: ("taken", name) or ("failed", reason).
        self.class_state: tuple[str, str] | None = None
        self.keep_problem: Text | None = None
        self.closed = False

    @classmethod
    def for_bank(cls, bank, folder: Path | None, class_folder: Path | None) -> BankSession:
        """The kernel's session of ``bank``: the live one, else a new one
        continued from the progress file (a new kernel)."""
        key = ("session", str(Path(bank.path).resolve()))
        live = registry.live(key)
        if isinstance(live, cls) and not live.closed:
            if class_folder is not None:
                live.class_folder = class_folder
            return live
        session = cls(bank, folder, class_folder)
        session.load()
        registry.register(key, session)
        return session

    @property
    def registry_key(self) -> tuple:
        return ("session", self.key)

    @property
    def progress_file(self) -> Path | None:
        return livestore.progress_path(self.lesson, self.folder) if self.folder is not None else None

    def class_file(self, student: str | None = None) -> Path | None:
        name = (self.student if student is None else student).strip()
        if self.class_folder is None or not name:
            return None
        return livestore.class_file(self.class_folder, name, self.lesson)

    def close(self) -> None:
        self.closed = True
        registry.unregister(self.registry_key, self)

    # ---- the progress file ---------------------------------------------------

    def load(self) -> None:
        """Continue from the progress file (a new kernel): its attempts and name."""
        stored = livestore.read_progress(self.progress_file) if self.progress_file is not None else None
        if stored is not None:
            self.attempts[:] = livestore.merge(stored.answers, self.attempts, cleared=stored.cleared)
            self.student = stored.student
            if self.class_folder is not None and stored.student:  # what the kernel before the restart sent
                self.sent = self.class_file()

    def record(self, attempt: dict) -> None:
        """Add a graded attempt (it gets an id, so merging never doubles or drops it)."""
        attempt.setdefault("id", livestore.new_attempt_id())
        self.attempts.append(attempt)

    def sync(self, clear: bool = False) -> bool:
        """Merge with the progress file (see lessons.livestore); True if
        another kernel's attempts or name came in. A failure is kept in
        :attr:`keep_problem`, never raised."""
        if self.progress_file is None:
            if clear:
                self.attempts.clear()
            return False
        before = (len(self.attempts), self.student)
        try:
            stored = livestore.merge_progress(
                self.progress_file, self.lesson, self.attempts, self.student if self._typed else None, clear=clear
            )
        except OSError as error:
            self.keep_problem = fill(LIVE["keep_failed"], file=str(self.progress_file), reason=_reason(error))
            return False
        self.keep_problem = None
        self._typed = False
        self.attempts[:] = stored.answers  # in place: every quiz of the bank holds this list
        self.student = stored.student
        return (len(self.attempts), self.student) != before

    # ---- the class folder ----------------------------------------------------

    def set_student(self, name: str) -> None:
        """A name typed in any quiz of the bank: remember it, tell the class
        folder (the old file of this session goes, the new one comes) and say
        at once if the name is someone else's."""
        name = name.strip()
        if name == self.student:
            return
        self.student, self._typed = name, True
        self.class_state = None
        if self.attempts:
            self.keep()
        elif self.progress_file is not None:
            self.sync()
        target = self.class_file()
        if target is not None and not self.attempts and not classfolder.available(target, self.writer):
            self.class_state = ("taken", name)

    def keep(self) -> None:
        """Merge into the progress file, then send the class file."""
        self.sync()
        self.send()

    def send(self) -> None:
        """Write the student's class file (with a name and a class folder)."""
        target = self.class_file()
        if target is None:
            return
        document = answers.make_export(self.lesson, livestore.as_exported(self.attempts), student=self.student, source="notebook")
        try:
            classfolder.send(target, document, self.writer)
        except classfolder.NameTaken:
            self.class_state = ("taken", self.student)
            return
        except OSError as error:
            self.class_state = ("failed", f"{target} ({_reason(error)})")
            return
        if self.sent is not None and self.sent != target:
            self._withdraw(self.sent)  # the name changed: the teacher sees one student, not two
        self.sent = target
        self.class_state = ("saved", dt.datetime.now().strftime("%H:%M:%S"))

    def _withdraw(self, path: Path) -> None:
        try:
            classfolder.withdraw(path, self.writer)
        except OSError as error:
            self.class_state = ("failed", f"{path} ({_reason(error)})")

    def reset(self) -> None:
        """Clear every attempt of the bank, here, in the progress file (for
        every kernel of the folder) and this session's class file."""
        self.sync(clear=True)
        self.attempts.clear()
        if self.sent is not None:
            self._withdraw(self.sent)  # the teacher's view no longer counts answers the student cleared
            self.sent = None
            self.class_state = None

    def reveal_on(self) -> bool:
        """True if the teacher has revealed this lesson's answers to the class."""
        return classfolder.reveal_on(self.class_folder, self.lesson)

    def class_note(self) -> tuple[Text, bool] | None:
        """What the quiz says about the class folder, and whether it is an alert."""
        if self.class_folder is None:
            return None
        state, detail = self.class_state or ("", "")
        if state == "taken":
            return fill(LIVE["name_taken"], name=detail), True
        if state == "failed":
            return fill(LIVE["class_failed"], file=detail), True
        if not self.student:
            return LIVE["class_needs_name"], False
        if state == "saved":
            return fill(LIVE["class_saved"], file=self.class_file().name, time=detail), False
        return LIVE["class_next_check"], False


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
