"""Charts on a page: matplotlib figures as inline SVG, text kept as text.

Every chart of the course (the timeline, the gradebook's item analysis, the
evidence charts) is drawn with matplotlib and shown as SVG straight inside an
HTML page, where several charts may share one page. The one path from a
figure to a page is here:

- :func:`figure_svg` (the helper a chart module calls): a figure as an
  inline ``<svg>`` element, accessible (``role="img"``, a name and a
  description), its ids and stylesheet scoped to it, text kept as text so
  the reader's fonts render Chinese;
- :func:`svg_document`: the same figure as a standalone ``.svg`` file's
  markup; :func:`save_figure`: any format to a file (a PNG or PDF needs an
  installed CJK font, else :class:`CJKFontMissing` says what to install);
- fonts: :data:`CJK_FONTS` and :func:`installed_cjk_font` (which installed
  font draws Traditional Chinese), and :func:`pin_text`, which names a font
  on every text of a figure and turns mathtext off: chart text is prose, and
  "$400 billion ... $55 billion" must keep its dollar signs. Call it last
  when drawing;
- the steps :func:`figure_svg` is made of, for a caller that needs one:
  :func:`inline_svg` (matplotlib's SVG made fit for a page),
  :func:`describe_svg` (the accessible name and description) and
  :func:`unique_prefix` (id prefixes that never repeat in this kernel).

A chart module draws with ``matplotlib.figure.Figure`` (never pyplot) inside
``matplotlib.rc_context(its_rc)``, calls :func:`pin_text`, and renders with
``figure_svg(figure, title=..., desc=..., rc=its_rc)``; several charts on one
page each get their own prefix. Importing this module does not import
matplotlib.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import logging
import os
import re
import warnings
from collections.abc import Mapping
from io import StringIO
from pathlib import Path

from .bilingual import has_chinese
from .problems import SetupError

# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

#: Fonts with Traditional Chinese glyphs, in order of preference. The SVG asks
#: the reader's browser for these (then sans-serif); matplotlib measures text
#: with the first one installed here. Only TC fonts: a JP or SC font draws
#: some characters in shapes a reader in Taiwan does not write.
CJK_FONTS = ("Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei")
CJK_PACKAGE_HINT = "Debian/Ubuntu: sudo apt-get install fonts-noto-cjk; macOS and Windows include one"
#: Text with no Chinese gets a Latin font: CJK fonts draw “curly quotes” full
#: width. matplotlib measures it with DejaVu Sans (it ships with matplotlib);
#: the SVG asks the reader's browser for these first.
LATIN_FONT = "DejaVu Sans"
LATIN_FONTS_CSS = "'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
CJK_FONTS_CSS = ", ".join(f"'{name}'" for name in CJK_FONTS) + ", sans-serif"


@contextlib.contextmanager
def _quiet_font_manager():
    """matplotlib's font manager logs "building the font cache" (and a cache
    it cannot save) to stderr, and the book build treats any stderr output
    from a cell as an error."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def font_manager():
    """matplotlib's font manager module, imported quietly."""
    with _quiet_font_manager():
        from matplotlib import font_manager as manager
    return manager


def installed_cjk_font() -> str | None:
    """The first of :data:`CJK_FONTS` that matplotlib can use here, or None.

    matplotlib lists the machine's fonts once and caches the list on disk
    (``fontlist-*.json`` in its cache folder), so fonts installed after that
    (``make book`` ran before ``apt-get install fonts-noto-cjk``) stay
    invisible to it. When no CJK font is listed, the system's fonts are
    looked up once more (:func:`add_new_system_fonts`).
    """
    manager = font_manager().fontManager
    found = _first_cjk_font(manager)
    if found is None and add_new_system_fonts(manager):
        found = _first_cjk_font(manager)
    return found


def _first_cjk_font(manager) -> str | None:
    # A cached list may also name a font removed since: it does not count.
    names = {font.name for font in manager.ttflist if font.name in CJK_FONTS and os.path.isfile(font.fname)}
    return next((name for name in CJK_FONTS if name in names), None)


_system_fonts_rescanned = False


def add_new_system_fonts(manager) -> bool:
    """Add to matplotlib's ``manager`` the system's font files its cached
    list lacks, and save the list so the next process starts with them.

    Done at most once per process: a machine with no CJK font at all would
    otherwise search its font folders on every chart. Returns whether any
    font was added.
    """
    global _system_fonts_rescanned
    if _system_fonts_rescanned:
        return False
    _system_fonts_rescanned = True
    fonts = font_manager()
    known = {font.fname for font in (*manager.ttflist, *manager.afmlist)}
    new = sorted(set(fonts.findSystemFonts(fontext="ttf")) - known)
    for path in new:
        try:
            manager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue  # a file FreeType cannot read: matplotlib's own scan skips it too
    if new:
        _save_font_list(manager)
    return bool(new)


