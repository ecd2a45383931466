"""What the dashboard pages read. Every view starts from :func:`visible_summaries` or
:func:`visible_agencies` — the permission layer (prongsai.access.scope) applied in one place."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import caches
from django.db.models import QuerySet

from prongsai.access.scope import agencies_for, is_national, restrict
from prongsai.agencies.models import Agency, District, Province
from prongsai.analysis.models import Analysis
from prongsai.assessments.models import QuestionScore
from prongsai.core.cycle import Step, cycle_steps, next_step
from prongsai.criteria.services import CriteriaNotLoaded, get_catalog
from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress

from .models import AgencyYear
from .rollups import Rollup, Scope, summarize
from .summaries import MEASURE_STATE_TH, MEASURE_STATES, current_version, measure_state

CACHE_SECONDS = 3600


def visible_agencies(user) -> QuerySet[Agency]:
    """The agencies ``user`` may see: the permission layer's reach (prongsai.access.scope)."""
    return agencies_for(user, "view")


def visible_summaries(user) -> QuerySet[AgencyYear]:
    """The agency-year summaries ``user`` may see (the same reach as :func:`visible_agencies`)."""
    return restrict(AgencyYear.objects.all(), user, "view")


def reach_key(user) -> str:
    """Part of every cache key: users with the same reach share cached roll-ups, and a change
    of someone's memberships changes their key at once."""
    if is_national(user):
        return "all"
    if not hasattr(user, "_prongsai_reach_key"):  # once per request
        ids = visible_agencies(user).order_by("pk").values_list("pk", flat=True)
        digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
        user._prongsai_reach_key = "r" + digest
    return user._prongsai_reach_key


def cache_key(user, name: str, version: int | None = None) -> str:
    """A cache key that changes when the summaries change and differs between reaches."""
    version = current_version() if version is None else version
    return f"dashboards:{version}:{reach_key(user)}:{name}"


def cached(user, name: str, build, version: int | None = None):
    """``build()`` cached for users of the same reach until the summaries change."""
    return caches["dashboards"].get_or_set(cache_key(user, name, version), build, CACHE_SECONDS)


def shared_cached(name: str, build, version: int | None = None):
    """Like :func:`cached` for what is the same whoever looks (the caller has checked that
    the user may see it): keyed by the summaries' version, not by the user's reach."""
    version = current_version() if version is None else version
    return caches["dashboards"].get_or_set(
        f"dashboards:{version}:shared:{name}", build, CACHE_SECONDS
    )


def rollup_years(user, version: int | None = None) -> list[int]:
    """Fiscal years that have scores, newest first."""
    return cached(
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
        version,
    )


def child_names(scope: Scope) -> dict:
    if scope.child == "province":
        return dict(Province.objects.values_list("code", "name_th"))
    if scope.child == "district":
        return dict(District.objects.filter(province=scope.province).values_list("id", "name_th"))
    return {}


def rollup(user, scope: Scope, year: int, version: int | None = None) -> Rollup:
    """The aggregate figures of ``scope`` for ``year``, cached until the summaries change."""

    def build() -> Rollup:
        rows = scope.apply(visible_summaries(user).filter(fiscal_year=year))
        return summarize(rows, get_catalog(year), child=scope.child, child_names=child_names(scope))

    return cached(user, f"rollup:{scope.key}:{year}", build, version)


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
    plan: str | None  # the plan's status, None without a plan


def agency_dashboard(agency: Agency, year: int | None, today: date, *, history: int = 5):
    """Everything an agency's dashboard shows, in a fixed number of queries (eight).

    Scores per year come from the agency-year summaries (refreshed on every save), names from
    the chosen year's criteria; questions, measures and the cycle are read live.
    """
    summaries = list(
        AgencyYear.objects.filter(agency=agency)
        .order_by("fiscal_year")
        .values("fiscal_year", "overall", "rating", "passed", "pass_mark", "tools", "indicators")
    )
    scored = [a for a in summaries if a["overall"] is not None]
    if year is None:
        year = scored[-1]["fiscal_year"] if scored else None
    if year is None:
        return None
    overall = [a for a in scored if a["fiscal_year"] <= year][-history:]
    years = [a["fiscal_year"] for a in overall]
    current = next((a for a in overall if a["fiscal_year"] == year), None)
    try:
        catalog = get_catalog(year)
    except CriteriaNotLoaded:
        catalog = None
    tools = [
        {"code": t.code, "name": t.name_th, "scores": {}}
        for t in (catalog.tools if catalog else ())
    ]
    indicators = [
        {"number": i.number, "name": i.name_th, "tool": i.tool, "scores": {}}
        for i in (catalog.indicators if catalog else ())
    ]
    for a in overall:
        for t in tools:
            t["scores"][a["fiscal_year"]] = a["tools"].get(t["code"])
        for i in indicators:
            i["scores"][a["fiscal_year"]] = a["indicators"].get(str(i["number"]))
    known = {q.code: q for q in catalog.questions} if catalog else {}
    weakest = [
        {
            "code": code,
            "text": text,
            "indicator": number,
            "score": value,
            "confidence": known[code].confidence if code in known else "",
            "source_text": known[code].source_text if code in known else "",
        }
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
    for row in [*tools, *indicators]:
        row["cells"] = [(y, row["scores"].get(y)) for y in years]
    counts = {s: sum(1 for m in measures if m["state"] == s) for s in MEASURE_STATES}
    steps, plan = _cycle(agency, year, results=any(a["fiscal_year"] == year - 1 for a in scored))
    return AgencyDashboard(
        agency=agency,
        year=year,
        years=years,
        overall=overall,
        current=current,
        tools=tools,
        indicators=indicators,
        weakest=weakest,
        measures=measures,
        measure_states=[(s, MEASURE_STATE_TH[s], counts[s]) for s in MEASURE_STATES],
        steps=[(s, s.overdue(today)) for s in steps],
        next=next_step(steps),
        plan=plan,
    )


def _cycle(agency: Agency, year: int, *, results: bool):
    """The steps of ``year`` (prongsai.core.cycle) in two queries: the plan with its rounds, and
    the analysis of the previous year's results."""
    plan, rounds = None, {}
    for status, rnd, rnd_status in (
        MeasurePlan.objects.filter(agency=agency, fiscal_year=year)
        .order_by()
        .values_list("status", "rounds__round", "rounds__status")
    ):
        plan = status
        if rnd:
            rounds[rnd] = rnd_status
    analysis = next(
        iter(
            Analysis.objects.filter(agency=agency, fiscal_year=year - 1)
            .order_by()
            .values_list("status", flat=True)[:1]
        ),
        None,
    )
    steps = cycle_steps(year, results=results, analysis=analysis, plan=plan, rounds=rounds)
    return steps, plan
