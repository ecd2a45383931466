from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "province", "department", "created_at"]
    list_filter = ["role", "province"]
    search_fields = ["user__username", "agency__name"]
    list_select_related = ["user", "agency", "province", "department"]
    autocomplete_fields = ["user", "agency", "province", "department"]
