"""The measure form: Thai dates that accept the Buddhist era, methods one step per line."""

from __future__ import annotations

import secrets

from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Unit
from prongsai.core.concurrency import VersionedForm, shown
from prongsai.core.files.evidence import (
    EvidenceRefused,
    check_size,
    evidence_extension,
    stored_name,
)
from prongsai.core.forms import ThaiDateField, lines

from .actions import EvidenceData, MeasureData, MemoText, ProgressData
from .models import Measure, MeasureProgress, Memo
from .targets import check_targets

TARGET_FIELDS = ("issue_numbers_text", "indicator_numbers_text", "question_codes_text")


class MeasureForm(VersionedForm):
    # one token per opened "new measure" form: saving the same form again (browser back then
    # save, a double click) finds the measure it created instead of adding a second
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    methods_text = forms.CharField(
        label=_("วิธีการดำเนินการ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("บรรทัดละหนึ่งขั้นตอน ระบบใส่เลขลำดับให้เอง"),
    )
    steps_text = forms.CharField(
        label=_("ขั้นตอน/วิธีปฏิบัติ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("ถ้ามี: ขั้นตอนย่อยของมาตรการ บรรทัดละหนึ่งขั้นตอน (ส่วนที่ ๒ ของรายงานการวิเคราะห์)"),
    )
    period_start = ThaiDateField(label=_("วันเริ่ม"), required=False)
    period_end = ThaiDateField(label=_("วันสิ้นสุด"), required=False)
    new_unit = forms.CharField(
        label=_("เพิ่มผู้รับผิดชอบใหม่"), required=False, max_length=150, help_text=_("เช่น กองการศึกษา")
    )
    issue_numbers_text = forms.CharField(
        label=_("ประเด็นที่แก้ไข"), required=False, max_length=100, help_text=_("เลขประเด็น เช่น 1, 3")
    )
    indicator_numbers_text = forms.CharField(
        label=_("ตัวชี้วัดที่เกี่ยวข้อง"),
        required=False,
        max_length=100,
        help_text=_("เลขตัวชี้วัด เช่น 1, 9 (ระบบเติมให้จากข้อคำถาม)"),
    )
    question_codes_text = forms.CharField(
        label=_("ข้อคำถามที่เกี่ยวข้อง"), required=False, max_length=300, help_text=_("เช่น i1, e5, o12")
    )

    class Meta:
        model = Measure
        fields = ["title", "tool", "responsible_units", "kpi_target", "kpi_unit", "budget"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "responsible_units": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, agency, catalog=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.catalog = catalog  # criteria of the analysed year, to check what the measure addresses
        self.fields["responsible_units"].queryset = Unit.objects.filter(agency=agency)
        self.fields["responsible_units"].required = False
        self.fields["title"].error_messages["required"] = _("โปรดกรอกชื่อมาตรการ")
        for name in ("kpi_target", "budget"):
            self.fields[name].error_messages.update(
                {"invalid": _("ใส่ตัวเลข"), "max_digits": _("ตัวเลขยาวเกินไป")}
            )
        if not self.instance.pk:
            self.initial["form_token"] = secrets.token_urlsafe(24)
        if self.instance.pk:
            self.initial["methods_text"] = "\n".join(self.instance.methods)
            self.initial["steps_text"] = "\n".join(self.instance.steps)
            self.initial["period_start"] = self.instance.period_start
            self.initial["period_end"] = self.instance.period_end
            self.initial["issue_numbers_text"] = ", ".join(map(str, self.instance.issue_numbers))
            self.initial["indicator_numbers_text"] = ", ".join(
                map(str, self.instance.indicator_numbers)
            )
            self.initial["question_codes_text"] = ", ".join(self.instance.question_codes)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม"))
        for name in ("kpi_target", "budget"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("ต้องไม่ติดลบ"))
        self.targets = check_targets(
            self.catalog,
            data.get("issue_numbers_text", ""),
            data.get("indicator_numbers_text", ""),
            data.get("question_codes_text", ""),
        )
        for name, message in self.targets.errors.items():
            self.add_error(name, message)
        return data

    def methods(self) -> list[str]:
        return lines(self.cleaned_data["methods_text"])

    def typed_extra(self) -> bool:
        """A new responsible unit is input outside the measure's own fields."""
        return bool(self.cleaned_data.get("new_unit", "").strip())

    def steps(self) -> list[str]:
        return lines(self.cleaned_data.get("steps_text", ""))

    def shown_values(self, source) -> dict[str, str]:
        out = super().shown_values(source)
        if source is not None:
            methods, steps = source.methods, source.steps
            start, end = source.period_start, source.period_end
        else:
            methods, steps = self.methods(), self.steps()
            start, end = self.cleaned_data.get("period_start"), self.cleaned_data.get("period_end")
        out[str(self.fields["methods_text"].label)] = "\n".join(methods) or "—"
        out[str(self.fields["steps_text"].label)] = "\n".join(steps) or "—"
        if source is not None:
            targets = (source.issue_numbers, source.indicator_numbers, source.question_codes)
        else:
            targets = (self.targets.issues, self.targets.indicators, self.targets.questions)
        for name, values in zip(TARGET_FIELDS, targets, strict=True):
            out[str(self.fields[name].label)] = ", ".join(map(str, values)) or "—"
        out[str(self.fields["period_start"].label)] = shown(self.fields["period_start"], start)
        out[str(self.fields["period_end"].label)] = shown(self.fields["period_end"], end)
        return out

    def data_typed(self) -> MeasureData:
        """What was typed, as the plain data the action takes."""
        d = self.cleaned_data
        return MeasureData(
            title=d["title"],
            tool=d.get("tool") or "",
            methods=self.methods(),
            steps=self.steps(),
            issue_numbers=self.targets.issues,
            indicator_numbers=self.targets.indicators,
            question_codes=self.targets.questions,
            responsible_unit_ids=[u.pk for u in d.get("responsible_units") or []],
            period_start=d.get("period_start"),
            period_end=d.get("period_end"),
            kpi_target=d.get("kpi_target"),
            kpi_unit=d.get("kpi_unit") or "",
            budget=d.get("budget"),
            new_unit=(d.get("new_unit") or "").strip(),
        )


class ProgressForm(VersionedForm):
    evidence_title = forms.CharField(label=_("หลักฐาน (คำอธิบาย)"), required=False, max_length=200)
    evidence_url = forms.URLField(
        label=_("ลิงก์หลักฐาน"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://")},
    )
    evidence_file = forms.FileField(
        label=_("แนบไฟล์หลักฐาน"),
        required=False,
        help_text=_("PDF รูปภาพ หรือไฟล์ Office ไม่เกิน 20 MB"),
        error_messages={"empty": _("ไฟล์ว่างเปล่า ไม่มีเนื้อหา")},
    )
    # a file chosen and checked on a page sent back with errors elsewhere: kept in the store
    # (signed name), so the browser's emptied file input never drops it
    evidence_kept = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    class Meta:
        model = MeasureProgress
        fields = ["status", "cancel_reason", "result", "outcome", "suggestion", "kpi_actual"]
        widgets = {
            "result": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "suggestion": forms.Textarea(attrs={"rows": 2}),
            "cancel_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("— เลือกสถานะ —")), *MeasureProgress.STATUS_CHOICES]
        self.fields["kpi_actual"].error_messages.update({"invalid": _("ใส่ตัวเลข")})

    def typed_extra(self) -> bool:
        d = self.cleaned_data
        return bool(
            d.get("evidence_title")
            or d.get("evidence_url")
            or d.get("evidence_file")
            or d.get("evidence_kept")
        )

    def clean_evidence_kept(self):
        value = self.cleaned_data.get("evidence_kept") or ""
        if not value:
            return ""
        try:
            name = signing.loads(value, salt=KEPT_SALT)
        except signing.BadSignature:
            return ""  # not ours: ignored, the person chooses the file again
        return name if default_storage.exists(name) else ""

    def keep_file(self) -> str | None:
        """Store the checked file of this row (the page is shown again because of an error
        elsewhere) and put its signed name in the form, so sending the page again attaches it.
        Returns the stored file's description for the page."""
        upload = self.cleaned_data.get("evidence_file") if hasattr(self, "cleaned_data") else None
        if upload and "evidence_file" not in self.errors:
            name = default_storage.save(f"evidence/kept/{upload.name}", upload)
            self.data = self.data.copy()
            self.data[self.add_prefix("evidence_kept")] = signing.dumps(name, salt=KEPT_SALT)
            self.kept_name = upload.name
        elif self.cleaned_data.get("evidence_kept") if hasattr(self, "cleaned_data") else None:
            self.kept_name = self.cleaned_data["evidence_kept"].rsplit("/", 1)[-1]
        return getattr(self, "kept_name", None)

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return upload
        try:
            check_size(upload.size)  # before it is read into memory
            extension = evidence_extension(upload.read())
        except EvidenceRefused as refused:
            raise forms.ValidationError(refused.message_th) from None
        upload.seek(0)
        upload.name = stored_name(extension)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("status") == "cancelled" and not (data.get("cancel_reason") or "").strip():
            self.add_error("cancel_reason", _("โปรดระบุเหตุผลที่ยกเลิก"))
        if data.get("kpi_actual") is not None and data["kpi_actual"] < 0:
            self.add_error("kpi_actual", _("ต้องไม่ติดลบ"))
        if (
            data.get("evidence_url") or data.get("evidence_file") or data.get("evidence_kept")
        ) and not data.get("evidence_title"):
            self.add_error("evidence_title", _("โปรดใส่คำอธิบายหลักฐาน"))
        return data

    def row_typed(self) -> ProgressData:
        d = self.cleaned_data
        evidence = None
        file = d.get("evidence_file") or d.get("evidence_kept") or None
        if d.get("evidence_title") and (d.get("evidence_url") or file):
            evidence = EvidenceData(
                title=d["evidence_title"], url=d.get("evidence_url") or "", file=file
            )
        return ProgressData(
            progress_id=self.instance.pk,
            status=d.get("status") or "",
            cancel_reason=d.get("cancel_reason") or "",
            result=d.get("result") or "",
            outcome=d.get("outcome") or "",
            suggestion=d.get("suggestion") or "",
            kpi_actual=d.get("kpi_actual"),
            version=d.get("version") or "",
            evidence=evidence,
        )


KEPT_SALT = "prongsai.measures.evidence_kept"
ProgressFormSet = forms.modelformset_factory(MeasureProgress, form=ProgressForm, extra=0)


class MemoForm(VersionedForm):
    date = ThaiDateField(label=_("วันที่"))

    class Meta:
        model = Memo
        fields = [
            "department",
            "reference",
            "date",
            "subject",
            "addressee",
            "background",
            "facts",
            "consideration",
        ]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "background": forms.Textarea(attrs={"rows": 5}),
            "facts": forms.Textarea(attrs={"rows": 4}),
            "consideration": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("โปรดกรอกช่องนี้")
        self.fields["date"].required = True

    def text(self) -> MemoText:
        return MemoText(**{name: self.cleaned_data.get(name) for name in MemoText.FIELDS})
