from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Province
from prongsai.documents.builders import KINDS
from prongsai.thai.fiscal import fiscal_year_of

from .models import BulkJob


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("เอกสาร"), choices=[(k, _(v)) for k, v in KINDS.items()])
    year = forms.IntegerField(
        label=_("ปี พ.ศ."),
        min_value=2500,
        max_value=2700,
        error_messages={"min_value": _("ปี พ.ศ. เช่น 2568"), "max_value": _("ปี พ.ศ. เช่น 2568")},
    )
    scope = forms.ChoiceField(
        label=_("ขอบเขต"), choices=BulkJob.Scope.choices, initial=BulkJob.Scope.PROVINCE
    )
    province = forms.ModelChoiceField(
        label=_("จังหวัด"), queryset=Province.objects.order_by("name_th"), required=False
    )
    agency_kind = forms.ChoiceField(
        label=_("ประเภทหน่วยงาน"), choices=[("", "—"), *Agency.KIND_CHOICES], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = fiscal_year_of(timezone.localdate())

    def clean(self):
        data = super().clean()
        if data.get("scope") == BulkJob.Scope.PROVINCE and not data.get("province"):
            self.add_error("province", _("เลือกจังหวัด"))
        if data.get("scope") == BulkJob.Scope.AGENCY_KIND and not data.get("agency_kind"):
            self.add_error("agency_kind", _("เลือกประเภทหน่วยงาน"))
        return data
