"""A small agency with a three-person chain (the officer proposes, the deputy and the mayor
approve), each linked to a user with an e-mail address; a 2567 plan with one measure and its
memo; and a real SMTP server in this process (aiosmtpd) that keeps what arrives."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from datetime import date

import pytest
from django.utils import timezone

from prongsai.access.models import Membership
from prongsai.agencies.models import Agency, Province, Signatory
from prongsai.core import events
from prongsai.core.actions import action
from prongsai.measures.models import Measure, MeasurePlan, Memo, SignOff
from tests.acting import in_action

DEAD_SMTP_PORT = 8379  # nothing listens here


@action("test.record")
def record(name: str, memo_or_obj, *, by, agency, year, comment="", data=None):
    """Record the event an action of another branch records (memo.send, memo.return …)."""
    return events.record(
        name, memo_or_obj, by=by, agency=agency, year=year, comment=comment, data=data
    )


class Inbox:
    """The aiosmtpd handler: every message that arrives, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        msg["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(msg)
        self.arrived.set()
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["X-Envelope-To"]]

    @staticmethod
    def text(msg) -> str:
        return msg.get_body(preferencelist=("plain",)).get_content()


def free_port() -> int:
    """A port nothing listens on now (the OS picks it), so parallel test workers never clash."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port of 127.0.0.1 for the test (one per test worker);
    Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    SMTP_PORT = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.PRONGSAI_BASE_URL = "https://ita.example.go.th"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def chain(db, django_user_model):
    """The agency, its people and a memo of its 2567 plan (drafted, nobody has acted)."""

    def make():
        agency = Agency.objects.create(
            kind="sao",
            place_name="ทดสอบงาน",
            name="องค์การบริหารส่วนตำบลทดสอบงาน",
            province=Province.objects.get_or_create(
                code=40, defaults={"name_th": "ขอนแก่น", "name_en": "Khon Kaen"}
            )[0],
        )
        users, signatories = {}, {}
        people = [
            ("officer", "นางสาวผู้เสนอ ทดสอบ", "นักวิเคราะห์นโยบายและแผน"),
            ("deputy", "นายรอง ทดสอบ", "ปลัดองค์การบริหารส่วนตำบล"),
            ("mayor", "นายนายก ทดสอบ", "นายกองค์การบริหารส่วนตำบลทดสอบงาน"),
        ]
        for order, (username, name, position) in enumerate(people, start=1):
            user = django_user_model.objects.create_user(
                username, f"{username}@example.go.th", f"{username}-pass-123"
            )
            users[username] = user
            signatories[username] = Signatory.objects.create(
                agency=agency, name=name, position=position, order=order, user=user
            )
        Membership.objects.create(user=users["officer"], role="editor", agency=agency)
        users["admin"] = django_user_model.objects.create_user(
            "agencyadmin", "admin@example.go.th", "admin-pass-123"
        )
        Membership.objects.create(user=users["admin"], role="agency_admin", agency=agency)
        Membership.objects.create(user=users["deputy"], role="signer", agency=agency)
        Membership.objects.create(user=users["mayor"], role="signer", agency=agency)
        plan = MeasurePlan.objects.create(agency=agency, fiscal_year=2567)
        Measure.objects.create(plan=plan, number=1, title="มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
        memo = Memo.objects.create(
            agency=agency,
            plan=plan,
            department=agency.name,
            date=date(2023, 9, 1),
            subject="ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
            addressee=signatories["mayor"].position,
            background="ตามที่…",
            facts="ได้จัดทำมาตรการ…",
            consideration="จึงเรียนมาเพื่อโปรดพิจารณา",
        )
        for s in signatories.values():
            SignOff.objects.create(
                memo=memo, order=s.order, signatory=s, comment_label=f"ความเห็น{s.position}"
            )
        return {"agency": agency, "users": users, "plan": plan, "memo": memo, **signatories}

    return in_action(make)


def set_state(memo, *, memo_status, plan_status=None, steps=None):
    """Put the memo where an action of the other branch would have (steps: order → (decision,
    comment))."""

    def change():
        Memo.objects.filter(pk=memo.pk).update(status=memo_status)
        if plan_status:
            MeasurePlan.objects.filter(pk=memo.plan_id).update(status=plan_status)
        for order, (decision, comment) in (steps or {}).items():
            SignOff.objects.filter(memo=memo, order=order).update(
                decision=decision, comment=comment, decided_at=timezone.now()
            )

    in_action(change)
    memo.refresh_from_db()
