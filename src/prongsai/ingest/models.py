"""Documents brought in by upload or by ``prongsai import``: what was read, and what became of it.

The content hash is unique, so the same file imported twice is recognised and never creates
anything twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class ImportedDocument(models.Model):
    STATUS_CHOICES = [
        ("read", _("อ่านแล้ว รอตรวจสอบ")),
        ("saved", _("บันทึกแล้ว")),
    ]
    KIND_CHOICES = [
        ("measures_report", _("รายงานผลการดำเนินการตามมาตรการ")),
        ("measures_report_by_tool", _("รายงานผลการดำเนินการตามมาตรการ แยกตามเครื่องมือ")),
        ("analysis_report", _("รายงานการวิเคราะห์ผลการประเมิน ITA")),
        ("measures_plan", _("แผนมาตรการ")),
    ]

    content_hash = models.CharField(_("ค่าแฮชของไฟล์"), max_length=64, unique=True)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"))
    kind = models.CharField(_("ประเภทเอกสาร"), max_length=40, choices=KIND_CHOICES)
    agency = models.ForeignKey(
        Agency,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("หน่วยงาน"),
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"), null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=10, choices=STATUS_CHOICES, default="read")
    result = models.JSONField(_("ข้อมูลที่อ่านได้"))
    source_text = models.TextField(_("ข้อความในเอกสาร"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, verbose_name=_("ผู้นำเข้า")
    )
    created_at = models.DateTimeField(_("นำเข้าเมื่อ"), auto_now_add=True)
    saved_at = models.DateTimeField(_("บันทึกเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("เอกสารที่นำเข้า")
        verbose_name_plural = _("เอกสารที่นำเข้า")

    def __str__(self) -> str:
        return self.file_name


class ImportedPage(models.Model):
    """A page of a scanned document as the OCR read it (PNG), shown beside the fields on review."""

    document = models.ForeignKey(
        ImportedDocument, models.CASCADE, related_name="pages", verbose_name=_("เอกสาร")
    )
    number = models.PositiveIntegerField(_("หน้าที่"))
    image = models.BinaryField(_("ภาพหน้าเอกสาร"))

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="ingest_page_unique")
        ]
        verbose_name = _("หน้าเอกสารที่สแกน")
        verbose_name_plural = _("หน้าเอกสารที่สแกน")

    def __str__(self) -> str:
        return f"{self.document} — {self.number}"
