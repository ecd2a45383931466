"""Template filters for Thai documents and pages: Thai digits, Buddhist-era dates, scores."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from prongsai.thai import format_date, to_thai_digits

register = template.Library()


@register.filter
def thai_digits(value) -> str:
    return to_thai_digits(str(value))


@register.filter
def be_date(value, style: str = "long") -> str:
    """``{{ d|be_date }}`` → ๑ ตุลาคม ๒๕๖๖; ``{{ d|be_date:"short" }}`` → ๑ ต.ค. ๖๖."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return str(value)
    return format_date(value, style=style, digits="thai")


@register.filter
def score2(value) -> str:
    """A score with two decimals, or a dash when unknown."""
    if value in (None, ""):
        return "–"
    return f"{Decimal(str(value)):.2f}"
