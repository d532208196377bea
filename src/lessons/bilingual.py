"""The language model every part of the course shares: zh-Hant, en, or both.

A reader or an instructor picks one *mode*; every bilingual element follows
it. In the published book the mode lives in the page (``language.js`` sets
``data-lessons-lang`` on ``<html>`` and CSS hides the other language). In a
live kernel it lives in :data:`current`, one object per kernel that quizzes
and the timeline explorer observe, so one control switches them all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import traitlets

ZH = "zh-Hant"
EN = "en"
BOTH = "both"
MODES = (ZH, EN, BOTH)
MODE_LABELS = {ZH: "中文", EN: "English", BOTH: "並列"}

# The CSS classes the book's stylesheet keys on (see static/lessons.css).
CSS_CLASS = {ZH: "bl-zh", EN: "bl-en"}


@dataclass(frozen=True)
class Text:
    """One piece of course text in both languages."""

    zh: str
    en: str

    def in_mode(self, mode: str, sep: str = " / ") -> str:
        """Plain text for a mode; ``both`` joins the two with ``sep``."""
        check_mode(mode)
        if mode == ZH:
            return self.zh
        if mode == EN:
            return self.en
        return f"{self.zh}{sep}{self.en}"

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en}


# Han characters (CJK ideographs, extension A, compatibility): how the
# course tells a Chinese text from an English one when checking labels.
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_chinese(text: str) -> bool:
    return HAN.search(text) is not None


def mostly_chinese(text: str) -> bool:
    """More than a quarter Han characters: an English text may quote a name
    in Chinese, but not be written in it."""
    return len(HAN.findall(text)) > len(text) / 4


def check_mode(mode: str) -> str:
    """Return ``mode`` if it is one of :data:`MODES`, else raise a clear ValueError."""
    if mode not in MODES:
        raise ValueError(f"unknown language mode {mode!r}: use one of {', '.join(MODES)}")
    return mode


def html_pair(text: Text, tag: str = "span") -> str:
    """Both languages as escaped HTML elements with ``lang`` attributes.

    The page's CSS shows one or both according to the reader's mode; with no
    JavaScript (no mode set) both show.
    """
    return (
        f'<{tag} lang="{ZH}" class="{CSS_CLASS[ZH]}">{html.escape(text.zh)}</{tag}>'
        f'<{tag} lang="{EN}" class="{CSS_CLASS[EN]}">{html.escape(text.en)}</{tag}>'
    )


class LanguageState(traitlets.HasTraits):
    """The kernel's current language mode; widgets observe ``mode``."""

    mode = traitlets.Enum(MODES, default_value=BOTH)


#: The one language state of this kernel. Quizzes and the timeline explorer
#: observe it, so the control at the top of a lesson switches them all.
current = LanguageState()


def language_control(state: LanguageState | None = None):
    """A 中文 / English / 並列 toggle bound to the kernel's language state."""
    import ipywidgets as widgets  # lazy: keeps `import lessons` light

    state = state or current
    control = widgets.ToggleButtons(
        options=[(MODE_LABELS[m], m) for m in MODES],
        value=state.mode,
        description="語言 Language",
        tooltips=["中文 (zh-Hant)", "English", "中文 + English"],
        style={"description_width": "initial"},
    )
    widgets.link((control, "value"), (state, "mode"))
    return control
