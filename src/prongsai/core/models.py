"""The event log of the action layer (see core/actions.py and core/events.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One state change: who did what to which object, when, with the hash of the content it
    concerned and the comment given. Written once, never changed."""

    action = models.CharField(_("การดำเนินการ"), max_length=60, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    actor_name = models.CharField(_("ชื่อผู้ดำเนินการ"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("หน่วยงาน"),
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"), null=True, blank=True)
    content_type = models.ForeignKey(ContentType, models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    content_hash = models.CharField(_("ค่าแฮชของเนื้อหา"), max_length=64, blank=True)
    comment = models.TextField(_("ความเห็น"), blank=True)
    data = models.JSONField(_("รายละเอียด"), default=dict, blank=True)
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("เหตุการณ์")
        verbose_name_plural = _("เหตุการณ์")

    def __str__(self) -> str:
        return f"{self.action} {self.actor_name} {self.at:%Y-%m-%d %H:%M}"
