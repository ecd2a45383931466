"""What each role reaches, through the one permission layer (prongsai.access.scope)."""

import pytest
from django.db import IntegrityError, transaction

from prongsai.access.actions import membership_grant
from prongsai.access.models import Membership
from prongsai.access.scope import agencies_for, can, restrict
from prongsai.agencies.models import Agency, Department, Signatory
from prongsai.core.actions import SYSTEM
from prongsai.measures.models import Measure
from tests.acting import fixture_create


def names(queryset):
    return sorted(a.place_name for a in queryset)


@pytest.mark.django_db
def test_reach_of_each_role(world):
    users, a, b = world["users"], world["A"].agency, world["B"].agency
    assert names(agencies_for(users["a_editor"])) == [a.place_name]
    assert names(agencies_for(users["a_editor"], "edit")) == [a.place_name]
    assert not agencies_for(users["a_editor"], "admin").exists()
    assert names(agencies_for(users["a_signer"], "sign")) == [a.place_name]
    assert not agencies_for(users["a_signer"], "edit").exists()
    assert names(agencies_for(users["a_admin"], "admin")) == [a.place_name]
    # a regional viewer sees the province's agencies, changes nothing
    assert names(agencies_for(users["khonkaen_viewer"])) == [a.place_name]
    assert not agencies_for(users["khonkaen_viewer"], "edit").exists()
    assert names(agencies_for(users["national"], "admin")) == sorted([a.place_name, b.place_name])
    assert not agencies_for(users["nobody"]).exists()
    # rows of other models follow their agency
    measures = restrict(Measure.objects.all(), users["a_editor"])
    assert {m.plan.agency_id for m in measures} == {a.pk}


@pytest.mark.django_db
def test_a_department_viewer_sees_the_departments_agencies(world, django_user_model):
    b = world["B"].agency
    dla = Department.objects.create(name="กรมส่งเสริมการปกครองท้องถิ่น")
    Agency.objects.filter(pk=b.pk).update(department=dla)
    viewer = django_user_model.objects.create_user("dla_viewer")
    membership_grant(by=SYSTEM, user=viewer, role="regional_viewer", department=dla)
    assert list(agencies_for(viewer)) == [b]


@pytest.mark.django_db
def test_a_linked_signatory_is_a_signer_of_that_agency(world, django_user_model):
    a = world["A"].agency
    user = django_user_model.objects.create_user("mayor")
    assert not can(user, a, "view")
    Signatory.objects.filter(agency=a, order=2).update(user=user)
    assert can(user, a, "view") and can(user, a, "sign") and not can(user, a, "edit")
    Signatory.objects.filter(agency=a, order=2).update(active=False)
    assert not can(user, a, "view")


@pytest.mark.django_db
def test_reading_is_not_changing(world, client):
    """A viewer of A reads A's pages but a change is refused with the reason in Thai."""
    a = world["A"]
    client.force_login(world["users"]["khonkaen_viewer"])
    url = f"/agencies/{a.agency.pk}/plans/2567/measures/{a.objects['measure'].pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "แก้โดยผู้ติดตาม", "methods_text": "x"})
    assert response.status_code == 403
    assert "คุณมีสิทธิ์ดูข้อมูลของหน่วยงานนี้เท่านั้น" in response.content.decode()
    a.objects["measure"].refresh_from_db()
    assert a.objects["measure"].title != "แก้โดยผู้ติดตาม"
    # the editor of A may change it
    client.force_login(world["users"]["a_editor"])
    response = client.post(url, {"title": "แก้โดยผู้จัดทำ", "methods_text": "x"})
    assert response.status_code == 302
    a.objects["measure"].refresh_from_db()
    assert a.objects["measure"].title == "แก้โดยผู้จัดทำ"


@pytest.mark.django_db
def test_a_membership_names_the_scope_its_role_needs(world):
    user, a = world["users"]["nobody"], world["A"].agency
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.bulk_create([Membership(user=user, role="editor")])  # no agency
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.bulk_create([Membership(user=user, role="regional_viewer", agency=a)])
    Membership.objects.bulk_create([Membership(user=user, role="editor", agency=a)])
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.bulk_create([Membership(user=user, role="editor", agency=a)])


