from django.contrib import admin

from prongsai.core.action_admin import ActionAdmin

from .models import ImportedDocument


@admin.register(ImportedDocument)
class ImportedDocumentAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["file_name", "kind", "agency", "fiscal_year", "status", "created_at"]
    list_filter = ["kind", "status", "fiscal_year"]
    search_fields = ["file_name", "agency__name", "content_hash"]
    list_select_related = ["agency"]
    readonly_fields = ["content_hash", "size", "created_at", "saved_at"]
