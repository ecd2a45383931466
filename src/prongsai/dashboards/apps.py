from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "prongsai.dashboards"
    label = "dashboards"
    verbose_name = "แดชบอร์ดและภาพรวม"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the summary refresh)
