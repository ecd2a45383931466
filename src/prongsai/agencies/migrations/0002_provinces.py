"""The 77 provinces, from data/provinces.csv. Updates names in place when the file changes."""

from django.db import migrations


def load_provinces(apps, schema_editor):
    from prongsai.agencies.names import provinces

    Province = apps.get_model("agencies", "Province")
    for p in provinces():
        Province.objects.update_or_create(code=p.code, defaults={"name_th": p.name_th, "name_en": p.name_en})


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, migrations.RunPython.noop)]
