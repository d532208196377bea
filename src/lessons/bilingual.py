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
from markupsafe import Markup

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


def hreflang(mode: str) -> str:
    """The ``hreflang`` of a link to a file in ``mode``: ``mul`` for both languages."""
    return mode if mode in CSS_CLASS else "mul"


def check_mode(mode: str) -> str:
    """Return ``mode`` if it is one of :data:`MODES`, else raise a clear ValueError."""
    if mode not in MODES:
        raise ValueError(f"unknown language mode {mode!r}: use one of {', '.join(MODES)}")
    return mode


def lang_attributes(code: str, *, switchable: bool = True, css: str = "") -> str:
    """The attributes of an HTML element written in one language: ``lang``,
    and (``switchable``) the class by which the page's CSS hides it when the
    reader picks the other language. ``css`` adds classes of its own."""
    classes = " ".join(filter(None, (css, CSS_CLASS[code] if switchable else "")))
    return f'lang="{code}"' + (f' class="{classes}"' if classes else "")


def pair(text: Text, tag: str = "span", *, mode: str | None = None, sep: str = "", css: str = "") -> Markup:
    """``text`` as typed HTML (:class:`markupsafe.Markup`), each language in
    its own ``<tag>`` with ``lang``: the one bilingual-pair helper.

    - ``mode`` None (a page of the published book): both languages, each
      with its ``bl-zh``/``bl-en`` class; the page's CSS shows one or both
      according to the reader's mode, and with no JavaScript both show.
    - ``mode`` given (a live widget, where no page CSS runs; or one of the
      per-mode versions of a figure): only the language(s) of that mode,
      with no switching class.

    A language's text is escaped unless it is already Markup (HTML made
    for one language, e.g. its links: ``pair(Text(Markup(zh), Markup(en)))``).
    ``sep`` (raw HTML) goes between the two languages when a ``mode`` writes
    both (with no mode, the page's CSS lays the two out: nothing between);
    ``css`` adds classes of its own to each element. Markup is safe from double escaping, but ``Markup + str`` escapes the
    str: join typed HTML with f-strings or other Markup. Every HTML builder of
    the package returns Markup, so a caller can join them without escaping twice.
    """
    if mode is None:
        codes, switchable = (ZH, EN), True
    else:
        codes, switchable = ((ZH, EN) if check_mode(mode) == BOTH else (mode,)), False
    return Markup(sep if mode is not None else "").join(
        Markup(f"<{tag} {lang_attributes(code, switchable=switchable, css=css)}>{_escaped(getattr(text, 'zh' if code == ZH else 'en'))}</{tag}>")
        for code in codes
    )


def _escaped(part: str) -> str:
    """Markup as it is; text escaped as the rest of the package escapes it
    (html.escape, so the built pages keep their entities)."""
    return part if isinstance(part, Markup) else html.escape(part)


class LanguageState(traitlets.HasTraits):
    """The kernel's current language mode; widgets observe ``mode``."""

    mode = traitlets.Enum(MODES, default_value=BOTH)
    #: True in a one-language notebook (set by its first cell): the mode is
    #: fixed there, so no widget offers a 中文 / English / 並列 control.
    fixed = traitlets.Bool(False)


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
    control.add_class("lessons-language-control")  # sized by the quiz's stylesheet (lessons.quizstyle)
    if state.fixed:
        control.layout.display = "none"
    return control
