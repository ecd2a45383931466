import pytest
from django.core.cache import cache

from prongsai.access.actions import membership_grant
from prongsai.core.actions import SYSTEM


@pytest.fixture
def country(criteria):
    """A small generated country (deterministic)."""
    from prongsai.demo.national import generate

    def make(agencies: int = 60, seed: int = 7, replace: bool = False):
        cache.clear()
        return generate(seed=seed, agencies=agencies, replace=replace)

    return make


@pytest.fixture
def signed_in(client, django_user_model):

    user = django_user_model.objects.create_user("officer", password="x-secret-1")
    membership_grant(by=SYSTEM, user=user, role="national_admin")  # sees the whole country
    client.force_login(user)
    return client
