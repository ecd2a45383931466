from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import TEXT_FIELDS
from .models import Analysis


class ConstraintsForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = list(TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in TEXT_FIELDS}
        help_texts = {
            "cover_title": _(
                "ตามเอกสารของหน่วยงาน บรรทัดละหนึ่งบรรทัด (เว้นว่าง: ใช้ชื่อเรื่องตามปกติของรายงาน)"
            ),
            "constraint_staff": _("เช่น จำนวน ความรู้ ทัศนคติของผู้บริหารและข้าราชการ"),
            "constraint_area": _("เช่น พื้นที่ส่วนใหญ่เป็นพื้นที่เกษตรกรรม"),
        }
