"""The suite's own grouping holds: under ``--dist loadgroup`` (``make test``) a test marked
``xdist_group`` carries its group in its node id, so the browser walks and the real-worker tests
each run on one test worker. (pytest 9.2 broke this for pytest-xdist 3.8: the worker tests then
ran on both workers at once and took each other's tasks from the shared broker.)"""

import os

import pytest

pytestmark = pytest.mark.xdist_group("grouping-check")


def test_a_grouped_test_carries_its_group(request):
    if not os.environ.get("PYTEST_XDIST_WORKER") or not request.config.option.loadgroup:
        pytest.skip("only under pytest-xdist with --dist loadgroup (as make test runs it)")
    assert request.node.nodeid.endswith("@grouping-check")
