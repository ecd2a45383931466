"""``prongsai backup`` / ``prongsai restore``: a round trip that compares every table's rows, on
whichever database the suite runs (SQLite, then PostgreSQL in ``make test``)."""

import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from prongsai.measures.models import Measure
from tests.acting import acting


def every_table() -> dict[str, list[tuple]]:
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_gives_back_every_row_of_every_table(tmp_path, settings):
    from prongsai.criteria.services import load_all
    from prongsai.demo.services import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    load_all()
    load_demo()
    evidence = tmp_path / "media" / "evidence" / "2569" / "a1b2c3.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4\n% \xe0\xb8\xab\xe0\xb8\xa5\xe0\xb8\xb1\xe0\xb8\x81\n")
    original = evidence.read_bytes()
    measure = Measure.objects.order_by("pk").first()
    measure.title = "แก้ไขก่อนสำรอง"
    with acting():
        measure.save()  # a history row too
    before = every_table()
    assert sum(len(rows) for rows in before.values()) > 1000
    assert before["audit_historicalmeasure"] and before["measures_measure"]

    file = tmp_path / "prongsai.backup"
    call_command("backup", str(file))
    assert file.stat().st_size > 0
    assert tarfile.is_tarfile(file)

    # after the backup: changes, additions and deletions that the restore must undo
    Measure.objects.filter(pk=measure.pk).update(title="หลังสำรอง")
    with acting():
        Measure.objects.exclude(pk=measure.pk).first().delete()
    from prongsai.audit.models import FailedLogin

    FailedLogin.objects.create(username="after-backup")
    assert every_table() != before
    evidence.unlink()  # an uploaded file lost after the backup
    later = tmp_path / "media" / "evidence" / "2569" / "later.png"
    later.write_bytes(b"uploaded after the backup")

    call_command("restore", str(file), "--yes")
    after = every_table()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert evidence.read_bytes() == original  # the file is back
    assert later.exists()  # and nothing uploaded since is deleted


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bare_database_file_from_before_is_still_restored(tmp_path):
    """Backups made before the uploaded files were included were the database file alone."""
    from prongsai.audit.backup import MEMBERS
    from prongsai.audit.models import FailedLogin

    FailedLogin.objects.create(username="before-backup")
    file = tmp_path / "prongsai.backup"
    call_command("backup", str(file))
    with tarfile.open(file) as archive:
        archive.extractall(tmp_path / "out", filter="data")
    bare = tmp_path / "out" / MEMBERS[connection.vendor]
    FailedLogin.objects.all().delete()
    call_command("restore", str(bare), "--yes")
    assert FailedLogin.objects.filter(username="before-backup").exists()


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("ไม่ใช่ไฟล์สำรอง")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรอง"):
        call_command("restore", str(bogus), "--yes")
    with pytest.raises(CommandError, match="ไม่พบไฟล์สำรอง"):
        call_command("restore", str(tmp_path / "missing"), "--yes")
