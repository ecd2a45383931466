from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SEED_003 = SEEDS / "003_381929908bc1db9e.txt"
# seed 003 (เทศบาลตำบลพนมทวน, ITA 2566): its ten indicator scores as written; overall 80.42
SEED_003_INDICATORS = {
    1: "94.14",
    2: "88.05",
    3: "90.39",
    4: "81.44",
    5: "84.16",
    6: "78.36",
    7: "75.25",
    8: "74.20",
    9: "93.00",
    10: "63.75",
}


@pytest.fixture
def seed_text():
    def read(name: str) -> str:
        return next(SEEDS.glob(f"{name}*.txt")).read_text(encoding="utf-8")

    return read


@pytest.fixture
def criteria(db):
    """Every shipped criteria file loaded into the test database (once per worker for the
    tests that run in a transaction: see _Preloaded)."""
    if _preloaded.level >= _CRITERIA:
        return list(_preloaded.criteria)
    from prongsai.criteria.services import load_all

    return load_all()


@pytest.fixture
def demo(criteria, settings, tmp_path_factory):
    """The demo data (`prongsai demo`: the five seed agencies through the importer) in the test
    database (once per worker for the tests that run in a transaction: see _Preloaded). Each
    test has uploads of its own: the files a test writes (a publication's version ledger, kept
    beside the uploads and named after the agency's row) are not rolled back with its rows."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    if _preloaded.level >= _DEMO:
        return _preloaded.fresh_demo()
    from prongsai.demo.services import load_demo

    return load_demo()


# -- the criteria and the demo data, loaded once per worker --------------------------------------
# Loading the demo goes through the actions and the importer (~870 queries, ~1 s on PostgreSQL)
# and about 170 tests ask for it; the criteria alone are asked for by 130 more. A test that runs
# in a transaction (pytest-django's `db`, a django.test.TestCase) is rolled back to what it
# found, so the data can be loaded once in a transaction kept open around the test's own — its
# atomic block becomes a savepoint inside ours, as with TestCase.setUpTestData — and shared by the
# next tests that ask for the same. Any other test (no database, an empty one, a transactional
# test, a live server) gets the database as before: the shared data is rolled back first.

_NONE, _CRITERIA, _DEMO = 0, 1, 2


class _Preloaded:
    def __init__(self):
        self.atomics = []  # one open atomic block per level loaded, the criteria's first
        self.criteria = None
        self.demo = None

    @property
    def level(self) -> int:
        return len(self.atomics)

    def fresh_demo(self):
        """The demo's result with its rows read again: a test may change the objects it gets."""
        from prongsai.agencies.models import Agency
        from prongsai.assessments.models import Assessment
        from prongsai.demo.services import DemoResult

        def again(model, objects):
            found = model.objects.in_bulk([o.pk for o in objects])
            return [found[o.pk] for o in objects]

        return DemoResult(
            agencies=again(Agency, self.demo.agencies),
            assessments=again(Assessment, self.demo.assessments),
            warnings=list(self.demo.warnings),
        )

    def down_to(self, level: int) -> None:
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection, transaction

        assert connection.atomic_blocks[: self.level] == self.atomics, "shared data lost"
        while self.level > level:
            atomic = self.atomics.pop()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            ContentType.objects.clear_cache()

    def up_to(self, level: int) -> None:
        from django.db import transaction

        from prongsai.criteria.services import load_all
        from prongsai.demo.services import load_demo

        try:
            while self.level < level:
                atomic = transaction.atomic()
                atomic._from_testcase = True  # as TestCase's own: a durable block may open in it
                atomic.__enter__()
                self.atomics.append(atomic)
                if self.level == _CRITERIA:
                    self.criteria = load_all()
                else:
                    self.demo = load_demo()
        except BaseException:
            self.down_to(_NONE)
            raise


_preloaded = _Preloaded()


