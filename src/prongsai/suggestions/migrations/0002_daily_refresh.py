"""The daily recomputation of the families and effects as a django-celery-beat row (the
schedules of prongsai/schedules.py that are missing; an edited one is left alone)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from prongsai.schedules import install

    install(
        apps.get_model("django_celery_beat", "CrontabSchedule"),
        apps.get_model("django_celery_beat", "PeriodicTask"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("suggestions", "0001_families_and_effects"),
        ("bulk", "0002_schedules"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
