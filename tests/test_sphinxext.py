"""The bilingual directives: good input renders with lang attributes; bad
authoring input fails the build with the file, the line and the fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from inprocess import CONF, GOOD, build, run_sphinx



def test_pair_renders_both_languages_with_lang_attributes(tmp_path):
    code, output, html_path = build(tmp_path, GOOD)
    assert code == 0, output
    html = html_path.read_text(encoding="utf-8")
    assert '<div class="bl bl-zh" lang="zh-Hant">' in html
    assert '<div class="bl bl-en" lang="en">' in html
    assert html.index("中文段落") < html.index("An English paragraph")
    assert '<span class="bl-zh" lang="zh-Hant">標題</span>' in html
    assert '<span class="bl-en" lang="en">Title</span>' in html
    assert "_static/language.js" in html and "_static/lessons.css" in html


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        (  # the English half is missing
            """
            # T

            ::::{bilingual}
            :::{zh}
            只有中文。
            :::
            ::::
            """,
            4,
            "needs one {zh} block then one {en} block",
        ),
        (  # halves in the wrong order
            """
            # T

            ::::{bilingual}
            :::{en}
            English first.
            :::
            :::{zh}
            中文。
            :::
            ::::
            """,
            4,
            "found: {en}, {zh}",
        ),
        (  # an empty half
            """
            # T

            ::::{bilingual}
            :::{zh}
            中文。
            :::
            :::{en}
            :::
            ::::
            """,
            9,  # MyST numbers a nested directive from its closing fence here
            "empty {en} block",
        ),
        (  # an unknown language code
            """
            # T

            ::::{bilingual}
            :::{zh}
            中文。
            :::
            :::{fr}
            Français.
            :::
            ::::
            """,
            8,
            "unknown language {fr}",
        ),
        (  # English text labelled as Chinese
            """
            # T

            ::::{bilingual}
            :::{zh}
            This is English.
            :::
            :::{en}
            This too.
            :::
            ::::
            """,
            4,
            "has no Chinese text",
        ),
        (  # a lone block outside a pair
            """
            # T

            :::{zh}
            孤單的中文。
            :::
            """,
            4,
            "outside {bilingual}",
        ),
        (  # a heading with only one language
            """
            # {zh}`只有中文標題`

            text
            """,
            2,
            "unpaired inline language roles",
        ),
    ],
    ids=["unpaired", "wrong-order", "empty", "unknown-language", "mislabelled", "lone-block", "unpaired-heading"],
)
def test_bad_authoring_input_fails_with_file_line_and_fix(tmp_path, page, line, message):
    code, output, _ = build(tmp_path, page)
    assert code != 0, "the build must fail"
    assert message in output, output
    assert f"index.md:{line}" in output, output
    assert "Traceback" not in output


# Sphinx conventions ------------------------------------------------------------


def build_with(tmp_path: Path, pages: dict[str, str], conf_extra: str = "", jobs: int = 1) -> tuple[int, str, Path]:
    """Build a Sphinx project of several pages (index first) the way the book does."""
    (tmp_path / "conf.py").write_text(CONF + conf_extra)
    for name, page in pages.items():
        (tmp_path / f"{name}.md").write_text(textwrap.dedent(page), encoding="utf-8")
    code, output = run_sphinx("-b", "html", "-n", "-W", "--keep-going", "-q", "-j", jobs, tmp_path, tmp_path / "_build")
    return code, output, tmp_path / "_build"


LONE_BLOCK = """
# T

:::{zh}
孤單的中文。
:::
"""


def test_bilingual_problems_carry_a_type_that_suppress_warnings_can_target(tmp_path):
    code, output, _ = build_with(tmp_path, {"index": LONE_BLOCK}, 'suppress_warnings = ["lessons.bilingual"]\n')
    assert code == 0, output
    assert "outside {bilingual}" not in output
    # Another subtype leaves it in place: the filter is the type, not a blanket.
    code, output, _ = build_with(tmp_path, {"index": LONE_BLOCK}, 'suppress_warnings = ["lessons.other"]\n')
    assert code != 0 and "outside {bilingual}" in output, output


def test_the_extension_reports_the_package_version_and_its_parallel_safety():
    import lessons
    from lessons import sphinxext

    class RecordingApp:
        """Records what setup registers; the real build is tested above."""

        def __init__(self):
            self.calls = []

        def __getattr__(self, name):
            return lambda *args, **kwargs: self.calls.append((name, args, kwargs))

    app = RecordingApp()
    metadata = sphinxext.setup(app)
    assert metadata == {"version": lessons.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
    hooks = [args[0] for name, args, _ in app.calls if name == "connect"]
    assert "html-page-context" in hooks and "doctree-read" in hooks


QUIZ_PAGE = """
# Quiz

