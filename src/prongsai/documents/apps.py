from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "prongsai.documents"
    label = "documents"
    verbose_name = "เอกสารทางราชการ"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # before Pango first breaks Thai in this process (see thai_dictionary)
        from django.conf import settings

        from .thai_dictionary import install

        install(settings.DATA_DIR)

        # a publication is written by documents.actions.document_publish only
        from prongsai.core.actions import guard

        from .models import Publication

        guard([Publication])
