import pytest

from prongsai.access.actions import membership_grant, unit_add
from prongsai.agencies.models import Agency, District, Province
from prongsai.core.actions import SYSTEM


@pytest.fixture
def place(criteria, django_user_model):
    """One agency with a unit, and its people: an editor, an agency admin, a regional viewer of
    its province, and an editor of another agency."""
    province = Province.objects.get(name_th="กาญจนบุรี")
    district = District.objects.create(province=province, name_th="พนมทวน")
    agency = Agency.objects.create(
        kind="sao", place_name="ทดสอบ", province=province, district=district
    )
    other = Agency.objects.create(kind="sao", place_name="อื่น", province=province)
    unit = unit_add(agency.pk, "สำนักปลัด", by=SYSTEM)
    users = {}
    for name, role, where in [
        ("editor", "editor", {"agency": agency}),
        ("admin", "agency_admin", {"agency": agency}),
        ("viewer", "regional_viewer", {"province": province}),
        ("stranger", "editor", {"agency": other}),
    ]:
        users[name] = django_user_model.objects.create_user(name, password="x-secret-1")
        membership_grant(user=users[name], role=role, by=SYSTEM, **where)
    return {"agency": agency, "other": other, "unit": unit, "users": users}
