"""The ITA criteria of each fiscal year, mirrored from ``data/ita-<year>.yaml``.

The YAML text itself is kept (``CriteriaYear.yaml_text``) so the exact :class:`Catalog` the
scores were computed with can always be rebuilt; the rows below exist so that scores can point
at questions and indicators, and roll-ups can group by them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

CONFIDENCE_CHOICES = [
    ("high", _("สูง")),
    ("medium", _("ปานกลาง")),
    ("low", _("ต่ำ")),
    ("none", _("ไม่มีข้อมูล")),
]


class CriteriaYear(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    title_th = models.CharField(_("ชื่อเกณฑ์"), max_length=300)
    confidence = models.CharField(_("ความน่าเชื่อถือ"), max_length=10, choices=CONFIDENCE_CHOICES)
    notes = models.TextField(_("หมายเหตุ"), blank=True)
    rating_scheme = models.CharField(_("รูปแบบการจัดระดับ"), max_length=30)
    pass_mark = models.DecimalField(_("เกณฑ์ผ่าน"), max_digits=5, decimal_places=2)
    file_name = models.CharField(_("ไฟล์"), max_length=200)
    yaml_text = models.TextField(_("เนื้อหาไฟล์"))
    content_hash = models.CharField(_("ค่าแฮชของเนื้อหา"), max_length=64)
    loaded_at = models.DateTimeField(_("โหลดเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("เกณฑ์ประจำปี")
        verbose_name_plural = _("เกณฑ์ประจำปี")

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}"


class Tool(models.Model):
    year = models.ForeignKey(CriteriaYear, models.CASCADE, related_name="tools")
    code = models.CharField(_("รหัส"), max_length=10)
    name_th = models.CharField(_("ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    weight = models.DecimalField(_("น้ำหนัก (ร้อยละ)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["year", "order"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="tool_unique_code")]
        verbose_name = _("เครื่องมือการประเมิน")
        verbose_name_plural = _("เครื่องมือการประเมิน")

    def __str__(self) -> str:
        return f"{self.code} ({self.year.fiscal_year})"


class Indicator(models.Model):
    year = models.ForeignKey(CriteriaYear, models.CASCADE, related_name="indicators")
    tool = models.ForeignKey(Tool, models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    name_th = models.CharField(_("ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    aggregation = models.CharField(_("วิธีรวมคะแนน"), max_length=40)
    questions_known = models.BooleanField(_("ทราบรายการข้อคำถาม"), default=True)
    confidence = models.CharField(_("ความน่าเชื่อถือ"), max_length=10, choices=CONFIDENCE_CHOICES)

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="indicator_unique_number")
        ]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")

    def __str__(self) -> str:
        return f"{self.number}. {self.name_th} ({self.year.fiscal_year})"


class Question(models.Model):
    KIND_CHOICES = [("perception", _("แบบวัดการรับรู้")), ("checklist", _("รายการเปิดเผยข้อมูล"))]

    year = models.ForeignKey(CriteriaYear, models.CASCADE, related_name="questions")
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="questions")
    code = models.CharField(_("ข้อ"), max_length=10)
    sub_indicator = models.CharField(_("ตัวชี้วัดย่อย"), max_length=10, blank=True)
    text_th = models.TextField(_("ข้อคำถาม"))
    kind = models.CharField(_("ประเภท"), max_length=20, choices=KIND_CHOICES)
    confidence = models.CharField(_("ความน่าเชื่อถือ"), max_length=10, choices=CONFIDENCE_CHOICES)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="question_unique_code")
        ]
        verbose_name = _("ข้อคำถาม")
        verbose_name_plural = _("ข้อคำถาม")

    def __str__(self) -> str:
        return f"{self.code} ({self.year.fiscal_year})"


class RatingRule(models.Model):
    year = models.ForeignKey(CriteriaYear, models.CASCADE, related_name="rating_rules")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    label = models.CharField(_("ระดับ"), max_length=50)
    label_en = models.CharField(_("ระดับ (อังกฤษ)"), max_length=50, blank=True)
    min_overall = models.DecimalField(_("คะแนนต่ำสุด"), max_digits=5, decimal_places=2)
    max_overall = models.DecimalField(
        _("คะแนนสูงสุด"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    min_each_tool = models.DecimalField(
        _("คะแนนต่ำสุดของทุกเครื่องมือ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("ผ่านเกณฑ์"), default=False)
    confidence = models.CharField(_("ความน่าเชื่อถือ"), max_length=10, choices=CONFIDENCE_CHOICES)

    class Meta:
        ordering = ["year", "order"]
        verbose_name = _("ระดับผลการประเมิน")
        verbose_name_plural = _("ระดับผลการประเมิน")

    def __str__(self) -> str:
        return self.label


class AnalysisIssue(models.Model):
    year = models.ForeignKey(CriteriaYear, models.CASCADE, related_name="analysis_issues")
    number = models.PositiveSmallIntegerField(_("ประเด็นที่"))
    title_th = models.CharField(_("ประเด็น"), max_length=300)
    confidence = models.CharField(_("ความน่าเชื่อถือ"), max_length=10, choices=CONFIDENCE_CHOICES)
    questions = models.ManyToManyField(Question, through="AnalysisIssueQuestion")

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="analysis_issue_unique_number")
        ]
        verbose_name = _("ประเด็นการวิเคราะห์")
        verbose_name_plural = _("ประเด็นการวิเคราะห์")

    def __str__(self) -> str:
        return f"ประเด็นที่ {self.number} {self.title_th}"


class AnalysisIssueQuestion(models.Model):
    issue = models.ForeignKey(AnalysisIssue, models.CASCADE, related_name="issue_questions")
    question = models.ForeignKey(Question, models.CASCADE)
    tool_code = models.CharField(_("เครื่องมือ"), max_length=10)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["issue", "order"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "question"], name="issue_question_unique")
        ]
        verbose_name = _("ข้อคำถามของประเด็น")
        verbose_name_plural = _("ข้อคำถามของประเด็น")

    def __str__(self) -> str:
        return f"{self.tool_code} {self.question.code}"
