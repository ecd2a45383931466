"""A bounded schemathesis run against our OpenAPI schema: whatever it sends, no server error."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from prongsai.agencies.models import Agency, Province
from tests.api.test_api import token_for

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def national_headers(criteria, django_user_model):
    Agency.objects.create(
        kind="sao", place_name="ทดสอบ", province=Province.objects.get(name_th="ขอนแก่น")
    )
    user = django_user_model.objects.create_superuser("api-admin", password="pass-api-12345")
    return {"Authorization": token_for(user)["HTTP_AUTHORIZATION"]}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case, national_headers):
    response = case.call(headers=national_headers)
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
