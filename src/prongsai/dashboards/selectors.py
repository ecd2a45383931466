"""What the dashboard pages read. Every view starts from :func:`visible_summaries` or
:func:`visible_agencies` — the one place where "what may this user see" will be applied."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet

from prongsai.agencies.models import Agency, District, Province
from prongsai.agencies.selectors import cycle_of
from prongsai.assessments.models import Assessment, IndicatorScore, QuestionScore, ToolScore
from prongsai.core.cycle import Step, next_step
from prongsai.criteria.services import get_catalog
from prongsai.measures.models import Measure, MeasureProgress

from .models import AgencyYear
from .rollups import Rollup, Scope, summarize
from .summaries import MEASURE_STATE_TH, MEASURE_STATES, current_version, measure_state

CACHE_SECONDS = 3600


def visible_agencies(user) -> QuerySet[Agency]:
    """The agencies ``user`` may see. Everyone signed in sees every agency until roles exist."""
    return Agency.objects.all()


def visible_summaries(user) -> QuerySet[AgencyYear]:
    """The agency-year summaries ``user`` may see (the same reach as :func:`visible_agencies`)."""
    return AgencyYear.objects.all()


def reach_key(user) -> str:
    """Part of every cache key: users with the same reach share cached roll-ups."""
    return "all"


def _cached(user, name: str, build):
    key = f"dashboards:{current_version()}:{reach_key(user)}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def rollup_years(user) -> list[int]:
    """Fiscal years that have scores, newest first."""
    return _cached(
        user,
        "years",
        lambda: sorted(
            set(
                visible_summaries(user)
                .filter(overall__isnull=False)
                .values_list("fiscal_year", flat=True)
                .distinct()
            ),
            reverse=True,
        ),
    )


def child_names(scope: Scope) -> dict:
    if scope.child == "province":
        return dict(Province.objects.values_list("code", "name_th"))
    if scope.child == "district":
        return dict(District.objects.filter(province=scope.province).values_list("id", "name_th"))
    return {}


def rollup(user, scope: Scope, year: int) -> Rollup:
    """The aggregate figures of ``scope`` for ``year``, cached until the summaries change."""

    def build() -> Rollup:
        rows = scope.apply(visible_summaries(user).filter(fiscal_year=year))
        return summarize(rows, get_catalog(year), child=scope.child, child_names=child_names(scope))

    return _cached(user, f"rollup:{scope.key}:{year}", build)


@dataclass
class AgencyDashboard:
    agency: Agency
    year: int
    years: list[int]  # the years shown, oldest first, ending with ``year``
    overall: list[dict]  # per year: fiscal_year, overall, rating, passed, pass_mark
    current: dict | None
    tools: list[dict]  # code, name, scores: {year: score}
    indicators: list[dict]  # number, name, tool, scores: {year: score}
    weakest: list[dict]  # code, text, indicator, score
    measures: list[dict]  # number, title, tool, period_end, state, state_label
    measure_states: list[tuple[str, str, int]]
    steps: list[tuple[Step, bool]]
    next: Step | None
    plan: object


def agency_dashboard(agency: Agency, year: int | None, today: date, *, history: int = 5):
    """Everything an agency's dashboard shows, in a fixed number of queries."""
    overall = list(
        Assessment.objects.filter(agency=agency)
        .order_by("fiscal_year")
        .values("fiscal_year", "overall", "rating", "passed", "criteria__pass_mark")
    )
    if year is None:
        year = overall[-1]["fiscal_year"] if overall else None
    if year is None:
        return None
    overall = [a for a in overall if a["fiscal_year"] <= year][-history:]
    years = [a["fiscal_year"] for a in overall]
    current = next((a for a in overall if a["fiscal_year"] == year), None)

    tools: dict[str, dict] = {}
    for fy, code, name, value in (
        ToolScore.objects.filter(assessment__agency=agency, assessment__fiscal_year__in=years)
        .order_by("tool__order")
        .values_list("assessment__fiscal_year", "tool__code", "tool__name_th", "score")
    ):
        tools.setdefault(code, {"code": code, "name": name, "scores": {}})["scores"][fy] = value
    indicators: dict[int, dict] = {}
    for fy, number, name, tool, value in (
        IndicatorScore.objects.filter(assessment__agency=agency, assessment__fiscal_year__in=years)
        .order_by("indicator__number", "-assessment__fiscal_year")
        .values_list(
            "assessment__fiscal_year",
            "indicator__number",
            "indicator__name_th",
            "indicator__tool__code",
            "score",
        )
    ):
        row = indicators.setdefault(
            number, {"number": number, "name": name, "tool": tool, "scores": {}}
        )
        row["scores"][fy] = value
    weakest = [
        {"code": code, "text": text, "indicator": number, "score": value}
        for code, text, number, value in QuestionScore.objects.filter(
            assessment__agency=agency, assessment__fiscal_year=year
        )
        .order_by("score", "question__order")
        .values_list("question__code", "question__text_th", "question__indicator__number", "score")[
            :10
        ]
    ]
    statuses: dict[int, dict[str, str]] = defaultdict(dict)
    for measure, rnd, status in MeasureProgress.objects.filter(
        measure__plan__agency=agency, measure__plan__fiscal_year=year
    ).values_list("measure_id", "round__round", "status"):
        statuses[measure][rnd] = status
    measures = []
    for m in (
        Measure.objects.filter(plan__agency=agency, plan__fiscal_year=year)
        .order_by("number")
        .values("id", "number", "title", "tool", "period_end")
    ):
        state = measure_state(statuses.get(m["id"], {}), m["period_end"], today)
        measures.append({**m, "state": state, "state_label": MEASURE_STATE_TH[state]})
    for row in [*tools.values(), *indicators.values()]:
        row["cells"] = [(y, row["scores"].get(y)) for y in years]
    counts = {s: sum(1 for m in measures if m["state"] == s) for s in MEASURE_STATES}
    steps, plan = cycle_of(agency, year)
    return AgencyDashboard(
        agency=agency,
        year=year,
        years=years,
        overall=overall,
        current=current,
        tools=list(tools.values()),
        indicators=list(indicators.values()),
        weakest=weakest,
        measures=measures,
        measure_states=[(s, MEASURE_STATE_TH[s], counts[s]) for s in MEASURE_STATES],
        steps=[(s, s.overdue(today)) for s in steps],
        next=next_step(steps),
        plan=plan,
    )
