from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "prongsai.ingest"
    label = "ingest"
    verbose_name = "นำเข้าเอกสาร"

    def ready(self) -> None:
        from prongsai.core.actions import guard

        from .models import ImportedDocument

        guard([ImportedDocument])  # import_read / import_save only
