"""A bounded schemathesis run against our OpenAPI schema: whatever it sends, no server error."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from prongsai.agencies.models import Agency, Province
from tests.api.test_api import token_for

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """Like Django's test client: a request must not close the test's database connection
    (schemathesis calls the WSGI app directly, and on PostgreSQL the test runs in a
    transaction on that connection)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def national_headers(criteria, django_user_model, keep_connection):
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
