"""Progress rules: which attempts count, and when the answer counts as shown.

One definition per language: this module, and ``LessonsGrader.progress`` in
``static/grader.js``; tests/data/progress-vectors.json binds the two (run in
Python and in Chromium). The live quiz, the book's quiz and the gradebook
all ask these functions; none re-implements them.

An attempt is a mapping with ``status``, ``score``, ``max_score`` and
optionally ``revealed`` (true when the answer was already shown as it was
made; every export since format version 2 writes it).

===================== ==========================================================
valid attempt         status is not ``invalid`` (a malformed response is no try)
wrong                 valid attempts not ``correct`` (``self-assessed`` is
                      never wrong)
answer shown          the instructor reveals answers; or an attempt says
                      ``revealed``; or a valid attempt was correct; or the
                      wrong tries outnumber the hints (every hint was tried);
                      for ``open``: once a self-assessment is saved
late attempt          a valid attempt made once the answer was shown
                      (``revealed``, or shown by the attempts before it): it is
                      kept, but earns nothing (credit 0). Self-assessed
                      attempts are never late: seeing the model answer is how
                      they are made.
credit                [score, max_score] of a valid attempt, [0, max_score]
                      when late: an exact fraction as two whole numbers
first / best / last   the credit of the first valid attempt (the default the
                      gradebook counts), the largest, the last; None if none
attempts              the number of valid attempts
===================== ==========================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

POLICIES = ("first", "best", "last")


@dataclass(frozen=True)
class Progress:
    """One student's progress at one question (see the module's table)."""

    attempts: int
    wrong: int
    solved: bool
    answer_shown: bool
    credits: tuple[tuple[int, int], ...]
    first: tuple[int, int] | None
    best: tuple[int, int] | None
    last: tuple[int, int] | None

    def counted(self, policy: str = "first") -> tuple[int, int] | None:
        """The credit that counts under ``policy`` (first, best or last)."""
        if policy not in POLICIES:
            raise ValueError(f"unknown counting policy {policy!r}: use one of {', '.join(POLICIES)}")
        return getattr(self, policy)

    def to_dict(self) -> dict:
        """Plain JSON data, the shape ``LessonsGrader.progress`` returns."""
        pair = lambda credit: list(credit) if credit else None  # noqa: E731
        return {
            "attempts": self.attempts,
            "wrong": self.wrong,
            "solved": self.solved,
            "answer_shown": self.answer_shown,
            "credits": [list(c) for c in self.credits],
            "first": pair(self.first),
            "best": pair(self.best),
            "last": pair(self.last),
        }


def progress(attempts: Sequence[Mapping], hints: int, instructor_reveal: bool = False) -> Progress:
    """The progress made by ``attempts`` (oldest first) at a question with
    ``hints`` hints; ``instructor_reveal``: the answers are revealed now."""
    wrong = 0
    solved = shown = assessed = False
    credits: list[tuple[int, int]] = []
    for attempt in attempts:
        status = attempt.get("status")
        if status == "invalid":
            continue
        self_assessed = status == "self-assessed"
        late = not self_assessed and (shown or attempt.get("revealed") is True)
        score, most = int(attempt.get("score", 0)), int(attempt.get("max_score", 1))
        credits.append((0 if late else score, most))
        if status == "correct":
            solved = True
        elif not self_assessed:
            wrong += 1
        assessed = assessed or self_assessed
        shown = shown or attempt.get("revealed") is True or solved or wrong > hints or assessed
    return Progress(
        attempts=len(credits),
        wrong=wrong,
        solved=solved,
        answer_shown=shown or instructor_reveal,
        credits=tuple(credits),
        first=credits[0] if credits else None,
        best=_best(credits),
        last=credits[-1] if credits else None,
    )


def _best(credits: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The largest fraction (compared exactly, by cross-multiplying); the
    earliest of equals."""
    best = None
    for credit in credits:
        if best is None or credit[0] * best[1] > best[0] * credit[1]:
            best = credit
    return best
