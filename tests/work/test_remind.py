"""`prongsai remind`: steps due within 7 days or overdue, told once to the agency's editors,
in the app and by e-mail (a real SMTP server in this process)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from prongsai.work.models import Notification

from .conftest import Inbox

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_due_soon_and_overdue_reach_the_editors_once(
    chain, smtp, django_capture_on_commit_callbacks
):
    # 26 Sep 2026: the 2570 analysis and plan are due on 1 Oct (in 5 days); the 2569 6-month
    # report (due 30 Apr 2026) is overdue. The e-mails are tasks, sent once the notes commit.
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--date", "2026-09-26")
    assert "หน่วยงานมี" in out and "ส่งการแจ้งเตือนใหม่" in out
    notes = Notification.objects.filter(user=chain["users"]["officer"])
    titles = set(notes.values_list("title", flat=True))
    agency = chain["agency"].name
    assert f"ใกล้ถึงกำหนด: แผนมาตรการปี 2570 ปีงบประมาณ 2570 ({agency})" in titles
    assert f"เลยกำหนด: รายงานผลรอบ ๖ เดือน (ต.ค.–มี.ค.) ปีงบประมาณ 2569 ({agency})" in titles
    assert not any("รอบ ๑๒ เดือน (ต.ค.–ก.ย.) ปีงบประมาณ 2569" in t for t in titles)  # 31 Oct
    soon = notes.get(title__startswith="ใกล้ถึงกำหนด: แผนมาตรการปี 2570")
    assert soon.kind == "due_soon" and soon.url == f"/agencies/{chain['agency'].pk}/plans/2570/"
    assert "1 ตุลาคม 2569 อีก 5 วัน" in soon.body
    # the agency admin edits too; the signers are not reminded of the editors' work
    assert Notification.objects.filter(user=chain["users"]["admin"]).count() == notes.count()
    assert not Notification.objects.filter(user__username__in=["deputy", "mayor"]).exists()
    mails = smtp.to("officer@example.go.th")
    assert len(mails) == notes.count()
    assert any("1 ตุลาคม 2569 อีก 5 วัน" in Inbox.text(m) for m in mails)
    # run again the same day, or the next: nothing new
    total, arrived = Notification.objects.count(), len(smtp.messages)
    with django_capture_on_commit_callbacks(execute=True):
        assert "ส่งการแจ้งเตือนใหม่ 0 รายการ" in run("--date", "2026-09-26")
        run("--date", "2026-09-27")
    assert (Notification.objects.count(), len(smtp.messages)) == (total, arrived)


def test_a_finished_step_is_not_reminded_and_dry_run_sends_nothing(chain, smtp):
    from prongsai.measures.models import MeasurePlan

    from .conftest import in_action

    in_action(
        lambda: MeasurePlan.objects.create(
            agency=chain["agency"], fiscal_year=2570, status="approved"
        )
    )
    assert "จะส่งการแจ้งเตือนใหม่ 0 รายการ" in run("--date", "2026-09-26", "--dry-run")
    assert not Notification.objects.exists() and smtp.messages == []
    run("--date", "2026-09-26")
    titles = list(Notification.objects.values_list("title", flat=True))
    assert titles and not any("แผนมาตรการปี 2570" in t for t in titles)


def test_a_bad_date_is_refused_in_thai(chain):
    with pytest.raises(CommandError, match="วันที่ “26/9/2569” ไม่ถูกต้อง"):
        run("--date", "26/9/2569")


def test_oit_items_due_soon_or_overdue_are_reminded(chain, smtp, criteria):
    """`prongsai remind` includes the OIT items not ready by their due date (the workspace's
    window closing), told once; a ready item is not reminded."""
    from datetime import date

    from prongsai.oit.actions import ItemInput, oit_item_save, oit_workspace_open

    officer = chain["users"]["officer"]
    ws = oit_workspace_open(chain["agency"].pk, 2568, by=officer)
    o1, o2 = ws.items.get(code="o1"), ws.items.get(code="o2")
    assert ws.closes == date(2025, 6, 30) and o1.due == ws.closes
    oit_item_save(o2.pk, ItemInput(status="ready", explanation="พร้อม"), by=officer)
    run("--date", "2025-06-26")
    titles = set(
        Notification.objects.filter(user=officer, kind="due_soon").values_list("title", flat=True)
    )
    agency = chain["agency"].name
    assert f"ใกล้ถึงกำหนด: OIT o1 {o1.title} ปีงบประมาณ 2568 ({agency})" in titles
    assert not any(" o2 " in t for t in titles)
    note = Notification.objects.get(user=officer, title__contains="OIT o1 ")
    assert note.url == f"/agencies/{chain['agency'].pk}/oit/2568/#item-o1"
    assert "30 มิถุนายน 2568 อีก 4 วัน" in note.body and "ยังไม่เริ่ม" in note.body
    assert "ส่งการแจ้งเตือนใหม่ 0 รายการ" in run("--date", "2025-06-26")
    # overdue after the window closed
    run("--date", "2025-07-02")
    assert Notification.objects.filter(
        user=officer, kind="overdue", title__contains="OIT o1 "
    ).exists()
