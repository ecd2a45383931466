"""``prongsai backup FILE``: a consistent copy of the whole database and the uploaded files,
while the app runs."""

from django.core.management.base import BaseCommand, CommandError

from prongsai.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup, or pg_dump for PostgreSQL) and the "
        "uploaded files to FILE, one tar file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        try:
            vendor = backup(file, using=database)
        except BackupError as exc:
            raise CommandError(exc.message_th) from None
        self.stdout.write(f"สำรองฐานข้อมูล ({vendor}) และไฟล์หลักฐานไว้ที่ {file} แล้ว")
