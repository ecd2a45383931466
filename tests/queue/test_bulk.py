"""Bulk documents through a real worker and broker: the CLI's report, and a worker killed with
``kill -9`` in the middle of a job, another started: the job completes, every agency's document
built once, nothing missing, nothing twice."""

from __future__ import annotations

import json
import time
import zipfile

import pytest

from .conftest import YEAR

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group("worker")]


def _expected(site) -> tuple[int, int]:
    """(agencies, agencies with an analysis of YEAR) in the site's database."""
    total = site.query("SELECT count(*) FROM agencies_agency")[0][0]
    with_analysis = site.query(
        f"SELECT count(DISTINCT agency_id) FROM analysis_analysis WHERE fiscal_year = {YEAR}"
    )[0][0]
    return total, with_analysis


def _parts(site, job: int) -> list[tuple]:
    return site.query(
        "SELECT agency_id, status, attempts, builds, file FROM bulk_bulkpart "
        f"WHERE job_id = {job} ORDER BY agency_id"
    )


def _check_zip(path, parts) -> None:
    built = [p for p in parts if p[1] == "built"]
    with zipfile.ZipFile(path) as zf:
        pdfs = [n for n in zf.namelist() if n.endswith(".pdf")]
        assert len(pdfs) == len(set(pdfs)) == len(built)  # one file per built agency
        assert sorted(int(n.split("_", 1)[0]) for n in pdfs) == [p[0] for p in built]
        for name in pdfs:
            assert zf.read(name).startswith(b"%PDF-")
        if len(built) < len(parts):
            listed = zf.read("ไม่มีเอกสาร.txt").decode()
            assert "ไม่มีข้อมูล" in listed


def test_report_through_a_worker(site, tmp_path):
    site.start_worker("w1")
    out = tmp_path / "nation.zip"
    done = site.prongsai(
        "bulk",
        "report",
        "analysis",
        "--nation",
        "--year",
        str(YEAR),
        "-o",
        str(out),
        "--wait",
        "--timeout",
        "120",
    )
    total, with_analysis = _expected(site)
    assert f"สร้างแล้ว {with_analysis} " in done.stderr
    job = site.query("SELECT max(id) FROM bulk_bulkjob")[0][0]
    parts = _parts(site, job)
    assert len(parts) == total
    assert sum(p[1] == "built" for p in parts) == with_analysis > 0
    assert all(p[3] <= 1 for p in parts)
    _check_zip(out, parts)
    status = json.loads(site.prongsai("bulk", "status", str(job), "--json").stdout)
    assert status["status"] == "done" and status["finished"] == total
    # the job's start and finish are actions: one Event each
    events = site.query(
        "SELECT action FROM core_event WHERE action LIKE 'bulk.%' "
        f"AND object_id = {job} ORDER BY id"
    )
    assert [e[0] for e in events] == ["bulk.start", "bulk.finish"]


def test_no_wait_then_rerun_builds_nothing_again(site, tmp_path):
    started = site.prongsai(
        "bulk", "report", "analysis", "--nation", "--year", str(YEAR), "--no-wait"
    )
    job = int(started.stdout.strip())
    # nothing runs without a worker: the job waits in the broker
    time.sleep(1)
    assert site.query(f"SELECT status FROM bulk_bulkjob WHERE id = {job}") == [("running",)]
    site.start_worker("w1")
    _wait_done(site, job)
    before = _parts(site, job)
    # the same tasks sent again (a re-run, a redelivery): nothing is built a second time
    site.prongsai(
        "shell",
        "-c",
        "from prongsai.bulk.models import BulkPart\n"
        "from prongsai.bulk.tasks import build_part, run_job\n"
        f"run_job.delay({job})\n"
        f"for pk in BulkPart.objects.filter(job={job}).values_list('pk', flat=True):\n"
        "    build_part.delay(pk)\n",
    )
    time.sleep(3)
    assert _parts(site, job) == before


def _wait_done(site, job: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while site.query(f"SELECT status FROM bulk_bulkjob WHERE id = {job}") != [("done",)]:
        assert time.monotonic() < deadline, f"job {job} not done: {_parts(site, job)}"
        time.sleep(0.2)


def test_kill_9_mid_job_another_worker_finishes_it(site, tmp_path):
    started = site.prongsai(
        "bulk", "report", "analysis", "--nation", "--year", str(YEAR), "--no-wait"
    )
    job = int(started.stdout.strip())
    first = site.start_worker("w1")
    # wait until the worker is in the middle of a part: one built, another begun and not built
    deadline = time.monotonic() + 60
    while True:
        parts = _parts(site, job)
        built = sum(p[1] == "built" for p in parts)
        in_flight = [p for p in parts if p[1] == "pending" and p[2] >= 1]
        if built >= 1 and in_flight:
            break
        assert time.monotonic() < deadline, parts
        time.sleep(0.05)
    site.kill(first)
    lost = in_flight[0][0]
    assert site.query(f"SELECT status FROM bulk_bulkjob WHERE id = {job}") == [("running",)]
    site.start_worker("w2")
    _wait_done(site, job)
    parts = _parts(site, job)
    total, with_analysis = _expected(site)
    assert len(parts) == total
    assert all(p[1] != "pending" for p in parts)  # nothing missing
    assert sum(p[1] == "built" for p in parts) == with_analysis
    assert all(p[3] <= 1 for p in parts)  # nothing built twice
    lost_part = next(p for p in parts if p[0] == lost)
    assert lost_part[2] >= 2  # the killed worker's task was taken again, by the second worker
    out = tmp_path / "out.zip"
    site.prongsai("bulk", "fetch", str(job), "-o", str(out))
    _check_zip(out, parts)
