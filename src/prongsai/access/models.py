"""Who may do what where: a user's memberships, each a role over one agency, or (for a
regional viewer) over a province's or a department's agencies, or (national admin) over all.

The rules that turn memberships into reach live in ``scope.py``; nothing else decides access.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Department, Province

AGENCY_ROLES = ("editor", "signer", "agency_admin")


class Membership(models.Model):
    ROLE_CHOICES = [
        ("editor", _("ผู้จัดทำข้อมูลของหน่วยงาน")),
        ("signer", _("ผู้ลงนามของหน่วยงาน")),
        ("agency_admin", _("ผู้ดูแลหน่วยงาน")),
        ("regional_viewer", _("ผู้ติดตามระดับจังหวัด/ส่วนราชการ")),
        ("national_admin", _("ผู้ดูแลระดับประเทศ")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("ผู้ใช้"),
    )
    role = models.CharField(_("บทบาท"), max_length=20, choices=ROLE_CHOICES)
    agency = models.ForeignKey(
        Agency,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("หน่วยงาน"),
    )
    province = models.ForeignKey(
        Province, models.CASCADE, null=True, blank=True, verbose_name=_("จังหวัด")
    )
    department = models.ForeignKey(
        Department, models.CASCADE, null=True, blank=True, verbose_name=_("ส่วนราชการต้นสังกัด")
    )
    created_at = models.DateTimeField(_("เพิ่มเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            # an agency role names its agency and nothing else; a regional viewer a province
            # or a department; a national admin nothing
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=AGENCY_ROLES,
                        agency__isnull=False,
                        province__isnull=True,
                        department__isnull=True,
                    )
                    | models.Q(
                        role="regional_viewer",
                        agency__isnull=True,
                        province__isnull=False,
                        department__isnull=True,
                    )
                    | models.Q(
                        role="regional_viewer",
                        agency__isnull=True,
                        province__isnull=True,
                        department__isnull=False,
                    )
                    | models.Q(
                        role="national_admin",
                        agency__isnull=True,
                        province__isnull=True,
                        department__isnull=True,
                    )
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=models.Q(agency__isnull=False),
                name="membership_unique_agency_role",
            ),
        ]
        verbose_name = _("สิทธิ์ของผู้ใช้")
        verbose_name_plural = _("สิทธิ์ของผู้ใช้")

    def __str__(self) -> str:
        where = self.agency or self.province or self.department or _("ทั้งประเทศ")
        return f"{self.user} · {self.get_role_display()} · {where}"
