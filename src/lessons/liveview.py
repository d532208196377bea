"""What every live view shares: one per key, the language control, close().

The quiz (:mod:`lessons.widgets`) and the teacher's class view
(:mod:`lessons.classview`) are live views: each registers under a key with
:mod:`lessons.registry` (running its cell again replaces the old one),
redraws when the language control switches, and stops listening when
closed. Its MIME bundle carries the widget for a live front end and, for the
published book (no kernel), its :meth:`LiveView.offline_html`.
"""

from __future__ import annotations

from markupsafe import Markup

from . import registry


class LiveView:
    """A live widget view. Subclasses set ``self.widget`` and ``self.language``,
    call :meth:`start` at the end of ``__init__`` and define :meth:`relabel`,
    :attr:`registry_key` and :meth:`offline_html`."""

    closed = False

    @property
    def registry_key(self) -> tuple:
        raise NotImplementedError

    @property
    def mode(self) -> str:
        return self.language.mode

    def start(self) -> None:
        """Follow the language control from now on."""
        self.language.observe(self._on_language, names="mode")

    def _on_language(self, change) -> None:
        if not self.closed:
            self.relabel()

    def relabel(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop following the language control, close the widgets (see
        :meth:`closing`) and leave the registry. Calling it again does nothing."""
        if self.closed:
            return
        self.closed = True
        self.language.unobserve(self._on_language, names="mode")
        self.closing()
        registry.unregister(self.registry_key, self)

    def closing(self) -> None:
        """What a subclass stops or closes besides the language observer."""

    def offline_html(self) -> Markup:
        raise NotImplementedError

    def offline_text(self) -> str:
        return repr(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        # The widget for live kernels, the offline form for the published
        # book (which prefers text/html), plain text for everything else.
        bundle = self.widget._repr_mimebundle_() or {}
        bundle = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        bundle["text/html"] = self.offline_html()
        bundle["text/plain"] = self.offline_text()
        return bundle


def show(view: LiveView) -> LiveView:
    """Register ``view`` as the live one for its key (closing its predecessor)."""
    registry.register(view.registry_key, view)
    return view


def close_tree(widget) -> None:
    """Close a widget, its children, layouts and styles (their front-end
    views disappear and the kernel lets them go)."""
    import ipywidgets as widgets  # lazy: the class view imports this module

    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, widgets.Widget):
            part.close()
    widget.close()
