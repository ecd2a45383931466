"""The workspace and public pages over HTTP: role rules, every mutating URL goes through an
action (an event row appears), the public ITA page without login."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.core.models import Event
from prongsai.oit import actions
from prongsai.oit.actions import ItemInput, LinkInput
from prongsai.oit.models import OitItem, OitWorkspace

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% evidence\n"


def login(client, user):
    client.force_login(user)
    return client


def ws_url(agency, year=2568):
    return reverse("oit:workspace", args=[agency.pk, year])


def form_data(item, **extra):
    p = item.code
    data = {f"{p}-version": item.version, f"{p}-status": item.status, f"{p}-due": "30/6/2568"}
    data.update({f"{p}-{k}": v for k, v in extra.items()})
    return data


def test_every_mutating_url_calls_an_action(client, place):
    """The list of the app's POST URLs; each one leaves exactly the event of its action."""
    a, u = place["agency"], place["users"]
    login(client, u["admin"])
    last = actions.oit_workspace_open(a.pk, 2567, by=u["admin"])
    actions.oit_item_save(
        last.items.get(code="o4").pk,
        ItemInput(status="ready", links=[LinkInput("https://a.go.th/n")]),
        by=u["admin"],
    )
    posts = [
        ("oit.open", reverse("oit:start", args=[a.pk, 2568]), {}),
        ("oit.copy", reverse("oit:copy", args=[a.pk, 2568]), {}),
        ("oit.settings", reverse("oit:settings", args=[a.pk, 2568]), {"closes": "15/6/2568"}),
    ]
    for name, url, data in posts:
        before = Event.objects.filter(action=name).count()
        response = client.post(url, data)
        assert response.status_code == 302, (name, response.content[:300])
        assert Event.objects.filter(action=name).count() == before + 1, name
    o1 = OitItem.objects.get(workspace__fiscal_year=2568, code="o1")
    response = client.post(
        reverse("oit:item_save", args=[a.pk, 2568, "o1"]),
        form_data(
            o1,
            status="ready",
            url0="https://a.go.th/s",
            label0="โครงสร้าง",
            steps="1. หน้าหลัก\n2. เลือก โครงสร้าง",
            file0=SimpleUploadedFile("s.pdf", PDF),
        ),
    )
    assert response.status_code == 302
    assert Event.objects.filter(action="oit.item_save").count() == 2
    o1.refresh_from_db()
    assert o1.status == "ready" and o1.steps == ["หน้าหลัก", "เลือก โครงสร้าง"]
    assert o1.evidence.count() == 2
    for name, url in [
        ("oit.item_check", reverse("oit:item_check", args=[a.pk, 2568, "o1"])),
        ("oit.publish", reverse("oit:publish", args=[a.pk, 2568])),
    ]:
        assert client.post(url).status_code == 302
        assert Event.objects.filter(action=name).count() == 1, name
    assert OitWorkspace.objects.get(fiscal_year=2568).closes.isoformat() == "2025-06-15"


def test_a_bad_link_is_shown_next_to_its_field(client, place):
    a, u = place["agency"], place["users"]
    ws = actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    login(client, u["editor"])
    o2 = ws.items.get(code="o2")
    response = client.post(
        reverse("oit:item_save", args=[a.pk, 2568, "o2"]), form_data(o2, url0="ftp://x")
    )
    assert response.status_code == 400
    assert "ต้องขึ้นต้นด้วย http:// หรือ https://" in response.content.decode()
    assert not Event.objects.filter(action="oit.item_save").exists()


def test_regional_viewer_reads_only(client, place):
    a, u = place["agency"], place["users"]
    ws = actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    actions.oit_item_save(
        ws.items.get(code="o1").pk, ItemInput(status="ready", steps=["หน้าหลัก"]), by=u["editor"]
    )
    login(client, u["viewer"])
    page = client.get(ws_url(a)).content.decode()
    assert "หน้าหลัก" in page and "คะแนนที่คาดว่าจะได้" in page
    assert "แก้ไขล่าสุดโดย editor" in page  # who changed it: the item's latest event
    assert 'enctype="multipart/form-data"' not in page and "ตรวจแล้ว (o1)" not in page
    assert "คุณดูข้อมูลได้อย่างเดียว" in page
    o1 = ws.items.get(code="o1")
    for url in [
        reverse("oit:item_save", args=[a.pk, 2568, "o1"]),
        reverse("oit:item_check", args=[a.pk, 2568, "o1"]),
        reverse("oit:publish", args=[a.pk, 2568]),
    ]:
        assert client.post(url, form_data(o1)).status_code == 403
    assert not Event.objects.exclude(
        action__in=["oit.open", "oit.item_save", "membership.add", "unit.add"]
    ).exists()


