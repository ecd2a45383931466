from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "prongsai.access"
    verbose_name = "สิทธิ์การใช้งาน"
    default_auto_field = "django.db.models.BigAutoField"
