"""Crash safety: a bulk ``prongsai import`` killed with SIGKILL midway leaves every document
all-or-nothing, and running the import again completes it without duplicates.

Runs on a scratch database of the suite's kind: a SQLite file, or, when the suite runs on
PostgreSQL (``DATABASE_URL=postgres://…``), a database named after it with ``_crash``."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import dj_database_url
import pytest

from tests.conftest import SEEDS

PLACES = {"000": "ท่ากระเสริม", "001": "ขามทะเลสอ", "002": "นาวังหิน", "003": "พนมทวน", "004": "ปากช่อง"}
KINDS = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล")
SUFFIXES = ["เหนือ", "ใต้", "ตะวันออก", "ตะวันตก", "กลาง"]


def documents(folder: Path) -> list[Path]:
    """The five seeds, each as five more agencies (another place name): 30 documents."""
    files = []
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for suffix in ["", *SUFFIXES]:
            place = PLACES[seed.name[:3]]
            variant = text
            for kind in KINDS:
                variant = variant.replace(kind + place, kind + place + suffix)
            path = folder / f"{seed.stem}{suffix}.txt"
            path.write_text(variant, encoding="utf-8")
            files.append(path)
    return files


@pytest.fixture
def scratch_db(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_crash"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prongsai(database_url: str, tmp_path: Path, *args: str, **kwargs):
    env = os.environ | {
        "DATABASE_URL": database_url,
        "PRONGSAI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "prongsai.settings",
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def run(database_url, tmp_path, *args) -> subprocess.CompletedProcess:
    process = prongsai(database_url, tmp_path, *args)
    out, err = process.communicate(timeout=600)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def state(database_url: str, tmp_path: Path) -> dict:
    """What is in the scratch database, read by a fresh process (nothing cached)."""
    script = """
import json, django
django.setup()
from prongsai.agencies.models import Agency
from prongsai.ingest.models import ImportedDocument
from prongsai.ingest.saving import plan_year
from prongsai.measures.models import Measure, MeasurePlan
docs = []
for d in ImportedDocument.objects.all():
    plan = MeasurePlan.objects.filter(agency=d.agency, fiscal_year=plan_year(d.result)).first()
    docs.append({
        "file": d.file_name, "status": d.status, "agency": d.agency.name if d.agency else None,
        "measures_read": len(d.result.get("measures") or []),
        "measures_saved": plan.measures.count() if plan else 0,
        "progress_saved": sum(r.progress.count() for r in plan.rounds.all()) if plan else 0,
    })
print(json.dumps({
    "documents": docs,
    "agencies": sorted(Agency.objects.values_list("name", flat=True)),
    "measures": Measure.objects.count(),
}, ensure_ascii=False))
"""
    process = prongsai(database_url, tmp_path, "shell", "-c", script)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def assert_all_or_nothing(snapshot: dict) -> None:
    names = set()
    for doc in snapshot["documents"]:
        assert doc["status"] == "saved", doc  # never staged without its data
        assert doc["measures_saved"] == doc["measures_read"], doc
        if not doc["file"].startswith("003"):  # progress reports: one row per measure
            assert doc["progress_saved"] == doc["measures_read"], doc
        names.add(doc["agency"])
    # no agency (nor anything else) left behind by a document that was not saved
    assert set(snapshot["agencies"]) == names
    assert snapshot["measures"] == sum(d["measures_saved"] for d in snapshot["documents"])


@pytest.mark.slow
def test_a_killed_bulk_import_leaves_whole_documents_and_finishes_on_rerun(tmp_path, scratch_db):
    files = [str(p) for p in documents(tmp_path)]
    assert run(scratch_db, tmp_path, "migrate", "--noinput").returncode == 0
    assert run(scratch_db, tmp_path, "criteria", "load").returncode == 0

    process = prongsai(scratch_db, tmp_path, "import", *files)
    saved_lines = 0
    for line in process.stdout:
        saved_lines += line.startswith("✓")
        if saved_lines == 3:
            os.kill(process.pid, signal.SIGKILL)  # in the middle of the fourth document
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    if scratch_db.startswith("sqlite"):
        db = sqlite3.connect(scratch_db.removeprefix("sqlite:///"))
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
    killed = state(scratch_db, tmp_path)
    assert 3 <= len(killed["documents"]) < len(files)  # it really stopped midway
    assert_all_or_nothing(killed)

    again = run(scratch_db, tmp_path, "import", *files)
    assert again.returncode == 0, again.stderr
    done = state(scratch_db, tmp_path)
    assert len(done["documents"]) == len(files)
    assert len(done["agencies"]) == len(files)  # each document its own agency, none twice
    assert_all_or_nothing(done)
    assert again.stdout.count("เคยนำเข้าแล้ว") == len(killed["documents"])

    third = run(scratch_db, tmp_path, "import", *files)
    assert third.returncode == 0 and state(scratch_db, tmp_path) == done  # nothing duplicated


@pytest.mark.slow
def test_an_sqlite_backup_taken_during_an_import_is_sound_and_whole(tmp_path):
    """``prongsai backup`` while another process imports: the copy is a consistent snapshot."""
    live = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    files = [str(p) for p in documents(tmp_path)]
    assert run(live, tmp_path, "migrate", "--noinput").returncode == 0
    assert run(live, tmp_path, "criteria", "load").returncode == 0
    importing = prongsai(live, tmp_path, "import", *files)
    for line in importing.stdout:
        if line.startswith("✓"):
            break
    copy = tmp_path / "during.backup"
    backup = run(live, tmp_path, "backup", str(copy))
    assert backup.returncode == 0, backup.stderr
    assert importing.poll() is None  # the import was still writing when the copy was taken
    importing.communicate(timeout=600)
    assert importing.returncode == 0

    with tarfile.open(copy) as archive:  # the database and the uploaded files, in one tar
        archive.extract("database.sqlite3", tmp_path / "during", filter="data")
    database = tmp_path / "during" / "database.sqlite3"
    db = sqlite3.connect(database)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    snapshot = state(f"sqlite:///{database}", tmp_path)
    assert 1 <= len(snapshot["documents"]) <= len(files)
    assert_all_or_nothing(snapshot)
