"""``prongsai backup`` / ``prongsai restore``: a round trip that compares every table's rows, on
whichever database the suite runs (SQLite, then PostgreSQL in ``make test``)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from prongsai.measures.models import Measure


def every_table() -> dict[str, list[tuple]]:
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_gives_back_every_row_of_every_table(tmp_path):
    from prongsai.criteria.services import load_all
    from prongsai.demo.services import load_demo

    load_all()
    load_demo()
    measure = Measure.objects.order_by("pk").first()
    measure.title = "แก้ไขก่อนสำรอง"
    measure.save()  # a history row too
    before = every_table()
    assert sum(len(rows) for rows in before.values()) > 1000
    assert before["audit_historicalmeasure"] and before["measures_measure"]

    file = tmp_path / "prongsai.backup"
    call_command("backup", str(file))
    assert file.stat().st_size > 0

    # after the backup: changes, additions and deletions that the restore must undo
    Measure.objects.filter(pk=measure.pk).update(title="หลังสำรอง")
    Measure.objects.exclude(pk=measure.pk).first().delete()
    from prongsai.audit.models import FailedLogin

    FailedLogin.objects.create(username="after-backup")
    assert every_table() != before

    call_command("restore", str(file), "--yes")
    after = every_table()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("ไม่ใช่ไฟล์สำรอง")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรอง"):
        call_command("restore", str(bogus), "--yes")
    with pytest.raises(CommandError, match="ไม่พบไฟล์สำรอง"):
        call_command("restore", str(tmp_path / "missing"), "--yes")
