"""Backup and restore of the whole database and the uploaded files, while the app runs.

A backup is one tar file: ``database.sqlite3`` or ``database.pgdump`` and, under ``media/``,
every uploaded file (evidence of the progress rounds). A bare database file (what ``prongsai
backup`` wrote before the files were included) is still accepted by ``restore``.

SQLite: SQLite's online backup API copies a consistent snapshot page by page even while other
processes write (WAL mode), and restores the same way into the live file. PostgreSQL: pg_dump's
custom format (a consistent snapshot of a running database) and pg_restore --clean in one
transaction. The client tools (Debian ``postgresql-client``) must be at least the server's
major version.

A restore never takes back what the public has seen or rolls the dashboards back: it refuses a
backup that lacks a publication made since (a published URL never disappears nor changes), and
it leaves the dashboards' roll-up version above both the live and the restored one, so no
cached roll-up of either survives it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(RuntimeError):
    def __init__(self, message_th: str):
        self.message_th = message_th
        super().__init__(message_th)


def backup(path: Path, using: str = "default") -> str:
    """Write a backup of the database and the uploaded files to ``path`` (a tar file, replaced
    only once complete)."""
    connection = connections[using]
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".prongsai-backup-") as work:
        database = Path(work) / MEMBERS.get(connection.vendor, "database")
        _dump_database(database, connection)
        with tarfile.open(partial, "w") as archive:
            archive.add(database, arcname=database.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
    os.replace(partial, path)
    return connection.vendor


def _dump_database(target: Path, connection) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target)],
            connection,
        )
    else:
        raise BackupError(
            f"ยังสำรองฐานข้อมูลชนิด {connection.vendor} ไม่ได้ (รองรับ SQLite และ PostgreSQL)"
        )


def restore(path: Path, using: str = "default") -> str:
    """Replace the database's content with the backup at ``path`` and put its uploaded files
    back (files uploaded since stay where they are: nothing is deleted). Refused, nothing
    changed, when the backup lacks a publication the live database has."""
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"ไม่พบไฟล์สำรอง {path}")
    version = _rollup_version(connection)
    if not tarfile.is_tarfile(path):
        _keeps_publications(path, connection)
        _restore_database(path, connection)  # a bare database file
        _roll_forward(connection, version)
        return connection.vendor
    with tarfile.open(path) as archive, tempfile.TemporaryDirectory() as work:
        member = MEMBERS.get(connection.vendor, "database")
        try:
            archive.extract(member, work, filter="data")
        except KeyError:
            raise BackupError(
                f"ไฟล์สำรอง {path} ไม่มีฐานข้อมูลชนิด {connection.vendor} (สำรองมาจากฐานข้อมูลอีกชนิดหนึ่ง)"
            ) from None
        _keeps_publications(Path(work) / member, connection)
        _restore_database(Path(work) / member, connection)
        _roll_forward(connection, version)
        media = [m for m in archive.getmembers() if m.name.startswith("media/")]
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        for item in media:
            item.name = item.name.removeprefix("media/")
            archive.extract(item, root, filter="data")
    return connection.vendor


PUBLICATION_TABLE = "documents_publication"
PUBLICATION_KEY = ("agency_id", "fiscal_year", "kind", "round", "version", "content_hash")


def _live_publications(connection) -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        if PUBLICATION_TABLE not in connection.introspection.table_names(cursor):
            return set()
        cursor.execute(f"SELECT {', '.join(PUBLICATION_KEY)} FROM {PUBLICATION_TABLE}")
        return {tuple(str(v) for v in row) for row in cursor.fetchall()}


def _backup_publications(path: Path, vendor: str) -> set[tuple[str, ...]]:
    """The publications a backup file holds, read without restoring it."""
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = source.execute(f"SELECT {', '.join(PUBLICATION_KEY)} FROM {PUBLICATION_TABLE}")
            return {tuple(str(v) for v in row) for row in rows.fetchall()}
        except sqlite3.DatabaseError:
            return set()  # no such table (a backup from before documents), or not SQLite
        finally:
            source.close()
    if vendor == "postgresql" and shutil.which("pg_restore"):
        # the table's COPY block, written to stdout without touching any database
        command = [
            "pg_restore",
            "--data-only",
            f"--table={PUBLICATION_TABLE}",
            "-f",
            "-",
            str(path),
        ]
        result = subprocess.run(command, capture_output=True)
        lines = iter(result.stdout.decode(errors="replace").splitlines())
        found: set[tuple[str, ...]] = set()
        for line in lines:
            if line.startswith("COPY ") and f"{PUBLICATION_TABLE} (" in line:
                columns = [c.strip() for c in line.split("(", 1)[1].split(")", 1)[0].split(",")]
                index = [columns.index(c) for c in PUBLICATION_KEY]
                for row in lines:
                    if row == "\\.":
                        break
                    values = row.split("\t")
                    found.add(tuple(values[i] for i in index))
        return found
    return set()


def _keeps_publications(path: Path, connection) -> None:
    """Refuse (nothing changed) a backup that would take back a publication made since."""
    live = _live_publications(connection)
    if not live:
        return
    lost = sorted(live - _backup_publications(path, connection.vendor))
    if not lost:
        return
    listed = ", ".join(
        f"หน่วยงาน {agency} ปี {year} {kind}{'-' + round_ if round_ else ''} ฉบับที่ {version}"
        for agency, year, kind, round_, version, _hash in lost[:5]
    )
    more = f" และอีก {len(lost) - 5} ฉบับ" if len(lost) > 5 else ""
    raise BackupError(
        f"ไม่กู้คืน: ไฟล์สำรอง {path.name} ไม่มีเอกสารที่เผยแพร่แล้ว {len(lost)} ฉบับ ({listed}{more}) "
        "ถ้ากู้คืน ลิงก์ถาวรของเอกสารเหล่านี้จะหายหรือเปลี่ยนไป "
        "ใช้ไฟล์สำรองที่ทำหลังการเผยแพร่ครั้งล่าสุด (ข้อมูลปัจจุบันยังไม่ถูกเปลี่ยน)"
    )


ROLLUP_TABLE = "dashboards_rollupversion"


def _rollup_version(connection) -> int:
    with connection.cursor() as cursor:
        if ROLLUP_TABLE not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute(f"SELECT MAX(version) FROM {ROLLUP_TABLE}")
        return cursor.fetchone()[0] or 0


def _roll_forward(connection, before: int) -> None:
    """The dashboards' roll-up version after a restore: above the live one before it and the
    restored one, so cached roll-ups of neither are served (they hold other numbers)."""
    from prongsai.dashboards.models import RollupVersion

    version = max(before, _rollup_version(connection)) + 1
    RollupVersion.objects.using(connection.alias).update_or_create(
        pk=1, defaults={"version": version}
    )


def _restore_database(path: Path, connection) -> None:
    if connection.vendor == "sqlite":
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{path} ไม่ใช่ไฟล์สำรองของ SQLite")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"ไฟล์สำรอง {path} เสียหาย (integrity_check ไม่ผ่าน)")
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        with path.open("rb") as f:
            if f.read(5) != b"PGDMP":
                raise BackupError(f"{path} ไม่ใช่ไฟล์สำรองของ pg_dump (รูปแบบ custom)")
        connection.close()
        options = ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
        options += ["--single-transaction", "--exit-on-error"]
        _run(
            ["pg_restore", *options, "-d", connection.settings_dict["NAME"], str(path)], connection
        )
    else:
        raise BackupError(f"ยังกู้คืนฐานข้อมูลชนิด {connection.vendor} ไม่ได้")


def _run(command: list[str], connection) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"ไม่พบคำสั่ง {command[0]} — ติดตั้งแพ็กเกจ postgresql-client (scripts/setup.sh ติดตั้งให้)"
        )
    s = connection.settings_dict
    env = os.environ | {
        "PGHOST": str(s.get("HOST") or ""),
        "PGPORT": str(s.get("PORT") or ""),
        "PGUSER": str(s.get("USER") or ""),
        "PGPASSWORD": str(s.get("PASSWORD") or ""),
        "PGDATABASE": str(s.get("NAME") or ""),
    }
    env = {k: v for k, v in env.items() if v != "" or not k.startswith("PG")}
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} ไม่สำเร็จ: {result.stderr.strip()[-2000:]}")
