"""Template filters for Thai documents and pages: Thai digits, Buddhist-era dates, scores.

When a page is in English, ``be_date`` writes English month names with Arabic digits and keeps
the Buddhist-era year (the official fiscal years are BE): ``1 October 2566``, ``1 Oct 2566``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from prongsai.thai import format_date, to_thai_digits

EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _english() -> bool:
    return (get_language() or "").startswith("en")


register = template.Library()


@register.filter
def thai_digits(value) -> str:
    return to_thai_digits(str(value))


@register.filter
def be_date(value, style: str = "long") -> str:
    """``{{ d|be_date }}`` → ๑ ตุลาคม ๒๕๖๖; ``{{ d|be_date:"short" }}`` → ๑ ต.ค. ๖๖.

    In English: ``1 October 2566`` and ``1 Oct 2566`` (BE year, English month)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return str(value)
    if _english():
        month = EN_MONTHS[value.month - 1]
        return f"{value.day} {month if style == 'long' else month[:3]} {value.year + 543}"
    return format_date(value, style=style, digits="thai")


@register.filter
def in_lang(obj, field: str) -> str:
    """``{{ tool|in_lang:"name" }}``: ``obj.name_en`` on an English page when it is filled in,
    else ``obj.name_th`` (or ``obj.name`` when there is no ``_th`` attribute)."""
    if obj in (None, ""):
        return ""
    if _english():
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, f"{field}_th", None) or getattr(obj, field, "")


@register.filter
def score2(value) -> str:
    """A score with two decimals, or a dash when unknown."""
    if value in (None, ""):
        return "–"
    return f"{Decimal(str(value)):.2f}"
