"""One agency's ITA result for one fiscal year, and its scores.

Inputs (question scores as entered or imported, and the scores a document states) are kept
apart from what :mod:`.scoring` computes from them, so a difference between a stated total
and its parts stays visible. ``services.record_scores`` is the one way to write them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency
from prongsai.criteria.models import CriteriaYear, Indicator, Question, Tool

SCORE = {"max_digits": 5, "decimal_places": 2}


class Assessment(models.Model):
    SOURCE_CHOICES = [
        ("manual", _("กรอกเอง")),
        ("import", _("นำเข้าจากเอกสาร")),
        ("demo", _("ข้อมูลตัวอย่าง")),
    ]

    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="assessments", verbose_name=_("หน่วยงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    criteria = models.ForeignKey(
        CriteriaYear, models.PROTECT, related_name="assessments", verbose_name=_("เกณฑ์")
    )
    stated_overall = models.DecimalField(_("คะแนนรวมตามเอกสาร"), null=True, blank=True, **SCORE)
    stated_rating = models.CharField(_("ระดับผลตามเอกสาร"), max_length=50, blank=True)
    overall = models.DecimalField(_("คะแนนรวม"), null=True, blank=True, **SCORE)
    computed_overall = models.DecimalField(_("คะแนนรวมที่คำนวณได้"), null=True, blank=True, **SCORE)
    rating = models.CharField(_("ระดับผลการประเมิน"), max_length=50, blank=True)
    passed = models.BooleanField(_("ผ่านเกณฑ์"), null=True)
    source = models.CharField(_("ที่มา"), max_length=20, choices=SOURCE_CHOICES, default="manual")
    source_note = models.CharField(_("รายละเอียดที่มา"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["agency__name", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"], name="assessment_one_per_year"
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "overall"])]
        verbose_name = _("ผลการประเมิน ITA")
        verbose_name_plural = _("ผลการประเมิน ITA")

    def __str__(self) -> str:
        return f"{self.agency.name} ITA {self.fiscal_year}"


class QuestionScore(models.Model):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="question_scores")
    question = models.ForeignKey(Question, models.PROTECT, verbose_name=_("ข้อคำถาม"))
    score = models.DecimalField(_("คะแนน"), **SCORE)
    inferred = models.BooleanField(
        _("คำนวณย้อนจากตัวชี้วัด"), default=False, help_text=_("ไม่มีในเอกสาร คำนวณย้อนจากคะแนนตัวชี้วัด")
    )

    class Meta:
        ordering = ["assessment", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="question_score_unique")
        ]
        verbose_name = _("คะแนนรายข้อ")
        verbose_name_plural = _("คะแนนรายข้อ")

    def __str__(self) -> str:
        return f"{self.question.code} = {self.score}"


class IndicatorScore(models.Model):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="indicator_scores")
    indicator = models.ForeignKey(Indicator, models.PROTECT, verbose_name=_("ตัวชี้วัด"))
    stated = models.DecimalField(_("คะแนนตามเอกสาร"), null=True, blank=True, **SCORE)
    computed = models.DecimalField(_("คะแนนที่คำนวณได้"), null=True, blank=True, **SCORE)
    score = models.DecimalField(_("คะแนน"), null=True, blank=True, **SCORE)

    class Meta:
        ordering = ["assessment", "indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="indicator_score_unique"
            )
        ]
        verbose_name = _("คะแนนตัวชี้วัด")
        verbose_name_plural = _("คะแนนตัวชี้วัด")

    def __str__(self) -> str:
        return f"ตัวชี้วัดที่ {self.indicator.number} = {self.score}"


class ToolScore(models.Model):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="tool_scores")
    tool = models.ForeignKey(Tool, models.PROTECT, verbose_name=_("เครื่องมือ"))
    stated = models.DecimalField(_("คะแนนตามเอกสาร"), null=True, blank=True, **SCORE)
    computed = models.DecimalField(_("คะแนนที่คำนวณได้"), null=True, blank=True, **SCORE)
    score = models.DecimalField(_("คะแนน"), null=True, blank=True, **SCORE)

    class Meta:
        ordering = ["assessment", "tool__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "tool"], name="tool_score_unique")
        ]
        verbose_name = _("คะแนนเครื่องมือ")
        verbose_name_plural = _("คะแนนเครื่องมือ")

    def __str__(self) -> str:
        return f"{self.tool.code} = {self.score}"