def test_editor_cannot_check_and_sees_no_check_button(client, place):
    a, u = place["agency"], place["users"]
    ws = actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    actions.oit_item_save(ws.items.get(code="o1").pk, ItemInput(status="ready"), by=u["editor"])
    login(client, u["editor"])
    assert "ตรวจแล้ว (o1)" not in client.get(ws_url(a)).content.decode()
    assert client.post(reverse("oit:item_check", args=[a.pk, 2568, "o1"])).status_code == 403
    login(client, u["admin"])
    assert "ตรวจแล้ว (o1)" in client.get(ws_url(a)).content.decode()


def test_stranger_gets_404(client, place):
    a, u = place["agency"], place["users"]
    actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    login(client, u["stranger"])
    assert client.get(ws_url(a)).status_code == 404


def test_public_pages_without_login(client, place):
    a, u = place["agency"], place["users"]
    ws = actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    url = reverse("ita:page", args=[a.pk, 2568])
    assert client.get(url).status_code == 404  # not published yet
    actions.oit_item_save(
        ws.items.get(code="o4").pk,
        ItemInput(
            status="ready",
            steps=["หน้าหลัก เลือก ข่าวประชาสัมพันธ์"],
            links=[LinkInput("https://a.go.th/news", "ข่าว")],
        ),
        by=u["editor"],
    )
    settings = actions.WorkspaceSettings(
        opens=ws.opens,
        closes=ws.closes,
        iit_url="https://itas.nacc.go.th/go/iit/ABC",
        eit_url="https://itas.nacc.go.th/go/eit/ABC",
    )
    actions.oit_settings_save(ws.pk, settings, by=u["editor"])
    actions.oit_publish(ws.pk, by=u["editor"])
    page = client.get(url).content.decode()
    assert "https://a.go.th/news" in page and "หน้าหลัก เลือก ข่าวประชาสัมพันธ์" in page
    assert "ตัวชี้วัดที่ 9" in page and "https://itas.nacc.go.th/go/iit/ABC" in page
    assert "ยังไม่ยืนยัน" in page  # the 2568 titles are low confidence: a mark, not placeholder text
    years = client.get(reverse("ita:years", args=[a.pk])).content.decode()
    assert url in years
    pdf = client.get(reverse("ita:pdf", args=[a.pk, 2568]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_public_files_only_those_on_the_published_page(client, place):
    a, u = place["agency"], place["users"]
    ws = actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    on_page = actions.oit_item_save(
        ws.items.get(code="o1").pk,
        ItemInput(status="ready", files=[actions.FileInput("a.pdf", PDF)]),
        by=u["editor"],
    )
    actions.oit_publish(ws.pk, by=u["editor"])
    later = actions.oit_item_save(
        ws.items.get(code="o2").pk,
        ItemInput(status="ready", files=[actions.FileInput("b.pdf", PDF)]),
        by=u["editor"],
    )
    shown = on_page.evidence.get().pk
    hidden = later.evidence.get().pk
    assert client.get(reverse("ita:file", args=[a.pk, 2568, shown])).status_code == 200
    assert client.get(reverse("ita:file", args=[a.pk, 2568, hidden])).status_code == 404
    assert client.get(reverse("ita:file", args=[place["other"].pk, 2568, shown])).status_code == 404


def test_typed_estimates_stand_in_for_iit_and_eit(client, place):
    a, u = place["agency"], place["users"]
    actions.oit_workspace_open(a.pk, 2568, by=u["editor"])
    login(client, u["editor"])
    page = client.get(ws_url(a)).content.decode()
    assert "ยังไม่มีคะแนน IIT" in page  # no results last year: only the OIT is predicted
    response = client.post(
        reverse("oit:settings", args=[a.pk, 2568]),
        {"opens": "1/1/2568", "closes": "30/6/2568", "iit_estimate": "๙๐", "eit_estimate": "80"},
    )
    assert response.status_code == 302
    page = client.get(ws_url(a)).content.decode()
    assert "IIT ใช้ค่าที่คาดไว้" in page
    # OIT 0 (nothing ready): 0.3·90 + 0.3·80 = 51.00
    assert '<strong id="predicted-overall">51.00</strong>' in page
    bad = client.post(
        reverse("oit:settings", args=[a.pk, 2568]), {"opens": "1/7/2568", "closes": "30/6/2568"}
    )
    assert bad.status_code == 400 and "วันปิดตอบแบบ OIT อยู่ก่อนวันเปิด" in bad.content.decode()
