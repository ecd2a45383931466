"""Reminders: each step of an agency's cycle due within 7 days, or overdue, told once to the
agency's editors (in the app and by e-mail, through ``notify.deliver``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.access.models import Membership
from prongsai.agencies.models import Agency
from prongsai.thai import format_date

from .notify import deliver
from .selectors import EDITOR_ROLES, agency_due


@dataclass
class Sent:
    agencies: int = 0
    due: int = 0
    notifications: int = 0


def remind(today: date, *, dry_run: bool = False) -> Sent:
    """Remind the editors of every agency that has some; a reminder already sent (same agency,
    year, step and due/overdue) is not sent again, so this can run every day."""
    sent = Sent()
    editors = Membership.objects.filter(role__in=EDITOR_ROLES, agency__isnull=False)
    agencies = Agency.objects.filter(pk__in=editors.values("agency")).order_by("pk")
    users = get_user_model().objects.filter(is_active=True)
    with translation.override(settings.LANGUAGE_CODE):
        for agency in agencies:
            items = agency_due(agency, today)
            if not items:
                continue
            sent.agencies += 1
            people = list(users.filter(pk__in=editors.filter(agency=agency).values("user")))
            for item in items:
                sent.due += 1
                if dry_run:
                    continue
                for user in people:
                    if deliver(user, **_message(agency, item)):
                        sent.notifications += 1
    return sent


def _message(agency: Agency, item: dict) -> dict:
    step, overdue = item["step"], item["overdue"]
    what = {"step": step.label, "year": item["year"], "agency": agency.name}
    due = format_date(step.due, "long", "arabic")
    if overdue:
        title = _("เลยกำหนด: %(step)s ปีงบประมาณ %(year)s (%(agency)s)") % what
        body = _("กำหนด %(due)s เลยมาแล้ว %(days)s วัน สถานะตอนนี้: %(state)s") % {
            "due": due,
            "days": item["days"],
            "state": step.state_label,
        }
    else:
        title = _("ใกล้ถึงกำหนด: %(step)s ปีงบประมาณ %(year)s (%(agency)s)") % what
        body = _("กำหนด %(due)s อีก %(days)s วัน สถานะตอนนี้: %(state)s") % {
            "due": due,
            "days": item["days"],
            "state": step.state_label,
        }
    kind = "overdue" if overdue else "due_soon"
    return {
        "kind": kind,
        "title": title,
        "body": body,
        "url": item["url"],
        "key": f"remind:{agency.pk}:{item['year']}:{step.key}:{kind}",
    }
