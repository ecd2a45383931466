"""The starting recommendation library, from data/recommendations.yaml (added once)."""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "recommendations.yaml"


def load(apps, schema_editor):
    RecommendationText = apps.get_model("analysis", "RecommendationText")
    if RecommendationText.objects.exists():
        return
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    RecommendationText.objects.bulk_create(
        RecommendationText(
            issue_number=row["issue"], tool=row["tool"] or "", verdict=row["verdict"], text=row["text"]
        )
        for row in rows
    )


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
