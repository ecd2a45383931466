"""Events: one row per state change, written by the action in its own transaction, and handed
to the listeners (notifications, dashboard summaries, the queue) once it has committed.

``record("memo.send", memo, by=user, agency=memo.agency_id, year=2567, content_hash=…)``
returns the :class:`~prongsai.core.models.Event`; ``listen(fn)`` registers ``fn(event)`` to be
called after the commit (a failing listener is logged, never undoes the action).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .actions import actor_user

log = logging.getLogger(__name__)
_listeners: list[Callable] = []


def listen(fn: Callable) -> Callable:
    if fn not in _listeners:
        _listeners.append(fn)
    return fn


def _dispatch(event) -> None:
    for fn in list(_listeners):
        try:
            fn(event)
        except Exception:  # a listener never undoes what was done
            log.exception("event listener %s failed on %s", fn, event)


def record(
    action: str,
    obj=None,
    *,
    by,
    agency=None,
    year: int | None = None,
    content_hash: str = "",
    comment: str = "",
    data: dict | None = None,
):
    from .models import Event

    agency_id = getattr(agency, "pk", agency)
    event = Event.objects.create(
        action=action,
        actor=actor_user(by),
        actor_name=_actor_name(by),
        agency_id=agency_id,
        fiscal_year=year,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=getattr(obj, "pk", None),
        content_hash=content_hash,
        comment=comment,
        data=data or {},
    )
    transaction.on_commit(lambda: _dispatch(event))
    return event


def _actor_name(by) -> str:
    if getattr(by, "is_system", False):
        return "ระบบ"
    full = getattr(by, "get_full_name", lambda: "")() or ""
    return full or getattr(by, "username", "") or ""
