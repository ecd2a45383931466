"""What the pages show of the families and effects: aggregates only.

Nothing here names an agency: a family's name and examples are texts used by at least
``MIN_SHARED`` agencies, and an estimate is shown only with ``MIN_N`` agencies or more on each
side (the recomputation stores no other; the filter here says so again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache

from prongsai.assessments.models import IndicatorScore
from prongsai.criteria.models import CriteriaYear, Indicator

from .compute import MIN_N
from .models import Effect

CAVEAT_TH = "ความสัมพันธ์ในข้อมูลที่ผ่านมา ไม่ใช่หลักฐานว่ามาตรการเป็นสาเหตุ"
PER_INDICATOR = 3


def shown():
    """The effects a page may show (n ≥ MIN_N on both sides)."""
    return Effect.objects.filter(
        n_treated__gte=MIN_N, n_control__gte=MIN_N, question_code=""
    ).select_related("family")


@dataclass
class WeakIndicator:
    number: int
    name: str
    score: float
    pass_mark: float
    effects: list[Effect] = field(default_factory=list)


def weak_indicators(agency_id: int, year: int) -> list[WeakIndicator]:
    """The agency's indicators below the year's pass mark, lowest first."""
    criteria = CriteriaYear.objects.filter(fiscal_year=year).first()
    if criteria is None:
        return []
    pass_mark = float(criteria.pass_mark)
    names = dict(Indicator.objects.filter(year=criteria).values_list("number", "name_th"))
    rows = IndicatorScore.objects.filter(
        assessment__agency_id=agency_id,
        assessment__fiscal_year=year,
        score__lt=criteria.pass_mark,
    ).values_list("indicator__number", "score")
    return sorted(
        (WeakIndicator(n, names.get(n, ""), float(s), pass_mark) for n, s in rows),
        key=lambda w: (w.score, w.number),
    )


def for_agency(agency_id: int, year: int, limit: int = PER_INDICATOR) -> list[WeakIndicator]:
    """For each weak indicator of the agency in ``year`` (the analysed year): the families with
    the largest estimated gain on it."""
    weak = weak_indicators(agency_id, year)
    if not weak:
        return []
    by_number = {w.number: w for w in weak}
    for effect in (
        shown()
        .filter(indicator_number__in=by_number, estimate__gt=0)
        .order_by("indicator_number", "-estimate", "family_id")
    ):
        bucket = by_number[effect.indicator_number].effects
        if len(bucket) < limit:
            bucket.append(effect)
    return weak


TABLE_CACHE = "suggestions:table"


def table() -> list[dict]:
    """Families × indicators for the dashboards: one row per family, one cell per indicator.

    Kept in the cache for ten minutes (the same for every user: aggregates only);
    :func:`~prongsai.suggestions.compute.recompute` drops it."""
    cached = cache.get(TABLE_CACHE)
    if cached is None:
        cached = _table()
        cache.set(TABLE_CACHE, cached, 600)
    return cached


def _table() -> list[dict]:
    effects = list(shown().order_by("family__name", "indicator_number"))
    numbers = sorted({e.indicator_number for e in effects})
    rows: dict[int, dict] = {}
    for e in effects:
        row = rows.setdefault(e.family_id, {"family": e.family, "cells": dict.fromkeys(numbers)})
        row["cells"][e.indicator_number] = e
    out = sorted(
        rows.values(),
        key=lambda r: -max((c.estimate for c in r["cells"].values() if c), default=0),
    )
    for row in out:
        row["cells"] = [row["cells"][n] for n in numbers]
    return [{"numbers": numbers, "rows": out}] if out else []
