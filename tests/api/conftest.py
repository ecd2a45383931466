from tests.access.conftest import world  # noqa: F401  (two agencies, users of each role)
