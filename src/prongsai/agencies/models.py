"""Agencies (อบต., เทศบาล…), their units and the people who sign their documents.

Agencies hang in a tree — nation → province → district → agency — so roll-ups are a
``GROUP BY`` on ``province``/``district``. Provinces are the 77 of ``data/provinces.csv``,
loaded by a migration.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import AGENCY_KINDS, KIND_BY_CODE, full_agency_name, short_agency_name


class Province(models.Model):
    code = models.PositiveSmallIntegerField(_("รหัส"), primary_key=True)
    name_th = models.CharField(_("ชื่อจังหวัด"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")

    def __str__(self) -> str:
        return self.name_th


class District(models.Model):
    province = models.ForeignKey(Province, models.PROTECT, related_name="districts")
    name_th = models.CharField(_("ชื่ออำเภอ"), max_length=100)

    class Meta:
        ordering = ["province", "name_th"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name_th"], name="district_unique_name")
        ]
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")

    def __str__(self) -> str:
        return f"อ.{self.name_th} จ.{self.province.name_th}"


class Department(models.Model):
    """A central department that oversees agencies (e.g. กรมส่งเสริมการปกครองท้องถิ่น): the other
    branch of the tree, beside nation → province → district."""

    name = models.CharField(_("ชื่อกรม/ส่วนราชการต้นสังกัด"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ส่วนราชการต้นสังกัด")
        verbose_name_plural = _("ส่วนราชการต้นสังกัด")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    KIND_CHOICES = [(k.code, k.label_th) for k in AGENCY_KINDS]

    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=30, choices=KIND_CHOICES)
    place_name = models.CharField(
        _("ชื่อพื้นที่"), max_length=150, help_text=_("เช่น “ท่ากระเสริม” ของ อบต.ท่ากระเสริม")
    )
    province = models.ForeignKey(
        Province, models.PROTECT, related_name="agencies", verbose_name=_("จังหวัด")
    )
    district = models.ForeignKey(
        District,
        models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
        verbose_name=_("อำเภอ"),
    )
    department = models.ForeignKey(
        Department,
        models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
        verbose_name=_("ส่วนราชการต้นสังกัด"),
    )
    website = models.URLField(_("เว็บไซต์"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["province__name_th", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"], name="agency_unique_name_in_province"
            )
        ]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["kind"])]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.name and self.kind and self.place_name:
            self.name = full_agency_name(self.kind, self.place_name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("อำเภอนี้ไม่อยู่ในจังหวัดที่เลือก")})
        if self.kind != "other" and self.place_name:
            expected = full_agency_name(self.kind, self.place_name)
            if self.name != expected:
                raise ValidationError({"name": _("ชื่อหน่วยงานควรเป็น “%(n)s”") % {"n": expected}})

    @property
    def short_name(self) -> str:
        return short_agency_name(self.kind, self.place_name) if self.place_name else self.name

    @property
    def kind_label(self) -> str:
        return KIND_BY_CODE[self.kind].label_th


class Unit(models.Model):
    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="units", verbose_name=_("หน่วยงาน")
    )
    name = models.CharField(
        _("ชื่อส่วนราชการ/กอง"), max_length=150, help_text=_("เช่น สำนักปลัด กองคลัง กองช่าง")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["agency", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name")]
        verbose_name = _("ส่วนราชการ/กอง")
        verbose_name_plural = _("ส่วนราชการ/กอง")

    def __str__(self) -> str:
        return self.name


class Signatory(models.Model):
    """A person who signs the agency's documents (ผู้ลงนาม), e.g. the chief administrator."""

    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="signatories", verbose_name=_("หน่วยงาน")
    )
    name = models.CharField(
        _("ชื่อ-สกุล"), max_length=150, help_text=_("พร้อมคำนำหน้า เช่น นางสาวฉวี มาอ้อย")
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    unit = models.ForeignKey(Unit, models.SET_NULL, null=True, blank=True, verbose_name=_("สังกัด"))
    order = models.PositiveSmallIntegerField(_("ลำดับในสายการลงนาม"), default=0)
    active = models.BooleanField(_("ยังดำรงตำแหน่ง"), default=True)
    user = models.ForeignKey(
        "auth.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatories",
        verbose_name=_("บัญชีผู้ใช้"),
        help_text=_("ผู้ใช้ที่ลงนามในระบบแทนตำแหน่งนี้"),
    )

    class Meta:
        ordering = ["agency", "order"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name", "position"], name="signatory_unique")
        ]
        verbose_name = _("ผู้ลงนาม")
        verbose_name_plural = _("ผู้ลงนาม")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"
