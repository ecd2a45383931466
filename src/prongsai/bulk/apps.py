from django.apps import AppConfig


class BulkConfig(AppConfig):
    name = "prongsai.bulk"
    label = "bulk"
    verbose_name = "งานเอกสารจำนวนมาก"

    def ready(self):
        from prongsai.core.actions import guard

        from .models import BulkJob

        # a job starts and finishes through bulk/actions.py; its parts are the tasks' bookkeeping
        # (queryset updates, see bulk/tasks.py)
        guard([BulkJob])
