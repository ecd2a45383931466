"""The results entry form, built from the year's criteria: one field per question (a score
0–100, or 0/100 for a disclosure item), an optional stated score per indicator and overall, and
per tool a box to paste a column of scores from Excel."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from prongsai.core.forms import ScoreField
from prongsai.criteria.catalog import Catalog
from prongsai.thai import to_arabic_digits

CHECKLIST_CHOICES = [("", "—"), ("100", "มี (100)"), ("0", "ไม่มี (0)")]


class ResultsForm(forms.Form):
    stated_overall = ScoreField(label="คะแนนรวมตามประกาศ (ถ้ามี)")

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        for ind in catalog.indicators:
            self.fields[f"ind_{ind.number}"] = ScoreField(label=f"ตัวชี้วัดที่ {ind.number}")
        for q in catalog.questions:
            if q.kind == "checklist":
                field = forms.TypedChoiceField(
                    label=q.code,
                    choices=CHECKLIST_CHOICES,
                    coerce=Decimal,
                    required=False,
                    empty_value=None,
                    error_messages={"invalid_choice": "รายการเปิดเผยข้อมูลได้ 0 หรือ 100 เท่านั้น"},
                )
            else:
                field = ScoreField(label=q.code)
            field.widget.attrs["data-fill-target"] = f"paste_{catalog.indicator(q.indicator).tool}"
            self.fields[f"q_{q.code}"] = field
        for tool in catalog.tools:
            self.fields[f"paste_{tool.code}"] = forms.CharField(
                label=f"วางคะแนน {tool.code} จาก Excel",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "data-fill": f"paste_{tool.code}"}),
                help_text="คัดลอกคอลัมน์คะแนนจาก Excel แล้ววางที่นี่ คะแนนจะเติมลงข้อคำถามตามลำดับ",
            )

    def tool_sections(self):
        """For the template: per tool, its indicators with their stated field and questions."""
        sections = []
        for tool in self.catalog.tools:
            indicators = []
            for ind in self.catalog.indicators_of(tool.code):
                questions = [
                    (q, self[f"q_{q.code}"]) for q in self.catalog.questions_of(ind.number)
                ]
                indicators.append(
                    {"indicator": ind, "stated": self[f"ind_{ind.number}"], "questions": questions}
                )
            sections.append(
                {"tool": tool, "indicators": indicators, "paste": self[f"paste_{tool.code}"]}
            )
        return sections

    def clean(self):
        data = super().clean()
        for tool in self.catalog.tools:
            text = data.get(f"paste_{tool.code}") or ""
            if not text.strip():
                continue
            codes = [
                q.code
                for ind in self.catalog.indicators_of(tool.code)
                for q in self.catalog.questions_of(ind.number)
            ]
            lines = text.splitlines()
            if len(lines) > len(codes):
                self.add_error(
                    f"paste_{tool.code}",
                    f"วางมา {len(lines)} บรรทัด แต่ {tool.code} มี {len(codes)} ข้อ",
                )
                continue
            for n, (code, line) in enumerate(zip(codes, lines, strict=False), start=1):
                cell = to_arabic_digits(line.split("\t")[0]).strip().replace(",", ".")
                if not cell:
                    continue
                try:
                    value = Decimal(cell)
                except InvalidOperation:
                    self.add_error(f"paste_{tool.code}", f"บรรทัด {n} “{cell}” ไม่ใช่ตัวเลข")
                    break
                if not value.is_finite() or not 0 <= value <= 100:
                    self.add_error(f"paste_{tool.code}", f"บรรทัด {n}: คะแนนต้องอยู่ระหว่าง 0 ถึง 100")
                    break
                if self.catalog.question(code).kind == "checklist" and value not in (0, 100):
                    self.add_error(f"paste_{tool.code}", f"บรรทัด {n} ({code}): ได้ 0 หรือ 100 เท่านั้น")
                    break
                data[f"q_{code}"] = value
        return data

    def inputs(self, data: dict | None = None) -> dict:
        """What was entered, as record_scores / score take it (unknown fields left out)."""
        data = self.cleaned_data if data is None else data
        return {
            "question_scores": {
                q.code: data[f"q_{q.code}"]
                for q in self.catalog.questions
                if data.get(f"q_{q.code}") is not None
            },
            "indicator_scores": {
                i.number: data[f"ind_{i.number}"]
                for i in self.catalog.indicators
                if data.get(f"ind_{i.number}") is not None
            },
            "stated_overall": data.get("stated_overall"),
        }

    @staticmethod
    def initial_from(assessment) -> dict:
        if assessment is None:
            return {}
        initial = {"stated_overall": assessment.stated_overall}
        for s in assessment.question_scores.filter(inferred=False).select_related("question"):
            initial[f"q_{s.question.code}"] = (
                s.score if s.question.kind != "checklist" else str(int(s.score))
            )
        for s in assessment.indicator_scores.filter(stated__isnull=False).select_related(
            "indicator"
        ):
            initial[f"ind_{s.indicator.number}"] = s.stated
        return initial
