"""Measure families across agencies and years, and the score change that followed each.

A family groups measures that do the same kind of thing (their titles and methods, segmented
with PyThaiNLP and compared with TF-IDF); an :class:`Effect` is a family's difference in
differences on one indicator: the next-year change of agencies that carried a member out minus
that of comparable agencies that did not. Rows are rewritten by
:func:`prongsai.suggestions.compute.recompute`, never edited by hand.

An effect is an association in past data, not proof that the measure caused the change.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.measures.models import Measure


class MeasureFamily(models.Model):
    name = models.TextField(_("ชื่อกลุ่มมาตรการ"), help_text=_("ชื่อมาตรการที่อยู่ใกล้ศูนย์กลางกลุ่มที่สุด"))
    key = models.CharField(_("รหัสกลุ่ม"), max_length=64, unique=True)
    indicator_numbers = models.JSONField(_("ตัวชี้วัดที่เกี่ยวข้อง"), default=list, blank=True)
    tool = models.CharField(_("เครื่องมือการประเมิน"), max_length=3, blank=True)
    examples = models.JSONField(
        _("ตัวอย่างชื่อและวิธีการ"),
        default=list,
        blank=True,
        help_text=_("[{title, methods}, …] ข้อความที่พบบ่อยที่สุดในกลุ่ม ไม่มีชื่อหน่วยงาน"),
    )
    members_count = models.PositiveIntegerField(_("จำนวนมาตรการ"), default=0)
    agencies_count = models.PositiveIntegerField(_("จำนวนหน่วยงาน"), default=0)
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))

    class Meta:
        ordering = ["-members_count", "pk"]
        verbose_name = _("กลุ่มมาตรการ")
        verbose_name_plural = _("กลุ่มมาตรการ")

    def __str__(self) -> str:
        return self.name[:80]


class FamilyMember(models.Model):
    family = models.ForeignKey(
        MeasureFamily, models.CASCADE, related_name="members", verbose_name=_("กลุ่ม")
    )
    measure = models.OneToOneField(
        Measure, models.CASCADE, related_name="family_membership", verbose_name=_("มาตรการ")
    )

    class Meta:
        verbose_name = _("มาตรการในกลุ่ม")
        verbose_name_plural = _("มาตรการในกลุ่ม")

    def __str__(self) -> str:
        return f"{self.family_id}: {self.measure_id}"


class Effect(models.Model):
    family = models.ForeignKey(
        MeasureFamily, models.CASCADE, related_name="effects", verbose_name=_("กลุ่ม")
    )
    indicator_number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    question_code = models.CharField(_("ข้อคำถาม"), max_length=10, blank=True)
    estimate = models.FloatField(_("คะแนนที่เปลี่ยนต่างจากกลุ่มเทียบ"))
    ci_low = models.FloatField(_("ช่วงความเชื่อมั่นล่าง"))
    ci_high = models.FloatField(_("ช่วงความเชื่อมั่นบน"))
    n_treated = models.PositiveIntegerField(_("หน่วยงานที่ดำเนินการ"))
    n_control = models.PositiveIntegerField(_("หน่วยงานเทียบ"))
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))

    class Meta:
        ordering = ["indicator_number", "-estimate"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "indicator_number", "question_code"], name="effect_unique"
            )
        ]
        verbose_name = _("ผลต่างของคะแนน")
        verbose_name_plural = _("ผลต่างของคะแนน")

    def __str__(self) -> str:
        return f"{self.family} → {self.indicator_number}: {self.estimate:+.2f}"

    @property
    def significant(self) -> bool:
        """The whole confidence interval on one side of zero."""
        return self.ci_low > 0 or self.ci_high < 0
