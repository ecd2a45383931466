import pytest

from prongsai.agencies.models import Agency


@pytest.fixture
def pakchong(demo):
    """A demo agency without results for 2566: a blank grid to enter them in."""
    return Agency.objects.get(name="องค์การบริหารส่วนตำบลปากช่อง")
