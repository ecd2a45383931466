from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Analysis

CONSTRAINT_FIELDS = [
    "constraint_staff",
    "constraint_budget",
    "constraint_technology",
    "constraint_area",
    "constraint_economy",
]


class ConstraintsForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = CONSTRAINT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in CONSTRAINT_FIELDS}
        help_texts = {
            "constraint_staff": _("เช่น จำนวน ความรู้ ทัศนคติของผู้บริหารและข้าราชการ"),
            "constraint_area": _("เช่น พื้นที่ส่วนใหญ่เป็นพื้นที่เกษตรกรรม"),
        }
