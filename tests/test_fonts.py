"""The charts find the CJK fonts even when matplotlib's font cache predates them.

A fresh machine that runs ``make book`` before the CJK fonts are installed
(``make test`` installs them) leaves matplotlib a cached font list without
them. These tests make exactly that cache, in a folder of their own
(MPLCONFIGDIR), and run the course in a new Python process against it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from matplotlib import font_manager

from lessons import svg

ROOT = Path(__file__).resolve().parents[1]
CACHE_FILE = f"fontlist-v{font_manager.FontManager.__version__}.json"


def course_python(code: str, config_dir) -> dict:
    """Run ``code`` in a new Python whose matplotlib uses ``config_dir``; its last stdout line is JSON."""
    env = {**os.environ, "MPLCONFIGDIR": str(config_dir)}
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def stale_cache(tmp_path):
    """A matplotlib config folder whose font list was made before the CJK fonts existed."""
    manager = font_manager.FontManager()  # a fresh scan of this machine's fonts
    cjk_files = {font.fname for font in manager.ttflist if "CJK" in font.name or font.name in svg.CJK_FONTS}
    assert cjk_files, "this machine has CJK fonts (the browser tests need them), so a cache can leave them out"
    manager.ttflist = [font for font in manager.ttflist if font.fname not in cjk_files]
    font_manager.json_dump(manager, str(tmp_path / CACHE_FILE))
    return tmp_path


def test_a_font_cache_made_before_the_cjk_fonts_still_gives_cjk_charts(stale_cache, tmp_path):
    seen = course_python(
        """
        import json, warnings
        from pathlib import Path
        from matplotlib import font_manager
        from lessons import svg, timeline
        from lessons.events import load_events
        from lessons.paths import events_path

        stale = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name]
        font = svg.installed_cjk_font()
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*missing from font")
            figure = timeline.plot_timeline(load_events(events_path()), "zh-Hant")
            timeline.save_figure(figure, Path(%r) / "timeline.png", dpi=60)
        print(json.dumps({"cached_cjk": stale, "font": font, "png": (Path(%r) / "timeline.png").stat().st_size}))
        """ % (str(tmp_path), str(tmp_path)),
        stale_cache,
    )
    assert seen["cached_cjk"] == [], "the cache really was made without the CJK fonts"
    assert seen["font"] == svg.CJK_FONTS[0]
    assert seen["png"] > 10_000
    # The font list on disk now has them: the next process starts with them.
    saved = json.loads((stale_cache / CACHE_FILE).read_text(encoding="utf-8"))
    assert svg.CJK_FONTS[0] in {font["name"] for font in saved["ttflist"]}
    again = course_python(
        """
        import json
        from matplotlib import font_manager
        print(json.dumps(sorted({f.name for f in font_manager.fontManager.ttflist if "CJK TC" in f.name})))
        """,
        stale_cache,
    )
    assert svg.CJK_FONTS[0] in again


def test_the_gradebook_png_is_made_with_a_stale_cache(stale_cache, tmp_path):
    sample_class = ROOT / "book" / "data" / "sample-class"
    result = subprocess.run(
        [sys.executable, "-m", "lessons", "gradebook", str(sample_class), "--out", str(tmp_path / "out")],
        env={**os.environ, "MPLCONFIGDIR": str(stale_cache)}, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    made = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert any(name.endswith(".png") for name in made), (made, result.stdout + result.stderr)


def test_a_list_naming_a_removed_font_does_not_count(tmp_path):
    import dataclasses

    manager = font_manager.FontManager()
    assert svg._first_cjk_font(manager) == svg.CJK_FONTS[0]
    manager.ttflist = [dataclasses.replace(font, fname=str(tmp_path / "gone.ttc")) for font in manager.ttflist]
    assert svg._first_cjk_font(manager) is None
