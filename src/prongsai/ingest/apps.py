from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "prongsai.ingest"
    label = "ingest"
    verbose_name = "นำเข้าเอกสาร"
