"""Text normalisation for comparing answers: the one definition, below both
the bank validator (an accepted answer must not normalise to nothing) and
the grader (a response matches an accepted answer once both are normalised).

``static/grader.js`` (normalizeText, squash) is its browser twin; the shared
vectors in tests/data/grading-vectors.json bind the two.
"""

from __future__ import annotations

import re
import unicodedata

# The same white-space set as grader.js (Python's and JavaScript's \s differ).
WHITESPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def squash(text: str) -> str:
    """White space collapsed to single spaces and trimmed (grader.js: squash)."""
    return WHITESPACE.sub(" ", text).strip(" ")


def normalize_text(text: str) -> str:
    """NFKC, lower case, punctuation (Unicode category P*) dropped, white
    space collapsed and trimmed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return squash("".join(char for char in text if not unicodedata.category(char).startswith("P")))
