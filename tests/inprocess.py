"""Run `python -m lessons ...` and `python -m sphinx ...` inside the test
process: the same entry point, arguments, exit code and output, without a
new interpreter importing pandas, matplotlib or Sphinx again (1-2 s a run
on 2 cores, which added up to most of `make test-fast`).

What needs the process boundary itself (a traceback escaping ``main``, an
environment variable, an installed command) stays a subprocess:
tests/test_cli.py, tests/test_fonts.py. In-process runs are stricter in one
way: pytest turns any Python warning into an error (pyproject.toml).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import textwrap
from pathlib import Path


def run_lessons(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m lessons ARGS` run from ``cwd``, as ``lessons.cli.main``."""
    from lessons.cli import main

    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as leaving:  # argparse refusing the arguments, as the command would
            code = leaving.code if isinstance(leaving.code, int) else 2
    return subprocess.CompletedProcess(["python", "-m", "lessons", *argv], code, out.getvalue(), err.getvalue())


def run_sphinx(*args: str | Path) -> tuple[int, str]:
    """`python -m sphinx ARGS` (Sphinx's own ``build_main``, as the command
    line runs it): the exit code and everything printed. Not
    ``sphinx.testing``: these tests assert what an author sees from the
    command (exit code, ``file:line`` messages, -W with --keep-going)."""
    from sphinx.cmd.build import build_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = build_main([str(arg) for arg in args])
        except SystemExit as leaving:
            code = leaving.code if isinstance(leaving.code, int) else 2
    return code, out.getvalue()


# ---- a one-page Sphinx project, built as the book builds (the extension's tests) ----

CONF = """
extensions = ["myst_parser", "lessons.sphinxext"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
"""


def build(tmp_path: Path, page: str) -> tuple[int, str, Path]:
    """Build a one-page Sphinx project the way the book does (-n -W)."""
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    code, output = run_sphinx("-b", "html", "-n", "-W", "--keep-going", "-q", tmp_path, tmp_path / "_build")
    return code, output, tmp_path / "_build" / "index.html"


GOOD = """
# {zh}`標題` {en}`Title`

::::{bilingual}
:::{zh}
中文段落。
:::
:::{en}
An English paragraph.
:::
::::
"""
