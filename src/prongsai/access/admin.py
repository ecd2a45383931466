from django.contrib import admin

from prongsai.core.action_admin import ActionAdmin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["user", "role", "agency", "province", "department", "created_at"]
    list_filter = ["role", "province"]
    search_fields = ["user__username", "agency__name"]
    list_select_related = ["user", "agency", "province", "department"]
    autocomplete_fields = ["user", "agency", "province", "department"]
