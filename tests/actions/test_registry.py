"""Every action has a name of its own: the event log, the every-door tests and the admin name
an action by it, so two doors under one name would hide one of them."""

import importlib
import inspect
import pkgutil

import pytest

import prongsai
from prongsai.core import actions
from prongsai.core.actions import REGISTRY, action


def _action_functions() -> list:
    found = []
    for info in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".migrations" in info.name or info.name.endswith((".wsgi", ".settings")):
            continue
        if not info.ispkg:
            module = importlib.import_module(info.name)
            for _name, fn in inspect.getmembers(module, inspect.isfunction):
                if getattr(fn, "action_name", None) and fn.__module__ == module.__name__:
                    found.append(fn)
    return found


def test_every_registered_action_name_is_unique():
    functions = _action_functions()
    names = [fn.action_name for fn in functions]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert twice == [], f"action names used by more than one function: {twice}"
    assert len(functions) >= 35  # the walk found the action modules (and import.save, demo.remove…)
    for fn in functions:  # and each is the one the registry holds under its name
        assert REGISTRY[fn.action_name] is fn


def test_a_second_action_under_a_taken_name_is_refused():
    def plan_create_again(*, by):
        return None

    with pytest.raises(ValueError, match=r"plan\.create"):
        action("plan.create")(plan_create_again)
    assert REGISTRY["plan.create"].__name__ == "plan_create"
    assert actions.REGISTRY is REGISTRY
