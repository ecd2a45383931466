"""The OIT workspace of an agency-year: every disclosure item of the year's criteria with its
status, responsible unit, due date, evidence (links and files), how-to-find steps and the
checklist of its requirements; and the snapshot the public ITA page shows once published.

Written only through :mod:`prongsai.oit.actions` (the guard in ``apps.py`` refuses anything
else). The item list itself is the year's criteria file: a row per item is created when the
workspace is opened, keyed by the item's code, with its title copied for the record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Unit

MAX_EVIDENCE = 5  # links and files per item, as ITAS asks


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    IN_PROGRESS = "in_progress", _("กำลังจัดทำ")
    READY = "ready", _("พร้อม")
    CHECKED = "checked", _("ตรวจแล้ว")


READY_STATUSES = (ItemStatus.READY, ItemStatus.CHECKED)


class OitWorkspace(models.Model):
    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="oit_workspaces", verbose_name=_("หน่วยงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    opens = models.DateField(_("วันเปิดตอบแบบ OIT"), null=True, blank=True)
    closes = models.DateField(_("วันปิดตอบแบบ OIT"), null=True, blank=True)
    iit_estimate = models.DecimalField(
        _("คะแนน IIT ที่คาดไว้"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    eit_estimate = models.DecimalField(
        _("คะแนน EIT ที่คาดไว้"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    iit_url = models.URLField(_("ลิงก์แบบสำรวจ IIT"), blank=True)
    eit_url = models.URLField(_("ลิงก์แบบสำรวจ EIT"), blank=True)
    public_content = models.JSONField(_("เนื้อหาที่เผยแพร่"), null=True, blank=True)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เผยแพร่"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["agency", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="oit_workspace_unique")
        ]
        verbose_name = _("งาน OIT ประจำปี")
        verbose_name_plural = _("งาน OIT ประจำปี")

    def __str__(self) -> str:
        return f"OIT {self.fiscal_year} {self.agency}"


class OitItem(models.Model):
    workspace = models.ForeignKey(
        OitWorkspace, models.CASCADE, related_name="items", verbose_name=_("งาน OIT")
    )
    code = models.CharField(_("ข้อ"), max_length=10)
    title = models.CharField(_("รายการ"), max_length=300)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    unit = models.ForeignKey(
        Unit, models.SET_NULL, null=True, blank=True, verbose_name=_("ผู้รับผิดชอบ")
    )
    due = models.DateField(_("กำหนดเสร็จ"), null=True, blank=True)
    explanation = models.TextField(_("คำอธิบาย"), blank=True)
    steps = models.JSONField(_("ขั้นตอนการเข้าถึงข้อมูล"), default=list, blank=True)
    checklist = models.JSONField(_("รายการตรวจสอบองค์ประกอบ"), default=dict, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตรวจ"),
    )
    checked_at = models.DateTimeField(_("ตรวจเมื่อ"), null=True, blank=True)
    version = models.PositiveIntegerField(_("รุ่นข้อมูล"), default=1)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["workspace", "order"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "code"], name="oit_item_unique_code")
        ]
        verbose_name = _("รายการ OIT")
        verbose_name_plural = _("รายการ OIT")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def ready(self) -> bool:
        return self.status in READY_STATUSES


class OitEvidence(models.Model):
    """One link or uploaded file of an item (at most :data:`MAX_EVIDENCE`), with what the last
    link check found."""

    item = models.ForeignKey(
        OitItem, models.CASCADE, related_name="evidence", verbose_name=_("รายการ OIT")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    label = models.CharField(_("คำอธิบายลิงก์"), max_length=200, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)
    file = models.FileField(_("ไฟล์"), upload_to="oit/%Y/", blank=True)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=200, blank=True)
    check_status = models.PositiveSmallIntegerField(_("ผลตรวจลิงก์ (HTTP)"), null=True, blank=True)
    check_error = models.CharField(_("ข้อผิดพลาดของลิงก์"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("ตรวจลิงก์เมื่อ"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("เปิดได้ครั้งล่าสุด"), null=True, blank=True)

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("หลักฐาน OIT")
        verbose_name_plural = _("หลักฐาน OIT")

    def __str__(self) -> str:
        return self.label or self.url or self.file_name

    @property
    def broken(self) -> bool:
        """The last check could not open the link (an error, or HTTP 4xx/5xx)."""
        if not self.url or self.checked_at is None:
            return False
        return bool(self.check_error) or (self.check_status or 0) >= 400
