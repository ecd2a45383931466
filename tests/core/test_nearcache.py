"""The near cache: each process's memory in front of the shared cache, for values whose key
never sees another value (prongsai.core.nearcache)."""

import pytest
from django.core.cache import caches
from django.test import override_settings

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "far"},
    "near": {
        "BACKEND": "prongsai.core.nearcache.NearCache",
        "OPTIONS": {"shared": "default", "max_entries": 2, "near_timeout": 60, "near": True},
    },
    "plain": {"BACKEND": "prongsai.core.nearcache.NearCache", "OPTIONS": {"shared": "default"}},
}


@pytest.fixture
def two_levels():
    with override_settings(CACHES=CACHES):
        caches["default"].clear()
        yield caches["near"], caches["default"]
        caches["near"].clear()


def test_a_value_read_from_the_shared_cache_is_kept_near(two_levels):
    near, shared = two_levels
    shared.set("k", ["v"])
    first = near.get("k")
    assert first == ["v"]
    shared.delete("k")  # behind its back: the near copy is served (the key names one value)
    assert near.get("k") is first
    assert near.get("other", "none") == "none"


def test_writes_go_to_both_levels_and_delete_and_clear_to_both(two_levels):
    near, shared = two_levels
    assert near.get_or_set("k", lambda: 41) == 41
    assert shared.get("k") == 41
    near.delete("k")
    assert near.get("k") is None and shared.get("k") is None
    near.set("a", 1)
    near.clear()
    assert near.get("a") is None and shared.get("a") is None


def test_the_near_level_keeps_only_the_latest_entries(two_levels):
    near, shared = two_levels
    for key in ("a", "b", "c"):
        near.set(key, key)
    shared.clear()
    assert [near.get(k) for k in ("a", "b", "c")] == [None, "b", "c"]


def test_over_local_memory_there_is_no_near_level():
    with override_settings(CACHES=CACHES):
        caches["default"].clear()
        caches["plain"].set("k", 1)
        caches["default"].clear()  # what the tests do between cases: complete
        assert caches["plain"].get("k") is None
