"""The book's Sphinx extension, one submodule per component.

- :mod:`.bilingual`: the ``{bilingual}``/``{zh}``/``{en}`` directives, the
  ``{zh}``/``{en}`` roles and the pairing check;
- :mod:`.assets`: ``lessons.css`` and the language switch on every page,
  the quiz scripts on pages with a quiz;
- :mod:`.local_assets`: remote scripts and styles, thebe and saved widget
  state stripped from every page (no CDN);
- :mod:`.course_data`: the hidden cell that re-executes pages when banks,
  data or the package change;
- :mod:`.downloads`: each lesson page's per-language notebooks and links;
- :mod:`.chrome`: the theme's navigation words in both languages;
- :mod:`.settings`: the ``lessons_*`` config values the others read.

Each has its own ``setup_<component>(app)``; problems are logged with
``type="lessons"`` and the component's subtype (see :mod:`.messages`).
"""

from __future__ import annotations

from .. import __version__
from .assets import setup_assets
from .bilingual import setup_bilingual
from .chrome import setup_chrome
from .colab import setup_colab
from .course_data import setup_course_data
from .downloads import setup_downloads
from .handouts import setup_handouts
from .icons import setup_icons
from .layout import setup_layout
from .loading import setup_loading
from .local_assets import setup_local_assets
from .meta import setup_meta
from .search import setup_search
from .settings import setup_settings
from .setupcells import setup_setupcells
from .storage import setup_storage


def setup(app):
    setup_settings(app)  # first: the components read app.config.lessons_*
    setup_bilingual(app)
    setup_assets(app)
    setup_local_assets(app)
    setup_course_data(app)
    setup_downloads(app)
    setup_colab(app)
    # The reader's page (issue 15): search, icons, storage, meta, set-up cells, layout, loading.
    setup_search(app)
    setup_icons(app)
    setup_storage(app)
    setup_meta(app)
    setup_setupcells(app)
    setup_layout(app)
    setup_loading(app)
    setup_handouts(app)
    setup_chrome(app)
    return {
        "version": __version__,
        # Reading keeps no per-page state in the environment (the course
        # data is set once, before reading, and only read afterwards).
        "parallel_read_safe": True,
        # downloads writes each lesson's notebooks from doctree-resolved,
        # which Sphinx runs in the main process, one page at a time;
        # writing pages keeps no shared state.
        "parallel_write_safe": True,
    }
