"""lessons.registry: a re-run widget replaces (closes) its predecessor."""

from lessons import registry


class Widget:
    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True


def test_register_closes_and_returns_the_predecessor():
    first, second = Widget(), Widget()
    assert registry.register(("test", "a"), first) is None
    assert registry.register(("test", "a"), second) is first
    assert first.closed and not second.closed
    assert registry.live(("test", "a")) is second


def test_keys_are_independent_and_unregister_only_forgets_the_live_one():
    a, b, stale = Widget(), Widget(), Widget()
    registry.register(("test", "b"), a)
    registry.register(("test", "c"), b)
    assert not a.closed and not b.closed
    registry.unregister(("test", "b"), stale)  # not the live one: nothing happens
    assert registry.live(("test", "b")) is a
    registry.unregister(("test", "b"), a)
    assert registry.live(("test", "b")) is None


def test_registering_the_same_widget_twice_keeps_it_open():
    widget = Widget()
    registry.register(("test", "d"), widget)
    assert registry.register(("test", "d"), widget) is None
    assert not widget.closed
