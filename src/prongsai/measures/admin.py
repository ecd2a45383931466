from django.contrib import admin

from .models import Measure, MeasurePlan, MeasureProgress, Memo, ProgressRound, SignOff


class MeasureInline(admin.StackedInline):
    model = Measure
    extra = 0
    filter_horizontal = ["responsible_units"]


@admin.register(MeasurePlan)
class MeasurePlanAdmin(admin.ModelAdmin):
    list_display = ["agency", "fiscal_year", "status", "source"]
    list_filter = ["fiscal_year", "status", "source"]
    search_fields = ["agency__name"]
    list_select_related = ["agency"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "tool", "period_start", "period_end"]
    list_filter = ["plan__fiscal_year", "tool"]
    search_fields = ["title", "plan__agency__name"]
    list_select_related = ["plan__agency"]


class MeasureProgressInline(admin.StackedInline):
    model = MeasureProgress
    extra = 0
    raw_id_fields = ["measure"]


@admin.register(ProgressRound)
class ProgressRoundAdmin(admin.ModelAdmin):
    list_display = ["plan", "round", "status", "source"]
    list_filter = ["round", "status", "plan__fiscal_year"]
    list_select_related = ["plan__agency"]
    inlines = [MeasureProgressInline]


@admin.register(MeasureProgress)
class MeasureProgressAdmin(admin.ModelAdmin):
    list_display = ["measure", "round", "status", "kpi_actual"]
    list_filter = ["status", "round__round"]
    list_select_related = ["measure__plan__agency", "round__plan__agency"]


class SignOffInline(admin.TabularInline):
    model = SignOff
    extra = 0


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    list_display = ["subject", "agency", "date", "status"]
    list_filter = ["status"]
    search_fields = ["subject", "agency__name"]
    list_select_related = ["agency"]
    inlines = [SignOffInline]


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ["memo", "order", "signatory", "decision", "decided_at"]
    list_select_related = ["memo", "signatory"]
