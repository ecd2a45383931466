"""``{{ assessment.rating|rating }}``: a rating badge's label in the page's language — the
criteria's ``label_en`` ("Pass - good") on an English page, the stored Thai label otherwise.
Letter grades (AA, A, B …) are the same in both."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.utils.translation import get_language

from prongsai.criteria.models import RatingRule

register = template.Library()


@lru_cache(maxsize=128)
def _english(label: str) -> str:
    found = (
        RatingRule.objects.filter(label=label)
        .exclude(label_en="")
        .values_list("label_en", flat=True)
        .first()
    )
    return found or label


@register.filter
def rating(label) -> str:
    if not label or not (get_language() or "").startswith("en"):
        return label or ""
    return _english(str(label))
