"""The daily schedules (prongsai/schedules.py) as django-celery-beat rows, editable in the
admin."""

from django.db import migrations


def forwards(apps, schema_editor):
    from prongsai.schedules import install

    install(
        apps.get_model("django_celery_beat", "CrontabSchedule"),
        apps.get_model("django_celery_beat", "PeriodicTask"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bulk", "0001_bulk_jobs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
