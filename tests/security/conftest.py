import pytest
from django.contrib.auth import get_user_model

from prongsai.access.actions import membership_grant
from prongsai.agencies.models import Agency, Province
from prongsai.core.actions import SYSTEM
from prongsai.measures.actions import MeasureData, measure_save, plan_create


@pytest.fixture
def plan(db):
    agency = Agency.objects.create(
        name="องค์การบริหารส่วนตำบลทดสอบ",
        kind=Agency.KIND_CHOICES[0][0],
        province=Province.objects.first(),
    )
    plan = plan_create(agency.pk, 2568, by=SYSTEM)
    measure_save(plan.pk, MeasureData(title="ประชุมชี้แจงเจ้าหน้าที่", kpi_unit="ครั้ง"), by=SYSTEM)
    return plan


@pytest.fixture
def officers(plan):
    """Two editors of the plan's agency, each logged in with their own client."""
    from django.test import Client

    users = []
    for name in ("somchai", "somsri"):
        user = get_user_model().objects.create_user(name, password="x-pass-1234", first_name=name)
        membership_grant(by=SYSTEM, user=user, role="editor", agency=plan.agency)
        client = Client()
        client.force_login(user)
        users.append(client)
    return users
