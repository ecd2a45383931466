"""The OIT workspace through the API (issue 14): an agency-year's items with status, unit, due
date, steps and evidence URLs, and the predicted score — the same reach as the page."""

import pytest

from prongsai.core.actions import SYSTEM
from prongsai.criteria.services import get_catalog
from prongsai.oit.actions import ItemInput, LinkInput, oit_item_save

from .test_api import token_for

pytestmark = pytest.mark.django_db


def test_the_workspace_items_with_status_unit_due_and_evidence_urls(world, client):
    a = world["A"]
    ws = a.agency.oit_workspaces.get(fiscal_year=2567)
    o2 = ws.items.get(code="o2")
    unit = a.agency.units.get()
    oit_item_save(
        o2.pk,
        ItemInput(
            status="in_progress",
            unit_id=unit.pk,
            steps=["หน้าหลัก", "เมนู ข้อมูลผู้บริหาร"],
            links=[LinkInput("https://example.go.th/executives", "ผู้บริหาร")],
        ),
        by=SYSTEM,
    )
    url = f"/api/agencies/{a.agency.pk}/oit/2567"
    got = client.get(url, **token_for(world["users"]["khonkaen_viewer"]))  # a regional viewer
    assert got.status_code == 200
    data = got.json()
    assert (data["agency_id"], data["fiscal_year"], data["closes"]) == (
        a.agency.pk,
        2567,
        str(ws.closes),
    )
    items = {i["code"]: i for i in data["items"]}
    assert len(items) == ws.items.count() == data["total"] and data["ready"] == 1
    assert items["o2"]["status"] == "in_progress" and items["o2"]["status_th"] == "กำลังจัดทำ"
    assert items["o2"]["unit"] == unit.name and items["o2"]["due"] == str(o2.due)
    assert items["o2"]["steps"] == ["หน้าหลัก", "เมนู ข้อมูลผู้บริหาร"]
    assert items["o2"]["evidence"] == [
        {
            "kind": "link",
            "label": "ผู้บริหาร",
            "url": "https://example.go.th/executives",
            "broken": False,
        }
    ]
    [file] = items["o1"]["evidence"]
    evidence = a.objects["oit_evidence"]
    assert file["kind"] == "file" and file["url"].endswith(
        f"/agencies/{a.agency.pk}/oit/2567/files/{evidence.pk}/"
    )
    indicator = {q.code: q.indicator for q in get_catalog(2567).questions}
    assert {c: i["indicator"] for c, i in items.items()} == {c: indicator[c] for c in items}
    assert data["predicted"]["oit"] is not None and "o2" in data["predicted"]["costs"]
    assert data["public_page"] is None  # not published yet
    # a year without a workspace: 404 with the reason in Thai; another agency's: 404
    none = client.get(
        f"/api/agencies/{a.agency.pk}/oit/2569", **token_for(world["users"]["a_editor"])
    )
    assert none.status_code == 404 and "ยังไม่ได้เริ่มงาน OIT ของปี 2569" in none.json()["detail_th"]
    other = client.get(
        f"/api/agencies/{world['B'].agency.pk}/oit/2567", **token_for(world["users"]["a_editor"])
    )
    assert other.status_code == 404
    assert "/api/agencies/{agency_id}/oit/{year}" in client.get("/api/openapi.json").json()["paths"]
