"""Login throttling, password validators, security headers, and the production settings
(``prongsai check --deploy`` run as a real subprocess with PRONGSAI_ENV=production)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

LOCKED = "เข้าสู่ระบบไม่สำเร็จเกิน 5 ครั้ง"


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("officer", password="Tr0ng-ITA-2568")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_five_failed_logins_lock_the_account_with_a_thai_message(client, officer, url):
    officer.is_staff = True
    officer.save()
    for _ in range(5):
        response = client.post(url, {"username": "officer", "password": "wrong"})
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = client.post(url, {"username": "officer", "password": "Tr0ng-ITA-2568"})
    assert LOCKED in response.content.decode()  # the right password too, while locked
    assert "_auth_user_id" not in client.session
    # another account from elsewhere is not affected
    get_user_model().objects.create_user("other", password="Tr0ng-ITA-2568")
    other = client.post(
        "/accounts/login/",
        {"username": "other", "password": "Tr0ng-ITA-2568"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_the_lock_expires_and_a_good_login_clears_the_count(client, officer, settings):
    from datetime import timedelta

    from django.utils import timezone

    from prongsai.audit.models import FailedLogin

    for _ in range(5):
        client.post("/accounts/login/", {"username": "officer", "password": "wrong"})
    FailedLogin.objects.update(at=timezone.now() - timedelta(minutes=16))
    ok = client.post("/accounts/login/", {"username": "officer", "password": "Tr0ng-ITA-2568"})
    assert ok.status_code == 302
    assert not FailedLogin.objects.filter(username="officer").exists()


@pytest.mark.django_db
def test_the_backend_refuses_a_locked_account_outside_the_forms(officer):
    from django.contrib.auth import authenticate

    for _ in range(5):
        assert authenticate(username="officer", password="wrong") is None
    assert authenticate(username="officer", password="Tr0ng-ITA-2568") is None


@pytest.mark.django_db
def test_passwords_go_through_djangos_validators(officer):
    for weak in ("12345678", "password", "officer1", "ก"):
        with pytest.raises(ValidationError):
            validate_password(weak, officer)
    validate_password("Tr0ng-ITA-2568", officer)


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp and "object-src 'none'" in csp and "'unsafe-inline'" not in csp
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def prongsai(*args, **env):
    # a clean environment: no PRONGSAI_* of the developer, nor the browser tests' async switch
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRONGSAI_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "prongsai.settings", **env}
    return subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = prongsai(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PRONGSAI_ENV="production",
        PRONGSAI_SECRET_KEY=secrets.token_urlsafe(60),
        PRONGSAI_ALLOWED_HOSTS="ita.example.go.th",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_or_hosts(tmp_path):
    no_secret = prongsai("check", PRONGSAI_ENV="production", PRONGSAI_ALLOWED_HOSTS="a.go.th")
    assert no_secret.returncode != 0 and "PRONGSAI_SECRET_KEY" in no_secret.stderr
    weak = prongsai(
        "check", PRONGSAI_ENV="production", PRONGSAI_SECRET_KEY="short", PRONGSAI_ALLOWED_HOSTS="x"
    )
    assert weak.returncode != 0 and "อย่างน้อย 50 ตัวอักษร" in weak.stderr
    no_hosts = prongsai(
        "check", PRONGSAI_ENV="production", PRONGSAI_SECRET_KEY=secrets.token_urlsafe(60)
    )
    assert no_hosts.returncode != 0 and "PRONGSAI_ALLOWED_HOSTS" in no_hosts.stderr
    # the development defaults fail the deploy check: production must be chosen explicitly
    dev = prongsai("check", "--deploy", "--fail-level", "WARNING")
    assert dev.returncode != 0


@pytest.mark.django_db
def test_behind_a_proxy_each_client_has_its_own_address_count(client, officer, settings):
    """Behind a reverse proxy every request comes from the proxy's address: the client's is the
    last X-Forwarded-For entry, so many people failing does not lock everybody out."""
    from prongsai.audit.models import FailedLogin

    settings.PRONGSAI_BEHIND_PROXY = True
    for n in range(3):
        client.post(
            "/accounts/login/",
            {"username": f"nobody{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, 203.0.113.{n}",
        )
    assert sorted(FailedLogin.objects.values_list("ip", flat=True)) == [
        "203.0.113.0",
        "203.0.113.1",
        "203.0.113.2",
    ]
    settings.PRONGSAI_BEHIND_PROXY = False  # not behind a proxy: the header is not trusted
    client.post(
        "/accounts/login/",
        {"username": "nobody", "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert FailedLogin.objects.filter(ip="10.0.0.1").count() == 1


@pytest.mark.django_db
def test_wrong_passwords_from_one_address_never_lock_out_the_owner_elsewhere(client, officer):
    """Five (or fifty) wrong passwords for someone's name from one machine: that machine waits,
    longer each time; the owner's correct password from their own address still works."""
    for _ in range(8):
        client.post(
            "/accounts/login/", {"username": "officer", "password": "wrong"}, REMOTE_ADDR="6.6.6.6"
        )
    attacker = client.post(
        "/accounts/login/",
        {"username": "officer", "password": "Tr0ng-ITA-2568"},
        REMOTE_ADDR="6.6.6.6",
    )
    assert LOCKED in attacker.text and "_auth_user_id" not in client.session
    owner = client.post(
        "/accounts/login/",
        {"username": "officer", "password": "Tr0ng-ITA-2568"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert owner.status_code == 302 and client.session["_auth_user_id"] == str(officer.pk)


@pytest.mark.django_db
def test_the_wait_doubles_with_each_further_failure(officer):
    from datetime import timedelta

    from django.utils import timezone

    from prongsai.audit.models import FailedLogin
    from prongsai.audit.throttle import lock_for

    def fail(n, minutes_ago):
        at = timezone.now() - timedelta(minutes=minutes_ago)
        for _ in range(n):
            FailedLogin.objects.create(username="officer", ip="6.6.6.6")
        FailedLogin.objects.filter(username="officer").update(at=at)

    fail(4, 0)
    assert lock_for("officer", "6.6.6.6") is None  # four: no wait yet
    FailedLogin.objects.all().delete()
    fail(5, 0)
    assert lock_for("officer", "6.6.6.6").minutes == 1
    fail(1, 0)
    assert lock_for("officer", "6.6.6.6").minutes == 2
    fail(1, 3)  # 7 failures, the last 3 minutes ago: 4 minutes' wait, 1 left
    assert lock_for("officer", "6.6.6.6").minutes == 1
    fail(10, 14)  # many: capped at the lockout window (15 minutes)
    assert lock_for("officer", "6.6.6.6").minutes == 1
    fail(0, 16)
    assert lock_for("officer", "6.6.6.6") is None
    assert lock_for("officer", "10.1.1.1") is None  # another address: never


@pytest.mark.django_db
def test_the_per_address_limit_names_no_account_and_spares_other_addresses(client, settings):
    settings.PRONGSAI_LOGIN_FAILURES_PER_IP = 12
    admin = get_user_model().objects.create_superuser("boss", password="Tr0ng-ITA-2568")
    for n in range(12):
        client.post(
            "/accounts/login/", {"username": f"guess{n}", "password": "x"}, REMOTE_ADDR="6.6.6.6"
        )
    refused = client.post(
        "/accounts/login/",
        {"username": "boss", "password": "Tr0ng-ITA-2568"},
        REMOTE_ADDR="6.6.6.6",
    )
    assert "จากเครือข่ายนี้มากเกินไป" in refused.text
    assert "boss" not in refused.text.split("<main>")[-1].split("<form")[0]  # no account named
    assert "_auth_user_id" not in client.session
    ok = client.post(
        "/accounts/login/",
        {"username": "boss", "password": "Tr0ng-ITA-2568"},
        REMOTE_ADDR="10.2.2.2",
    )
    assert ok.status_code == 302 and client.session["_auth_user_id"] == str(admin.pk)
