from django.contrib import admin

from .models import (
    AnalysisIssue,
    AnalysisIssueQuestion,
    CriteriaYear,
    Indicator,
    Question,
    RatingRule,
    Tool,
)


class ToolInline(admin.TabularInline):
    model = Tool
    extra = 0


class RatingRuleInline(admin.TabularInline):
    model = RatingRule
    extra = 0


@admin.register(CriteriaYear)
class CriteriaYearAdmin(admin.ModelAdmin):
    list_display = [
        "fiscal_year",
        "title_th",
        "confidence",
        "rating_scheme",
        "pass_mark",
        "loaded_at",
    ]
    readonly_fields = ["content_hash", "loaded_at"]
    inlines = [ToolInline, RatingRuleInline]


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "name_th", "weight"]
    list_filter = ["year"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "name_th",
        "tool",
        "year",
        "aggregation",
        "questions_known",
        "confidence",
    ]
    list_filter = ["year", "tool__code"]
    list_select_related = ["tool", "year"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "indicator", "sub_indicator", "text_th", "kind", "confidence"]
    list_filter = ["year", "kind", "confidence"]
    search_fields = ["code", "text_th"]
    list_select_related = ["year", "indicator__year"]


@admin.register(RatingRule)
class RatingRuleAdmin(admin.ModelAdmin):
    list_display = [
        "label",
        "year",
        "order",
        "min_overall",
        "max_overall",
        "min_each_tool",
        "passed",
    ]
    list_filter = ["year"]


class AnalysisIssueQuestionInline(admin.TabularInline):
    model = AnalysisIssueQuestion
    extra = 0
    raw_id_fields = ["question"]


@admin.register(AnalysisIssue)
class AnalysisIssueAdmin(admin.ModelAdmin):
    list_display = ["number", "title_th", "year", "confidence"]
    list_filter = ["year"]
    inlines = [AnalysisIssueQuestionInline]


@admin.register(AnalysisIssueQuestion)
class AnalysisIssueQuestionAdmin(admin.ModelAdmin):
    list_display = ["issue", "question", "tool_code"]
    list_filter = ["issue__year"]
