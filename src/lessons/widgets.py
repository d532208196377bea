"""The live quiz: a lesson's bank as ipywidgets, graded in the kernel.

``lessons.quiz("lesson-1")`` shows the live widget in JupyterLab, Notebook 7
or VS Code; its MIME bundle also carries the static, self-checking form of
:mod:`lessons.quizhtml`, which the published book (no kernel) prefers
(``nb_mime_priority_overrides`` in ``_config.yml``). Labels follow
:data:`lessons.bilingual.current`. Every attempt is kept (:attr:`Quiz.results`,
the Export button and ``export_json``/``export_csv`` of
:mod:`lessons.quizfooter`, in the :mod:`lessons.answers` format).

Nothing a student entered is lost: the quizzes of one bank share a
:class:`lessons.livesession.BankSession`, which merges every check into
``.lessons-progress/<lesson>.json`` beside the notebook (with any other
kernel's attempts), brings it back in a new kernel, and with a class folder
sends ``<name>-<code>--<lesson>.json`` there (:mod:`lessons.classfolder`).
A re-run cell replaces and closes its old quiz (:mod:`lessons.liveview`),
which then continues in the new one (:meth:`Quiz.take_over`).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import ipywidgets as widgets
from markupsafe import Markup

from . import answers, bilingual, grading, instructor, livestore, progress, qtypes, registry
from .bilingual import Text, pair
from .livesession import BankSession
from .liveview import LiveView, close_tree, show
from .qtypes._base import EMPTY, INCOMPLETE, LIVE_SEP, SHOW_MODEL, show_placeholder
from .quizbank import Bank, BankError, load_bank
from .quizfeedback import feedback_html
from .quizfooter import RESET_WINDOW, QuizFooter  # noqa: F401 (RESET_WINDOW: the quiz's public setting)
from .quizhtml import answer_lines, render_bank_html
from .quizload import BankProblems, bank_path, progress_folder, unusable  # noqa: F401 (BankProblems: what quiz() may return)
from .quizstyle import STYLE
from .quizui import LIVE, REVEAL, UI, fill, format_points, quiz_label

RESULT_COLUMNS = ["question", "response", "score", "max_score", "status", "revealed", "time"]
CSV_COLUMNS = answers.CSV_COLUMNS  # defined with the format, which the gradebook reads back
CLASS_NEEDS_NAME = LIVE["class_needs_name"]


def quiz(
    lesson_or_path: str | Path,
    ids: list[str] | None = None,
    language: bilingual.LanguageState | None = None,
    class_folder: str | Path | None = None,
):
    """The live quiz for a lesson name (``"lesson-1"``) or a bank file path.

    With ``ids``, a quiz of only those questions (a "Try it" cell); without,
    the lesson quiz (without questions marked ``tryit: true``). A bank that
    cannot be used shows its problems (file, line, question id, the fix),
    never a traceback. Called again for the same bank, the new quiz takes
    over and the previous one is closed; in a new kernel the attempts come
    back from the progress file. ``class_folder`` (default:
    ``$LESSONS_CLASS_FOLDER``): the folder the teacher's class view reads.
    """
    try:
        bank = load_bank(bank_path(lesson_or_path))
    except BankError as error:
        return unusable([str(problem) for problem in error.problems])
    except FileNotFoundError as error:
        return unusable([str(error)])
    folder = progress_folder(bank)
    session = BankSession.for_bank(bank, folder, livestore.class_folder(class_folder))
    try:
        live = Quiz(bank, language=language, ids=ids, folder=folder, session=session)
    except KeyError as error:
        return unusable([f"{bank.path}: {error.args[0]}: check the ids given to lessons.quiz"])
    previous = registry.live(live.registry_key)
    if previous is not None:
        live.take_over(previous)  # before registering: close() ends the predecessor's session
    else:
        live.restore()
    return show(live)


class Quiz(LiveView, QuizFooter):
    """A lesson's quiz as live widgets. Display it (last line of a cell).

    ``questions`` holds one :class:`QuestionView` per question; ``attempts``
    every graded attempt in the lessons.answers shape, oldest first
    (including attempts at earlier versions of a question: they are
    exported, never counted as current). ``session`` is the bank's
    :class:`~lessons.livesession.BankSession`, shared by its quizzes.
    """

    def __init__(
        self,
        bank: Bank,
        language: bilingual.LanguageState | None = None,
        ids: list[str] | None = None,
        folder: str | Path | None = None,
        class_folder: str | Path | None = None,
        session: BankSession | None = None,
    ):
        self.bank = bank
        self.ids = tuple(ids) if ids is not None else None
        self.language = language or bilingual.current
        #: The notebook's folder: progress file and exports go under it
        #: (None: keep no progress file; exports go to the working folder).
        self.folder = Path(folder).resolve() if folder is not None else None
        # quiz() hands every quiz of a bank the kernel's one session; a Quiz
        # made directly (a script, a test) keeps its own.
        self.session = session or BankSession(bank, self.folder, livestore.class_folder(class_folder))
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
        self.class_revealed = self.session.reveal_on()  # the teacher's class-wide reveal (lessons.classfolder)
        footer = self._make_footer()
        self.questions = [QuestionView(self, question, number) for number, question in enumerate(bank.quiz_questions(ids), 1)]
        self.widget = widgets.VBox(
            [self.style, self.title, self.howto, self.reveal, *(view.box for view in self.questions), self.summary, footer],
        )
        self.widget.add_class("lq-live-quiz")
        self._on_reveal = lambda change: self.refresh()  # named, so close() can take it off again
        self.reveal.observe(self._on_reveal, names="value")
        self.start()
        self.relabel()

    @property
    def attempts(self) -> list[dict]:
        """Every attempt of the bank in this kernel (the session's list)."""
        return self.session.attempts

    @property
    def class_folder(self) -> Path | None:
        return self.session.class_folder

    @property
    def progress_file(self) -> Path | None:
        """``.lessons-progress/<lesson>.json`` beside the notebook (None without a folder)."""
        return self.session.progress_file

    def class_file(self, student: str) -> Path | None:
        """Where the class folder receives this student's progress (None without a class folder)."""
        return self.session.class_file(student)

    def take_over(self, previous: Quiz) -> None:
        """Continue from ``previous`` (an earlier quiz of this bank, e.g.
        before the cell ran again): its attempts are the session's, and each
        question whose content is unchanged comes back as it was (the answer
        in the controls, hints earned, the grade shown)."""
        earlier = {view.question.id: view for view in previous.questions}
        for view in self.questions:
            old = earlier.get(view.question.id)
            if old is not None and old.question.content_hash == view.question.content_hash:
                view.take_over(old)
        self.show_student()
        self.refresh()

    def restore(self) -> None:
        """Show the progress kept in :attr:`attempts` (read back from the
        progress file in a new kernel): each question's last attempt at its
        current version comes back checked, with its grade, hints and the
        answer in the controls where the type allows."""
        for view in self.questions:
            last = view.last_attempt()
            if last is not None and not view.checked:
                view.restore(last)
        self.show_student()
        self.refresh()

    def closing(self) -> None:
        self.reveal.unobserve(self._on_reveal, names="value")
        self.student.unobserve(self._on_student, names="value")
        close_tree(self.widget)

    @property
    def registry_key(self) -> tuple:
        """One live quiz per bank file and question subset in this kernel
        (see lessons.registry): a "Try it" quiz never replaces the lesson quiz."""
        return ("quiz", self.session.key, self.ids)

    def session_quizzes(self) -> list[Quiz]:
        """This quiz and the other live quizzes of its bank (the lesson quiz,
        its "Try it" quizzes): they share one session."""
        others = [
            other for other in registry.every()
            if isinstance(other, Quiz) and other is not self and not other.closed and other.session is self.session
        ]
        return [self, *others]

    @property
    def instructor_reveal(self) -> bool:
        """Answers shown to all: the instructor's switch here, or the teacher's class-wide reveal."""
        return self.reveal.value or self.class_revealed

    def relabel(self) -> None:
        """Redraw every label in the current language mode."""
        mode = self.mode
        self.title.value = f"<h3>{pair(quiz_label(self.bank, self.ids), mode=mode, sep=LIVE_SEP)}: {pair(self.bank.title, mode=mode, sep=LIVE_SEP)}</h3>"
        howto = f"<p>{pair(UI['howto'], mode=mode, sep=LIVE_SEP)}</p>"
        if self.class_revealed:
            howto += f'<p role="status">{pair(LIVE["class_revealed"], mode=mode, sep=LIVE_SEP)}</p>'
        self.howto.value = howto
        self.reveal.description = REVEAL.in_mode(mode)
        self.reveal.tooltip = REVEAL.in_mode(bilingual.BOTH)
        self._relabel_footer(mode)
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
        self.summary.value = f'<p class="lq-summary" role="status">{pair(text, mode=self.mode, sep=LIVE_SEP)}</p>'
        self._show_footer_notes()

    def keep(self) -> None:
        """After a check: merge into the progress file and send the class file
        (the session); attempts another kernel made show here too, and the
        class-wide reveal is looked at again."""
        arrived = self.session.sync()
        if arrived:
            self.show_student()
        self.session.send()
        revealed = self.session.reveal_on()
        for each in self.session_quizzes():
            if arrived:  # another notebook's last answer shows, unless one is being written here
                for view in each.questions:
                    last = view.last_attempt()
                    if last is not None and (view.checked or view.read() is EMPTY):
                        view.restore(last)
            if each.class_revealed != revealed:
                each.class_revealed = revealed
                each.relabel()
            elif each is not self:
                each.refresh()
        self._show_footer_notes()

    # ---- results -------------------------------------------------------------------

    @property
    def results(self):
        """Every attempt as a pandas DataFrame, oldest first (time in UTC)."""
        import pandas as pd  # lazy: only when an instructor asks

        frame = pd.DataFrame([{key: attempt.get(key) for key in RESULT_COLUMNS} for attempt in self.attempts], columns=RESULT_COLUMNS)
        frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
        return frame

    def offline_html(self) -> Markup:
        if self.closed:  # its widgets are gone: point to the quiz that replaced it
            return Markup(f"<p>{bilingual.pair(LIVE['replaced'])}</p>")
        return render_bank_html(self.bank, self.ids)

    def offline_text(self) -> str:
        return LIVE["replaced"].in_mode(bilingual.BOTH) if self.closed else repr(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.closed:  # no widget view of a closed quiz
            return {"text/plain": self.offline_text(), "text/html": self.offline_html()}
        return super()._repr_mimebundle_(include, exclude)

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
            f"<p><strong>{self.number}.</strong> {pair(self.question.prompt, mode=mode, sep=LIVE_SEP)} "
            f'<span class="lq-type-hint">{pair(self.kind.LABEL, mode=mode, sep=LIVE_SEP)}</span></p>'
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
        self.quiz.session.record(answers.attempt_record(self.question, grade, response, revealed))
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
        return progress.progress(self.attempts(), len(self.question.hints), self.quiz.instructor_reveal)

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
        self.feedback.value = feedback_html(self, mode, state)
        shown = self.question.hints[: state.wrong]
        self.hints.value = "".join(
            f"<p><strong>{pair(fill(UI['hint'], n=n), mode=mode, sep=LIVE_SEP)}</strong>: {pair(hint, mode=mode, sep=LIVE_SEP)}</p>" for n, hint in enumerate(shown, 1)
        )
        self.answer.value = self._answer_html(mode) if state.answer_shown else ""
        self.answer.layout.display = None if state.answer_shown else "none"

    def _answer_html(self, mode: str) -> Markup:
        tag = self.kind.ANSWER_LIST
        items = "".join(f"<li>{pair(line, mode=mode, sep=LIVE_SEP)}</li>" for line in answer_lines(self.question))
        explanation = ""
        if self.question.explanation:
            explanation = f"<p><strong>{pair(UI['explanation'], mode=mode, sep=LIVE_SEP)}</strong>: {pair(self.question.explanation, mode=mode, sep=LIVE_SEP)}</p>"
        return Markup(f"<div><p><strong>{pair(UI['answer'], mode=mode, sep=LIVE_SEP)}</strong></p><{tag}>{items}</{tag}>{explanation}</div>")
