"""An agency's analysis of one year's ITA results: per issue and tool a verdict and a
recommendation, a narrative per issue, and the agency's constraints (part 3)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency
from prongsai.assessments.models import Assessment
from prongsai.core.choices import Status

VERDICT_CHOICES = [
    ("fix", _("แก้ไขโดยเร่งด่วน")),
    ("improve", _("ปรับปรุงให้ดีขึ้น")),
    ("keep", _("รักษาระดับ")),
]
TOOL_CHOICES = [("IIT", "IIT"), ("EIT", "EIT"), ("OIT", "OIT")]


class RecommendationText(models.Model):
    """The library the drafts take their recommendation from; the most specific row wins."""

    fiscal_year = models.PositiveIntegerField(
        _("ปีงบประมาณ"), null=True, blank=True, help_text=_("ว่าง = ใช้ได้ทุกปี")
    )
    issue_number = models.PositiveSmallIntegerField(
        _("ประเด็นที่"), null=True, blank=True, help_text=_("ว่าง = ใช้ได้ทุกประเด็น")
    )
    tool = models.CharField(
        _("เครื่องมือ"), max_length=3, choices=TOOL_CHOICES, blank=True, help_text=_("ว่าง = ทุกเครื่องมือ")
    )
    verdict = models.CharField(_("ผลการพิจารณา"), max_length=10, choices=VERDICT_CHOICES)
    text = models.TextField(_("ข้อความข้อเสนอแนะ"))
    active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        ordering = ["issue_number", "tool", "verdict"]
        verbose_name = _("ข้อความข้อเสนอแนะ")
        verbose_name_plural = _("ข้อความข้อเสนอแนะ")

    def __str__(self) -> str:
        return self.text[:60]


class Analysis(models.Model):
    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="analyses", verbose_name=_("หน่วยงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีของผลการประเมินที่วิเคราะห์"))
    assessment = models.ForeignKey(
        Assessment, models.PROTECT, related_name="analyses", verbose_name=_("ผลการประเมิน")
    )
    target = models.DecimalField(
        _("คะแนนเป้าหมายรายข้อ"), max_digits=5, decimal_places=2, default=Decimal("95")
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    cover_title = models.TextField(
        _("ชื่อเรื่องบนปก"), blank=True, help_text=_("ตามเอกสารของหน่วยงาน (บรรทัดละหนึ่งบรรทัด)")
    )
    constraint_staff = models.TextField(_("ข้อจำกัดด้านบุคลากร"), blank=True)
    constraint_budget = models.TextField(_("ข้อจำกัดด้านงบประมาณ"), blank=True)
    constraint_technology = models.TextField(_("ข้อจำกัดด้านเทคโนโลยี"), blank=True)
    constraint_area = models.TextField(_("ข้อจำกัดด้านสภาพพื้นที่"), blank=True)
    constraint_economy = models.TextField(
        _("ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่"), blank=True
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["agency__name", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="analysis_one_per_year")
        ]
        verbose_name = _("การวิเคราะห์ผลการประเมิน")
        verbose_name_plural = _("การวิเคราะห์ผลการประเมิน")

    def __str__(self) -> str:
        return f"การวิเคราะห์ผล ITA {self.fiscal_year} {self.agency.name}"


class Finding(models.Model):
    """One tool of one issue: its verdict and the recommendation the officer keeps or edits."""

    analysis = models.ForeignKey(Analysis, models.CASCADE, related_name="findings")
    issue_number = models.PositiveSmallIntegerField(_("ประเด็นที่"))
    issue_title = models.CharField(_("ประเด็น"), max_length=300)
    tool = models.CharField(_("เครื่องมือ"), max_length=3, choices=TOOL_CHOICES)
    questions = models.JSONField(_("ข้อคำถามและคะแนน"), default=list)
    verdict = models.CharField(_("ผลการพิจารณา"), max_length=10, choices=VERDICT_CHOICES)
    recommendation = models.TextField(_("ข้อเสนอแนะ"), blank=True)

    class Meta:
        # IIT, EIT, OIT — the order the NACC and every report use
        ordering = [
            "analysis",
            "issue_number",
            models.Case(
                models.When(tool="IIT", then=0), models.When(tool="EIT", then=1), default=2
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "issue_number", "tool"], name="finding_unique"
            )
        ]
        verbose_name = _("ผลการพิจารณารายประเด็น")
        verbose_name_plural = _("ผลการพิจารณารายประเด็น")

    def __str__(self) -> str:
        return f"ประเด็นที่ {self.issue_number} {self.tool}: {self.get_verdict_display()}"


class IssueNarrative(models.Model):
    analysis = models.ForeignKey(Analysis, models.CASCADE, related_name="narratives")
    issue_number = models.PositiveSmallIntegerField(_("ประเด็นที่"))
    text = models.TextField(_("วิเคราะห์บรรยายเชิงพรรณนา"), blank=True)

    class Meta:
        ordering = ["analysis", "issue_number"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "issue_number"], name="narrative_unique")
        ]
        verbose_name = _("คำบรรยายรายประเด็น")
        verbose_name_plural = _("คำบรรยายรายประเด็น")

    def __str__(self) -> str:
        return f"ประเด็นที่ {self.issue_number}"
