"""The live quiz: a lesson's bank as ipywidgets, graded in the kernel.

One cell per lesson, ``lessons.quiz("lesson-1")``, gives two runtimes. In
JupyterLab, Notebook 7 or VS Code the cell shows the live widget below; the
published book has no kernel, so the same MIME bundle also carries the
static, self-checking form of :mod:`lessons.quizhtml`, which the book's
html builder prefers (``nb_mime_priority_overrides`` in ``_config.yml``).

Every label follows :data:`lessons.bilingual.current`, so the language
control at the top of a lesson switches quizzes and the timeline together.
Every attempt is kept: :attr:`Quiz.results` is a DataFrame, and
:meth:`Quiz.export_json` (or :meth:`Quiz.export_csv`, one row per attempt)
writes the :mod:`lessons.answers` format the gradebook reads. Students use
the quiz's own Export button, which saves ``<lesson>-<name>-answers.json``
in ``exports/`` beside the notebook (:meth:`Quiz.save_answers`).

Nothing a student entered is lost: a quiz made by :func:`quiz` writes every
check to ``.lessons-progress/<lesson>.json`` beside the notebook and reads
it back when the cell runs in a new kernel; with a class folder
(``LESSONS_CLASS_FOLDER`` or ``class_folder=``) each check also replaces
``<name>--<lesson>.json`` there (:mod:`lessons.livestore`). Reset, pressed
twice as in the book, clears the attempts and the progress file.

Running the quiz cell again (or Run All) makes a new quiz for the same bank;
:func:`quiz` hands it the attempts of the one it replaces (see
:meth:`Quiz.take_over`) and closes the old one, so nothing a student
entered is lost and no old quiz keeps redrawing on every language switch.

This module loads ipywidgets; ``import lessons`` does not import it until a
quiz is made.
"""

from __future__ import annotations

import html
import sys
import time
from fractions import Fraction
from pathlib import Path

import ipywidgets as widgets

from . import answers, bilingual, grading, instructor, livestore, paths, progress, qtypes, registry
from .bilingual import Text
from .qtypes._base import EMPTY, INCOMPLETE, SHOW_MODEL, mode_html, show_placeholder
from .quizbank import Bank, BankError, load_bank
from .quizhtml import answer_lines, render_bank_html
from .quizstyle import STYLE
from .quizui import REVEAL, STATUS_LABELS, UI, fill, format_points

RESULT_COLUMNS = ["question", "response", "score", "max_score", "status", "revealed", "time"]
CSV_COLUMNS = answers.CSV_COLUMNS  # defined with the format, which the gradebook reads back
#: Attempts per bank file in this kernel: every quiz of one bank (the lesson
#: quiz and its "Try it" subsets) records into one list, so any of them
#: exports them all.
_BANK_ATTEMPTS: dict[str, list[dict]] = {}
#: The name last given in a quiz of each bank file (restored with the attempts).
_BANK_STUDENTS: dict[str, str] = {}
#: The class-folder file this kernel last wrote for each bank file: one
#: student per kernel, so a new name (a typo corrected) replaces the old
#: file instead of leaving a second "student" in the teacher's view.
_BANK_CLASS_FILES: dict[str, Path] = {}
#: As in the book: Reset clears only if pressed again within this many seconds.
RESET_WINDOW = 5.0
BANK_PROBLEMS = Text("這份測驗題庫有問題，請修正後重新執行這一格：", "This quiz bank has problems; fix them and run the cell again:")
REPLACED = Text(
    "這份測驗已由重新執行的測驗取代（作答都已帶過去），請使用新的那一份。",
    "This quiz was replaced when its cell ran again (its attempts went along): use the new one.",
)
EXPORT_SAVED = Text("已儲存 {file}，請把這個檔案交給老師。", "Saved {file}: hand this file in to your teacher.")
EXPORT_FAILED = Text(
    "無法寫入 {file}（{reason}）。請在你可以存檔的資料夾開啟這個筆記本，或請老師協助。",
    "Could not write {file} ({reason}). Open the notebook in a folder you can save to, or ask your teacher.",
)
CLASS_NEEDS_NAME = Text(
    "請在上方填寫姓名或代號：填寫之後，你的作答才會送到班級資料夾。",
    "Enter your name or alias above: your answers reach the class folder once a name is entered.",
)
CLASS_SENDING = Text("每次檢查答案，作答都會存到班級資料夾（{file}）。", "Every check is saved to the class folder ({file}).")
KEEP_FAILED = Text(
    "無法儲存作答到 {file}（{reason}）；離開之前請先匯出。",
    "Could not save your answers to {file} ({reason}): export them before you leave.",
)