def _save_font_list(manager) -> None:
    """Rewrite matplotlib's cached font list (where matplotlib reads it) to include the new fonts."""
    import matplotlib

    fonts = font_manager()
    # json_dump logs (quietly here) and goes on when the cache is read-only:
    # this process has the fonts all the same.
    with _quiet_font_manager():
        fonts.json_dump(manager, f"{matplotlib.get_cachedir()}/fontlist-v{fonts.FontManager.__version__}.json")


def pin_text(figure, cjk_font: str | None) -> None:
    """Make every text of ``figure`` render the same wherever it is drawn.

    - Mathtext off: matplotlib reads text between two ``$`` as a formula,
      so "$400 billion ... $55 billion" would lose its dollar signs.
    - A named font: a generic family such as sans-serif is looked up when
      the figure is rendered, under whatever settings hold then (a user's
      savefig, IPython's inline PNG), which may lack Chinese. Text with
      Chinese gets ``cjk_font`` (if one is installed), other text
      :data:`LATIN_FONT`.

    Tick labels are made first, so they are pinned too (matplotlib creates
    them lazily, and a tick made later would not copy these settings).
    """
    from matplotlib.text import Text as MplText

    for axes in figure.axes:
        axes.get_xticklabels(which="both")
        axes.get_yticklabels(which="both")
    for text in figure.findobj(MplText):
        text.set_parse_math(False)
        if not text.get_text():
            continue
        if not has_chinese(text.get_text()):
            text.set_fontfamily(LATIN_FONT)
        elif cjk_font:
            text.set_fontfamily(cjk_font)


# --------------------------------------------------------------------------
# Inline SVG
# --------------------------------------------------------------------------

_prefix_numbers = itertools.count(1)


def unique_prefix(stem: str) -> str:
    """``stem`` and a number never given before in this kernel, so several
    inline SVGs (three language versions, two explorers, a gradebook chart
    shown twice) never share an id on one page."""
    return f"{stem}{next(_prefix_numbers)}"


_PREFIX = re.compile(r"[A-Za-z][\w-]*")
_ALL_ELEMENTS = re.compile(r"(?<![\w#.\-])\*\s*\{")
_LATIN_FAMILY = re.compile(f"font-family: '{re.escape(LATIN_FONT)}'(?=[;\"])")
_CJK_FAMILY = re.compile("font-family: '(?:" + "|".join(map(re.escape, CJK_FONTS)) + ")'(?=[;\"])")
_ID_USES = re.compile(r'(\sid="|url\(#|href="#)([^")]+)')


def inline_svg(svg_text: str, id_prefix: str) -> str:
    """matplotlib's SVG output ``svg_text`` made fit to sit inside an HTML page.

    - no XML prologue, doctype or metadata: it starts at ``<svg``;
    - the root gets ``id="{id_prefix}"`` and the stylesheet's ``*{...}``
      becomes ``#{id_prefix} *{...}``: inline, ``*`` would style the whole
      page;
    - every id (``figure_1``, ``patch_3``, clip paths, gids) and every
      reference to one becomes ``{id_prefix}-...``, unique on the page;
    - a font-family naming the one font installed here asks the reader's
      browser for a list instead (:data:`CJK_FONTS_CSS`, :data:`LATIN_FONTS_CSS`).
    """
    if not _PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id prefix {id_prefix!r}: use a letter, then letters, digits, '-' or '_'")
    svg = svg_text[svg_text.index("<svg"):].rstrip()
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"(<style[^>]*>)(.*?)(</style>)",
                 lambda m: m.group(1) + _ALL_ELEMENTS.sub(f"#{id_prefix} *{{", m.group(2)) + m.group(3),
                 svg, flags=re.S)
    svg = _LATIN_FAMILY.sub(f"font-family: {LATIN_FONTS_CSS}", svg)
    svg = _CJK_FAMILY.sub(f"font-family: {CJK_FONTS_CSS}", svg)
    ids = set(re.findall(r'\sid="([^"]+)"', svg))
    svg = _ID_USES.sub(lambda m: m.group(1) + (f"{id_prefix}-{m.group(2)}" if m.group(2) in ids else m.group(2)), svg)
    return f'<svg id="{id_prefix}" ' + svg[len("<svg "):]


