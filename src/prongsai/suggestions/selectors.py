"""What the pages show of the families and effects: aggregates only.

Nothing here names an agency: a family's name and examples are texts used by at least
``MIN_SHARED`` agencies, and an estimate is shown only with ``MIN_N`` agencies or more on each
side (the recomputation stores no other; the filter here says so again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prongsai.assessments.models import IndicatorScore
from prongsai.criteria.models import CriteriaYear, Indicator, Question
from prongsai.dashboards.selectors import shared_cached

from .compute import MIN_N
from .models import Effect

CAVEAT_TH = "ความสัมพันธ์ในข้อมูลที่ผ่านมา ไม่ใช่หลักฐานว่ามาตรการเป็นสาเหตุ"
PER_INDICATOR = 3


def shown(questions: bool = False):
    """The effects a page may show (n ≥ MIN_N on both sides): per indicator, or with
    ``questions`` per question."""
    rows = Effect.objects.filter(n_treated__gte=MIN_N, n_control__gte=MIN_N)
    rows = rows.exclude(question_code="") if questions else rows.filter(question_code="")
    return rows.select_related("family")


@dataclass
class MovedQuestion:
    code: str
    text: str
    effect: Effect


def attach_questions(effects: list[Effect]) -> None:
    """Set ``moved_questions`` on each effect: when the indicator's own estimate is a clear gain
    (its interval above zero), the indicator's questions whose estimate is one too, largest
    first — what the family's measures moved. (Only then: among a few dozen questions, one
    interval in twenty misses by chance.)"""
    for e in effects:
        e.moved_questions = []
    clear = {(e.family_id, e.indicator_number): e for e in effects if e.ci_low > 0}
    if not clear:
        return
    rows = list(
        shown(questions=True)
        .filter(
            family_id__in={f for f, _ in clear},
            indicator_number__in={i for _, i in clear},
            ci_low__gt=0,
        )
        .order_by("-estimate", "question_code")
    )
    texts = {
        (n, c): t
        for n, c, t in Question.objects.filter(
            code__in={r.question_code for r in rows},
            indicator__number__in={r.indicator_number for r in rows},
        )
        .order_by("year__fiscal_year")
        .values_list("indicator__number", "code", "text_th")
    }  # the latest year's wording last, so it stays
    for r in rows:
        owner = clear.get((r.family_id, r.indicator_number))
        if owner is not None:
            text = texts.get((r.indicator_number, r.question_code), "")
            owner.moved_questions.append(MovedQuestion(r.question_code, text, r))


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
    attach_questions([e for w in weak for e in w.effects])
    return weak


def table(version: int | None = None) -> list[dict]:
    """Families × indicators for the dashboards: one row per family, one cell per indicator.

    The same for every user (aggregates only): kept in the shared cache (Redis in production)
    under the dashboards' version, which :func:`~prongsai.suggestions.compute.recompute` bumps
    when it commits — every server then builds the new table."""
    return shared_cached("suggestions:table", _table, version)


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
