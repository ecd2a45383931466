"""The queue's side of notifications: each e-mail is a task (a slow or down mail server never
holds up the action or the page), and the daily reminders."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="work.email")
def email(note_id: int) -> bool:
    """Send one notification's e-mail unless it was sent already (idempotent: a redelivered
    task sends nothing twice)."""
    from .models import Notification
    from .notify import send_email

    note = Notification.objects.select_related("user").filter(pk=note_id).first()
    if note is None or note.emailed:
        return False
    return send_email(note)


@shared_task(name="work.remind")
def remind() -> int:
    """``prongsai remind`` of today (a reminder already sent is not sent again)."""
    from .reminders import remind as run

    return run(timezone.localdate()).notifications
