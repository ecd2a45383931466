"""A bulk job: one document kind × year for every agency of a scope (a province, a district,
an agency kind, the nation), built by many tasks in parallel into one ZIP.

A job has one :class:`BulkPart` per agency (unique job × agency): a part's task builds that
agency's document unless the part is already built, so re-running a job — or a task a killed
worker never acknowledged — rebuilds nothing already built.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, District, Province


class BulkJob(models.Model):
    class Scope(models.TextChoices):
        PROVINCE = "province", _("จังหวัด")
        DISTRICT = "district", _("อำเภอ")
        AGENCY_KIND = "agency_kind", _("ประเภทหน่วยงาน")
        NATION = "nation", _("ทั้งประเทศ")

    class Status(models.TextChoices):
        RUNNING = "running", _("กำลังทำ")
        DONE = "done", _("เสร็จแล้ว")

    kind = models.CharField(_("ชนิดเอกสาร"), max_length=30)
    scope = models.CharField(_("ขอบเขต"), max_length=20, choices=Scope.choices)
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, verbose_name=_("จังหวัด")
    )
    district = models.ForeignKey(
        District, models.PROTECT, null=True, blank=True, verbose_name=_("อำเภอ")
    )
    agency_kind = models.CharField(_("ประเภทหน่วยงาน"), max_length=30, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("ปี พ.ศ."))
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    total = models.PositiveIntegerField(_("จำนวนหน่วยงาน"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้สั่ง"),
    )
    started_by_name = models.CharField(_("ชื่อผู้สั่ง"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("สั่งเมื่อ"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    result = models.FileField(_("ไฟล์ ZIP"), upload_to="bulk/", blank=True)

    class Meta:
        verbose_name = _("งานเอกสารจำนวนมาก")
        verbose_name_plural = _("งานเอกสารจำนวนมาก")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.fiscal_year} ({self.scope_label()})"

    def kind_label(self) -> str:
        from django.utils.translation import gettext

        from prongsai.documents.builders import KINDS

        return gettext(KINDS.get(self.kind, self.kind))

    def scope_label(self) -> str:
        from django.utils.translation import gettext

        if self.scope == self.Scope.PROVINCE:
            return gettext("จังหวัด%(name)s") % {"name": self.province.name_th}
        if self.scope == self.Scope.DISTRICT:
            return gettext("อำเภอ%(district)s จังหวัด%(province)s") % {
                "district": self.district.name_th,
                "province": self.district.province.name_th,
            }
        if self.scope == self.Scope.AGENCY_KIND:
            return str(dict(Agency.KIND_CHOICES).get(self.agency_kind, self.agency_kind))
        return gettext("ทั้งประเทศ")

    def progress(self) -> dict[str, int]:
        """Counts of the parts by status, and ``finished`` (built + skipped + failed)."""
        counts = self.parts.aggregate(
            built=Count("pk", filter=Q(status=BulkPart.Status.BUILT)),
            skipped=Count("pk", filter=Q(status=BulkPart.Status.SKIPPED)),
            failed=Count("pk", filter=Q(status=BulkPart.Status.FAILED)),
        )
        counts["finished"] = counts["built"] + counts["skipped"] + counts["failed"]
        counts["total"] = self.total
        return counts


class BulkPart(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("รอ")
        BUILT = "built", _("สร้างแล้ว")
        SKIPPED = "skipped", _("ไม่มีข้อมูล")
        FAILED = "failed", _("ผิดพลาด")

    job = models.ForeignKey(BulkJob, models.CASCADE, related_name="parts")
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="bulk/", blank=True)
    message = models.TextField(blank=True)  # why skipped or failed (Thai)
    attempts = models.PositiveSmallIntegerField(default=0)  # builds started (a lost one too)
    builds = models.PositiveSmallIntegerField(default=0)  # builds that wrote the file
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["job", "agency"], name="bulkpart_one_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.agency_id} {self.status}"
