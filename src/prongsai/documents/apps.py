from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "prongsai.documents"
    label = "documents"
    verbose_name = "เอกสารทางราชการ"
    default_auto_field = "django.db.models.BigAutoField"
