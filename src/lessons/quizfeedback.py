"""What the live quiz says under a question after a check (its status region).

Kept apart from :mod:`lessons.widgets` so the question's widgets and its
words are each short; the words themselves are :mod:`lessons.quizui`'s.
"""

from __future__ import annotations

from fractions import Fraction

from markupsafe import Markup

from .bilingual import pair
from .progress import Progress
from .qtypes._base import LIVE_SEP
from .quizui import STATUS_LABELS, UI, fill, format_points


def feedback_html(view, mode: str, state: Progress) -> Markup:
    """The status region under a question: its grade in symbol and words,
    the points (none when late), the grader's message and feedback, and
    where the hint and the answer are (they are outside this region)."""
    if view.notice:
        return Markup(f'<div role="status"><p>{pair(view.notice, mode=mode, sep=LIVE_SEP)}</p></div>')
    grade = view.grade
    if grade is None:
        return Markup()
    symbol, words = STATUS_LABELS[grade.status]
    rows = [f'<p><strong><span aria-hidden="true">{symbol}</span> {pair(words, mode=mode, sep=LIVE_SEP)}</strong>']
    if grade.status == "self-assessed":
        rows[0] += f" {pair(fill(UI['self_assessed'], met=grade.score, total=grade.max_score), mode=mode, sep=LIVE_SEP)}"
    elif grade.status != "invalid":
        earned = Fraction(0) if view.late else grade.earned
        rows[0] += f" {pair(fill(UI['points'], score=format_points(earned), max=format_points(grade.points)), mode=mode, sep=LIVE_SEP)}"
    rows[0] += "</p>"
    # After a retry, the first try's points too: the total counts those (as in the book).
    if grade.status not in ("self-assessed", "invalid") and state.attempts > 1 and state.first:
        weight = view.question.weight
        first = fill(UI["first_try"], score=format_points(weight * Fraction(*state.first)), max=format_points(weight))
        rows.append(f"<p>{pair(first, mode=mode, sep=LIVE_SEP)}</p>")
    if view.late:
        rows.append(f"<p>{pair(UI['no_credit'], mode=mode, sep=LIVE_SEP)}</p>")
    if grade.message:
        rows.append(f"<p>{pair(grade.message, mode=mode, sep=LIVE_SEP)}</p>")
    if grade.feedback:
        rows.append("<ul>" + "".join(f"<li>{pair(text, mode=mode, sep=LIVE_SEP)}</li>" for text in grade.feedback) + "</ul>")
    # As in the book: the hints and the answer are outside this status
    # region, so it says that they are there.
    if grade.status in ("incorrect", "partial") and 1 <= state.wrong <= len(view.question.hints):
        rows.append(f"<p>{pair(UI['hint_shown'], mode=mode, sep=LIVE_SEP)}</p>")
    if grade.status != "invalid" and state.answer_shown:
        rows.append(f"<p>{pair(UI['answer_shown'], mode=mode, sep=LIVE_SEP)}</p>")
    # rows are str built of pairs (typed) and fixed markup, joined with
    # f-strings: ``str + Markup`` would escape the str.
    return Markup(f'<div role="status" class="lq-status-{grade.status}">{"".join(rows)}</div>')

