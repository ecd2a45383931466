"""Bulk documents through 1 worker and through 2: documents/s for each and the speedup, with a
real broker (Redis) and real ``celery`` worker processes on a SQLite file database loaded with
the national demo set; then once more with 2 workers, one of them killed (``kill -9``) midway
and a fresh one started: the benchmark checks that the job still finishes with every document,
none built twice.

    uv run python -m bench.bulk [--quick] [--agencies N]

Each worker first renders a warm-up job (its first PDF loads the fonts and the Thai word list,
a few seconds), so the figures are of steady work. One JSON line, also in
bench/results/bulk.json."""

from __future__ import annotations

import argparse
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

from tests.queue.conftest import QueueSite

from bench.common import report

REDIS_URL = "redis://127.0.0.1:6379/11"
YEAR = 2568


def _flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def _start_job(site: QueueSite, kind: str, year: int) -> int:
    done = site.prongsai("bulk", "report", kind, "--nation", "--year", str(year), "--no-wait")
    return int(done.stdout.strip())


def _status(site: QueueSite, job: int) -> str:
    return site.query(f"SELECT status FROM bulk_bulkjob WHERE id = {job}")[0][0]


def _parts(site: QueueSite, job: int) -> list[tuple]:
    return site.query(
        f"SELECT id, status, attempts, builds FROM bulk_bulkpart WHERE job_id = {job}"
    )


def _wait(site: QueueSite, job: int, timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while _status(site, job) != "done":
        if time.monotonic() > deadline:
            raise SystemExit(f"job {job} not done in {timeout}s")
        time.sleep(0.1)


def _run(site: QueueSite, workers: int) -> dict:
    site.stop_workers()
    _flush()
    for n in range(workers):
        site.start_worker(f"w{n}")
    _wait(site, _start_job(site, "plan", YEAR + 1))  # warm-up: every worker renders PDFs
    job = _start_job(site, "analysis", YEAR)
    _wait(site, job)
    built = sum(p[1] == "built" for p in _parts(site, job))
    # from the job's start (its row, committed by the CLI) to its finish (the ZIP's action):
    # the workers' time, not the CLI's start-up
    started, finished = (
        datetime.fromisoformat(str(v))
        for v in site.query(f"SELECT started_at, finished_at FROM bulk_bulkjob WHERE id = {job}")[0]
    )
    seconds = (finished - started).total_seconds()
    return {"docs": built, "seconds": round(seconds, 2), "docs_per_s": round(built / seconds, 2)}


def _kill_check(site: QueueSite) -> dict:
    site.stop_workers()
    _flush()
    first = site.start_worker("k1")
    site.start_worker("k2")
    job = _start_job(site, "analysis", YEAR)
    parts = _parts(site, job)
    while sum(p[1] != "pending" for p in parts) < len(parts) // 3:
        time.sleep(0.05)
        parts = _parts(site, job)
    site.kill(first)
    site.start_worker("k3")
    _wait(site, job)
    parts = _parts(site, job)
    out = Path(site.tmp) / "kill.zip"
    site.prongsai("bulk", "fetch", str(job), "-o", str(out))
    with zipfile.ZipFile(out) as zf:
        pdfs = [n for n in zf.namelist() if n.endswith(".pdf")]
    built = sum(p[1] == "built" for p in parts)
    missing = sum(p[1] == "pending" for p in parts)
    twice = sum(p[3] > 1 for p in parts)
    return {
        "parts": len(parts),
        "built": built,
        "missing": missing,
        "built_twice": twice,
        "zip_pdfs": len(pdfs),
        "retaken": sum(p[2] > 1 for p in parts),
        "ok": missing == 0 and twice == 0 and len(pdfs) == len(set(pdfs)) == built,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer agencies (a short run)")
    parser.add_argument("--agencies", type=int, help="agencies of the national demo set")
    args = parser.parse_args()
    agencies = args.agencies or (16 if args.quick else 60)
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-bulk-") as tmp:
        site = QueueSite(Path(tmp))
        site.env["PRONGSAI_REDIS_URL"] = REDIS_URL
        site.env["PRONGSAI_QUEUE_VISIBILITY_TIMEOUT"] = "30"  # longer than any one document
        site.env["PRONGSAI_LOG_LEVEL"] = "WARNING"
        try:
            site.prongsai("migrate", "--noinput", "-v0", timeout=600)
            site.prongsai("demo", "--national", "--agencies", str(agencies), "--years", "2", "-v0")
            one = _run(site, 1)
            two = _run(site, 2)
            killed = _kill_check(site)
        finally:
            site.close()
            _flush()
    report(
        "bulk",
        {
            "broker": REDIS_URL.split("://", 1)[0],
            "database": "sqlite",
            "agencies": agencies,
            "workers": {"1": one, "2": two},
            "speedup": round(two["docs_per_s"] / one["docs_per_s"], 2),
            "kill_9": killed,
        },
    )


if __name__ == "__main__":
    main()
