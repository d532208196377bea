"""The live class view: what a class has answered so far, for the teacher only.

When a class shares a folder (a JupyterHub shared directory, a synced
drive), each student's live quiz writes, on every check, the student's whole
lesson progress to ``<folder>/<safe-name>-<code>--<lesson>.json`` in the format of
:mod:`lessons.answers` (:func:`class_file`, :func:`publish`; who may write
what there: :mod:`lessons.classfolder`). The setting is the teacher's: the
environment variable :data:`FOLDER_ENV` or the quiz's ``class_folder`` argument.

``lessons.class_view("lesson-2", folder)`` in the teacher's notebook reads
those files every few seconds and shows who has answered and, per question
(numbered as students see them), the share right, partly right and wrong
and the most chosen wrong option. It is three parts, one job each:

* :class:`FolderReader` re-reads only the files whose modification time or
  size changed; a malformed or half-written file is skipped and named.
* :func:`summarize` is a pure function of the documents read.
* :class:`ClassView` draws the summary in the kernel's language mode, one
  line per question (its number and the start of its text), and refreshes
  it on a background thread until it is closed (or its cell runs again: a
  :class:`lessons.liveview.LiveView`). "Hide names" starts on (a projector);
  "Reveal answers to the class" switches the teacher-only reveal file.

Names never reach the published book: without a kernel the cell's
``text/html`` says this is a live teacher view and carries no data.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import bilingual
from .answers import ExportError, parse_export
from .bilingual import Text, pair
from .classfolder import FILE_MODE, NotTheTeacher, reveal_on, set_reveal
from .grading import grade
from .livestore import CLASS_FOLDER_VARIABLE, class_file, write_atomically
from .liveview import LiveView, show
from .model import Bank
from .problems import Skipped
from .progress import progress

#: The environment variable that turns class-folder writing on for a student's quiz.
FOLDER_ENV = CLASS_FOLDER_VARIABLE
#: Seconds between refreshes of a live view.
REFRESH_SECONDS = 3.0
CHOICE_TYPES = ("single", "multiple", "truefalse")
SELF_ASSESSED = "open"


# --- the shared folder: what a student's quiz writes (lessons.livestore names and writes it) ---


def publish(folder: str | Path, document: dict) -> Path:
    """Write an export document (lessons.answers) to its class-folder file,
    atomically, as a student's quiz does on every check: the teacher's view
    never reads half a file. Returns the path."""
    return write_atomically(class_file(Path(folder), document["student"], document["lesson"]), document, mode=FILE_MODE)


# --- reading the folder -------------------------------------------------------------------------


def read_document(path: Path, lesson: str):
    """The checked export in ``path`` (lessons.answers' reader), or a Skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return Skipped(path.name, f"cannot be read ({getattr(error, 'strerror', None) or error})")
    try:
        export = parse_export(json.loads(text))
    except json.JSONDecodeError as error:
        return Skipped(
            path.name,
            f"is not complete JSON (line {error.lineno}, column {error.colno}: {error.msg}): "
            "half-written or edited; it is read again when it changes",
        )
    except (ExportError, RecursionError, ValueError) as error:
        return Skipped(path.name, str(error) or "is not a lessons answers file")
    if export.lesson != lesson:
        return Skipped(path.name, f"is for {export.lesson}, not {lesson}: its name does not match its content")
    if not export.student.strip():
        return Skipped(path.name, "has no student name or alias")
    return export


class FolderReader:
    """The class folder's files for one lesson, re-read only when they change."""

    def __init__(self, folder: str | Path, lesson: str):
        self.folder = Path(folder)
        self.lesson = lesson
        self._files: dict[Path, tuple[tuple[int, int], object]] = {}
        self.reads = 0  # how many files were parsed: the view's cost

    def refresh(self) -> bool:
        """Look at the folder; True if anything changed since the last look."""
        try:
            found = sorted(self.folder.glob(f"*--{self.lesson}.json"))
        except OSError:
            found = []
        changed = set(self._files) != set(found)
        for gone in set(self._files) - set(found):
            del self._files[gone]
        for path in found:
            try:
                stat = path.stat()
            except OSError:  # removed between glob and stat
                self._files.pop(path, None)
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            if path in self._files and self._files[path][0] == stamp:
                continue
            self._files[path] = (stamp, read_document(path, self.lesson))
            self.reads += 1
            changed = True
        return changed

    def documents(self) -> list:
        """What each file holds: an Export, or a Skipped naming the file."""
        return [content for _, content in self._files.values()]


# --- the summary (a pure function) --------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSummary:
    """One question's row of the view. ``right``, ``partly`` and ``wrong``
    count students by their first valid attempt (the gradebook's default);
    an ``open`` question has only ``answered`` and ``self_assessed``."""

    label: str  # "Q3" as students see it, or "Try it"
    id: str
    type: str
    prompt: Text | None = None  # the question's own text (shown short, beside its number)
    answered: int = 0
    right: int = 0
    partly: int = 0
    wrong: int = 0
    self_assessed: float | None = None  # mean share of rubric criteria ticked
    wrong_option: Text | None = None  # the wrong option most students chose at any try
    wrong_option_number: int | None = None
    wrong_option_students: int = 0


@dataclass(frozen=True)
class ClassSummary:
    lesson: str
    students: tuple[str, ...]
    questions: tuple[QuestionSummary, ...]
    skipped: tuple[Skipped, ...] = field(default=())


def summarize(bank: Bank, documents) -> ClassSummary:
    """The class view of ``documents`` (Exports of ``bank``'s lesson, or
    Skipped): who answered and, per question, what they did. Every answer is
    graded again against the bank, as the gradebook does."""
    skipped = [item for item in documents if isinstance(item, Skipped)]
    attempts: dict[str, dict[str, list]] = {}  # student -> question -> [(response, grade)]
    known = {question.id for question in bank.questions}
    for export in documents:
        if isinstance(export, Skipped):
            continue
        unknown = sorted({a["question"] for a in export.answers} - known)
        if unknown:
            skipped.append(Skipped(export.student, f"unknown question id(s) {', '.join(unknown)}: another course version?"))
            continue
        mine = attempts.setdefault(unicodedata.normalize("NFKC", export.student).strip(), {})
        for answer in export.answers:
            question = bank.question(answer["question"])
            result = grade(question, answer.get("response"))
            record = {"status": result.status, "score": result.score, "max_score": result.max_score, "revealed": answer.get("revealed") is True}
            mine.setdefault(question.id, []).append((answer.get("response"), record))
    from .gradebook.analysis import quiz_numbers  # numbered as the gradebook and the students see them

    labels = quiz_numbers(bank)
    ordered = [q for q in bank.questions if labels[q.id] != "Try it"] + [q for q in bank.questions if labels[q.id] == "Try it"]
    rows = tuple(_question_summary(question, labels[question.id], attempts) for question in ordered)
    return ClassSummary(bank.lesson, tuple(sorted(attempts)), rows, tuple(skipped))


def _question_summary(question, label: str, attempts: dict) -> QuestionSummary:
    tries = {student: [pair for pair in mine.get(question.id, []) if pair[1]["status"] != "invalid"] for student, mine in attempts.items()}
    tries = {student: pairs for student, pairs in tries.items() if pairs}
    base = {"label": label, "id": question.id, "type": question.type, "prompt": question.prompt, "answered": len(tries)}
    if question.type == SELF_ASSESSED:
        shares = [pairs[-1][1]["score"] / pairs[-1][1]["max_score"] for pairs in tries.values() if pairs[-1][1]["max_score"]]
        return QuestionSummary(**base, self_assessed=sum(shares) / len(shares) if shares else None)
    outcome = Counter()
    for pairs in tries.values():
        score, most = progress([record for _, record in pairs], len(question.hints)).counted("first")
        outcome["right" if score == most else "wrong" if score == 0 else "partly"] += 1
    return QuestionSummary(**base, right=outcome["right"], partly=outcome["partly"], wrong=outcome["wrong"], **_wrong_option(question, tries))


def _wrong_option(question, tries: dict) -> dict:
    """The wrong option chosen by the most students at any valid try."""
    if question.type not in CHOICE_TYPES:
        return {}
    from .gradebook.analysis import _choices, _picks  # the gradebook's one reading of choices

    best: tuple[int, int, Text] | None = None
    for index, (text, correct) in enumerate(_choices(question)):
        if correct:
            continue
        students = sum(any(_picks(question, response, index) for response, _ in pairs) for pairs in tries.values())
        if students and (best is None or students > best[0]):
            best = (students, index, text)
    if best is None:
        return {}
    return {"wrong_option": best[2], "wrong_option_number": best[1] + 1, "wrong_option_students": best[0]}


# --- drawing ------------------------------------------------------------------------------------

LABELS = {
    "title": Text("即時全班檢視（只給老師看）", "Live class view (for the teacher only)"),
    "answered_by": Text("已作答的學生", "Students who have answered"),
    "nobody": Text("還沒有人作答。", "Nobody has answered yet."),
    "hidden_names": Text("{n} 位學生已作答（姓名已隱藏）", "{n} students have answered (names hidden)"),
    "hide_names": Text("隱藏姓名（投影時）", "Hide names (projecting)"),
    "reveal_class": Text("對全班公開答案", "Reveal answers to the class"),
    "reveal_denied": Text("只有班級資料夾的擁有者（老師）可以公開答案（{reason}）。", "Only the class folder's owner (the teacher) can reveal answers ({reason})."),
    "reveal_failed": Text("無法切換全班公開答案：{reason}", "Could not switch the class-wide reveal: {reason}"),
    "question": Text("題目", "Question"),
    "answered": Text("作答人數", "Answered"),
    "right": Text("全對", "Right"),
    "partly": Text("部分對", "Partly right"),
    "wrong": Text("錯", "Wrong"),
    "wrong_option": Text("最多人選的錯誤選項", "Most chosen wrong option"),
    "try_it": Text("試試看", "Try it"),
    "open": Text("簡述題，自評：平均勾選 {share} 的評分項目（不判對錯）", "Open question, self-assessed: {share} of criteria ticked on average (never right or wrong)"),
    "students": Text("{n} 人", "{n} students"),
    "student": Text("1 人", "1 student"),
    "skipped": Text("略過的檔案（修正或重新寫入後會再讀）", "Files skipped (read again once they change)"),
    "legend": Text(
        "全對、部分對、錯：依每位學生第一次有效作答（與成績簿預設相同），括號內是占作答人數的比例。",
        "Right, partly right, wrong: by each student's first valid attempt (the gradebook's default); "
        "the share of those who answered is in brackets.",
    ),
    "updated": Text("更新於 {time}（每 {seconds:g} 秒）", "Updated {time} (every {seconds:g} s)"),
    "folder_missing": Text("找不到全班資料夾 {folder}。", "The class folder {folder} does not exist."),
    "closed": Text("這個檢視已關閉（重新執行這一格即可再開）。", "This view is closed (run its cell again to reopen it)."),
}
#: What the published book (no kernel) shows instead: never any data.
OFFLINE = Text(
    "即時全班檢視：只在老師的 Jupyter 核心中執行，顯示學生作答；發布的書中沒有任何資料。",
    "Live class view: runs only in the teacher's Jupyter kernel and shows students' answers; "
    "the published book holds no data.",
)


def _label(key: str, mode: str, **values) -> Markup:
    text = LABELS[key]
    return pair(Text(text.zh.format(**values), text.en.format(**values)), mode=mode, sep=" / ")


def _share(count: int, answered: int) -> str:
    return f"{count} ({round(100 * count / answered)} %)" if answered else "—"


#: One line per question, also on a projector at 150 %: long text is cut by
#: the browser (an ellipsis), and the whole of it is in the cell's title.
ONE_LINE = "white-space:nowrap;overflow:hidden;text-overflow:ellipsis"


def _question_cells(row: QuestionSummary, mode: str) -> Markup:
    number = _label("try_it", mode) if row.label == "Try it" else html.escape(row.label)
    prompt = pair(row.prompt, mode=mode, sep=" / ") if row.prompt is not None else ""
    whole = html.escape(f"{row.label} ({row.id}): {row.prompt.in_mode(mode)}" if row.prompt is not None else row.id, quote=True)
    # Typed HTML: every text above is escaped or a pair, so each piece is Markup
    # and ``+`` joins them without escaping anything again.
    head = Markup(
        f'<th scope="row" style="{ONE_LINE};text-align:start" title="{whole}" data-question="{html.escape(row.id, quote=True)}">'
        f"{number} · {prompt}</th><td>{row.answered}</td>"
    )
    if row.type == SELF_ASSESSED:
        if row.self_assessed is None:
            return head + Markup('<td colspan="4">—</td>')
        return head + Markup(f'<td colspan="4">{_label("open", mode, share=f"{round(100 * row.self_assessed)} %")}</td>')
    option = Markup("—")
    if row.wrong_option is not None:
        students = _label("student", mode) if row.wrong_option_students == 1 else _label("students", mode, n=row.wrong_option_students)
        option = Markup(f"{row.wrong_option_number}. {pair(row.wrong_option, mode=mode, sep=' / ')} · {students}")
    shares = "".join(f'<td style="white-space:nowrap">{_share(n, row.answered)}</td>' for n in (row.right, row.partly, row.wrong))
    return head + Markup(f'{shares}<td style="{ONE_LINE}">{option}</td>')


def render(summary: ClassSummary, mode: str, updated: str = "", seconds: float = REFRESH_SECONDS, hide_names: bool = False) -> Markup:
    """The summary as HTML in ``mode``: the names (or only how many, with
    ``hide_names``), a table with one row per question (shares as numbers and
    words, never colour alone), skipped files."""
    parts = [f"<h3>{_label('title', mode)} · {html.escape(summary.lesson)}</h3>"]
    if updated:
        parts.append(f"<p>{_label('updated', mode, time=updated, seconds=seconds)}</p>")
    if summary.students and hide_names:
        parts.append(f"<p><strong>{_label('hidden_names', mode, n=len(summary.students))}</strong></p>")
    elif summary.students:
        names = ", ".join(html.escape(name) for name in summary.students)
        parts.append(f"<p><strong>{_label('answered_by', mode)} ({len(summary.students)}):</strong> {names}</p>")
    else:
        parts.append(f"<p>{_label('nobody', mode)}</p>")
    widths = {"question": "34%", "answered": "9%", "right": "10%", "partly": "10%", "wrong": "10%", "wrong_option": "27%"}
    header = "".join(f'<th scope="col" style="width:{width}">{_label(key, mode)}</th>' for key, width in widths.items())
    body = "".join(f"<tr>{_question_cells(row, mode)}</tr>" for row in summary.questions)
    parts.append(
        f'<table class="lessons-class-view-table" style="table-layout:fixed;width:100%"><caption style="text-align:start">{_label("legend", mode)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    )
    if summary.skipped and not hide_names:  # file names carry students' names
        items = "".join(f"<li><code>{html.escape(item.file)}</code>: {html.escape(item.reason)}</li>" for item in summary.skipped)
        parts.append(f"<p>{_label('skipped', mode)}</p><ul>{items}</ul>")
    return Markup("".join(parts))


# --- the live widget ----------------------------------------------------------------------------


class ClassView(LiveView):
    """The teacher's live view of one lesson's class folder (see the module).

    Above the table: "Hide names" (on at first: the view is meant for the
    projector) and "Reveal answers to the class", which switches the
    class-wide reveal in the folder (:func:`lessons.classfolder.set_reveal`;
    only the folder's owner can)."""

    def __init__(self, bank: Bank, folder: str | Path, seconds: float = REFRESH_SECONDS, language=None, hide_names: bool = True):
        import ipywidgets as widgets  # lazy: `import lessons` stays light

        self.bank = bank
        self.folder = Path(folder)
        self.seconds = seconds
        self.language = language or bilingual.current
        self.reader = FolderReader(self.folder, bank.lesson)
        self.summary = summarize(bank, [])
        self.updated = ""
        self.problem: Text | None = None
        self.hide_names = widgets.ToggleButton(value=hide_names, icon="eye-slash", layout=widgets.Layout(width="auto"))
        self.reveal = widgets.ToggleButton(value=reveal_on(self.folder, bank.lesson), icon="eye", layout=widgets.Layout(width="auto"))
        self.body = widgets.HTML()
        self.widget = widgets.VBox([widgets.HBox([self.hide_names, self.reveal]), self.body])
        self.widget.add_class("lessons-class-view")
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.hide_names.observe(self._on_hide, names="value")
        self.reveal.observe(self._on_reveal, names="value")
        self.start()
        self.relabel()
        self.refresh()
        self._thread = threading.Thread(target=self._run, name=f"class-view-{bank.lesson}", daemon=True)
        self._thread.start()

    @property
    def registry_key(self) -> tuple:
        return ("class_view", self.bank.lesson)

    def refresh(self) -> bool:
        """Read what changed in the folder and redraw if anything did; True if so."""
        with self._lock:
            if self.closed:
                return False
            changed = self.reader.refresh()
            if changed:
                self.summary = summarize(self.bank, self.reader.documents())
            self.updated = dt.datetime.now().strftime("%H:%M:%S")
            self._draw()
            return changed

    def relabel(self) -> None:
        mode = self.language.mode
        for button, key in ((self.hide_names, "hide_names"), (self.reveal, "reveal_class")):
            button.description = LABELS[key].in_mode(mode)
            button.tooltip = LABELS[key].in_mode(bilingual.BOTH)
        with self._lock:
            if not self.closed:
                self._draw()

    def _draw(self) -> None:
        mode = self.language.mode
        body = render(self.summary, mode, self.updated, self.seconds, hide_names=self.hide_names.value)
        if not self.folder.is_dir():
            body = Markup(f"<p>{_label('folder_missing', mode, folder=str(self.folder))}</p>") + body
        if self.problem is not None:
            body = Markup(f'<p role="alert">{pair(self.problem, mode=mode, sep=" / ")}</p>') + body
        self.body.value = body

    def _on_hide(self, change) -> None:
        with self._lock:
            if not self.closed:
                self._draw()

    def _on_reveal(self, change) -> None:
        """Switch the class-wide reveal in the folder; if the folder is not
        the teacher's to switch, say so and put the button back."""
        try:
            set_reveal(self.folder, self.bank.lesson, change["new"])
            self.problem = None
        except OSError as error:
            denied = isinstance(error, NotTheTeacher)
            text, reason = (LABELS["reveal_denied"], self.folder) if denied else (LABELS["reveal_failed"], error)
            self.problem = Text(text.zh.format(reason=reason), text.en.format(reason=reason))
            self.reveal.unobserve(self._on_reveal, names="value")
            self.reveal.value = change["old"]
            self.reveal.observe(self._on_reveal, names="value")
        with self._lock:
            self._draw()

    def _run(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.refresh()
            except Exception as error:  # a view must keep going; say what went wrong where it is seen
                self.body.value = f"<p>{html.escape(type(error).__name__)}: {html.escape(str(error))}</p>"

    def close(self) -> None:
        """Stop the timer and the language observer; the view says it is closed."""
        with self._lock:
            if self.closed:
                return
            super().close()
        self._stop.set()
        self.body.value = f"<p>{pair(LABELS['closed'], mode=self.language.mode, sep=' / ')}</p>"

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # For the book (no kernel) only a note: never the names or the data.
    def offline_html(self) -> Markup:
        return Markup(f'<p class="lessons-class-view-offline">{pair(OFFLINE)}</p>')

    def offline_text(self) -> str:
        return OFFLINE.in_mode(bilingual.BOTH)


class ViewProblem:
    """What class_view shows instead of a traceback: what is wrong and the fix."""

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:
        return f"class_view: {self.message}"

    def _repr_html_(self) -> Markup:
        return Markup(f'<p class="lessons-class-view-problem">class_view: {html.escape(self.message)}</p>')


def class_view(
    lesson: str, folder: str | Path | None = None, seconds: float = REFRESH_SECONDS, hide_names: bool = True
) -> ClassView | ViewProblem:
    """The live class view of ``lesson`` over ``folder`` (default: the
    :data:`FOLDER_ENV` environment variable); names hidden at first unless
    ``hide_names=False`` (the switch is in the view). Running the cell again
    replaces the previous view and stops its timer. Without a folder, or for
    an unknown lesson or a broken bank, a :class:`ViewProblem` says what to do."""
    from .model import BankError
    from .quizbank import load_bank
    from .quizload import bank_path  # one way from a lesson name to its bank

    folder = folder if folder is not None else os.environ.get(FOLDER_ENV)
    if not folder:
        return ViewProblem(f"which class folder? Write class_view({lesson!r}, \"<shared folder>\") or set {FOLDER_ENV}")
    try:
        bank = load_bank(bank_path(lesson))
    except FileNotFoundError as error:
        return ViewProblem(str(error))
    except BankError as error:
        return ViewProblem(f"the quiz bank has problems: {'; '.join(map(str, error.problems))}")
    return show(ClassView(bank, folder, seconds, hide_names=hide_names))
