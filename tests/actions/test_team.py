"""Members and the sign-off chain go through their actions: the team page sets the whole chain
in one save, a racing "add member" is a clear refusal (never a 500), and the refusal of a memo
for an agency without a chain links to the team page."""

import pytest
from django.contrib.auth import get_user_model

from prongsai.access import actions
from prongsai.access.actions import ChainEntry, NewMember, chain_set, membership_add
from prongsai.access.models import Membership
from prongsai.agencies.models import Agency, Province, Signatory
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import Conflict, Invalid
from prongsai.core.models import Event
from tests.acting import fixture_create

from .conftest import events

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    province = Province.objects.first() or Province.objects.create(
        code=99, name_th="จังหวัดทดสอบ", name_en="Test"
    )
    return Agency.objects.create(kind="sao", place_name="ทดสอบ", province=province)


@pytest.fixture
def admin_of(agency):
    user = get_user_model().objects.create_user("boss", password="x")
    membership_add(agency.pk, NewMember("boss", "agency_admin"), by=SYSTEM)
    return user


def chain_post(chain, extra=()):
    rows = [*chain, *extra]
    data = {
        "action": "save_chain",
        "s-TOTAL_FORMS": str(len(rows)),
        "s-INITIAL_FORMS": str(len(chain)),
        "s-MIN_NUM_FORMS": "0",
        "s-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"s-{n}-{k}": v for k, v in row.items()})
    return data


def test_the_team_page_sets_the_whole_chain_in_one_save(client, agency, admin_of):
    client.force_login(admin_of)
    url = f"/agencies/{agency.pk}/team/"
    rows = [
        {"order": "2", "name": "นายก ทดสอบ", "position": "นายก", "active": "on"},
        {"order": "1", "name": "ผู้เสนอ ทดสอบ", "position": "นักวิเคราะห์", "active": "on"},
    ]
    response = client.post(url, chain_post([], rows))
    assert response.status_code == 302
    chain = list(agency.signatories.order_by("order").values_list("order", "position"))
    assert chain == [(1, "นักวิเคราะห์"), (2, "นายก")]
    assert events("chain.set") == 1

    # reorder, rename and drop in the same save: the chain is exactly what the page shows
    first, last = agency.signatories.order_by("order")
    rows = [
        {
            "id": str(first.pk),
            "order": "1",
            "name": first.name,
            "position": "ปลัด",
            "active": "on",
            "DELETE": "on",
        },
        {"id": str(last.pk), "order": "1", "name": last.name, "position": "นายก", "active": "on"},
    ]
    extra = [{"order": "2", "name": "รองนายก ทดสอบ", "position": "รองนายก", "active": "on"}]
    assert client.post(url, chain_post(rows, extra)).status_code == 302
    chain = list(agency.signatories.order_by("order").values_list("order", "position"))
    assert chain == [(1, "นายก"), (2, "รองนายก")]
    assert events("chain.set") == 2


def test_a_signer_named_in_a_memo_is_kept_out_of_office_not_deleted(agency):
    from prongsai.measures.models import MeasurePlan, Memo, SignOff

    chain_set(agency.pk, [ChainEntry("ก", "ผู้เสนอ", 1), ChainEntry("ข", "นายก", 2)], by=SYSTEM)
    signer = agency.signatories.get(name="ข")
    plan = fixture_create(MeasurePlan, agency=agency, fiscal_year=2567)
    memo = fixture_create(
        Memo,
        agency=agency,
        plan=plan,
        department="ทดสอบ",
        date="2024-10-01",
        subject="ก",
        addressee="ข",
        background="ก",
        facts="ก",
        consideration="ก",
    )
    fixture_create(SignOff, memo=memo, order=1, signatory=signer)
    chain_set(
        agency.pk, [ChainEntry("ก", "ผู้เสนอ", 1, id=agency.signatories.get(name="ก").pk)], by=SYSTEM
    )
    signer.refresh_from_db()
    assert not signer.active  # kept for the memo's trail, out of the chain
    assert list(agency.signatories.filter(active=True).values_list("name", flat=True)) == ["ก"]


def test_a_duplicate_signer_is_refused_with_nothing_changed(agency):
    chain_set(agency.pk, [ChainEntry("ก", "ผู้เสนอ", 1)], by=SYSTEM)
    with pytest.raises(Invalid, match="ซ้ำกัน"):
        chain_set(agency.pk, [ChainEntry("ข", "นายก", 1), ChainEntry("ข", "นายก", 2)], by=SYSTEM)
    assert list(agency.signatories.values_list("name", flat=True)) == ["ก"]


def test_only_an_agency_admin_sets_the_chain_or_adds_members(agency):
    from django.core.exceptions import PermissionDenied

    clerk = get_user_model().objects.create_user("clerk", password="x")
    membership_add(agency.pk, NewMember("clerk", "editor"), by=SYSTEM)
    with pytest.raises(PermissionDenied):
        chain_set(agency.pk, [ChainEntry("ก", "ผู้เสนอ", 1)], by=clerk)
    with pytest.raises(PermissionDenied):
        membership_add(agency.pk, NewMember("clerk", "agency_admin"), by=clerk)
    assert not Signatory.objects.filter(agency=agency).exists()
    assert list(Membership.objects.values_list("role", flat=True)) == ["editor"]


def test_a_racing_add_member_is_refused_clearly_not_a_500(client, agency, admin_of, monkeypatch):
    """Two admins add the same new user at the same moment: the second looked the name up
    before the first committed, so its insert meets the unique name. Staged here: the user is
    already there, and the lookup misses it once. The page says so; no 500, nothing doubled."""
    twin = get_user_model().objects.create_user("twin", password="x")
    membership_add(agency.pk, NewMember("twin", "editor"), by=SYSTEM)  # the first request
    monkeypatch.setattr(actions, "_find_user", lambda username: None)  # the second's lookup
    client.force_login(admin_of)
    response = client.post(
        f"/agencies/{agency.pk}/team/",
        {
            "action": "add_member",
            "username": "twin",
            "role": "editor",
            "password": "ท่ากระเสริม-2567",
        },
    )
    assert response.status_code == 200
    assert "เพิ่งถูกสร้างโดยคำขออื่นพร้อมกัน" in response.content.decode()
    assert list(get_user_model().objects.filter(username="twin")) == [twin]
    assert Membership.objects.filter(user=twin).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_concurrent_add_member_requests_give_one_membership_and_no_500(agency, admin_of):
    """Really at once, on PostgreSQL: the agency row lock makes the second wait, then find the
    first's member — one 302, one clear refusal."""
    import threading

    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite serialises every write anyway)")
    results, start = [], threading.Barrier(2)

    def add():
        c = Client()
        c.force_login(admin_of)
        start.wait()
        try:
            r = c.post(
                f"/agencies/{agency.pk}/team/",
                {
                    "action": "add_member",
                    "username": "pair",
                    "role": "editor",
                    "password": "ท่ากระเสริม-2567",
                },
            )
            results.append((r.status_code, r.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(code for code, _ in results) == [200, 302]
    refused = next(text for code, text in results if code == 200)
    assert "อยู่แล้ว" in refused or "พร้อมกัน" in refused
    assert Membership.objects.filter(user__username="pair").count() == 1


def test_adding_an_existing_member_again_is_a_conflict(agency, admin_of):
    with pytest.raises(Conflict, match="อยู่แล้ว"):
        membership_add(agency.pk, NewMember("boss", "agency_admin"), by=admin_of)
    assert events("membership.add") == 1


def test_the_empty_chain_refusal_links_to_the_team_page(client, agency, admin_of):
    from prongsai.measures.models import MeasurePlan

    plan = fixture_create(MeasurePlan, agency=agency, fiscal_year=2567)
    client.force_login(admin_of)
    response = client.post(f"/agencies/memos/new/plan/{plan.pk}/", follow=True)
    page = response.content.decode()
    assert "ยังไม่ได้กำหนดสายการลงนาม" in page
    assert f'<a href="/agencies/{agency.pk}/team/">' in page
    assert "ผู้ดูแลระบบ → ผู้ลงนาม" not in page


def test_a_unit_is_added_through_its_action_on_the_team_page(agency, admin_of, client):
    """The team page's "add unit" is the action ``unit.add``: an event with the actor, a name
    the agency has already refused next to the field, an editor refused, and no save of a Unit
    outside an action."""
    from django.core.exceptions import PermissionDenied

    from prongsai.agencies.models import Unit
    from prongsai.core.actions import OutsideAction

    client.force_login(admin_of)
    url = f"/agencies/{agency.pk}/team/"
    assert client.post(url, {"action": "add_unit", "name": "กองคลัง"}).status_code == 302
    assert list(agency.units.values_list("name", flat=True)) == ["กองคลัง"]
    event = Event.objects.get(action="unit.add")
    assert (event.actor, event.agency_id, event.data["name"]) == (admin_of, agency.pk, "กองคลัง")
    again = client.post(url, {"action": "add_unit", "name": " กองคลัง "})
    assert again.status_code == 200 and "มีส่วนราชการชื่อนี้แล้ว" in again.content.decode()
    assert agency.units.count() == 1 and events("unit.add") == 1
    clerk = get_user_model().objects.create_user("unit-clerk")
    actions.membership_grant(by=SYSTEM, user=clerk, role="editor", agency=agency)
    with pytest.raises(PermissionDenied):
        actions.unit_add(agency.pk, "กองช่าง", by=clerk)
    with pytest.raises(OutsideAction):
        Unit.objects.create(agency=agency, name="กองช่าง")
    assert agency.units.count() == 1
