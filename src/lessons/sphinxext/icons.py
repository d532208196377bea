"""The page's icons as inline SVG, without the theme's icon kit.

The theme draws its dozen icons (menu, search, colour mode, download, ...)
with Font Awesome: a 1.5 MB script that replaces each ``<i class="fa-...">``
after load, plus two icon fonts for CSS icons. That was 0.8 MB of a 1 MB
first visit. Here each icon element becomes the same shape as inline SVG at
build time (paths in ``icon_paths``), the script tag and the kit's files
are dropped, and ``static/lessons.css`` draws the CSS icons without the
fonts. An icon a page uses that ``icon_paths`` lacks is a build warning
(an error under ``-W``) naming it, so no icon silently disappears.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sphinx.util import logging

from .icon_paths import ICONS
from .messages import WARNING_TYPE
from .pages import after_build

logger = logging.getLogger(__name__)

# An empty element whose class names a Font Awesome icon: <i class="fa-solid fa-bars"></i>
ICON_ELEMENT = re.compile(
    r'<(?P<tag>i|span)(?P<attrs>\s[^>]*?\bclass="(?P<classes>[^"]*\bfa-[^"]*)"[^>]*)>\s*</(?P=tag)>'
)
ATTRIBUTE = re.compile(r'([\w:-]+)(?:\s*=\s*"([^"]*)")?')
KIT_SCRIPT = re.compile(r'\s*<script[^>]*src="[^"]*/fontawesome\.js[^"]*"[^>]*>\s*</script>')
STYLE_PREFIX = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far", "fa-brands": "fab", "fab": "fab"}
# Size and layout classes, not icon names.
MODIFIERS = {"fa-lg", "fa-sm", "fa-xs", "fa-fw", "fa-2x", "fa-3x", "fa-spin", "fa-classic"}
KIT_FILES = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map", "_static/scripts/fontawesome.js.LICENSE.txt", "_static/vendor/fontawesome")


def _icon_of(classes: list[str]) -> tuple[str, str] | None:
    prefix = next((STYLE_PREFIX[c] for c in classes if c in STYLE_PREFIX), "fas")
    names = [c[3:] for c in classes if c.startswith("fa-") and c not in STYLE_PREFIX and c not in MODIFIERS]
    return (prefix, names[0]) if names else None


def svg_for(match: re.Match, page: str) -> str:
    """The inline SVG standing in for one icon element (decorative: aria-hidden)."""
    classes = match.group("classes").split()
    icon = _icon_of(classes)
    if icon not in ICONS:
        logger.warning("icon %s %s on %s is not in lessons/sphinxext/icon_paths.py: add its path data", *(icon or ("?", "?")), page,
                       type=WARNING_TYPE, subtype="icons")
        return match.group(0)
    view_box, path = ICONS[icon]
    kept = [c for c in classes if c not in STYLE_PREFIX]
    # The icon's title (e.g. "Dark" on the colour-mode button) would become
    # text the button's accessible name must contain: the button names itself.
    attributes = "".join(
        f' {name}="{value}"'
        for name, value in ATTRIBUTE.findall(match.group("attrs"))
        if name not in ("class", "title", "aria-hidden")
    )
    return (
        f'<svg class="svg-inline--fa {html.escape(" ".join(kept))}"{attributes} aria-hidden="true" focusable="false" '
        f'viewBox="{view_box}" xmlns="http://www.w3.org/2000/svg"><path fill="currentColor" d="{path}"/></svg>'
    )


def inline_icons(text: str, page: str) -> str:
    text = KIT_SCRIPT.sub("", text)
    return ICON_ELEMENT.sub(lambda match: svg_for(match, page), text)


def drop_icon_kit(app, exception) -> None:
    """No page loads the kit any more: don't publish its 4 MB either."""
    if exception is not None or app.builder.format != "html":
        return
    for name in KIT_FILES:
        path = Path(app.outdir) / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def setup_icons(app) -> None:
    after_build(app, inline_icons)
    app.connect("build-finished", drop_icon_kit)
