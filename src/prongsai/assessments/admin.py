from django.contrib import admin

from prongsai.core.action_admin import ActionAdmin

from .models import Assessment, IndicatorScore, QuestionScore, ToolScore


class ToolScoreInline(admin.TabularInline):
    model = ToolScore
    extra = 0


class IndicatorScoreInline(admin.TabularInline):
    model = IndicatorScore
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = [
        "agency",
        "fiscal_year",
        "overall",
        "rating",
        "passed",
        "stated_overall",
        "source",
    ]
    list_filter = ["fiscal_year", "passed", "rating", "source"]
    search_fields = ["agency__name"]
    list_select_related = ["agency"]
    readonly_fields = ["overall", "computed_overall", "rating", "passed"]
    inlines = [ToolScoreInline, IndicatorScoreInline]


@admin.register(QuestionScore)
class QuestionScoreAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["assessment", "question", "score", "inferred"]
    list_filter = ["assessment__fiscal_year", "inferred"]
    list_select_related = ["assessment__agency", "question__year"]


@admin.register(IndicatorScore)
class IndicatorScoreAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["assessment", "indicator", "score", "stated", "computed"]
    list_select_related = ["assessment__agency", "indicator__year"]


@admin.register(ToolScore)
class ToolScoreAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["assessment", "tool", "score", "stated", "computed"]
    list_select_related = ["assessment__agency", "tool__year"]
