"""The task tests run against a real broker and real workers: Redis on 127.0.0.1:6379 (a
database number of their own; ``scripts/ensure-redis.sh`` starts one) and ``celery -A
prongsai.queue worker`` subprocesses, on a database of their own that the subprocesses see — a
SQLite file, or a fresh PostgreSQL database on the server of ``DATABASE_URL`` in the PostgreSQL
pass — loaded by the real commands (migrate, criteria, a small national demo set).

Tests use it through the CLI, as an operator would, and read the rows with plain SQL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REDIS_URL = os.environ.get("PRONGSAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
ROOT = Path(__file__).resolve().parents[2]
AGENCIES = 4  # the national demo set's agencies: one document each, a few seconds in all
YEAR = 2568  # the demo set's analyses are of these results


class QueueSite:
    """A database, a data folder and a broker DB shared by the test and its subprocesses."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.env = {
            **os.environ,
            "PRONGSAI_DATA_DIR": str(tmp / "data"),
            "PRONGSAI_REDIS_URL": REDIS_URL,
            # a task a killed worker never acknowledged is handed on after 3 s (production: 1 h)
            "PRONGSAI_QUEUE_VISIBILITY_TIMEOUT": "3",
            "PRONGSAI_QUEUE_RESTORE_INTERVAL": "1",
            "PRONGSAI_QUEUE_EAGER": "0",
            "DJANGO_SETTINGS_MODULE": "prongsai.settings",
        }
        self.env.pop("PRONGSAI_TESTS", None)
        self.pg_name = None
        base = os.environ.get("DATABASE_URL", "")
        if base.startswith("postgres"):
            self.pg_base = base.rsplit("/", 1)[0]
            self.pg_name = f"prongsai_queue_{uuid.uuid4().hex[:8]}"
            self._pg_admin(f'CREATE DATABASE "{self.pg_name}"')
            self.env["DATABASE_URL"] = f"{self.pg_base}/{self.pg_name}"
        else:
            self.env.pop("DATABASE_URL", None)
        self.workers: list[subprocess.Popen] = []

    def _pg_admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.pg_base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def prongsai(self, *args, check=True, timeout=120) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "prongsai.cli", *args],
            env=self.env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"prongsai {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done

    def query(self, sql: str) -> list[tuple]:
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as conn:
                return conn.execute(sql).fetchall()
        conn = sqlite3.connect(self.tmp / "data" / "prongsai.sqlite3", timeout=20)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def start_worker(self, name: str) -> subprocess.Popen:
        """``celery -A prongsai.queue worker`` (one process, one task at a time), in its own
        process group; returns once it is ready to take tasks."""
        log = self.tmp / f"worker-{name}.log"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "prongsai.queue",
                "worker",
                "--pool",
                "solo",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            env=self.env,
            cwd=self.tmp,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers.append(proc)
        deadline = time.monotonic() + 60
        while b" ready." not in log.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"worker {name} did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        return proc

    def kill(self, proc: subprocess.Popen) -> None:
        """kill -9 the worker and everything it started (a machine lost mid-task)."""
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def stop_workers(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGQUIT)  # cold shutdown: the tests' workers are idle
        for proc in self.workers:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        self.workers.clear()

    def close(self) -> None:
        self.stop_workers()
        if self.pg_name:
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def _flush_broker() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture(scope="session")
def queue_site(tmp_path_factory):
    site = QueueSite(tmp_path_factory.mktemp("queue"))
    try:
        site.prongsai("migrate", "--noinput", "-v0", timeout=300)
        site.prongsai("demo", "--national", "--agencies", str(AGENCIES), "--years", "2", "-v0")
        yield site
    finally:
        site.close()


@pytest.fixture
def site(queue_site):
    """The shared site with an empty broker and no worker running (stopped after the test)."""
    _flush_broker()
    yield queue_site
    queue_site.stop_workers()
    _flush_broker()