def _level_wanted(item) -> int:
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    own = {"transactional_db", "live_server", "django_db_reset_sequences"}
    own.add("django_db_serialized_rollback")
    if (
        _transactional(item)
        or own & names
        or (marker and (marker.kwargs.get("reset_sequences") or marker.kwargs.get("databases")))
    ):
        return _NONE
    if "demo" in names:
        return _DEMO
    return _CRITERIA if "criteria" in names else _NONE


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Before any fixture of a test: the shared data it does not ask for is rolled back."""
    wanted = _level_wanted(item)
    if _preloaded.level > wanted:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _preloaded.down_to(wanted)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Right before pytest-django opens a test's transaction (the database is set up by then):
    the shared data the test asks for is loaded, if it is not already."""
    if fixturedef.argname == "_django_db_helper" and request.scope == "function":
        wanted = _level_wanted(request.node)
        if _preloaded.level < wanted:
            from pytest_django.plugin import blocking_manager_key

            with request.config.stash[blocking_manager_key].unblock():
                _preloaded.up_to(wanted)
    return (yield)


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or db['NAME']}"


def pytest_configure(config):
    """Passwords hashed with a fast hasher in tests: the demo users and the many test users
    would otherwise spend seconds in PBKDF2. What is tested of passwords (the validators, the
    login throttle) does not depend on the hasher; `make run` and production keep Django's."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # the test databases are created and dropped around the run: no connection kept open by a
    # live-server thread may hold them (production keeps connections, see settings)
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    # tasks sent by code under test (an e-mail, a bulk job) run in the test's process, at the
    # commit: the task bodies' unit tests. The queue itself — broker, workers, a killed worker —
    # is tested with real ones (tests/queue).
    from prongsai.queue import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(config, items):
    """`PRONGSAI_TESTS=database` (the PostgreSQL pass of `make test`) keeps only the tests that
    touch the database and are not browser tests: the pure readers, scorers and layout tests
    give the same answer on either database, the browser walks already ran on SQLite, and the
    deployment test runs on a PostgreSQL database of its own in the first pass already. The
    rest — every action, constraint, lock, import, API and page test — runs on both."""
    import os

    if os.environ.get("PRONGSAI_TESTS") != "database":
        return
    kept, dropped = [], []
    for item in items:
        uses_db = (
            item.get_closest_marker("django_db")
            or item.get_closest_marker("worker")  # a worker test makes a database of its own
            or DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        browser = "tests/browser/" in item.nodeid
        # the deployment test makes a PostgreSQL database of its own in either pass
        own_postgres = "tests/deploy/" in item.nodeid
        (kept if uses_db and not browser and not own_postgres else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush that empties the database — the provinces, the
    schedules and the content types the migrations made included. Django runs such tests last
    for that reason, but ``--dist loadgroup`` sends a group (the browser walks) as one unit,
    whenever it comes: put the migrations' rows back after each one, so the tests after it on
    the same worker find the database as the migrations left it."""
    result = yield
    if _transactional(item):
        _restore_migration_data(item.config)
    return result


def _restore_migration_data(config) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            snapshot = getattr(connection, "_test_serialized_contents", None)
            name = str(connection.settings_dict.get("NAME") or "")
            if not snapshot or not ("test" in name or "memory" in name):
                continue  # never a database other than the test one (a backup test's restore)
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(snapshot)
        ContentType.objects.clear_cache()


@pytest.fixture(scope="session", autouse=True)
def _no_connection_left_behind(django_db_setup, django_db_blocker):
    """On PostgreSQL, a connection a live-server thread still holds at the end would stop the
    test database from being dropped ("being accessed by other users"): end such sessions
    first. (This fixture needs django_db_setup, so it is torn down before it.) The shared
    criteria and demo data are rolled back here too."""
    yield
    if _preloaded.level:
        with django_db_blocker.unblock():
            _preloaded.down_to(_NONE)
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from django.db import OperationalError

    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    except OperationalError:  # no test used the database (tests/deploy, tests/queue alone)
        pass


# -- writing workflow rows in fixtures -----------------------------------------------------------
# Workflow models are written by their actions only (the guard refuses anything else). Fixtures
# use the actions as the system; where a test needs a state no door produces on its own (an
# analysis approved without its memo, a row removed), it writes it the way maintenance paths do:
# a queryset update, a raw delete or a bulk insert, none of which sends the guarded signals.
# The helpers for it are in tests/acting.py (acting, in_action, fixture_create).


def drop_analyses(agency):
    """Remove an agency's analyses (and their findings and narratives) as a maintenance path
    does: raw deletes."""
    from prongsai.analysis.models import Analysis, Finding, IssueNarrative

    for qs in (
        Finding.objects.filter(analysis__agency=agency),
        IssueNarrative.objects.filter(analysis__agency=agency),
        Analysis.objects.filter(agency=agency),
    ):
        qs._raw_delete(qs.db)