def quiz(
    lesson_or_path: str | Path,
    ids: list[str] | None = None,
    language: bilingual.LanguageState | None = None,
    class_folder: str | Path | None = None,
):
    """The live quiz for a lesson name (``"lesson-1"``) or a bank file path.

    With ``ids``, a quiz of only those questions (a "Try it" cell inside a
    lesson); without, the lesson quiz, which leaves out questions marked
    ``tryit: true``. Quizzes of one bank share their attempts, so each
    exports them all.

    A bank that cannot be used gives a display listing its problems (file,
    line, question id, the fix) instead of a traceback.

    Called again for the same bank (the cell run again, or Run All), the new
    quiz takes over the previous one's attempts and the previous one is
    closed. In a new kernel (after a restart) the attempts come back from
    the progress file beside the notebook.

    ``class_folder`` (default: ``$LESSONS_CLASS_FOLDER``) is a folder the
    class shares: each check then writes the student's progress there as
    ``<name>-<code>--<lesson>.json`` for the teacher's class view.
    """
    try:
        bank = load_bank(_bank_path(lesson_or_path))
    except BankError as error:
        return _unusable([str(problem) for problem in error.problems])
    except FileNotFoundError as error:
        return _unusable([str(error)])
    try:
        live = Quiz(bank, language=language, ids=ids, folder=_progress_folder(bank), class_folder=class_folder)
    except KeyError as error:
        return _unusable([f"{bank.path}: {error.args[0]}: check the ids given to lessons.quiz"])
    key = live._bank_key
    fresh = key not in _BANK_ATTEMPTS and live.progress_file is not None  # a new kernel, with a place to look
    stored = livestore.read_progress(live.progress_file) if fresh else None
    shared = _BANK_ATTEMPTS.setdefault(key, [])
    if stored is not None and stored.lesson == bank.lesson:  # a new kernel: continue from the progress file
        shared.extend(dict(attempt) for attempt in stored.answers)
        _BANK_STUDENTS.setdefault(key, stored.student)
        if stored.student and live.class_folder is not None:  # what the kernel before the restart sent
            _BANK_CLASS_FILES.setdefault(key, live.class_file(stored.student))
    shared.extend(live.attempts)
    live.attempts = shared
    previous = registry.live(live.registry_key)
    if previous is not None:
        live.take_over(previous)  # before registering: close() ends the predecessor's session
    else:
        live.restore(_BANK_STUDENTS.get(key, ""))
    registry.register(live.registry_key, live)
    return live


def _progress_folder(bank: Bank) -> Path | None:
    """The kernel's folder, where the progress file goes; None in the
    course's own book/ (an author's `make lab-sources` or the book build):
    nothing of a class is kept in, or restored from, the course sources."""
    here = Path.cwd().resolve()
    return None if here == Path(bank.path).resolve().parent.parent else here


def _unusable(problems: list[str]) -> BankProblems:
    # One line on stderr as well: the book build treats cell stderr as an
    # error, so a broken bank stops the build instead of publishing a page
    # that shows students an author's problem list.
    print(f"quiz bank unusable ({len(problems)} problem(s)): {problems[0]}", file=sys.stderr)
    return BankProblems(problems)


def _bank_path(lesson_or_path: str | Path) -> Path:
    text = str(lesson_or_path)
    if isinstance(lesson_or_path, Path) or text.endswith((".yml", ".yaml")) or "/" in text or "\\" in text:
        return Path(lesson_or_path)
    path = paths.quiz_bank_path(text)
    if not path.is_file():
        known = sorted(p.stem for p in path.parent.glob("*.yml"))
        raise FileNotFoundError(
            f"no quiz bank for {text!r} (looked for {path}); "
            f"use one of: {', '.join(known) or 'none yet'}, or give the path to a .yml file"
        )
    return path


