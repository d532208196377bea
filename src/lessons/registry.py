"""One live widget per key in this kernel, so a re-run cell replaces its predecessor.

Widgets that observe kernel state (the language control, a quiz's attempts)
keep listening after their cell is run again unless someone closes them: each
old copy then redraws on every switch. Every such widget registers here under
a key that names what it shows (a quiz bank, an explorer); the newcomer
replaces and closes the one before it.
"""

from __future__ import annotations

from typing import Any, Hashable, Protocol


class Closable(Protocol):
    def close(self) -> None: ...


_live: dict[Hashable, Any] = {}


def register(key: Hashable, widget: Closable) -> Closable | None:
    """Make ``widget`` the live one for ``key``; close and return its predecessor.

    The predecessor is returned closed (its Python state is still readable),
    so the newcomer can take over what it held, e.g. a quiz's attempts.
    Registering the same widget twice is a no-op and returns None.
    """
    previous = _live.get(key)
    _live[key] = widget
    if previous is None or previous is widget:
        return None
    previous.close()
    return previous


def unregister(key: Hashable, widget: Closable) -> None:
    """Forget ``widget`` if it is still the live one for ``key`` (called from its close())."""
    if _live.get(key) is widget:
        del _live[key]


def live(key: Hashable) -> Any | None:
    """The widget now live for ``key``, or None."""
    return _live.get(key)


def every() -> list[Any]:
    """Every widget now live, in the order registered."""
    return list(_live.values())
