"""The live quiz's footer: the student's name, what happened to the files,
Export and Reset.

A mixin of :class:`lessons.widgets.Quiz` (its widgets are the quiz's
attributes: ``student``, ``class_note``, ``export_button``,
``reset_button``, ``export_status``). What is kept where is the bank's
:class:`lessons.livesession.BankSession`; the footer only says it, in the
reader's language, and "saved" only once a write succeeded.
"""

from __future__ import annotations

import time
from pathlib import Path

import ipywidgets as widgets

from . import answers, livestore
from .bilingual import BOTH, Text, pair
from .qtypes._base import LIVE_SEP
from .quizui import LIVE, UI, fill

#: As in the book: Reset clears only if pressed again within this many seconds.
RESET_WINDOW = 5.0


class QuizFooter:
    """The footer's widgets and handlers (mixed into Quiz)."""

    def _make_footer(self) -> widgets.VBox:
        self.reset_armed = False
        self.reset_armed_at = 0.0
        self.message: Text | None = None  # what the footer last said (redrawn on a language switch)
        # continuous_update off: the name reaches the kernel once typed (Enter
        # or leaving the field), not a class-folder write per keystroke.
        self.student = widgets.Text(value="", continuous_update=False)
        self.student.add_class("lq-student")
        self.class_note = widgets.HTML()
        self.export_button = widgets.Button(icon="download", layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.export_status = widgets.HTML()
        self.export_button.on_click(lambda button: self._export_clicked())
        self.reset_button.on_click(lambda button: self._reset_clicked())
        self._on_student = lambda change: self._student_changed()
        self.student.observe(self._on_student, names="value")
        buttons = widgets.HBox([self.export_button, self.reset_button])
        buttons.add_class("lq-buttons")
        footer = widgets.VBox([self.student, self.class_note, buttons, self.export_status])
        footer.add_class("lq-footer")
        return footer

    def _relabel_footer(self, mode: str) -> None:
        self.student.description = UI["student"].in_mode(mode)
        self.export_button.description = UI["export"].in_mode(mode)
        self.export_button.tooltip = UI["export"].in_mode(BOTH)
        reset = UI["reset_confirm"] if self.reset_armed else UI["reset"]
        self.reset_button.description = reset.in_mode(mode)
        self.reset_button.tooltip = reset.in_mode(BOTH)

    def _show_footer_notes(self) -> None:
        mode = self.mode
        notes = []
        said = self.session.class_note()
        if said is not None:
            text, alert = said
            role = ' role="alert"' if alert else ""
            notes.append(f'<p class="lq-class-note"{role}>{pair(text, mode=mode, sep=LIVE_SEP)}</p>')
        if self.session.keep_problem is not None:
            notes.append(f'<p class="lq-keep-problem" role="alert">{pair(self.session.keep_problem, mode=mode, sep=LIVE_SEP)}</p>')
        self.class_note.value = "".join(notes)
        self.export_status.value = f'<p role="status">{pair(self.message, mode=mode, sep=LIVE_SEP)}</p>' if self.message else ""

    # ---- the name ----------------------------------------------------------------

    def _student_changed(self) -> None:
        """One student per kernel: the name typed in any quiz of this bank
        (the lesson quiz or a "Try it") goes to the session and fills the
        others, so a later check in any of them is kept under that name."""
        self.session.set_student(self.student.value)
        self.show_student()

    def show_student(self) -> None:
        """Put the session's name in every quiz of the bank without writing again."""
        for each in self.session_quizzes():
            if each.student.value.strip() != self.session.student:
                each.student.unobserve(each._on_student, names="value")
                each.student.value = self.session.student
                each.student.observe(each._on_student, names="value")
            each._show_footer_notes()

    # ---- Export --------------------------------------------------------------------

    def answers_path(self, student: str, folder: str | Path | None = None) -> Path:
        """Where :meth:`save_answers` writes a student's file."""
        folder = livestore.exports_folder(self.folder) if folder is None else Path(folder)
        return folder.expanduser().resolve() / f"{self.bank.lesson}-{livestore.file_safe(student)}-answers.json"

    def export_document(self, *, student: str) -> dict:
        """The attempts as a lessons.answers export (source "notebook").

        ``student`` (a name or alias) is required: the gradebook cannot
        credit a nameless file to anyone, so a blank one is a ValueError.
        """
        name = student_name(student)
        return answers.make_export(self.bank.lesson, livestore.as_exported(self.attempts), student=name, source="notebook")

    def export_json(self, path: str | Path, *, student: str) -> Path:
        """Write the export as JSON (what the gradebook reads); returns the path."""
        return answers.write_json(path, self.export_document(student=student))

    def export_csv(self, path: str | Path, *, student: str) -> Path:
        """Write the export as CSV, one attempt per row (lessons.answers.write_csv)."""
        return answers.write_csv(path, self.export_document(student=student))

    def save_answers(self, folder: str | Path | None = None, *, student: str | None = None) -> Path:
        """Write ``<lesson>-<name>-answers.json`` into ``folder`` (default:
        ``exports/`` beside the notebook) for the student to hand in: what
        the quiz's Export button does. ``student`` defaults to the name typed
        in the quiz. Returns the file's full path."""
        name = student_name(self.student.value if student is None else student)
        path = self.answers_path(name, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        return self.export_json(path, student=name)

    def _export_clicked(self) -> None:
        """The Export button: save, and say where (or what went wrong), in words."""
        self.reset_armed = False
        if not self.student.value.strip():
            self.message = UI["student_first"]
            self.student.focus()
        else:
            path = self.answers_path(self.student.value)
            try:
                self.save_answers()
            except OSError as error:
                self.message = fill(LIVE["export_failed"], file=str(path), reason=error.strerror or type(error).__name__)
            else:
                self.message = fill(LIVE["export_saved"], file=str(path))
        self.relabel()

    # ---- Reset ---------------------------------------------------------------------

    def _reset_clicked(self) -> None:
        """As in the book: the first press asks, a second within
        RESET_WINDOW seconds clears every attempt of this lesson's bank (in
        every kernel of the folder, see BankSession.reset) and this student's
        class file (a later press asks again)."""
        if not self.reset_armed or time.monotonic() - self.reset_armed_at > RESET_WINDOW:
            self.reset_armed, self.reset_armed_at = True, time.monotonic()
            self.message = UI["reset_confirm"]
            self.relabel()
            return
        self.reset_armed = False
        self.session.reset()
        for each in self.session_quizzes():  # the siblings' answers went too: none may still show as checked
            for view in each.questions:
                view.clear()
            if each is not self:
                each.refresh()
        self.message = UI["reset_done"]
        self.relabel()

    def disarm_reset(self) -> None:
        """Any other action cancels a first press of Reset."""
        if self.reset_armed:
            self.reset_armed = False
            self.message = None
            self.relabel()


def student_name(student: str) -> str:
    """The trimmed name or alias; a clear, bilingual ValueError if blank."""
    name = student.strip() if isinstance(student, str) else ""
    if not name:
        ask = UI["student_first"]
        raise ValueError(f"{ask.zh} {ask.en} — give a name or alias: student=\"...\" (got {student!r})")
    return name