def describe_svg(svg: str, *, title: str = "", desc: str = "", labelled_by: str = "",
                 attributes: Mapping[str, str] | None = None) -> str:
    """``svg`` (from :func:`inline_svg`) as one image to assistive technology.

    ``role="img"``, named by the element ``labelled_by`` (e.g. a visible
    caption, whose language spans follow the page) or else by a ``<title>``
    holding ``title``; ``desc`` becomes a ``<desc>`` that describes it.
    ``attributes`` (class, lang, style) go on the root element. The new ids
    derive from the root's id.
    """
    if not (title or labelled_by):
        raise ValueError("an image needs an accessible name: give a title or the id of its caption")
    prefix = re.match(r'<svg id="([^"]+)"', svg).group(1)
    names = {"role": "img", "aria-labelledby": labelled_by or f"{prefix}-title"}
    children = f'<title id="{prefix}-title">{html.escape(title)}</title>' if title else ""
    if desc:
        names["aria-describedby"] = f"{prefix}-desc"
        children += f'<desc id="{prefix}-desc">{html.escape(desc)}</desc>'
    opening = " ".join(f'{name}="{html.escape(value)}"' for name, value in {**names, **(attributes or {})}.items())
    head_end = svg.index(">") + 1
    return f"<svg {opening} " + svg[len("<svg "):head_end] + children + svg[head_end:]


# --------------------------------------------------------------------------
# From a figure to a page or a file
# --------------------------------------------------------------------------

#: What every chart's SVG needs, whatever the chart's own settings: text
#: stays text (the reader's fonts render Chinese) and is never mathtext;
#: TrueType embedded in a PDF, so Chinese stays text there too.
SVG_RC = {"svg.fonttype": "none", "text.parse_math": False, "pdf.fonttype": 42}


class CJKFontMissing(SetupError):
    """No installed font has Chinese glyphs, so a PNG or PDF would show boxes
    (a :class:`~lessons.problems.SetupError`: ``missing`` the font, ``fix``
    the install command and the font cache to delete)."""


def require_cjk_font() -> str:
    """The installed CJK font's name, or :class:`CJKFontMissing` saying what to install."""
    font = installed_cjk_font()
    if font is None:
        import matplotlib

        fix = f"{CJK_PACKAGE_HINT}; then delete matplotlib's font cache in {matplotlib.get_cachedir()}"
        raise CJKFontMissing(
            "No font with Traditional Chinese glyphs is installed, so Chinese would print as empty boxes. "
            f"Install one of: {', '.join(CJK_FONTS)} ({CJK_PACKAGE_HINT}), then delete matplotlib's "
            f"font cache in {matplotlib.get_cachedir()} so it finds the new font.",
            missing=f"a font with Traditional Chinese glyphs ({', '.join(CJK_FONTS)})",
            fix=fix,
        )
    return font


@contextlib.contextmanager
def _rendering(rc: Mapping | None, salt: str | None = None):
    """The chart's settings plus :data:`SVG_RC` while matplotlib renders.

    Without a CJK font here, matplotlib warns that Chinese glyphs are
    missing while it measures text. An SVG keeps the text as text and the
    reader's fonts render it, so only then is the warning harmless (a PNG
    or PDF is refused first, by :func:`require_cjk_font`).
    """
    import matplotlib

    settings = {**(rc or {}), **SVG_RC} | ({"svg.hashsalt": salt} if salt else {})
    with matplotlib.rc_context(settings), warnings.catch_warnings():
        if installed_cjk_font() is None:
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        yield


def svg_document(figure, *, rc: Mapping | None = None, salt: str = "lessons") -> str:
    """``figure`` as a standalone SVG file's markup (from ``<svg``): text
    kept as text, no date stamp, generated ids reproducible for a ``salt``.
    ``rc``: the chart's own matplotlib settings, applied while rendering."""
    buffer = StringIO()
    with _rendering(rc, salt):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def figure_svg(figure, id_prefix: str | None = None, *, title: str = "", desc: str = "",
               labelled_by: str = "", attributes: Mapping[str, str] | None = None,
               rc: Mapping | None = None) -> str:
    """``figure`` as an inline ``<svg>`` element for an HTML page.

    - ``id_prefix``: the root's id and the prefix of every id inside it
      (default: a new :func:`unique_prefix`); also the salt of matplotlib's
      generated ids, so the same prefix gives the same markup;
    - ``title`` or ``labelled_by`` (the id of a visible caption) names the
      image; ``desc`` describes it in words (see :func:`describe_svg`);
    - ``attributes`` (class, lang, style) go on the root element;
    - ``rc``: the chart's own matplotlib settings, applied while rendering.
    """
    prefix = id_prefix or unique_prefix("lessons-chart")
    svg = inline_svg(svg_document(figure, rc=rc, salt=prefix), prefix)
    return describe_svg(svg, title=title, desc=desc, labelled_by=labelled_by, attributes=attributes)


def save_figure(figure, path, *, rc: Mapping | None = None, **savefig_kwargs) -> Path:
    """Save ``figure`` to ``path`` (``.svg``, ``.png``, ``.pdf``, ...).

    A PNG or PDF needs an installed CJK font, or Chinese would be empty
    boxes; without one this raises :class:`CJKFontMissing` naming what to
    install. An SVG keeps text as text, whatever is installed.
    """
    path = Path(path)
    if path.suffix.lower() != ".svg":
        require_cjk_font()
    with _rendering(rc):
        figure.savefig(path, **savefig_kwargs)
    return path