@pytest.mark.django_db
def test_import_saves_only_into_an_agency_the_user_may_edit(world, client):
    """The web import refuses to write into another agency, and to create a new one."""
    from prongsai.ingest.models import ImportedDocument
    from prongsai.ingest.saving import ImportDataError, save_document

    b = world["B"].agency
    document = fixture_create(
        ImportedDocument,
        file_name="x.txt",
        content_hash="f" * 64,
        size=1,
        kind="measures_report",
        result={
            "kind": "measures_report",
            "fiscal_year": 2567,
            "agency": {"name": b.name, "province": b.province.name_th},
        },
    )
    with pytest.raises(ImportDataError, match="คุณไม่มีสิทธิ์บันทึกข้อมูลของ"):
        save_document(document, by=world["users"]["a_editor"])
    document.result["agency"] = {"name": "องค์การบริหารส่วนตำบลใหม่เอี่ยม", "province": "ขอนแก่น"}
    with pytest.raises(ImportDataError, match="เฉพาะผู้ดูแลระดับประเทศเพิ่มหน่วยงานใหม่ได้"):
        save_document(document, by=world["users"]["a_editor"])
    assert not Agency.objects.filter(place_name="ใหม่เอี่ยม").exists()  # rolled back


@pytest.mark.django_db
def test_the_agency_admin_manages_members_units_and_chain(world, client):
    a = world["A"].agency
    url = f"/agencies/{a.pk}/team/"
    client.force_login(world["users"]["a_editor"])
    assert client.get(url).status_code == 403  # an editor is not an agency admin
    assert "ผู้ใช้และสายการลงนาม" not in client.get(f"/agencies/{a.pk}/").content.decode()
    client.force_login(world["users"]["a_admin"])
    assert "ผู้ใช้และสายการลงนาม" in client.get(f"/agencies/{a.pk}/").content.decode()
    page = client.get(url).content.decode()
    assert "a_editor" in page and "ผู้จัดทำข้อมูลของหน่วยงาน" in page
    # a new user: a weak password is refused by Django's validators, in Thai, typed name kept
    response = client.post(
        url, {"action": "add_member", "username": "clerk", "role": "editor", "password": "123"}
    )
    text = response.content.decode()
    assert response.status_code == 200 and 'value="clerk"' in text
    assert "รหัสผ่าน" in text and not Membership.objects.filter(user__username="clerk").exists()
    response = client.post(
        url,
        {
            "action": "add_member",
            "username": "clerk",
            "role": "editor",
            "password": "ท่ากระเสริม-2567",
        },
    )
    assert response.status_code == 302
    clerk = Membership.objects.get(user__username="clerk")
    assert clerk.agency == a and can(clerk.user, a, "edit")
    # nobody removes their own admin role
    own = Membership.objects.get(user__username="a_admin")
    response = client.post(url, {"action": "remove_member", "membership": own.pk}, follow=True)
    assert "ถอนสิทธิ์ผู้ดูแลหน่วยงานของตนเองไม่ได้" in response.content.decode()
    client.post(url, {"action": "remove_member", "membership": clerk.pk})
    assert not can(clerk.user, a, "edit")
    # a unit, and the chain: link the second signer to a_signer
    client.post(url, {"action": "add_unit", "name": "กองคลัง"})
    assert a.units.filter(name="กองคลัง").exists()
    chain = list(a.signatories.order_by("order"))
    data = {
        "action": "save_chain",
        "s-TOTAL_FORMS": "3",
        "s-INITIAL_FORMS": "2",
        "s-MIN_NUM_FORMS": "0",
        "s-MAX_NUM_FORMS": "1000",
    }
    for n, s in enumerate(chain):
        data.update(
            {
                f"s-{n}-id": str(s.pk),
                f"s-{n}-order": str(s.order),
                f"s-{n}-name": s.name,
                f"s-{n}-position": s.position,
                f"s-{n}-user": "",
                f"s-{n}-active": "on",
            }
        )
    data["s-1-user"] = str(world["users"]["a_signer"].pk)
    data.update({"s-2-order": "3", "s-2-name": "นายใหม่ ทดสอบ", "s-2-position": "ปลัด"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [s.position for s in a.signatories.order_by("order")] == [
        "นักวิเคราะห์นโยบายและแผน",
        "นายก",
        "ปลัด",
    ]
    assert a.signatories.get(order=2).user == world["users"]["a_signer"]
    # removing the signer's only role also unlinks them from the chain: no way back in
    signer = Membership.objects.get(user=world["users"]["a_signer"], agency=a)
    assert can(signer.user, a, "view")
    client.post(url, {"action": "remove_member", "membership": signer.pk})
    assert a.signatories.get(order=2).user is None
    assert not can(signer.user, a, "view")


@pytest.mark.django_db
def test_a_removal_with_a_broken_choice_is_not_found_not_a_crash(world, client):
    client.force_login(world["users"]["a_admin"])
    url = f"/agencies/{world['A'].agency.pk}/team/"
    assert client.post(url, {"action": "remove_member", "membership": "abc"}).status_code == 404
