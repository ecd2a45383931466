"""The task queue: Celery with Redis as the broker.

``celery -A prongsai.queue worker`` runs the tasks, ``celery -A prongsai.queue beat`` the
schedule (django-celery-beat: the schedule is data, editable in the admin). Settings (see
settings.py): ``PRONGSAI_REDIS_URL`` (default ``redis://127.0.0.1:6379/0``),
``PRONGSAI_QUEUE_VISIBILITY_TIMEOUT`` (seconds before a task a worker took and never
acknowledged — the worker died — is handed to another worker), ``PRONGSAI_QUEUE_EAGER=1``
(tasks run in the caller: unit tests of task bodies only).

Every task is acknowledged *after* it ran (``task_acks_late``), and one a worker lost is taken
again (``task_reject_on_worker_lost``): so every task must be idempotent — run twice, it does
the work once (the bulk tasks look at what is already built).

Code enqueues through :func:`later`, never ``task.delay`` directly: the task is sent when the
current transaction commits, so a worker never looks for rows that are not committed yet (or
never will be).
"""

from __future__ import annotations

import os

from celery import Celery
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

app = Celery("prongsai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def later(task, *args, **kwargs) -> None:
    """Send ``task(*args, **kwargs)`` to the queue once the current transaction commits (at
    once outside a transaction)."""
    transaction.on_commit(lambda: task.apply_async(args=args, kwargs=kwargs))
