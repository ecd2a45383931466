"""Published documents: frozen snapshots, one row per version.

A publication stores everything the public sees — the document's content (JSON), its HTML,
PDF, DOCX and XLSX bytes — with a SHA-256 of the content, who published it and when. Public
pages and downloads read these rows only, never the live plan/round/analysis. A correction is a
new row with the next version number; earlier versions stay at their URLs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency

from .builders import KINDS

KIND_CHOICES = list(KINDS.items())
ROUND_CHOICES = [("", "-"), ("6m", _("รอบ 6 เดือน")), ("12m", _("รอบ 12 เดือน"))]


class Publication(models.Model):
    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="publications", verbose_name=_("หน่วยงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    kind = models.CharField(_("ชนิดเอกสาร"), max_length=20, choices=KIND_CHOICES)
    round = models.CharField(_("รอบรายงาน"), max_length=3, choices=ROUND_CHOICES, blank=True)
    version = models.PositiveIntegerField(_("ฉบับที่"))
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    digits = models.CharField(_("ตัวเลข"), max_length=10, default="thai")
    content = models.JSONField(_("เนื้อหา"))
    content_hash = models.CharField(_("ค่าแฮชของเนื้อหา"), max_length=64)
    html = models.TextField("HTML")
    pdf = models.BinaryField("PDF")
    docx = models.BinaryField("DOCX")
    xlsx = models.BinaryField("XLSX")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("ผู้เผยแพร่"),
    )
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), auto_now_add=True)
    note = models.CharField(_("หมายเหตุการแก้ไข"), max_length=300, blank=True)

    class Meta:
        ordering = ["agency", "-fiscal_year", "kind", "round", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "kind", "round", "version"],
                name="publication_unique_version",
            )
        ]
        verbose_name = _("เอกสารที่เผยแพร่")
        verbose_name_plural = _("เอกสารที่เผยแพร่")

    def __str__(self) -> str:
        return f"{self.title} ฉบับที่ {self.version}"

    @property
    def slug(self) -> str:
        """``progress-6m``, ``analysis``: the document's part of its public URL."""
        return f"{self.kind}-{self.round}" if self.round else self.kind


def parse_slug(slug: str) -> tuple[str, str] | None:
    """``"progress-6m"`` → ``("progress", "6m")``; ``"analysis"`` → ``("analysis", "")``."""
    for kind in KINDS:
        for round_ in ("", "6m", "12m"):
            if slug == (f"{kind}-{round_}" if round_ else kind):
                return kind, round_
    return None
