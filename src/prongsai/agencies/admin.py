from django.contrib import admin

from prongsai.core.action_admin import ActionAdmin

from .models import Agency, Department, District, Province, Signatory, Unit


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["name_th", "name_en"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name_th", "province"]
    list_filter = ["province"]
    search_fields = ["name_th"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


@admin.register(Agency)
class AgencyAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "district", "province"]
    list_filter = ["kind", "province", "department"]
    search_fields = ["name", "place_name"]
    list_select_related = ["province", "district__province"]
    autocomplete_fields = ["province", "district", "department"]
    inlines = [UnitInline, SignatoryInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "agency"]
    search_fields = ["name", "agency__name"]
    list_select_related = ["agency"]


@admin.register(Signatory)
class SignatoryAdmin(ActionAdmin, admin.ModelAdmin):
    list_display = ["name", "position", "agency", "order", "active"]
    search_fields = ["name", "agency__name"]
    list_select_related = ["agency"]
