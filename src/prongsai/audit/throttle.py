"""Login throttling: after too many failed logins for a user name (or from one address) within
a window, every login for it is refused, the right password included, until the window passes.

Failures are rows of :class:`~prongsai.audit.models.FailedLogin` (shared by every process and
kept as a record); a successful login clears the user name's failures. The check sits in the
authentication backend, so the login page, the admin and anything else that calls
``authenticate`` are all covered; the login forms show the Thai message.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin


def limits() -> tuple[int, int, timedelta]:
    """(failures per user name, failures per address, window)."""
    return (
        getattr(settings, "PRONGSAI_LOGIN_FAILURES", 5),
        getattr(settings, "PRONGSAI_LOGIN_FAILURES_PER_IP", 50),  # many officers share one NAT
        timedelta(minutes=getattr(settings, "PRONGSAI_LOGIN_LOCKOUT_MINUTES", 15)),
    )


def client_ip(request) -> str | None:
    """The address a login came from. Behind a reverse proxy (``PRONGSAI_BEHIND_PROXY=1``)
    every request comes from the proxy, so the address the proxy itself saw — the last one it
    added to ``X-Forwarded-For`` — is the client's; otherwise one shared counter would lock
    every user out after the per-address limit."""
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.PRONGSAI_BEHIND_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def is_locked(username: str, ip: str | None) -> bool:
    per_user, per_ip, window = limits()
    recent = FailedLogin.objects.filter(at__gte=timezone.now() - window)
    if username and recent.filter(username=username.casefold()).count() >= per_user:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= per_ip


def locked_message() -> str:
    per_user, _, window = limits()
    minutes = int(window.total_seconds() // 60)
    return (
        f"เข้าสู่ระบบไม่สำเร็จเกิน {per_user} ครั้ง ระบบระงับการเข้าสู่ระบบของบัญชีนี้ชั่วคราว "
        f"โปรดลองใหม่หลังจาก {minutes} นาที หรือติดต่อผู้ดูแลระบบ"
    )


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if is_locked(username or kwargs.get("username") or "", client_ip(request)):
            raise PermissionDenied(locked_message())
        return super().authenticate(request, username=username, password=password, **kwargs)


class _ThrottleMessage:
    def clean(self):
        username = self.data.get("username", "")
        if is_locked(username, client_ip(self.request)):
            raise ValidationError(locked_message(), code="locked")
        return super().clean()


class ThrottledAuthenticationForm(_ThrottleMessage, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    }


class ThrottledAdminAuthenticationForm(_ThrottleMessage, AdminAuthenticationForm):
    pass


@receiver(user_login_failed)
def _record_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or ""
    FailedLogin.objects.create(username=username.casefold()[:150], ip=client_ip(request))


@receiver(user_logged_in)
def _clear_failures(sender, request, user, **kwargs):
    FailedLogin.objects.filter(username=user.get_username().casefold()).delete()
