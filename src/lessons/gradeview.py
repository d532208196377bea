"""A grade as HTML for a notebook (``Grade._repr_html_``): presentation kept
out of the pure grader. Status as a symbol and in words (never colour alone),
both languages each with its ``lang``."""

from __future__ import annotations

import html

from markupsafe import Markup

from .bilingual import pair
from .quizui import PARTS_LABEL, STATUS_LABELS


def grade_html(grade) -> Markup:
    """``grade`` (a :class:`lessons.model.Grade`) as a bilingual block."""
    symbol, label = STATUS_LABELS[grade.status]
    rows = [
        f'<p class="lessons-grade-status"><strong><span aria-hidden="true">{symbol}</span> '
        f"{pair(label)}</strong> · {grade.score} / {grade.max_score}</p>"
    ]
    if grade.message:
        rows.append(f'<div class="lessons-grade-message">{pair(grade.message, "p")}</div>')
    if grade.parts:
        marks = " ".join(STATUS_LABELS["correct" if part else "incorrect"][0] for part in grade.parts)
        rows.append(f'<p class="lessons-grade-parts">{pair(PARTS_LABEL)}: {marks}</p>')
    if grade.feedback:
        items = "".join(f"<li>{pair(text)}</li>" for text in grade.feedback)
        rows.append(f'<ul class="lessons-grade-feedback">{items}</ul>')
    if grade.explanation:
        rows.append(f'<div class="lessons-grade-explanation">{pair(grade.explanation, "p")}</div>')
    return Markup(
        f'<div class="lessons-grade lessons-grade-{html.escape(grade.status)}" '
        f'data-question="{html.escape(grade.question_id)}">{"".join(rows)}</div>'
    )
