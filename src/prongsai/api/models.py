"""API tokens: a secret shown once, stored only as its SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("ผู้ใช้")
    )
    name = models.CharField(_("ชื่อ/ใช้กับระบบใด"), max_length=100)
    key_hash = models.CharField(_("ค่าแฮชของโทเคน"), max_length=64, unique=True)
    prefix = models.CharField(_("ต้นโทเคน"), max_length=8)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ใช้ล่าสุด"), null=True, blank=True)

    class Meta:
        ordering = ["user__username", "name"]
        verbose_name = _("โทเคน API")
        verbose_name_plural = _("โทเคน API")

    def __str__(self) -> str:
        return f"{self.user} · {self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """A new token; the key is returned once and never stored."""
        key = "pst_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=digest(key), prefix=key[:8])
        return token, key
