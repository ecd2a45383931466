"""The daily recomputation of the families and effects as a django-celery-beat row (the
schedules of prongsai/schedules.py that are missing; an edited one is left alone)."""

from django.db import migrations

from prongsai.schedules import install_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("suggestions", "0001_families_and_effects"),
        ("bulk", "0002_schedules"),
    ]
    operations = [migrations.RunPython(install_in_migration, migrations.RunPython.noop)]
