"""docs/deploy.md, followed: two gunicorn servers (different loopback ports) and a Celery worker
on one PostgreSQL and one Redis, in production mode behind a (pretend) TLS proxy. A score
changed through one server is the new figure on the other's dashboard; the session of a login
on one works on the other; a bulk job started on one is followed on the other and its ZIP taken
there; the static files come from gunicorn through WhiteNoise, hashed and compressed."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/12"
pytestmark = [pytest.mark.worker, pytest.mark.xdist_group("worker")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """HTTP to one server as nginx would pass it on (X-Forwarded-Proto: https); cookies kept by
    hand (they are Secure: a plain-HTTP cookie jar would not send them)."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = cookies if cookies is not None else {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Accept-Language": "th",
            **(headers or {}),
        }
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        for key, value in resp.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return resp, data

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_form(self, path: str, fields: dict):
        token = self.cookies.get("csrftoken", "")
        return self.request(
            "POST",
            path,
            urlencode({**fields, "csrfmiddlewaretoken": token}).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://localhost{path}",
            },
        )


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    base = subprocess.run(
        [str(ROOT / "scripts/ensure-postgres.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    server = base.rsplit("/", 1)[0]
    name = f"prongsai_deploy_{uuid.uuid4().hex[:8]}"
    import psycopg
    import redis

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()
    tmp = tmp_path_factory.mktemp("deploy")
    env = {
        **os.environ,
        "DATABASE_URL": f"{server}/{name}",
        "PRONGSAI_ENV": "production",
        "PRONGSAI_SECRET_KEY": secrets.token_urlsafe(50),
        "PRONGSAI_ALLOWED_HOSTS": "localhost",
        "PRONGSAI_CSRF_TRUSTED_ORIGINS": "https://localhost",
        "PRONGSAI_BEHIND_PROXY": "1",
        "PRONGSAI_REDIS_URL": REDIS_URL,
        "PRONGSAI_DATA_DIR": str(tmp / "data"),
        "PRONGSAI_QUEUE_EAGER": "0",
        "DJANGO_SETTINGS_MODULE": "prongsai.settings",
    }
    env.pop("PRONGSAI_TESTS", None)
    procs: list[subprocess.Popen] = []

    def run(*args):
        done = subprocess.run(
            [sys.executable, "-m", "prongsai.cli", *args],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(args, log_name):
        log = (tmp / log_name).open("wb")
        proc = subprocess.Popen(
            args, env=env, cwd=tmp, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        procs.append(proc)
        return proc

    try:
        # the deploy steps of docs/deploy.md
        run("migrate", "--noinput", "-v0")
        run("collectstatic", "--noinput", "-v0")
        run("demo", "--national", "--agencies", "3", "--years", "2", "-v0")
        token = run("token", "demo").strip().split()[-1]
        ports = [_free_port(), _free_port()]
        for i, port in enumerate(ports):
            start(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "prongsai.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--access-logfile",
                    "-",
                ],
                f"web{i}.log",
            )
        start(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "prongsai.queue",
                "worker",
                "--pool",
                "solo",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            "worker.log",
        )
        for port in ports:
            _wait_port(port, procs)
        yield {"ports": ports, "token": token, "env": env, "tmp": tmp}
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        redis.Redis.from_url(REDIS_URL).flushdb()


def _wait_port(port: int, procs) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), "a server died at start"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}")


def _login(client: Client) -> None:
    client.get("/accounts/login/")
    resp, _ = client.post_form(
        "/accounts/login/", {"username": "demo", "password": "prongsai-demo"}
    )
    assert resp.status == 302, resp.status


def test_static_files_from_gunicorn_hashed_and_compressed(deployment):
    web = Client(deployment["ports"][0])
    resp, page = web.get("/accounts/login/")
    assert resp.status == 200
    css = re.search(rb'href="(/static/css/prongsai\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the hashed CSS"
    js = re.search(rb'src="(/static/vendor/htmx/[^"]+\.[0-9a-f]{12}\.js)"', page)
    assert js
    resp, body = web.get(css.group(1).decode(), headers={"Accept-Encoding": "gzip"})
    assert resp.status == 200
    assert resp.getheader("Content-Encoding") == "gzip"
    assert "immutable" in resp.getheader("Cache-Control")
    assert b"font-face" in gzip.decompress(body) or b"{" in gzip.decompress(body)
    resp, body = web.get(js.group(1).decode())
    assert resp.status == 200 and b"htmx" in body


def test_two_servers_share_sessions_scores_dashboards_and_jobs(deployment):
    a_port, b_port = deployment["ports"]
    a = Client(a_port)
    _login(a)
    b = Client(b_port, cookies=a.cookies)  # the session made on A, used on B
    resp, _ = b.get("/bulk/")
    assert resp.status == 200  # logged in on B without logging in there

    # an agency-year with scores and no analysis (scores behind an analysis are frozen)
    pk, year = _free_agency_year(deployment)
    # warm B's view of the dashboard (its cache) before the change
    resp, before = b.get(f"/dashboards/agency/{pk}/?year={year}")
    assert resp.status == 200
    # change the scores through A: every indicator 97.31, so the overall is 97.31
    payload = json.dumps({"indicator_scores": {str(i): "97.31" for i in range(1, 11)}})
    resp, body = a.request(
        "PUT",
        f"/api/agencies/{pk}/assessments/{year}/scores",
        payload.encode(),
        {"Authorization": f"Bearer {deployment['token']}", "Content-Type": "application/json"},
    )
    assert resp.status == 200, body[:500]
    assert b"97.31" not in before
    resp, after = b.get(f"/dashboards/agency/{pk}/?year={year}")
    assert resp.status == 200 and b"97.31" in after

    # a bulk job started on A, followed on B, its ZIP taken on B
    a.get("/bulk/")
    resp, _ = a.post_form("/bulk/", {"kind": "analysis", "year": "2569", "scope": "nation"})
    assert resp.status == 302, resp.status
    job_url = resp.getheader("Location")
    deadline = time.monotonic() + 90
    while True:
        resp, fragment = b.get(f"{job_url}progress/")
        assert resp.status == 200
        if b"/zip/" in fragment:
            break
        assert b'hx-trigger="every 2s"' in fragment  # the page keeps asking
        assert time.monotonic() < deadline, fragment.decode()
        time.sleep(0.5)
    assert re.search(rb"(\d+)/\1", fragment)  # n/n
    resp, data = b.get(f"{job_url}zip/")
    assert resp.status == 200 and data[:2] == b"PK"


def _free_agency_year(deployment) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(deployment["env"]["DATABASE_URL"]) as conn:
        row = conn.execute(
            "SELECT a.agency_id, a.fiscal_year FROM assessments_assessment a "
            "WHERE NOT EXISTS (SELECT 1 FROM analysis_analysis n WHERE n.assessment_id = a.id) "
            "ORDER BY a.fiscal_year DESC, a.agency_id LIMIT 1"
        ).fetchone()
    assert row, "the demo set has an assessment without an analysis"
    return row
