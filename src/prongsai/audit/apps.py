from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prongsai.audit"
    label = "audit"
    verbose_name = "ประวัติการแก้ไขและความปลอดภัย"

    def ready(self):
        from . import throttle  # noqa: F401 — connects the login signals
