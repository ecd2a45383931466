"""Events that need someone become notifications: one row in the app per person, and an e-mail
through Django's mail framework unless they turned e-mail off.

``notify(event)`` is registered with ``core.events.listen`` (so it runs after the action's
commit) and decides who an event concerns:

==================  ==========================================================================
memo.send           the next signer (the memo's pending step of lowest order)
memo.approve_step   the next signer
memo.return         the proposer (the user of the memo's first signatory), with the reason
memo.approve        the proposer
document.publish    the agency's editors (editor and agency admin memberships); the analysis,
                    plan or round it presents has moved to "published"
oit.publish         the agency's editors: the public ITA page of the year is out
==================  ==========================================================================

The actor is never told about their own action. :func:`deliver` is the one way a notification
is made (reminders from ``prongsai remind`` use it too), so a queue can carry the e-mail later.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.access.models import Membership
from prongsai.measures.models import Memo, SignOff

from .models import Notification, wants_email
from .selectors import EDITOR_ROLES

log = logging.getLogger(__name__)

MEMO_EVENTS = ("memo.send", "memo.approve_step", "memo.return", "memo.approve")


def notify(event) -> list[Notification]:
    """The notifications ``event`` makes (none for events that need nobody)."""
    if event.action in MEMO_EVENTS:
        made = _memo(event)
    elif event.action in ("document.publish", "oit.publish"):
        made = _published(event)
    else:
        return []
    return [n for n in made if n is not None]


def _memo(event) -> list:
    memo = (
        Memo.objects.select_related("agency", "round__plan", "plan", "analysis")
        .filter(pk=event.object_id)
        .first()
    )
    if memo is None:
        return []
    url = reverse("measures:memo", args=[memo.pk])
    with translation.override(settings.LANGUAGE_CODE):
        if event.action in ("memo.send", "memo.approve_step"):
            step = (
                memo.signoffs.filter(decision="pending")
                .select_related("signatory__user")
                .order_by("order")
                .first()
            )
            if step is None:
                return []
            title = _("บันทึกข้อความรอการพิจารณาของคุณ: %(subject)s") % {"subject": memo.subject}
            body = _(
                "%(agency)s เสนอบันทึกข้อความเรื่อง “%(subject)s” ถึง%(position)s "
                "โปรดพิจารณาเห็นชอบหรือส่งกลับแก้ไข"
            ) % {
                "agency": memo.agency.name,
                "subject": memo.subject,
                "position": step.signatory.position,
            }
            return [_to(step.signatory.user, event, "waiting", title, body, url)]
        proposer = _proposer(memo)
        if event.action == "memo.return":
            title = _("บันทึกข้อความถูกส่งกลับแก้ไข: %(subject)s") % {"subject": memo.subject}
            body = _("%(who)s ส่งกลับแก้ไข เหตุผล: %(reason)s") % {
                "who": _returned_by(memo, event),
                "reason": event.comment or "-",
            }
            return [_to(proposer, event, "returned", title, body, url)]
        title = _("บันทึกข้อความอนุมัติแล้ว: %(subject)s") % {"subject": memo.subject}
        body = _("ผู้พิจารณาทุกคนเห็นชอบแล้ว เผยแพร่เอกสารได้จากหน้าบันทึกข้อความ")
        return [_to(proposer, event, "approved", title, body, url)]


def _proposer(memo: Memo):
    first = memo.signoffs.select_related("signatory__user").order_by("order").first()
    return first.signatory.user if first else None


def _returned_by(memo: Memo, event) -> str:
    step = (
        SignOff.objects.filter(memo=memo, decision="returned")
        .select_related("signatory")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if step is not None:
        return f"{step.signatory.name} ({step.signatory.position})"
    return event.actor_name


def _published(event) -> list:
    data = event.data or {}
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(agency_id=event.agency_id, role__in=EDITOR_ROLES).values(
            "user"
        ),
        is_active=True,
    )
    who = event.actor_name or _("ระบบ")
    with translation.override(settings.LANGUAGE_CODE):
        if event.action == "oit.publish":
            year = event.fiscal_year
            title = _("เผยแพร่หน้า ITA ปีงบประมาณ %(year)s แล้ว") % {"year": year}
            body = _("หน้าสาธารณะของรายการ OIT ทุกข้อ เผยแพร่โดย %(who)s") % {"who": who}
            url = reverse("ita:page", args=[event.agency_id, year])
            return [_to(u, event, "published", title, body, url) for u in users]
        title = _("เผยแพร่เอกสารแล้ว: %(title)s") % {
            "title": data.get("title") or data.get("kind", "")
        }
        body = _("ฉบับที่ %(version)s ปีงบประมาณ %(year)s เผยแพร่โดย %(who)s") % {
            "version": data.get("version", "-"),
            "year": data.get("year") or event.fiscal_year or "-",
            "who": who,
        }
        return [_to(u, event, "published", title, body, data.get("url", "")) for u in users]


def _to(user, event, kind, title, body, url):
    if user is None or not user.is_active or user.pk == event.actor_id:
        return None
    return deliver(user, kind=kind, title=title, body=body, url=url, event=event)


def deliver(user, *, kind: str, title: str, body: str = "", url: str = "", event=None, key=""):
    """One notification for ``user`` and its e-mail (unless they turned e-mail off or have no
    address). A ``key`` already delivered to them is not delivered again (returns ``None``)."""
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user,
                kind=kind,
                title=title[:300],
                body=body,
                url=url,
                event=event,
                key=key,
            )
    except IntegrityError:
        if key:
            return None
        raise
    if user.email and wants_email(user):
        from prongsai.queue import later

        from .tasks import email

        later(email, note.pk)  # sent by a worker (work/tasks.py) once the note is committed
    return note


def send_email(note: Notification) -> bool:
    """Send the note's e-mail now; ``True`` when the mail server took it."""
    link = note.url
    if link.startswith("/"):
        link = settings.PRONGSAI_BASE_URL + link
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "work/email/notification.txt",
            {
                "note": note,
                "link": link,
                "settings_url": settings.PRONGSAI_BASE_URL + reverse("work:settings"),
            },
        )
        subject = _("[โปร่งใส] %(title)s") % {"title": note.title}
    try:
        send_mail(subject, text, None, [note.user.email])
    except Exception:  # the notification stays in the app; the mail can be sent again later
        log.exception("e-mail of notification %s to %s failed", note.pk, note.user.email)
        return False
    Notification.objects.filter(pk=note.pk).update(emailed=True)
    note.emailed = True
    return True
