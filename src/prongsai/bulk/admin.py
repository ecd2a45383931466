from django.contrib import admin

from .models import BulkJob, BulkPart


class PartInline(admin.TabularInline):
    model = BulkPart
    fields = ["agency", "status", "attempts", "builds", "message", "file"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(BulkJob)
class BulkJobAdmin(admin.ModelAdmin):
    """Read only: a job starts and finishes through its actions (bulk/actions.py)."""

    list_display = ["pk", "kind", "fiscal_year", "scope", "status", "total", "started_by_name"]
    list_filter = ["status", "kind", "scope"]
    inlines = [PartInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
