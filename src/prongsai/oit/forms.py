"""Forms of the OIT workspace: they only parse what was typed into the actions' plain data."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.forms import ScoreField, ThaiDateField, lines

from .actions import FileInput, ItemInput, LinkInput, WorkspaceSettings
from .models import MAX_EVIDENCE, ItemStatus

FILE_SLOTS = 2  # new files per save (an item has at most MAX_EVIDENCE links and files)


class ItemForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("สถานะ"), choices=ItemStatus.choices)
    unit = forms.TypedChoiceField(label=_("ผู้รับผิดชอบ"), coerce=int, required=False, empty_value=None)
    due = ThaiDateField(label=_("กำหนดเสร็จ"), required=False)
    explanation = forms.CharField(
        label=_("คำอธิบาย"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    steps = forms.CharField(
        label=_("ขั้นตอนการเข้าถึงข้อมูล (บรรทัดละหนึ่งขั้นตอน)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    checklist = forms.MultipleChoiceField(
        label=_("องค์ประกอบที่มีครบแล้ว"), required=False, widget=forms.CheckboxSelectMultiple
    )
    remove = forms.MultipleChoiceField(
        label=_("ลบไฟล์"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, item, requirements, units, **kwargs):
        super().__init__(*args, prefix=item.code, **kwargs)
        self.item = item
        self.fields["unit"].choices = [("", "–")] + [(u.pk, u.name) for u in units]
        if item.status != ItemStatus.CHECKED:
            self.fields["status"].choices = [
                c for c in ItemStatus.choices if c[0] != ItemStatus.CHECKED
            ]
        self.fields["checklist"].choices = [(r, r) for r in requirements]
        files = [e for e in item.evidence.all() if e.file]
        self.fields["remove"].choices = [(str(e.pk), e.label or e.file_name) for e in files]
        links = [e for e in item.evidence.all() if e.url]
        for n in range(MAX_EVIDENCE):
            self.fields[f"url{n}"] = forms.CharField(
                label=_("ลิงก์ที่ %(n)s") % {"n": n + 1},
                required=False,
                max_length=500,
                widget=forms.URLInput(attrs={"placeholder": "https://"}),
            )
            self.fields[f"label{n}"] = forms.CharField(
                label=_("ชื่อลิงก์ที่ %(n)s") % {"n": n + 1},
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"placeholder": _("ชื่อลิงก์ เช่น หน้าโครงสร้างองค์กร")}),
            )
            if n < len(links) and not self.is_bound:
                self.initial[f"url{n}"] = links[n].url
                self.initial[f"label{n}"] = links[n].label
        for n in range(FILE_SLOTS):
            self.fields[f"file{n}"] = forms.FileField(
                label=_("แนบไฟล์ที่ %(n)s") % {"n": n + 1}, required=False
            )
        if not self.is_bound:
            self.initial.update(
                version=item.version,
                status=item.status,
                unit=item.unit_id,
                due=item.due,
                explanation=item.explanation,
                steps="\n".join(item.steps),
                checklist=[r for r, ok in item.checklist.items() if ok],
            )

    def link_fields(self):
        return [(self[f"label{n}"], self[f"url{n}"]) for n in range(MAX_EVIDENCE)]

    def file_fields(self):
        return [self[f"file{n}"] for n in range(FILE_SLOTS)]

    def to_input(self) -> ItemInput:
        d = self.cleaned_data
        links = [
            LinkInput(d[f"url{n}"].strip(), d[f"label{n}"].strip())
            for n in range(MAX_EVIDENCE)
            if d.get(f"url{n}", "").strip()
        ]
        files = []
        for n in range(FILE_SLOTS):
            upload = d.get(f"file{n}")
            if upload:
                files.append(FileInput(upload.name, upload.read()))
        steps = [s.lstrip("0123456789๐๑๒๓๔๕๖๗๘๙. )") or s for s in lines(d["steps"])]
        return ItemInput(
            status=d["status"],
            unit_id=d["unit"],
            due=d["due"],
            explanation=d["explanation"],
            steps=steps,
            checklist={r: r in d["checklist"] for r, _label in self.fields["checklist"].choices},
            links=links,
            files=files,
            remove=[int(x) for x in d["remove"]],
        )


class SettingsForm(forms.Form):
    opens = ThaiDateField(label=_("วันเปิดตอบแบบ OIT"), required=False)
    closes = ThaiDateField(label=_("วันปิดตอบแบบ OIT"), required=False)
    iit_estimate = ScoreField(label=_("คะแนน IIT ที่คาดไว้"))
    eit_estimate = ScoreField(label=_("คะแนน EIT ที่คาดไว้"))
    iit_url = forms.CharField(label=_("ลิงก์แบบสำรวจ IIT"), required=False, max_length=200)
    eit_url = forms.CharField(label=_("ลิงก์แบบสำรวจ EIT"), required=False, max_length=200)

    def to_input(self) -> WorkspaceSettings:
        d = self.cleaned_data
        return WorkspaceSettings(
            opens=d["opens"],
            closes=d["closes"],
            iit_estimate=d["iit_estimate"],
            eit_estimate=d["eit_estimate"],
            iit_url=d["iit_url"].strip(),
            eit_url=d["eit_url"].strip(),
        )
