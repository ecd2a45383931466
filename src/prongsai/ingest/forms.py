"""The review form: every field of what was read, editable before it is saved."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.agencies.models import Agency
from prongsai.agencies.names import provinces
from prongsai.core.files.sniff import MAX_BYTES
from prongsai.core.forms import ScoreField, ThaiDateField, lines
from prongsai.thai import to_arabic_digits

from .models import ImportedDocument

TEXTAREA = {"rows": 3}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (or ZIP archives of files) in one upload: a list of them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    file = MultipleFileField(
        label=gettext_lazy("ไฟล์เอกสาร"),
        help_text=gettext_lazy(
            "รายงานการวิเคราะห์ผล ITA หรือรายงานผลการดำเนินการตามมาตรการ "
            "(.docx .pdf .txt .md .html หรือภาพสแกน .png .jpg .tif) ไม่เกิน 50 MB ต่อไฟล์ "
            "เลือกได้หลายไฟล์ หรือรวมไว้ในไฟล์ ZIP"
        ),
        error_messages={
            "required": gettext_lazy("โปรดเลือกไฟล์"),
            "empty": gettext_lazy("ไฟล์นี้ว่างเปล่า"),
        },
    )

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        for upload in uploads:
            if upload.size > MAX_BYTES:
                raise ValidationError(
                    _("ไฟล์มีขนาด %(size)s MB เกินขนาดที่รับได้ (%(limit)s MB) ระบบไม่อ่านไฟล์นี้")
                    % {
                        "size": f"{upload.size / 1024 / 1024:,.1f}",
                        "limit": MAX_BYTES // 1024 // 1024,
                    }
                )
        return uploads


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("ประเภทเอกสาร"), choices=ImportedDocument.KIND_CHOICES
    )
    agency_name = forms.CharField(label=gettext_lazy("ชื่อหน่วยงาน"), max_length=200)
    agency_kind = forms.ChoiceField(
        label=gettext_lazy("ประเภทหน่วยงาน"), choices=Agency.KIND_CHOICES
    )
    district = forms.CharField(label=gettext_lazy("อำเภอ"), max_length=100, required=False)
    province = forms.ChoiceField(
        label=gettext_lazy("จังหวัด"),
        choices=[("", gettext_lazy("— เลือกจังหวัด —"))]
        + [(p.name_th, p.name_th) for p in provinces()],
    )
    fiscal_year = forms.IntegerField(
        label=gettext_lazy("ปีงบประมาณ (พ.ศ.)"),
        min_value=2500,
        max_value=2700,
        help_text=gettext_lazy("รายงานการวิเคราะห์: ปีของผลการประเมินที่วิเคราะห์"),
        error_messages={
            "required": gettext_lazy("โปรดระบุปีงบประมาณ"),
            "invalid": gettext_lazy("ใส่ปี พ.ศ. เป็นตัวเลข เช่น 2567"),
            "min_value": gettext_lazy("ใส่ปี พ.ศ. เช่น 2567"),
            "max_value": gettext_lazy("ใส่ปี พ.ศ. เช่น 2567"),
        },
    )
    round = forms.ChoiceField(
        label=gettext_lazy("รอบรายงาน"),
        required=False,
        choices=[
            ("", gettext_lazy("— ไม่ระบุ —")),
            ("6m", gettext_lazy("รอบ 6 เดือน")),
            ("12m", gettext_lazy("รอบ 12 เดือน")),
        ],
    )
    overall_score = ScoreField(label=gettext_lazy("คะแนนรวม"))
    rating = forms.CharField(label=gettext_lazy("ระดับผลการประเมิน"), max_length=50, required=False)
    question_scores = forms.CharField(
        label=gettext_lazy("คะแนนรายข้อ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=gettext_lazy("บรรทัดละหนึ่งข้อ เช่น “i1 87.19”"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, 11):
            self.fields[f"indicator_{n}"] = ScoreField(label=_("ตัวชี้วัดที่ %(number)s") % {"number": n})
        for name, field in self.fields.items():
            field.error_messages.setdefault("required", _("โปรดกรอกช่องนี้"))
            if name == "province":
                field.error_messages["invalid_choice"] = _("เลือกจังหวัดจากรายชื่อ 77 จังหวัด")

    def clean_question_scores(self) -> dict[str, Decimal]:
        scores: dict[str, Decimal] = {}
        for n, line in enumerate(self.cleaned_data["question_scores"].splitlines(), start=1):
            line = to_arabic_digits(line).strip()
            if not line:
                continue
            match = re.fullmatch(r"(?:ข้อ\s*)?([ieoIEO]\d{1,2})\s*[:=]?\s*(\S+)", line)
            if not match:
                raise ValidationError(
                    _("บรรทัด %(line)s “%(text)s” ต้องเป็นรหัสข้อและคะแนน เช่น i1 87.19")
                    % {"line": n, "text": line}
                )
            try:
                value = Decimal(match.group(2))
            except InvalidOperation:
                raise ValidationError(
                    _("บรรทัด %(line)s: “%(text)s” ไม่ใช่ตัวเลข") % {"line": n, "text": match.group(2)}
                ) from None
            if not value.is_finite() or not 0 <= value <= 100:
                raise ValidationError(_("บรรทัด %(line)s: คะแนนต้องอยู่ระหว่าง 0 ถึง 100") % {"line": n})
            scores[match.group(1).lower()] = value
        return scores

    @classmethod
    def initial_from(cls, result: dict) -> dict:
        agency = result.get("agency") or {}
        initial = {
            "kind": result.get("kind"),
            "agency_name": agency.get("name"),
            "agency_kind": agency.get("kind") or "other",
            "district": agency.get("district"),
            "province": agency.get("province"),
            "fiscal_year": result.get("fiscal_year"),
            "round": result.get("round") or "",
            "overall_score": result.get("overall_score"),
            "rating": result.get("rating") or "",
            "question_scores": "\n".join(
                f"{code} {score}" for code, score in (result.get("question_scores") or {}).items()
            ),
        }
        for n, value in (result.get("indicator_scores") or {}).items():
            initial[f"indicator_{n}"] = value
        return initial


class MeasureForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("มาตรการ/แนวทาง"), widget=forms.Textarea(attrs={"rows": 2})
    )
    tool = forms.ChoiceField(
        label=gettext_lazy("เครื่องมือ"),
        required=False,
        choices=[("", "-"), ("IIT", "IIT"), ("EIT", "EIT"), ("OIT", "OIT")],
    )
    methods = forms.CharField(
        label=gettext_lazy("วิธีการดำเนินการ (บรรทัดละหนึ่งขั้นตอน)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    steps = forms.CharField(
        label=gettext_lazy("ขั้นตอน/วิธีปฏิบัติ (บรรทัดละหนึ่งขั้นตอน)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.CharField(
        label=gettext_lazy("ผู้รับผิดชอบ (บรรทัดละหนึ่งหน่วย)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    period_start = ThaiDateField(label=gettext_lazy("วันเริ่ม"), required=False)
    period_end = ThaiDateField(label=gettext_lazy("วันสิ้นสุด"), required=False)
    result = forms.CharField(
        label=gettext_lazy("ผลการดำเนินงาน"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    outcome = forms.CharField(
        label=gettext_lazy("ผลลัพธ์"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    suggestion = forms.CharField(
        label=gettext_lazy("ข้อเสนอแนะ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kpi_target = forms.DecimalField(
        label=gettext_lazy("เป้าหมาย (จำนวน)"), required=False, min_value=0
    )
    kpi_actual = forms.DecimalField(
        label=gettext_lazy("ผลที่ได้ (จำนวน)"), required=False, min_value=0
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("โปรดกรอกชื่อมาตรการ")
        for name in ("kpi_target", "kpi_actual"):
            self.fields[name].error_messages.update(
                {"invalid": _("ใส่ตัวเลข"), "min_value": _("ต้องไม่ติดลบ")}
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม"))
        return data

    @staticmethod
    def initial_from(measure: dict) -> dict:
        kpi = measure.get("kpi") or {}
        return {
            "title": measure.get("title"),
            "tool": measure.get("tool") or "",
            "methods": "\n".join(measure.get("methods") or []),
            "steps": "\n".join(measure.get("steps") or []),
            "responsible": "\n".join(measure.get("responsible") or []),
            "period_start": _iso(measure.get("period_start")),
            "period_end": _iso(measure.get("period_end")),
            "result": measure.get("result") or "",
            "outcome": measure.get("outcome") or "",
            "suggestion": measure.get("suggestion") or "",
            "kpi_target": kpi.get("target"),
            "kpi_actual": kpi.get("actual"),
        }

    def as_json(self, original: dict | None = None) -> dict:
        d = self.cleaned_data
        kpi = dict((original or {}).get("kpi") or {})
        kpi.update(target=_num(d["kpi_target"]), actual=_num(d["kpi_actual"]))
        if kpi.get("target") and kpi.get("actual") is not None:
            kpi["percent"] = round(kpi["actual"] * 100 / kpi["target"], 2)
        return {
            **(original or {}),
            "title": d["title"].strip(),
            "tool": d["tool"] or None,
            "methods": lines(d["methods"]),
            "steps": lines(d["steps"]),
            "responsible": lines(d["responsible"]),
            "period_start": d["period_start"].isoformat() if d["period_start"] else None,
            "period_end": d["period_end"].isoformat() if d["period_end"] else None,
            "result": d["result"].strip() or None,
            "outcome": d["outcome"].strip() or None,
            "suggestion": d["suggestion"].strip() or None,
            "kpi": kpi,
        }


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


MeasureFormSet = forms.formset_factory(MeasureForm, extra=0, can_delete=True)