class BankProblems:
    """What a notebook shows for a bank it cannot use: every problem, no traceback."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def __repr__(self) -> str:
        return "\n".join([BANK_PROBLEMS.in_mode(bilingual.BOTH, sep=" "), *(f"  - {p}" for p in self.problems)])

    def _repr_html_(self) -> str:
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in self.problems)
        return (
            '<div class="lq-bank-problems" role="alert">'
            f"<p><strong>{bilingual.html_pair(BANK_PROBLEMS)}</strong></p><ul>{items}</ul></div>"
        )


class Quiz:
    """A lesson's quiz as live widgets. Display it (last line of a cell).

    ``questions`` holds one :class:`QuestionView` per question; ``attempts``
    every graded attempt in the lessons.answers shape, oldest first
    (including attempts at earlier versions of a question, taken over from
    a quiz this one replaced: they are exported, never counted as current).
    """

    def __init__(
        self,
        bank: Bank,
        language: bilingual.LanguageState | None = None,
        ids: list[str] | None = None,
        folder: str | Path | None = None,
        class_folder: str | Path | None = None,
    ):
        self.bank = bank
        self.ids = tuple(ids) if ids is not None else None
        self.language = language or bilingual.current
        #: The notebook's folder: progress file and exports go under it
        #: (None: keep no progress file; exports go to the working folder).
        self.folder = Path(folder).resolve() if folder is not None else None
        self.class_folder = livestore.class_folder(class_folder)
        self.attempts: list[dict] = []
        self.closed = False
        self.reset_armed = False
        self.reset_armed_at = 0.0
        # What the footer last said (Text, so a language switch redraws it).
        self.message: Text | None = None
        self.keep_problem: Text | None = None
        self.style = widgets.HTML(f"<style>{STYLE}</style>", layout=widgets.Layout(display="none"))
        self.title = widgets.HTML()
        self.howto = widgets.HTML()
        self.summary = widgets.HTML()
        # Instructor mode only (lessons.instructor): students never see it.
        # It sits above the questions, so the answers it opens grow below it
        # and the page does not scroll away from the button just pressed.
        self.reveal = widgets.ToggleButton(value=False, icon="eye", layout=widgets.Layout(width="auto"))
        self.reveal.layout.display = None if instructor.enabled() else "none"
        self.reveal.add_class("lq-reveal")
        # continuous_update off: the name reaches the kernel once typed (Enter
        # or leaving the field), not a class-folder write per keystroke.
        self.student = widgets.Text(value="", continuous_update=False)
        self.student.add_class("lq-student")
        self.class_note = widgets.HTML()
        self.export_button = widgets.Button(icon="download", layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.export_status = widgets.HTML()
        self.questions = [QuestionView(self, question, number) for number, question in enumerate(bank.quiz_questions(ids), 1)]
        buttons = widgets.HBox([self.export_button, self.reset_button])
        buttons.add_class("lq-buttons")
        footer = widgets.VBox([self.student, self.class_note, buttons, self.export_status])
        footer.add_class("lq-footer")
        self.widget = widgets.VBox(
            [self.style, self.title, self.howto, self.reveal, *(view.box for view in self.questions), self.summary, footer],
        )
        self.widget.add_class("lq-live-quiz")
        self.export_button.on_click(lambda button: self._export_clicked())
        self.reset_button.on_click(lambda button: self._reset_clicked())
        # Named handlers, so close() can take them off again.
        self._on_reveal = lambda change: self.refresh()
        self._on_language = lambda change: self.relabel()
        self._on_student = lambda change: self._student_changed()
        self.reveal.observe(self._on_reveal, names="value")
        self.language.observe(self._on_language, names="mode")
        self.student.observe(self._on_student, names="value")
        self.relabel()

    def take_over(self, previous: Quiz) -> None:
        """Continue from ``previous`` (an earlier quiz of this bank, e.g.
        before the cell ran again): every one of its attempts is kept, and
        each question whose content is unchanged comes back as it was (the
        answer in the controls, hints earned, the grade shown). Attempts at a
        question that has since been edited stay in :attr:`attempts` for the
        export, but never count as the current state."""
        if previous.attempts is not self.attempts:  # quizzes made by quiz() already share one list
            self.attempts[:0] = [dict(attempt) for attempt in previous.attempts]
        earlier = {view.question.id: view for view in previous.questions}
        for view in self.questions:
            old = earlier.get(view.question.id)
            if old is not None and old.question.content_hash == view.question.content_hash:
                view.take_over(old)
        self.student.value = previous.student.value
        self.refresh()

    def restore(self, student: str = "") -> None:
        """Show the progress kept in :attr:`attempts` (read back from the
        progress file in a new kernel): each question's last attempt at its
        current version comes back checked, with its grade, hints and the
        answer in the controls where the type allows."""
        for view in self.questions:
            last = view.last_attempt()
            if last is not None:
                view.restore(last)
        if student and not self.student.value:
            self.student.value = student
        self.refresh()

    def close(self) -> None:
        """Detach this quiz: stop following the language control and close
        its widgets (a newer quiz of the same bank replaced it). Its
        attempts stay readable. Calling it again does nothing."""
        if self.closed:
            return
        self.closed = True
        self.language.unobserve(self._on_language, names="mode")
        self.reveal.unobserve(self._on_reveal, names="value")
        self.student.unobserve(self._on_student, names="value")
        _close_tree(self.widget)
        registry.unregister(self.registry_key, self)

    @property
    def registry_key(self) -> tuple:
        """One live quiz per bank file and question subset in this kernel
        (see lessons.registry): a "Try it" quiz never replaces the lesson quiz."""
        return ("quiz", self._bank_key, self.ids)

    @property
    def mode(self) -> str:
        return self.language.mode

    def relabel(self) -> None:
        """Redraw every label in the current language mode."""
        mode = self.mode
        self.title.value = f"<h3>{_html(UI['quiz'], mode)}: {_html(self.bank.title, mode)}</h3>"
        self.howto.value = f"<p>{_html(UI['howto'], mode)}</p>"
        self.reveal.description = REVEAL.in_mode(mode)
        self.reveal.tooltip = REVEAL.in_mode(bilingual.BOTH)
        self.student.description = UI["student"].in_mode(mode)
        self.export_button.description = UI["export"].in_mode(mode)
        self.export_button.tooltip = UI["export"].in_mode(bilingual.BOTH)
        reset = UI["reset_confirm"] if self.reset_armed else UI["reset"]
        self.reset_button.description = reset.in_mode(mode)
        self.reset_button.tooltip = reset.in_mode(bilingual.BOTH)
        for view in self.questions:
            view.relabel()
        self.refresh()

    def refresh(self) -> None:
        """Redraw what depends on progress: hints, answers, the score summary."""
        for view in self.questions:
            view.refresh()
        score = most = Fraction(0)
        answered = 0
        for view in self.questions:
            state = view.progress()
            answered += state.attempts > 0
            if view.question.type == "open":
                continue  # self-assessed: counts in no total
            most += view.question.weight
            if state.first:
                score += view.question.weight * Fraction(*state.first)
        text = fill(UI["summary"], score=format_points(score), max=format_points(most), answered=answered, total=len(self.questions))
        self.summary.value = f'<p class="lq-summary" role="status">{_html(text, self.mode)}</p>'
        self._show_footer_notes()

    def _show_footer_notes(self) -> None:
        mode = self.mode
        notes = []
        if self.class_folder is not None:
            name = self.student.value.strip()
            note = fill(CLASS_SENDING, file=self.class_file(name).name) if name else CLASS_NEEDS_NAME
            notes.append(f'<p class="lq-class-note">{_html(note, mode)}</p>')
        if self.keep_problem is not None:
            notes.append(f'<p class="lq-keep-problem" role="alert">{_html(self.keep_problem, mode)}</p>')
        self.class_note.value = "".join(notes)
        self.export_status.value = f'<p role="status">{_html(self.message, mode)}</p>' if self.message else ""

    # ---- keeping progress ------------------------------------------------------

    @property
    def progress_file(self) -> Path | None:
        """``.lessons-progress/<lesson>.json`` beside the notebook (None without a folder)."""
        return livestore.progress_path(self.bank.lesson, self.folder) if self.folder is not None else None

    def class_file(self, student: str) -> Path | None:
        """Where the class folder receives this student's progress (None without a class folder)."""
        return livestore.class_file(self.class_folder, student, self.bank.lesson) if self.class_folder is not None else None

    def keep(self) -> None:
        """Write every attempt (all quizzes of this bank) to the progress file
        and, with a class folder and a name, to the class folder; atomically,
        so a reader never sees half a file. A write that fails is said in
        the quiz, never raised: the attempt stays in the kernel."""
        name = self.student.value.strip()
        document = answers.make_export(self.bank.lesson, [dict(a) for a in self.attempts], student=name, source="notebook")
        self.keep_problem = None
        class_file = self.class_file(name) if name else None
        for path in filter(None, [self.progress_file, class_file]):
            try:
                livestore.write_atomically(path, document)
            except OSError as error:
                self._failed(path, error)
                class_file = None if path == class_file else class_file
        if class_file is not None:
            earlier = _BANK_CLASS_FILES.get(self._bank_key)
            if earlier is not None and earlier != class_file:
                self._withdraw(earlier)  # the name changed: the teacher sees one student, not two
            _BANK_CLASS_FILES[self._bank_key] = class_file
        self._show_footer_notes()

    @property
    def _bank_key(self) -> str:
        """The bank file, resolved: quizzes of one bank share attempts, student and class file."""
        return str(Path(self.bank.path).resolve())

    def _failed(self, path: Path, error: OSError) -> None:
        """Say in the quiz that ``path`` could not be written or removed (never raised)."""
        self.keep_problem = fill(KEEP_FAILED, file=str(path), reason=error.strerror or type(error).__name__)

    def _withdraw(self, path: Path) -> None:
        """Remove a class-folder file this kernel wrote."""
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            self._failed(path, error)

    def _student_changed(self) -> None:
        self._share_student()
        if self.attempts and self.student.value.strip():
            self.keep()  # the name arrived after the checks: send them now
        else:
            self._show_footer_notes()

    def _share_student(self) -> None:
        """One student per kernel: the name typed in any quiz of this bank
        (the lesson quiz or a "Try it") fills the others, so a later check in
        any of them is saved and sent under that name, not a blank one."""
        name = self.student.value
        _BANK_STUDENTS[self._bank_key] = name.strip()
        for other in self._siblings():
            if other.student.value != name:
                other.student.unobserve(other._on_student, names="value")  # this quiz writes once for all
                other.student.value = name
                other.student.observe(other._on_student, names="value")
                other._show_footer_notes()

    def _siblings(self) -> list[Quiz]:
        """The other live quizzes of this bank (the lesson quiz, its "Try it"
        quizzes): they share this quiz's attempts and student."""
        return [
            other for other in registry.every()
            if isinstance(other, Quiz) and other is not self and not other.closed and other._bank_key == self._bank_key
        ]

    def _reset_clicked(self) -> None:
        """As in the book: the first press asks, a second within
        RESET_WINDOW seconds clears every attempt of this lesson's bank and
        the progress file (a later one asks again)."""
        if not self.reset_armed or time.monotonic() - self.reset_armed_at > RESET_WINDOW:
            self.reset_armed, self.reset_armed_at = True, time.monotonic()
            self.message = UI["reset_confirm"]
            self.relabel()
            return
        self.reset_armed = False
        self.attempts.clear()  # in place: the list every quiz of this bank shares
        for each in [self, *self._siblings()]:  # the siblings' answers went too: none may still show as checked
            for view in each.questions:
                view.clear()
            if each is not self:
                each.refresh()
        if self.progress_file is not None:
            self.progress_file.unlink(missing_ok=True)
        sent = _BANK_CLASS_FILES.pop(self._bank_key, None)
        if sent is not None:
            self._withdraw(sent)  # the teacher's view no longer counts answers the student cleared
        self.message = UI["reset_done"]
        self.relabel()

    def disarm_reset(self) -> None:
        """Any other action cancels a first press of Reset."""
        if self.reset_armed:
            self.reset_armed = False
            self.message = None
            self.relabel()

    # ---- results and export ------------------------------------------------

    @property
    def results(self):
        """Every attempt as a pandas DataFrame, oldest first (time in UTC)."""
        import pandas as pd  # lazy: only when an instructor asks

        frame = pd.DataFrame([{key: attempt.get(key) for key in RESULT_COLUMNS} for attempt in self.attempts], columns=RESULT_COLUMNS)
        frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
        return frame

    def export_document(self, *, student: str) -> dict:
        """The attempts as a lessons.answers export (source "notebook").

        ``student`` (a name or alias) is required: the gradebook cannot
        credit a nameless file to anyone, so a blank one is a ValueError.
        """
        name = _student_name(student)
        return answers.make_export(self.bank.lesson, [dict(a) for a in self.attempts], student=name, source="notebook")

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
        name = _student_name(self.student.value if student is None else student)
        path = self.answers_path(name, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        return self.export_json(path, student=name)

    def answers_path(self, student: str, folder: str | Path | None = None) -> Path:
        """Where :meth:`save_answers` writes a student's file."""
        folder = livestore.exports_folder(self.folder) if folder is None else Path(folder)
        return folder.expanduser().resolve() / f"{self.bank.lesson}-{livestore.file_safe(student)}-answers.json"

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
                self.message = fill(EXPORT_FAILED, file=str(path), reason=error.strerror or type(error).__name__)
            else:
                self.message = fill(EXPORT_SAVED, file=str(path))
        self.relabel()

    # ---- display -------------------------------------------------------------

    def _repr_mimebundle_(self, include=None, exclude=None):
        # The widget for live kernels, the static form for the published
        # book (which prefers text/html), plain text for everything else.
        if self.closed:  # its widgets are gone: point to the quiz that replaced it
            return {"text/plain": REPLACED.in_mode(bilingual.BOTH), "text/html": f"<p>{bilingual.html_pair(REPLACED)}</p>"}
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/html"] = render_bank_html(self.bank, self.ids)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        answered = sum(1 for view in self.questions if view.progress().attempts)
        return (
            f"Quiz {self.bank.lesson}: {self.bank.title.in_mode(bilingual.BOTH)} — "
            f"{len(self.questions)} questions, {answered} answered"
        )


class QuestionView:
    """One question's widgets and progress.

    ``controls`` are the answer widgets (what a test or a student sets), made
    by the question's type module (:mod:`lessons.qtypes`);
    ``check_button`` / ``retry_button`` drive the flow. Which attempts count
    and when the answer shows is :mod:`lessons.progress`.
    """

    EMPTY = EMPTY            # nothing chosen yet: not graded
    INCOMPLETE = INCOMPLETE  # an ordering with missing or repeated positions

    def __init__(self, quiz: Quiz, question, number: int):
        self.quiz = quiz
        self.question = question
        self.kind = qtypes.of(question)
        self.number = number
        self.checked = False
        self.grade: grading.Grade | None = None
        self.notice: Text | None = None
        self.late = False  # the last check came after the answer was shown
        self.prompt = widgets.HTML()
        self.controls = self.kind.widget_controls(self)
        self.check_button = widgets.Button(icon="check")
        self.retry_button = widgets.Button(icon="redo", layout=widgets.Layout(display="none"))
        self.feedback = widgets.HTML()
        self.hints = widgets.HTML()
        self.answer = widgets.HTML(layout=widgets.Layout(display="none"))
        self.check_button.on_click(lambda button: self.check())
        self.retry_button.on_click(lambda button: self.retry())
        self.box = widgets.VBox(
            [self.prompt, *self.controls, widgets.HBox([self.check_button, self.retry_button]), self.feedback, self.hints, self.answer],
            layout=widgets.Layout(border="1px solid #999", padding="0.5rem 0.75rem"),
        )
        self.box.add_class("lq-live-question")

    # ---- controls ------------------------------------------------------------

    def relabel(self) -> None:
        mode = self.quiz.mode
        self.prompt.value = (
            f"<p><strong>{self.number}.</strong> {_html(self.question.prompt, mode)} "
            f'<span class="lq-type-hint">{_html(self.kind.LABEL, mode)}</span></p>'
        )
        self.kind.widget_relabel(self, mode)
        self.check_button.description = UI["check"].in_mode(mode)
        self.check_button.tooltip = UI["check"].in_mode(bilingual.BOTH)
        self.retry_button.description = UI["retry"].in_mode(mode)
        self.retry_button.tooltip = UI["retry"].in_mode(bilingual.BOTH)

    def submit_message(self, content) -> None:
        """A text field's Enter (its "submit" message) checks."""
        if isinstance(content, dict) and content.get("event") == "submit":
            self.check()

    def take_over(self, previous: QuestionView) -> None:
        """Show the progress of the same question (same content) in a quiz
        this one replaces: the answer in the controls, hints, the grade."""
        self.checked, self.grade, self.notice, self.late = previous.checked, previous.grade, previous.notice, previous.late
        self.assessing = getattr(previous, "assessing", False)
        for mine, theirs in zip(self.controls, previous.controls):
            if hasattr(theirs, "value") and not isinstance(theirs, widgets.HTML):
                mine.value = theirs.value

    def restore(self, attempt: dict) -> None:
        """Show ``attempt`` (this question's last, from the progress file) as
        just checked: its grade, and its answer in the controls."""
        try:
            grade = grading.grade(self.question, attempt["response"])
        except Exception:  # a response this version cannot grade: leave the question open
            return
        self.grade, self.notice = grade, None
        self.checked = grade.status != "invalid"
        self.late = bool(attempt.get("revealed")) and grade.status not in ("invalid", "self-assessed")
        self.kind.widget_write(self, attempt["response"])  # what the controls can hold of it

    def clear(self) -> None:
        """Back to unanswered (Reset)."""
        self.checked, self.grade, self.notice, self.late = False, None, None, False
        self.assessing = False
        for control in self.controls:
            if isinstance(control, widgets.Checkbox):
                control.value = False
            elif isinstance(control, widgets.Text | widgets.Textarea):
                control.value = ""
            elif hasattr(control, "value") and not isinstance(control, widgets.HTML):
                try:
                    control.value = None
                except Exception:  # a control that cannot be empty keeps its value
                    pass

    def read(self):
        """The response as a JSON value, or EMPTY / INCOMPLETE (/ SHOW_MODEL)."""
        return self.kind.widget_read(self)

    # ---- flow ------------------------------------------------------------------

    def check(self) -> None:
        """Grade the current response, record it and show the feedback."""
        if self.checked:
            return
        response = self.read()
        if response is SHOW_MODEL:  # an open question: show the model answer, then self-assess
            self.assessing = True
            self.notice, self.grade = UI["now_assess"], None
            self.quiz.refresh()
            return
        if response is EMPTY or response is INCOMPLETE:
            first = UI["write_first"] if self.question.type == "open" else UI["choose_first"]
            self.notice = first if response is EMPTY else UI["positions_incomplete"]
            self.grade = None
            self.quiz.refresh()
            return
        revealed = self.answer_shown
        grade = grading.grade(self.question, response)
        self.quiz.attempts.append(answers.attempt_record(self.question, grade, response, revealed))
        self.grade, self.notice = grade, None
        self.late = revealed and grade.status not in ("invalid", "self-assessed")
        if grade.status != "invalid":
            self.checked = True
        self.quiz.disarm_reset()
        self.quiz.refresh()
        self.quiz.keep()

    def retry(self) -> None:
        """Unlock the controls for another try (hints already earned stay)."""
        self.checked = False
        self.grade = self.notice = None
        self.late = False
        self.quiz.refresh()

    def attempts(self) -> list[dict]:
        """The attempts at this version of the question (same content hash)."""
        question = self.question
        return [a for a in self.quiz.attempts if a["question"] == question.id and a.get("question_hash") == question.content_hash]

    def progress(self) -> progress.Progress:
        """This question's progress under the shared rules (lessons.progress)."""
        return progress.progress(self.attempts(), len(self.question.hints), self.quiz.reveal.value)

    def last_attempt(self) -> dict | None:
        """The last graded (not invalid) attempt at this question."""
        mine = [a for a in self.attempts() if a["status"] != "invalid"]
        return mine[-1] if mine else None

    @property
    def wrong(self) -> int:
        return self.progress().wrong

    @property
    def solved(self) -> bool:
        return self.progress().solved

    @property
    def answer_shown(self) -> bool:
        """As in the book: once solved, after every hint was tried and it is
        still wrong, or when the instructor reveals all answers."""
        return self.progress().answer_shown

    def refresh(self) -> None:
        mode = self.quiz.mode
        state = self.progress()
        for control in self.controls:
            control.disabled = self.checked
            if isinstance(control, widgets.Dropdown):
                show_placeholder(control)  # after a Reset or a restore, too
        if hasattr(self.kind, "widget_refresh"):
            self.kind.widget_refresh(self)
        self.check_button.layout.display = "none" if self.checked else None
        final = self.grade is not None and self.grade.status in ("correct", "self-assessed")
        self.retry_button.layout.display = None if self.checked and not final else "none"
        self.feedback.value = self._feedback_html(mode, state)
        shown = self.question.hints[: state.wrong]
        self.hints.value = "".join(
            f"<p><strong>{_html(fill(UI['hint'], n=n), mode)}</strong>: {_html(hint, mode)}</p>" for n, hint in enumerate(shown, 1)
        )
        self.answer.value = self._answer_html(mode) if state.answer_shown else ""
        self.answer.layout.display = None if state.answer_shown else "none"

    def _feedback_html(self, mode: str, state: progress.Progress) -> str:
        if self.notice:
            return f'<div role="status"><p>{_html(self.notice, mode)}</p></div>'
        grade = self.grade
        if grade is None:
            return ""
        symbol, words = STATUS_LABELS[grade.status]
        rows = [f'<p><strong><span aria-hidden="true">{symbol}</span> {_html(words, mode)}</strong>']
        if grade.status == "self-assessed":
            rows[0] += " " + _html(fill(UI["self_assessed"], met=grade.score, total=grade.max_score), mode)
        elif grade.status != "invalid":
            earned = Fraction(0) if self.late else grade.earned
            rows[0] += " " + _html(fill(UI["points"], score=format_points(earned), max=format_points(grade.points)), mode)
        rows[0] += "</p>"
        if self.late:
            rows.append(f"<p>{_html(UI['no_credit'], mode)}</p>")
        if grade.message:
            rows.append(f"<p>{_html(grade.message, mode)}</p>")
        if grade.feedback:
            rows.append("<ul>" + "".join(f"<li>{_html(text, mode)}</li>" for text in grade.feedback) + "</ul>")
        # As in the book: the hints and the answer are outside this status
        # region, so it says that they are there.
        if grade.status in ("incorrect", "partial") and 1 <= state.wrong <= len(self.question.hints):
            rows.append(f"<p>{_html(UI['hint_shown'], mode)}</p>")
        if grade.status != "invalid" and state.answer_shown:
            rows.append(f"<p>{_html(UI['answer_shown'], mode)}</p>")
        return f'<div role="status" class="lq-status-{grade.status}">{"".join(rows)}</div>'

    def _answer_html(self, mode: str) -> str:
        tag = self.kind.ANSWER_LIST
        items = "".join(f"<li>{_html(line, mode)}</li>" for line in answer_lines(self.question))
        explanation = ""
        if self.question.explanation:
            explanation = f"<p><strong>{_html(UI['explanation'], mode)}</strong>: {_html(self.question.explanation, mode)}</p>"
        return f"<div><p><strong>{_html(UI['answer'], mode)}</strong></p><{tag}>{items}</{tag}>{explanation}</div>"


# ---- helpers ------------------------------------------------------------------


_html = mode_html  # one definition, shared with the type modules


def _student_name(student: str) -> str:
    """The trimmed name or alias; a clear, bilingual ValueError if blank."""
    name = student.strip() if isinstance(student, str) else ""
    if not name:
        ask = UI["student_first"]
        raise ValueError(
            f"{ask.zh} {ask.en} — give a name or alias: student=\"...\" (got {student!r})"
        )
    return name


def _close_tree(widget) -> None:
    """Close a widget, its children, layouts and styles (their front-end
    views disappear and the kernel lets them go)."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, widgets.Widget):
            part.close()
    widget.close()
