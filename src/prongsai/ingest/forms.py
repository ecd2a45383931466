"""The review form: every field of what was read, editable before it is saved."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from prongsai.agencies.models import Agency
from prongsai.agencies.names import provinces
from prongsai.core.forms import ScoreField, ThaiDateField
from prongsai.thai import to_arabic_digits

from .models import ImportedDocument
from .sniff import MAX_BYTES

TEXTAREA = {"rows": 3}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์เอกสาร",
        help_text=(
            "รายงานการวิเคราะห์ผล ITA หรือรายงานผลการดำเนินการตามมาตรการ "
            "(.docx .pdf .txt .md .html) ไม่เกิน 50 MB"
        ),
        error_messages={"required": "โปรดเลือกไฟล์", "empty": "ไฟล์นี้ว่างเปล่า"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"ไฟล์มีขนาด {upload.size / 1024 / 1024:,.1f} MB เกินขนาดที่รับได้ "
                f"({MAX_BYTES // 1024 // 1024} MB) ระบบไม่อ่านไฟล์นี้"
            )
        return upload


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="ประเภทเอกสาร", choices=ImportedDocument.KIND_CHOICES)
    agency_name = forms.CharField(label="ชื่อหน่วยงาน", max_length=200)
    agency_kind = forms.ChoiceField(label="ประเภทหน่วยงาน", choices=Agency.KIND_CHOICES)
    district = forms.CharField(label="อำเภอ", max_length=100, required=False)
    province = forms.ChoiceField(
        label="จังหวัด",
        choices=[("", "— เลือกจังหวัด —")] + [(p.name_th, p.name_th) for p in provinces()],
    )
    fiscal_year = forms.IntegerField(
        label="ปีงบประมาณ (พ.ศ.)",
        min_value=2500,
        max_value=2700,
        help_text="รายงานการวิเคราะห์: ปีของผลการประเมินที่วิเคราะห์",
        error_messages={
            "required": "โปรดระบุปีงบประมาณ",
            "invalid": "ใส่ปี พ.ศ. เป็นตัวเลข เช่น 2567",
            "min_value": "ใส่ปี พ.ศ. เช่น 2567",
            "max_value": "ใส่ปี พ.ศ. เช่น 2567",
        },
    )
    round = forms.ChoiceField(
        label="รอบรายงาน",
        required=False,
        choices=[("", "— ไม่ระบุ —"), ("6m", "รอบ 6 เดือน"), ("12m", "รอบ 12 เดือน")],
    )
    overall_score = ScoreField(label="คะแนนรวม")
    rating = forms.CharField(label="ระดับผลการประเมิน", max_length=50, required=False)
    question_scores = forms.CharField(
        label="คะแนนรายข้อ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text="บรรทัดละหนึ่งข้อ เช่น “i1 87.19”",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, 11):
            self.fields[f"indicator_{n}"] = ScoreField(label=f"ตัวชี้วัดที่ {n}")
        for name, field in self.fields.items():
            field.error_messages.setdefault("required", "โปรดกรอกช่องนี้")
            if name == "province":
                field.error_messages["invalid_choice"] = "เลือกจังหวัดจากรายชื่อ 77 จังหวัด"

    def clean_question_scores(self) -> dict[str, Decimal]:
        scores: dict[str, Decimal] = {}
        for n, line in enumerate(self.cleaned_data["question_scores"].splitlines(), start=1):
            line = to_arabic_digits(line).strip()
            if not line:
                continue
            match = re.fullmatch(r"(?:ข้อ\s*)?([ieoIEO]\d{1,2})\s*[:=]?\s*(\S+)", line)
            if not match:
                raise ValidationError(f"บรรทัด {n} “{line}” ต้องเป็นรหัสข้อและคะแนน เช่น i1 87.19")
            try:
                value = Decimal(match.group(2))
            except InvalidOperation:
                raise ValidationError(f"บรรทัด {n}: “{match.group(2)}” ไม่ใช่ตัวเลข") from None
            if not value.is_finite() or not 0 <= value <= 100:
                raise ValidationError(f"บรรทัด {n}: คะแนนต้องอยู่ระหว่าง 0 ถึง 100")
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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MeasureForm(forms.Form):
    title = forms.CharField(label="มาตรการ/แนวทาง", widget=forms.Textarea(attrs={"rows": 2}))
    tool = forms.ChoiceField(
        label="เครื่องมือ",
        required=False,
        choices=[("", "-"), ("IIT", "IIT"), ("EIT", "EIT"), ("OIT", "OIT")],
    )
    methods = forms.CharField(
        label="วิธีการดำเนินการ (บรรทัดละหนึ่งขั้นตอน)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    responsible = forms.CharField(
        label="ผู้รับผิดชอบ (บรรทัดละหนึ่งหน่วย)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    period_start = ThaiDateField(label="วันเริ่ม", required=False)
    period_end = ThaiDateField(label="วันสิ้นสุด", required=False)
    result = forms.CharField(
        label="ผลการดำเนินงาน", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    outcome = forms.CharField(label="ผลลัพธ์", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    suggestion = forms.CharField(
        label="ข้อเสนอแนะ", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kpi_target = forms.DecimalField(label="เป้าหมาย (จำนวน)", required=False, min_value=0)
    kpi_actual = forms.DecimalField(label="ผลที่ได้ (จำนวน)", required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "โปรดกรอกชื่อมาตรการ"
        for name in ("kpi_target", "kpi_actual"):
            self.fields[name].error_messages.update(
                {"invalid": "ใส่ตัวเลข", "min_value": "ต้องไม่ติดลบ"}
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม")
        return data

    @staticmethod
    def initial_from(measure: dict) -> dict:
        kpi = measure.get("kpi") or {}
        return {
            "title": measure.get("title"),
            "tool": measure.get("tool") or "",
            "methods": "\n".join(measure.get("methods") or []),
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
            "methods": _lines(d["methods"]),
            "responsible": _lines(d["responsible"]),
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
