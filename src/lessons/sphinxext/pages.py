"""Rewrite the written HTML pages once the build is done.

Some of what a page carries comes from the theme's templates, not from
anything an extension can reach while rendering (the icon markup, the
scripts in ``<head>``). The components that trim it register a transform
here; each transform is idempotent, so an incremental build that leaves a
page alone leaves it correct.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

#: (page text, path relative to the output folder) -> new page text
Transform = Callable[[str, str], str]


def rewrite_pages(app, transform: Transform) -> None:
    """Apply ``transform`` to every HTML page the HTML builder wrote."""
    if app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in sorted(outdir.rglob("*.html")):
        if "_static" in path.relative_to(outdir).parts:
            continue
        text = path.read_text(encoding="utf-8")
        changed = transform(text, path.relative_to(outdir).as_posix())
        if changed != text:
            path.write_text(changed, encoding="utf-8")


def after_build(app, transform: Transform) -> None:
    """Run ``transform`` over the pages when a build finishes without error."""

    def handler(app, exception):
        if exception is None:
            rewrite_pages(app, transform)

    app.connect("build-finished", handler)
