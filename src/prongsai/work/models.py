"""In-app notifications and each user's delivery preference."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One thing a user is told: a memo waiting for them, returned to them, approved, a
    document published, a step due in 7 days or overdue. Made by ``work.notify``."""

    KIND_CHOICES = [
        ("waiting", _("รอการพิจารณาของคุณ")),
        ("returned", _("ส่งกลับแก้ไข")),
        ("approved", _("อนุมัติแล้ว")),
        ("published", _("เผยแพร่แล้ว")),
        ("due_soon", _("ใกล้ถึงกำหนด")),
        ("overdue", _("เลยกำหนด")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("ผู้รับ"),
    )
    kind = models.CharField(_("ประเภท"), max_length=20, choices=KIND_CHOICES)
    title = models.CharField(_("เรื่อง"), max_length=300)
    body = models.TextField(_("รายละเอียด"), blank=True)
    url = models.CharField(_("ลิงก์"), max_length=500, blank=True)
    event = models.ForeignKey(
        "core.Event",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("เหตุการณ์"),
    )
    # a reminder's identity (agency, year, step, due/overdue): sent once, however often
    # `prongsai remind` runs
    key = models.CharField(_("รหัสการเตือน"), max_length=120, blank=True)
    emailed = models.BooleanField(_("ส่งอีเมลแล้ว"), default=False)
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="notification_reminder_once",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """A user's delivery choices (no row = the defaults: e-mail on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="work_preference",
        verbose_name=_("ผู้ใช้"),
    )
    email = models.BooleanField(
        _("ส่งการแจ้งเตือนทางอีเมล"),
        default=True,
        help_text=_("ปิดไว้ก็ยังเห็นการแจ้งเตือนในระบบ"),
    )

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self) -> str:
        return str(self.user)


def wants_email(user) -> bool:
    pref = Preference.objects.filter(user=user).values_list("email", flat=True).first()
    return pref is None or pref
