"""notify(): each event that needs someone becomes an in-app notification and an e-mail that
really arrives at an SMTP server (aiosmtpd, in this process). The events are recorded here the
way the memo and publishing actions record them."""

import pytest

from prongsai.core.actions import SYSTEM
from prongsai.work.models import Notification, Preference

from .conftest import DEAD_SMTP_PORT, Inbox, record, set_state

pytestmark = pytest.mark.django_db


def send(chain, name, by, capture, **kw):
    with capture(execute=True):
        return record(name, chain["memo"], by=by, agency=chain["agency"].pk, year=2567, **kw)


def test_sent_memo_notifies_the_next_signer_in_the_app_and_by_email(
    chain, smtp, django_capture_on_commit_callbacks
):
    users = chain["users"]
    # the proposer's own step is done (they are not asked to approve their own memo)
    set_state(chain["memo"], memo_status="in_review", steps={1: ("approved", "")})
    send(chain, "memo.send", users["officer"], django_capture_on_commit_callbacks)

    [note] = Notification.objects.all()
    assert (note.user, note.kind) == (users["deputy"], "waiting")
    assert note.url == f"/agencies/memos/{chain['memo'].pk}/"
    assert "รอการพิจารณาของคุณ" in note.title and "ขออนุมัติมาตรการ" in note.title
    assert note.emailed
    [mail] = smtp.messages
    assert mail["X-Envelope-To"] == "deputy@example.go.th"
    assert mail["Subject"].strip().startswith("[โปร่งใส] บันทึกข้อความรอการพิจารณาของคุณ")
    text = Inbox.text(mail)
    assert f"https://ita.example.go.th/agencies/memos/{chain['memo'].pk}/" in text
    assert "ปลัดองค์การบริหารส่วนตำบล" in text and "/work/settings/" in text


def test_an_approved_step_notifies_the_signer_after_it(
    chain, smtp, django_capture_on_commit_callbacks
):
    set_state(
        chain["memo"],
        memo_status="in_review",
        steps={1: ("approved", ""), 2: ("approved", "เห็นควรอนุมัติ")},
    )
    send(chain, "memo.approve_step", chain["users"]["deputy"], django_capture_on_commit_callbacks)
    assert [n.user.username for n in Notification.objects.all()] == ["mayor"]
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["mayor@example.go.th"]


def test_a_return_tells_the_proposer_why_and_who(chain, smtp, django_capture_on_commit_callbacks):
    reason = "ระยะเวลาของมาตรการที่ ๑ ไม่ตรงกับปีงบประมาณ"
    set_state(
        chain["memo"],
        memo_status="returned",
        plan_status="draft",
        steps={1: ("approved", ""), 2: ("returned", reason)},
    )
    send(
        chain,
        "memo.return",
        chain["users"]["deputy"],
        django_capture_on_commit_callbacks,
        comment=reason,
    )
    [note] = Notification.objects.all()
    assert (note.user.username, note.kind) == ("officer", "returned")
    assert reason in note.body and "นายรอง ทดสอบ (ปลัดองค์การบริหารส่วนตำบล)" in note.body
    [mail] = smtp.to("officer@example.go.th")
    assert "ส่งกลับแก้ไข" in mail["Subject"]
    assert reason in Inbox.text(mail)


def test_the_last_approval_tells_the_proposer(chain, smtp, django_capture_on_commit_callbacks):
    set_state(
        chain["memo"],
        memo_status="approved",
        steps={n: ("approved", "") for n in (1, 2, 3)},
    )
    send(chain, "memo.approve", chain["users"]["mayor"], django_capture_on_commit_callbacks)
    [note] = Notification.objects.all()
    assert (note.user.username, note.kind) == ("officer", "approved")
    assert smtp.to("officer@example.go.th")