```{raw} html
<section class="lq-quiz" id="q1"><p>a quiz</p></section>
```
"""
PLAIN_PAGE = """
# Plain

No quiz here.
"""


@pytest.mark.parametrize("jobs", [1, 2], ids=["serial", "parallel"])
def test_quiz_scripts_are_added_only_to_pages_with_a_quiz(tmp_path, jobs):
    """Also built with -j 2: the extension declares itself parallel safe."""
    more = {f"more{n}": GOOD for n in range(4)}  # Sphinx reads in parallel from 6 pages on
    index = "# Home\n\n```{toctree}\nquiz\nplain\n" + "\n".join(more) + "\n```\n"
    pages = {"index": index, "quiz": QUIZ_PAGE, "plain": PLAIN_PAGE, **more}
    code, output, out = build_with(tmp_path, pages, jobs=jobs)
    assert code == 0, output
    quiz, plain, home = ((out / f"{name}.html").read_text(encoding="utf-8") for name in ("quiz", "plain", "index"))
    assert "_static/grader.js" in quiz and "_static/quiz.js" in quiz
    assert quiz.index("_static/grader.js") < quiz.index("_static/quiz.js")  # quiz.js grades with grader.js
    for page in (plain, home):
        assert "grader.js" not in page and "quiz.js" not in page
        assert "_static/language.js" in page and "_static/lessons.css" in page


def test_an_edited_static_file_reaches_the_site_though_no_page_changed(tmp_path):
    # Sphinx copies static files only when it writes a page: a stylesheet
    # edit alone used to leave the published copy stale ("no targets are
    # out of date"). A published copy that differs from the package's makes
    # every page outdated, so the copy is renewed.
    pages = {"index": "# Home\n\nText.\n"}
    code, output, out = build_with(tmp_path, pages)
    assert code == 0, output
    published = out / "_static" / "lessons.css"
    original = published.read_bytes()
    published.write_bytes(b"/* stale */")  # as if the package's file had been edited since
    code, output, _ = build_with(tmp_path, pages)
    assert code == 0, output
    assert published.read_bytes() == original
    # Unchanged: the next build writes nothing (no pages passed: none rewritten).
    before = (out / "index.html").stat().st_mtime_ns
    code, output, _ = build_with(tmp_path, {})
    assert code == 0 and (out / "index.html").stat().st_mtime_ns == before


SCREEN_ONLY_PAGE = """
# {zh}`標題` {en}`Title`

::::{bilingual}
:class: lessons-screen-only

:::{zh}
答錯時可以看提示再試一次。
:::
:::{en}
After a wrong answer, take a hint and try again.
:::
::::

::::{bilingual}
:::{zh}
紙上也要的段落。
:::
:::{en}
A paragraph paper keeps.
:::
::::
"""


@pytest.mark.browser
def test_a_screen_only_pair_shows_on_screen_and_is_left_off_paper(tmp_path, page):
    """Words about the screen (hints, feedback) print on no handout (issue 24)."""
    from lessons import localsite

    code, output, html_path = build(tmp_path, SCREEN_ONLY_PAGE)
    assert code == 0, output
    assert '<div class="lessons-screen-only bl-pair">' in html_path.read_text(encoding="utf-8")
    with localsite.serve(html_path.parent) as base:
        page.goto(f"{base}index.html?lang=en", wait_until="load")
        body = page.locator("body")
        assert "take a hint" in body.inner_text() and "paper keeps" in body.inner_text()
        page.emulate_media(media="print")
        assert "take a hint" not in body.inner_text() and "提示" not in body.inner_text()
        assert "paper keeps" in body.inner_text()
