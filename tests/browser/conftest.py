"""Browser tests run one after another on one test worker (``--dist loadgroup``): two live
servers and two Chromiums side by side on two cores made them time out."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("browser"))
