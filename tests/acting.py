"""Test set-up that writes workflow models directly (a state no door can reach on purpose, or
removing demo rows), marked as such: the guard refuses writes outside an action. The one place
for these helpers: ``acting`` (a block run as the maintenance action ``name``), ``in_action``
(a function run so), ``fixture_create`` (a row inserted as a bulk load does, no signals)."""

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


def in_action(fn, name: str = "test.setup"):
    """``fn()`` run inside ``acting(name)`` (its result returned)."""
    with acting(name):
        return fn()


def fixture_create(model, **fields):
    """One row inserted as a bulk load does (no signals): for fixtures only."""
    return model.objects.bulk_create([model(**fields)])[0]
