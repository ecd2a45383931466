"""Test set-up that writes workflow models directly (a state no door can reach on purpose, or
removing demo rows), marked as such: the guard refuses writes outside an action."""

from __future__ import annotations

from contextlib import contextmanager

from prongsai.core import actions


@contextmanager
def acting(name: str = "test.setup"):
    token = actions._current.set(name)
    try:
        yield
    finally:
        actions._current.reset(token)
