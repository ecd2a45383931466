"""Login throttling that cannot be turned against someone else.

- **Per (user name, address), with back-off.** After ``PRONGSAI_LOGIN_FAILURES`` (5) failures
  for one user name from one address, that pair waits 1 minute after its last failure, then 2,
  4, 8 … up to ``PRONGSAI_LOGIN_LOCKOUT_MINUTES`` (15) for each further failure; failures older
  than a day are forgotten. The same person's correct password from another address still
  works: guessing someone's password from one machine never locks them out.
- **Per address.** ``PRONGSAI_LOGIN_FAILURES_PER_IP`` (50) failures from one address within the
  lockout window refuse every login from that address for the window, with a message that names
  no account (many officers may share one address behind a NAT; the limit is for a machine
  trying many names).

Failures are rows of :class:`~prongsai.audit.models.FailedLogin` (shared by every process and
kept as a record); a successful login clears its (user name, address) failures. The check sits
in the authentication backend, so the login page, the admin and anything else that calls
``authenticate`` are all covered; the login forms show the Thai message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FailedLogin

MEMORY = timedelta(days=1)  # how long a (user, address) pair's failures count for the back-off


def limits() -> tuple[int, int, timedelta]:
    """(failures per user name and address, failures per address, window and longest wait)."""
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


@dataclass(frozen=True)
class Lock:
    minutes: int  # how long until the next try (rounded up)
    per_address: bool  # the address's limit, not the (user, address) pair's

    def message(self) -> str:
        per_user, _per_ip, _window = limits()
        if self.per_address:
            return _(
                "มีการเข้าสู่ระบบไม่สำเร็จจากเครือข่ายนี้มากเกินไป ระบบระงับการเข้าสู่ระบบจากที่นี่ชั่วคราว "
                "โปรดลองใหม่ในอีก %(minutes)s นาที หรือติดต่อผู้ดูแลระบบ"
            ) % {"minutes": self.minutes}
        return _(
            "เข้าสู่ระบบไม่สำเร็จเกิน %(count)s ครั้งจากเครื่องนี้ โปรดลองใหม่ในอีก %(minutes)s นาที "
            "(ยิ่งผิดซ้ำ ยิ่งต้องรอนานขึ้น) หรือติดต่อผู้ดูแลระบบ"
        ) % {"count": per_user, "minutes": self.minutes}


def _minutes(delta: timedelta) -> int:
    return max(1, -(-int(delta.total_seconds()) // 60))


def lock_for(username: str, ip: str | None) -> Lock | None:
    """The lock on a login of ``username`` from ``ip`` now, or None."""
    per_user, per_ip, window = limits()
    now = timezone.now()
    if ip:
        recent = FailedLogin.objects.filter(ip=ip, at__gte=now - window)
        if recent.count() >= per_ip:
            last = recent.aggregate(last=Max("at"))["last"]
            return Lock(_minutes(last + window - now), per_address=True)
    if not username:
        return None
    pair = FailedLogin.objects.filter(username=username.casefold()[:150], ip=ip)
    pair = pair.filter(at__gte=now - MEMORY)
    count = pair.count()
    if count < per_user:
        return None
    wait = min(window, timedelta(minutes=1) * 2 ** min(count - per_user, 30))
    until = pair.aggregate(last=Max("at"))["last"] + wait
    return Lock(_minutes(until - now), per_address=False) if until > now else None


def is_locked(username: str, ip: str | None) -> bool:
    return lock_for(username, ip) is not None


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        lock = lock_for(username or kwargs.get("username") or "", client_ip(request))
        if lock:
            raise PermissionDenied(lock.message())
        return super().authenticate(request, username=username, password=password, **kwargs)


class _ThrottleMessage:
    def clean(self):
        lock = lock_for(self.data.get("username", ""), client_ip(self.request))
        if lock:
            raise ValidationError(lock.message(), code="locked")
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
    FailedLogin.objects.filter(
        username=user.get_username().casefold(), ip=client_ip(request)
    ).delete()
