"""The action layer's machinery: the only doors through which workflow state changes.

An action is a plain function ``<object>_<verb>(…, *, by)`` decorated with :func:`action`:

    @action("memo.send")
    def memo_send(memo_id: int, *, by) -> Memo:
        memo = Memo.objects.select_for_update().get(pk=memo_id)   # the row locks it needs
        scope.require(by, memo.agency_id, "edit")                 # the actor's reach
        ...the rule checks (core.workflow), the writes...
        events.record("memo.send", memo, by=by, agency=memo.agency_id, content_hash=…)

The decorator runs the body in one ``transaction.atomic`` and marks it as "inside an action";
:func:`guard` makes every save or delete of a workflow model outside an action an error (the
rule "nothing else saves a workflow model", enforced, not hoped for). ``by`` is keyword-only and
required: a user, or :data:`SYSTEM` for the demo loader, migrations-like maintenance commands and
scheduled tasks acting on nobody's behalf.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models.signals import pre_delete, pre_save

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "prongsai_action", default=None
)
REGISTRY: dict[str, Callable] = {}


class SystemActor:
    """The actor of work done by the system itself (demo data, scheduled jobs, ``--as`` not
    given on a maintenance command): reach over everything, recorded as no user."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    is_system = True
    username = "system"

    def __str__(self) -> str:
        return "ระบบ"

    def get_full_name(self) -> str:
        return "ระบบ"


SYSTEM = SystemActor()


class OutsideAction(RuntimeError):
    """A workflow model was saved or deleted outside an action (a programming error)."""


def current() -> str | None:
    """The name of the action running now (``None`` outside one)."""
    return _current.get()


def action(name: str):
    """Mark ``fn`` as the action ``name``: one transaction, ``by`` keyword-only and required."""

    def decorate(fn: Callable) -> Callable:
        params = inspect.signature(fn).parameters
        if "by" not in params or params["by"].kind is not inspect.Parameter.KEYWORD_ONLY:
            raise TypeError(f"action {name}: `by` must be a keyword-only parameter of {fn}")

        @functools.wraps(fn)
        def run(*args, **kwargs):
            if kwargs.get("by") is None:
                raise TypeError(f"action {name} needs by=<user or SYSTEM>")
            token = _current.set(name)
            try:
                with transaction.atomic():
                    return fn(*args, **kwargs)
            finally:
                _current.reset(token)

        run.action_name = name
        other = REGISTRY.get(name)
        if other is not None and (other.__module__, other.__qualname__) != (
            fn.__module__,
            fn.__qualname__,
        ):
            # one name, one door: the event log and the admin's action list name it
            raise ValueError(f"action name {name!r} taken by {other.__module__}.{other.__name__}")
        REGISTRY[name] = run
        return run

    return decorate


def actor_user(by):
    """The user to record (``None`` for the system or an anonymous actor)."""
    return by if getattr(by, "pk", None) and not getattr(by, "is_system", False) else None


def _refuse(sender, instance, **kwargs):
    if _current.get() is None and not kwargs.get("raw", False):
        raise OutsideAction(
            f"{sender._meta.label} saved or deleted outside an action: call the action that "
            "owns this change (see core/actions.py)"
        )


def guard(models: Iterable[type]) -> None:
    """Refuse every save/delete of these models made outside an action (fixtures loaded raw and
    bulk operations, which send no signals, are the maintenance paths: demo and restore)."""
    for model in models:
        pre_save.connect(_refuse, sender=model, dispatch_uid=f"guard-save-{model._meta.label}")
        pre_delete.connect(_refuse, sender=model, dispatch_uid=f"guard-del-{model._meta.label}")
