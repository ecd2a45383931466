from django.contrib import admin

from prongsai.core.action_admin import ActionAdmin

from .models import Analysis, Finding, IssueNarrative, RecommendationText


@admin.register(RecommendationText)
class RecommendationTextAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue_number", "tool", "verdict", "fiscal_year", "active"]
    list_filter = ["verdict", "tool", "issue_number", "active"]
    search_fields = ["text"]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


class IssueNarrativeInline(admin.StackedInline):
    model = IssueNarrative
    extra = 0


@admin.register(Analysis)
class AnalysisAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["agency", "fiscal_year", "target", "status"]
    list_filter = ["fiscal_year", "status"]
    list_select_related = ["agency"]
    inlines = [FindingInline, IssueNarrativeInline]


@admin.register(Finding)
class FindingAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["analysis", "issue_number", "tool", "verdict"]
    list_select_related = ["analysis__agency"]


@admin.register(IssueNarrative)
class IssueNarrativeAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["analysis", "issue_number"]
    list_select_related = ["analysis__agency"]
