"""The daily schedules (prongsai/schedules.py) as django-celery-beat rows, editable in the
admin."""

from django.db import migrations

from prongsai.schedules import install_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("bulk", "0001_bulk_jobs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(install_in_migration, migrations.RunPython.noop)]
