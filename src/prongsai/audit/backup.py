"""Backup and restore of the whole database, while the app runs.

SQLite: SQLite's online backup API copies a consistent snapshot page by page even while other
processes write (WAL mode), and restores the same way into the live file. PostgreSQL: pg_dump's
custom format (a consistent snapshot of a running database) and pg_restore --clean in one
transaction. The client tools (Debian ``postgresql-client``) must be at least the server's
major version.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(RuntimeError):
    def __init__(self, message_th: str):
        self.message_th = message_th
        super().__init__(message_th)


def backup(path: Path, using: str = "default") -> str:
    """Write a backup of the database to ``path`` (replaced only once complete)."""
    connection = connections[using]
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(partial)],
            connection,
        )
    else:
        raise BackupError(
            f"ยังสำรองฐานข้อมูลชนิด {connection.vendor} ไม่ได้ (รองรับ SQLite และ PostgreSQL)"
        )
    os.replace(partial, path)
    return connection.vendor


def restore(path: Path, using: str = "default") -> str:
    """Replace the database's content with the backup at ``path``."""
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"ไม่พบไฟล์สำรอง {path}")
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
    return connection.vendor


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
