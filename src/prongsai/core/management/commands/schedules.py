"""``prongsai schedules [--install]``: list the scheduled tasks (django-celery-beat), and put
back the default ones that are missing."""

from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from prongsai.schedules import install


class Command(BaseCommand):
    help = "แสดงงานตามกำหนดเวลา (--install: สร้างงานเริ่มต้นที่ยังไม่มี)"

    def add_arguments(self, parser):
        parser.add_argument("--install", action="store_true")

    def handle(self, *args, **options):
        if options["install"]:
            n = install(CrontabSchedule, PeriodicTask)
            self.stdout.write(f"สร้างงานตามกำหนดเวลาใหม่ {n} รายการ")
        for task in PeriodicTask.objects.select_related("crontab").order_by("name"):
            state = "เปิด" if task.enabled else "ปิด"
            self.stdout.write(f"{task.name}\t{task.task}\t{task.crontab}\t{state}")
