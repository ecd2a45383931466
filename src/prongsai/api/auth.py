"""Who is calling: a bearer token (``Authorization: Bearer pst_…``) or the browser's session."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from .models import ApiToken, digest


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = ApiToken.objects.select_related("user").filter(key_hash=digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


AUTH = [TokenAuth(), django_auth]
