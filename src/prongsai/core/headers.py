"""Security headers Django does not set itself: Content-Security-Policy and Permissions-Policy.

Every script and style is a file served from this site (HTMX is vendored; no inline ``<script>``,
no ``style=""``, no ``hx-on``), so the policy allows 'self' only. ``settings.PRONGSAI_CSP``
replaces the policy when an installation needs another (e.g. a reporting endpoint).
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = getattr(settings, "PRONGSAI_CSP", DEFAULT_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
