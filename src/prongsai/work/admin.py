from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "title", "emailed", "read_at"]
    list_filter = ["kind", "emailed"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user", "event"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email"]
