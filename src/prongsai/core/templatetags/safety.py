"""``{% load safety %}{{ imported_html|clean_html }}``: imported rich text, sanitised by nh3."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from prongsai.core.sanitize import clean_html as _clean_html

register = template.Library()


@register.filter
def clean_html(value) -> str:
    return mark_safe(_clean_html(str(value or "")))
