"""``prongsai restore FILE``: replace the database's content with a backup."""

from django.core.management.base import BaseCommand, CommandError

from prongsai.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database from FILE made by `prongsai backup` (replaces what is there)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, database, yes, **options):
        if not yes:
            try:
                answer = input("ข้อมูลปัจจุบันทั้งหมดจะถูกแทนที่ด้วยข้อมูลในไฟล์สำรอง พิมพ์ yes เพื่อยืนยัน: ")
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("ยกเลิกการกู้คืน")
        try:
            vendor = restore(file, using=database)
        except BackupError as exc:
            raise CommandError(exc.message_th) from None
        self.stdout.write(f"กู้คืนฐานข้อมูล ({vendor}) และไฟล์หลักฐานจาก {file} แล้ว")