def test_a_publication_tells_the_agency_editors_not_its_signers(
    chain, smtp, django_capture_on_commit_callbacks
):
    url = f"/p/{chain['agency'].pk}/2567/plan/v1/"
    data = {"kind": "plan", "year": 2567, "version": 1, "url": url, "title": "แผนมาตรการ 2567"}
    with django_capture_on_commit_callbacks(execute=True):
        record(
            "document.publish",
            chain["plan"],
            by=SYSTEM,
            agency=chain["agency"].pk,
            year=2567,
            data=data,
        )
    notes = Notification.objects.order_by("user__username")
    assert [(n.user.username, n.kind) for n in notes] == [
        ("agencyadmin", "published"),
        ("officer", "published"),
    ]
    assert all(n.url == url and "ฉบับที่ 1" in n.body for n in notes)
    assert sorted(m["X-Envelope-To"] for m in smtp.messages) == [
        "admin@example.go.th",
        "officer@example.go.th",
    ]


def test_email_off_keeps_the_notification_in_the_app(
    chain, smtp, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=chain["users"]["deputy"], email=False)
    set_state(chain["memo"], memo_status="in_review", steps={1: ("approved", "")})
    send(chain, "memo.send", chain["users"]["officer"], django_capture_on_commit_callbacks)
    [note] = Notification.objects.all()
    assert note.user.username == "deputy" and not note.emailed
    assert smtp.messages == []


def test_events_that_need_nobody_and_the_actors_own_action_notify_nobody(
    chain, smtp, django_capture_on_commit_callbacks
):
    send(chain, "memo.save", chain["users"]["officer"], django_capture_on_commit_callbacks)
    # today's chain: the proposer's own step is first; they sent it, they are not told
    set_state(chain["memo"], memo_status="in_review")
    send(chain, "memo.send", chain["users"]["officer"], django_capture_on_commit_callbacks)
    assert not Notification.objects.exists() and smtp.messages == []


def test_a_mail_server_that_is_down_does_not_undo_the_action_or_the_notification(
    chain, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        DEAD_SMTP_PORT,
        False,
    )
    set_state(chain["memo"], memo_status="in_review", steps={1: ("approved", "")})
    event = send(chain, "memo.send", chain["users"]["officer"], django_capture_on_commit_callbacks)
    assert event.pk  # the event (and the action's writes) stand
    [note] = Notification.objects.all()
    assert note.user.username == "deputy" and not note.emailed


def test_publishing_moves_the_plan_to_published_and_tells_the_editors(
    chain, smtp, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Through the real actions: the approved plan, once published, is "published" (approved →
    published), and its editors other than the publisher hear of it with the document's title."""
    from prongsai.documents.actions import document_publish
    from prongsai.measures import actions

    settings.MEDIA_ROOT = tmp_path
    users, memo = chain["users"], chain["memo"]
    actions.memo_send(memo.pk, by=users["officer"])
    actions.memo_approve(memo.pk, by=users["deputy"])
    actions.memo_approve(memo.pk, by=users["mayor"])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        publication = document_publish("plan", chain["agency"].pk, 2567, by=users["officer"])
    chain["plan"].refresh_from_db()
    assert chain["plan"].status == "published"
    [note] = Notification.objects.all()
    assert (note.user.username, note.kind) == ("agencyadmin", "published")
    assert publication.title in note.title and note.url.endswith("/plan/v1/")
    assert "ฉบับที่ 1" in note.body and smtp.to("admin@example.go.th")


def test_the_public_ita_page_published_tells_the_editors(
    chain, smtp, criteria, django_capture_on_commit_callbacks
):
    from prongsai.oit.actions import oit_publish, oit_workspace_open

    users = chain["users"]
    ws = oit_workspace_open(chain["agency"].pk, 2568, by=users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        oit_publish(ws.pk, by=users["officer"])
    [note] = Notification.objects.all()
    assert (note.user.username, note.kind) == ("agencyadmin", "published")
    assert note.title == "เผยแพร่หน้า ITA ปีงบประมาณ 2568 แล้ว"
    assert note.url == f"/p/{chain['agency'].pk}/2568/ita/"
    assert smtp.to("admin@example.go.th")
