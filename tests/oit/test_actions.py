"""The OIT workspace's actions: one door per change, an event each, the role rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.core.actions import SYSTEM, OutsideAction
from prongsai.core.errors import Conflict, Invalid
from prongsai.core.models import Event
from prongsai.oit import actions
from prongsai.oit.actions import FileInput, ItemInput, LinkInput
from prongsai.oit.models import OitEvidence, OitItem, OitWorkspace
from tests.acting import fixture_create

PDF = b"%PDF-1.4\n% evidence\n"

pytestmark = pytest.mark.django_db


def item(ws, code):
    return ws.items.get(code=code)


def test_open_creates_every_item_of_the_year_with_the_window_as_due(place):
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=place["users"]["editor"])
    assert ws.items.count() == 26
    assert str(ws.closes) == "2025-06-30" and item(ws, "o1").due == ws.closes
    assert (
        Event.objects.filter(action="oit.open", agency=place["agency"], fiscal_year=2568).count()
        == 1
    )
    # opening again changes nothing and records nothing
    actions.oit_workspace_open(place["agency"].pk, 2568, by=place["users"]["editor"])
    assert (
        OitWorkspace.objects.count() == 1 and Event.objects.filter(action="oit.open").count() == 1
    )


def test_save_links_files_steps_and_status_with_an_event(place):
    editor = place["users"]["editor"]
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=editor)
    o1 = item(ws, "o1")
    data = ItemInput(
        status="ready",
        unit_id=place["unit"].pk,
        steps=["หน้าหลักของเว็บไซต์เลือกหัวข้อ ข้อมูลหน่วยงาน", "เลือก โครงสร้างองค์กร"],
        checklist={"แผนผังแสดงโครงสร้างการแบ่งส่วนราชการ": True},
        links=[LinkInput("https://example.go.th/structure", "โครงสร้าง")],
        files=[FileInput("โครงสร้าง.pdf", PDF)],
    )
    saved = actions.oit_item_save(o1.pk, data, by=editor, version=o1.version)
    assert saved.status == "ready" and saved.steps[1] == "เลือก โครงสร้างองค์กร"
    assert [e.url for e in saved.evidence.all()] == ["https://example.go.th/structure", ""]
    assert saved.evidence.exclude(file="").get().file_name == "โครงสร้าง.pdf"
    event = Event.objects.get(action="oit.item_save")
    assert event.agency_id == place["agency"].pk and event.fiscal_year == 2568
    assert event.actor == editor and event.content_hash


def test_stale_version_refused(place):
    editor = place["users"]["editor"]
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=editor)
    o1 = item(ws, "o1")
    actions.oit_item_save(o1.pk, ItemInput(status="in_progress"), by=editor, version=1)
    with pytest.raises(Conflict):
        actions.oit_item_save(o1.pk, ItemInput(status="ready"), by=editor, version=1)


@pytest.mark.parametrize(
    "data, code",
    [
        (ItemInput(status="ready", links=[LinkInput("javascript:alert(1)")]), "bad_url"),
        (
            ItemInput(status="ready", links=[LinkInput(f"https://a.go.th/{n}") for n in range(6)]),
            "too_many",
        ),
        (ItemInput(status="ready", files=[FileInput("x.html", b"<html><script>")]), "bad_file"),
        (ItemInput(status="checked"), "check_by_admin"),
    ],
)
def test_refusals_say_why_in_thai(place, data, code):
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=place["users"]["editor"])
    with pytest.raises(Invalid) as info:
        actions.oit_item_save(item(ws, "o2").pk, data, by=place["users"]["editor"])
    assert info.value.code == code and info.value.message_th
    assert not OitEvidence.objects.exists()


def test_only_an_agency_admin_checks_and_only_a_ready_item(place):
    u = place["users"]
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=u["editor"])
    o3 = item(ws, "o3")
    with pytest.raises(Invalid):
        actions.oit_item_check(o3.pk, by=u["admin"])  # not ready yet
    actions.oit_item_save(o3.pk, ItemInput(status="ready"), by=u["editor"])
    with pytest.raises(PermissionDenied):
        actions.oit_item_check(o3.pk, by=u["editor"])
    checked = actions.oit_item_check(o3.pk, by=u["admin"])
    assert checked.status == "checked" and checked.checked_by == u["admin"]
    # a change to a checked item sends it back to "ready"; no change keeps it checked
    same = actions.oit_item_save(o3.pk, ItemInput(status="checked"), by=u["editor"])
    assert same.status == "checked"
    changed = actions.oit_item_save(
        o3.pk, ItemInput(status="checked", steps=["ใหม่"]), by=u["editor"]
    )
    assert changed.status == "ready" and changed.checked_by is None


def test_viewer_and_stranger_cannot_change_anything(place):
    u = place["users"]
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=u["editor"])
    for who in ("viewer", "stranger"):
        with pytest.raises(PermissionDenied):
            actions.oit_item_save(item(ws, "o1").pk, ItemInput(status="ready"), by=u[who])
        with pytest.raises(PermissionDenied):
            actions.oit_workspace_open(place["agency"].pk, 2569, by=u[who])


def test_the_guard_refuses_writes_outside_the_actions(place):
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=SYSTEM)
    o1 = item(ws, "o1")
    o1.status = "ready"
    with pytest.raises(OutsideAction):
        o1.save()
    with pytest.raises(OutsideAction):
        OitWorkspace.objects.create(agency=place["other"], fiscal_year=2568)


def test_copy_last_year_maps_by_title_and_lists_the_unmapped(place):
    editor = place["users"]["editor"]
    agency = place["agency"].pk
    last = actions.oit_workspace_open(agency, 2568, by=editor)
    # 2568 o13 "รายงานผลการจัดซื้อจัดจ้าง…ประจำปี (ปีก่อน)" is 2569 o12 (code changed);
    # 2568 o21 No Gift Policy has no close title in 2569
    for code, url in [
        ("o1", "https://a.go.th/o1"),
        ("o13", "https://a.go.th/o13"),
        ("o16", "https://a.go.th/o16"),
    ]:
        actions.oit_item_save(
            item(last, code).pk,
            ItemInput(status="ready", steps=[f"ขั้นตอนของ {code}"], links=[LinkInput(url)]),
            by=editor,
        )
    result = actions.oit_copy_last_year(agency, 2569, by=editor)
    mapped = dict(result.mapped)
    assert mapped["o13"] == "o12" and mapped["o16"] == "o15"
    ws = result.workspace
    o12 = item(ws, "o12")
    assert o12.steps == ["ขั้นตอนของ o13"] and o12.status == "in_progress"
    assert [e.url for e in o12.evidence.all()] == ["https://a.go.th/o13"]
    assert "o21" in {c for c, _ in result.unmapped}
    assert Event.objects.filter(action="oit.copy", fiscal_year=2569).count() == 1
    # last year's rows are untouched
    assert item(last, "o13").status == "ready"


def test_publish_freezes_the_public_content(place):
    editor = place["users"]["editor"]
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=editor)
    actions.oit_item_save(
        item(ws, "o4").pk,
        ItemInput(
            status="ready",
            steps=["เมนู ข่าวประชาสัมพันธ์"],
            links=[LinkInput("https://a.go.th/news", "ข่าว")],
        ),
        by=editor,
    )
    ws = actions.oit_publish(ws.pk, by=editor)
    items = {
        i["code"]: i
        for ind in ws.public_content["indicators"]
        for sub in ind["subs"]
        for i in sub["items"]
    }
    assert items["o4"]["links"] == [{"label": "ข่าว", "url": "https://a.go.th/news"}]
    assert items["o4"]["steps"] == ["เมนู ข่าวประชาสัมพันธ์"]
    actions.oit_item_save(item(ws, "o4").pk, ItemInput(status="ready"), by=editor)
    ws.refresh_from_db()
    assert ws.public_content["indicators"][0]["subs"][0]["items"][3]["steps"]  # unchanged
    assert OitItem.objects.get(workspace=ws, code="o4").steps == []


def test_items_fulfilled_by_prongsai_documents_link_to_their_permanent_urls(place):
    from prongsai.documents.models import Publication
    from prongsai.oit.services import build, catalog_or_none

    agency = place["agency"]
    for kind, year, round_ in [
        ("analysis", 2566, ""),
        ("plan", 2567, ""),
        ("progress", 2567, "6m"),
    ]:
        fixture_create(
            Publication,
            agency=agency,
            fiscal_year=year,
            kind=kind,
            round=round_,
            version=1,
            title=kind,
            content={},
            content_hash="0" * 64,
            html="",
            pdf=b"",
            docx=b"",
            xlsx=b"",
        )
    ws = actions.oit_workspace_open(agency.pk, 2567, by=SYSTEM)
    groups, _ = build(ws, catalog_or_none(2567))
    views = {v.q.code: v for g in groups for _c, _n, vs in g.subs for v in vs}
    o42 = [d["url"] for d in views["o42"].documents]
    # o42 of 2567 = the analysis of the 2566 results and the 2567 measures
    assert o42 == [f"/p/{agency.pk}/2566/analysis/v1/", f"/p/{agency.pk}/2567/plan/v1/"]
    o43 = views["o43"].documents
    assert o43[0]["url"] == f"/p/{agency.pk}/2567/progress-6m/v1/"
    assert o43[1]["url"] == "" and o43[1]["year"] == 2567  # the 12-month report: not yet


def test_due_items_for_the_reminders(place):
    import datetime

    from prongsai.oit.services import due_items

    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=SYSTEM)  # due 2025-06-30
    actions.oit_item_save(item(ws, "o1").pk, ItemInput(status="ready"), by=SYSTEM)
    assert not due_items(datetime.date(2025, 6, 1)).exists()
    due = due_items(datetime.date(2025, 6, 25))
    assert due.count() == 25 and "o1" not in {i.code for i in due}


def test_copy_never_overwrites_this_years_work(place):
    editor = place["users"]["editor"]
    agency = place["agency"].pk
    last = actions.oit_workspace_open(agency, 2568, by=editor)
    actions.oit_item_save(
        item(last, "o4").pk,
        ItemInput(status="ready", steps=["ปีก่อน"], links=[LinkInput("https://a.go.th/old")]),
        by=editor,
    )
    ws = actions.oit_workspace_open(agency, 2569, by=editor)
    actions.oit_item_save(
        item(ws, "o4").pk,
        ItemInput(status="in_progress", links=[LinkInput("https://a.go.th/new")]),
        by=editor,
    )
    result = actions.oit_copy_last_year(agency, 2569, by=editor)
    assert result.kept == ["o4"]
    assert [e.url for e in item(ws, "o4").evidence.all()] == ["https://a.go.th/new"]
    assert item(ws, "o4").steps == []
