"""Pages that work where the browser refuses storage.

An LMS that shows the book in an iframe with third-party storage blocked
makes ``window.localStorage`` throw; the theme reads it in an inline script
at the top of ``<head>`` and again in its bundle, so every page threw two
uncaught errors. ``static/storage-shim.js`` is inlined as the first script
of every page, before the theme's, and stands in for the blocked storage
(see the script for what it keeps and what still fails).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from .pages import after_build

MARKER = 'data-lessons="storage-shim"'
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# The shim goes right after <meta charset>: browsers look for the charset in
# the first 1024 bytes, and the theme's storage-reading script comes after it.
CHARSET = re.compile(r'<meta charset="[^"]*"\s*/?>')


def shim_script() -> str:
    """The shim as one inline script, its comments left in the source file."""
    source = (resources.files("lessons") / "static" / "storage-shim.js").read_text(encoding="utf-8")
    code = " ".join(line.strip() for line in COMMENT.sub("", source).splitlines() if line.strip())
    return f"<script {MARKER}>{code}</script>"


def add_shim(text: str, page: str, script: str | None = None) -> str:
    if MARKER in text or "<head>" not in text:
        return text
    script = script or shim_script()
    charset = CHARSET.search(text)
    if charset:
        return text[: charset.end()] + "\n" + script + text[charset.end() :]
    return text.replace("<head>", "<head>\n" + script, 1)


def drop_published_copy(app, exception) -> None:
    """Every page carries the shim inline: the copy in _static serves no one."""
    if exception is None and app.builder.format == "html":
        (Path(app.outdir) / "_static" / "storage-shim.js").unlink(missing_ok=True)


def setup_storage(app) -> None:
    script = shim_script()
    after_build(app, lambda text, page: add_shim(text, page, script))
    app.connect("build-finished", drop_published_copy)
