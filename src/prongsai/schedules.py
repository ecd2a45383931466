"""The schedule of the work nobody should have to type: rows of django-celery-beat (editable in
the admin, "Periodic tasks"), put there by a migration (bulk 0002) and by ``prongsai
schedules``. Times are Asia/Bangkok. Celery beat (``celery -A prongsai.queue beat``) reads them
from the database and sends each task when due; a worker runs it."""

from __future__ import annotations

import json

# name: (task, crontab minute, hour, kwargs, description)
SCHEDULES = {
    "รีเฟรชแดชบอร์ดประจำวัน": ("dashboards.refresh", "30", "1", {}, "prongsai dashboards refresh"),
    "ตรวจลิงก์หลักฐาน OIT": ("oit.check_links", "0", "2", {}, "prongsai oit check-links"),
    "สำรองข้อมูลประจำวัน": ("audit.backup", "0", "3", {"keep": 14}, "backup, keep 14"),
    "เตือนกำหนดส่งงานประจำวัน": ("work.remind", "0", "7", {}, "prongsai remind"),
    "คำนวณมาตรการที่ได้ผลที่อื่น": (
        "suggestions.refresh",
        "0",
        "4",
        {},
        "prongsai suggestions refresh",
    ),
}


def install(CrontabSchedule, PeriodicTask) -> int:
    """Create the schedules that are missing (an edited one is left as the admin left it);
    returns how many were created. Takes the models, so a migration can pass its own."""
    created = 0
    for name, (task, minute, hour, kwargs, description) in SCHEDULES.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Bangkok",
        )
        PeriodicTask.objects.create(
            name=name,
            task=task,
            crontab=crontab,
            kwargs=json.dumps(kwargs),
            description=description,
        )
        created += 1
    return created


def install_in_migration(apps, schema_editor) -> None:
    """A migration's RunPython: the missing schedules, with the migration's own models."""
    install(
        apps.get_model("django_celery_beat", "CrontabSchedule"),
        apps.get_model("django_celery_beat", "PeriodicTask"),
    )
