"""``prongsai remind``: tell the editors of each agency what is due within 7 days or overdue
(once per step; run it daily — a scheduled job later)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from prongsai.work.reminders import remind


class Command(BaseCommand):
    help = "เตือนผู้จัดทำข้อมูลถึงขั้นตอนที่ใกล้ถึงกำหนด (ภายใน ๗ วัน) และเลยกำหนด"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="วันที่ที่ถือเป็นวันนี้ (ค.ศ. YYYY-MM-DD) ค่าเริ่มต้นคือวันนี้")
        parser.add_argument("--dry-run", action="store_true", help="นับอย่างเดียว ไม่ส่ง")

    def handle(self, *args, date: str | None = None, dry_run: bool = False, **options):
        today = timezone.localdate()
        if date:
            try:
                today = _parse(date)
            except ValueError:
                raise CommandError(
                    f"วันที่ “{date}” ไม่ถูกต้อง ใช้รูปแบบ YYYY-MM-DD (ค.ศ.) เช่น 2026-09-25"
                ) from None
        sent = remind(today, dry_run=dry_run)
        verb = "จะส่ง" if dry_run else "ส่ง"
        self.stdout.write(
            f"{sent.agencies} หน่วยงานมี {sent.due} ขั้นตอนที่ใกล้ถึงกำหนดหรือเลยกำหนด · "
            f"{verb}การแจ้งเตือนใหม่ {sent.notifications} รายการ"
        )


def _parse(text: str):
    return date.fromisoformat(text)
