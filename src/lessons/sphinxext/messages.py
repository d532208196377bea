"""The one warning type every component of the extension logs under.

Each message carries ``type="lessons"`` and its component's subtype, so a
project can silence one kind in ``conf.py`` / ``_config.yml``::

    suppress_warnings = ["lessons.bilingual"]
"""

WARNING_TYPE = "lessons"
