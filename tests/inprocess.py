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
