"""Rebuilding the per agency-year summaries (:class:`~.models.AgencyYear`) the roll-ups read.

``refresh()`` recomputes the rows of the given agencies and years (all of them by default) from
the assessments, their scores and the measures plans, in a fixed number of queries whatever the
number of agencies, then bumps :class:`~.models.RollupVersion` so cached roll-ups expire.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from prongsai.agencies.models import Agency
from prongsai.assessments.models import Assessment, IndicatorScore, QuestionScore, ToolScore
from prongsai.criteria.models import Indicator, Question, Tool
from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress

from .models import AgencyYear, RollupVersion

MEASURE_STATES = ("done", "in_progress", "overdue", "not_started")
# Thai in the data (the roll-ups and exports); pages translate them with gettext(label)
MEASURE_STATE_TH = {
    "done": gettext_noop("ดำเนินการแล้ว"),
    "in_progress": gettext_noop("อยู่ระหว่างดำเนินการ"),
    "overdue": gettext_noop("เลยกำหนด"),
    "not_started": gettext_noop("ยังไม่เริ่ม"),
    "cancelled": gettext_noop("ยกเลิก"),
}


def measure_state(statuses: dict[str, str], period_end: date | None, today: date) -> str:
    """done / in_progress / overdue / not_started / cancelled, from the latest round reported.

    The 12-month round wins over the 6-month one. A measure not done whose period has ended
    before ``today`` is overdue.
    """
    latest = statuses.get("12m") or statuses.get("6m") or ""
    if latest in ("done", "cancelled"):
        return latest
    if period_end is not None and period_end < today:
        return "overdue"
    return "in_progress" if latest == "in_progress" else "not_started"


def _filtered(qs, prefix: str, agency_ids, years):
    if agency_ids is not None:
        qs = qs.filter(**{f"{prefix}agency_id__in": list(agency_ids)})
    if years is not None:
        qs = qs.filter(**{f"{prefix}fiscal_year__in": list(years)})
    return qs


def _num(value) -> float | None:
    return None if value is None else float(value)


def refresh(
    *,
    agency_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
    today: date | None = None,
    batch_size: int = 2000,
) -> int:
    """Rebuild the summaries of ``agency_ids`` × ``years`` (None: all). Returns the row count."""
    today = today or timezone.localdate()
    agency_ids = None if agency_ids is None else sorted(set(agency_ids))
    years = None if years is None else sorted(set(years))
    rows: dict[tuple[int, int], dict] = {}

    assessments = _filtered(Assessment.objects, "", agency_ids, years).values_list(
        "id", "agency_id", "fiscal_year", "overall", "rating", "passed", "criteria__pass_mark"
    )
    key_of: dict[int, tuple[int, int]] = {}
    for pk, agency, year, overall, rating, passed, pass_mark in assessments.iterator(5000):
        key_of[pk] = (agency, year)
        rows[(agency, year)] = {
            "overall": overall,
            "rating": rating,
            "passed": passed,
            "pass_mark": pass_mark,
            "tools": {},
            "indicators": {},
            "weak_questions": [],
            "weak_indicators": [],
        }
    # Codes and numbers by id, so the big score tables are read without joins or sorting.
    tool_code = dict(Tool.objects.values_list("id", "code"))
    tool_order = dict(Tool.objects.values_list("code", "order"))
    indicator_number = dict(Indicator.objects.values_list("id", "number"))
    question = {
        pk: (order, code) for pk, code, order in Question.objects.values_list("id", "code", "order")
    }
    tool_scores = _filtered(ToolScore.objects, "assessment__", agency_ids, years)
    for pk, tool, value in tool_scores.order_by().values_list("assessment_id", "tool_id", "score"):
        rows[key_of[pk]]["tools"][tool_code[tool]] = _num(value)
    indicator_scores = _filtered(IndicatorScore.objects, "assessment__", agency_ids, years)
    for pk, indicator, value in indicator_scores.order_by().values_list(
        "assessment_id", "indicator_id", "score"
    ):
        rows[key_of[pk]]["indicators"][indicator_number[indicator]] = value
    weak = _filtered(QuestionScore.objects, "assessment__", agency_ids, years).filter(
        score__lt=F("assessment__criteria__pass_mark")
    )
    for pk, q in weak.order_by().values_list("assessment_id", "question_id").iterator(20000):
        rows[key_of[pk]]["weak_questions"].append(question[q])
    for row in rows.values():
        row["tools"] = dict(sorted(row["tools"].items(), key=lambda kv: tool_order.get(kv[0], 0)))
        scores = sorted(row["indicators"].items())
        row["indicators"] = {str(n): _num(v) for n, v in scores}
        row["weak_indicators"] = [
            str(n)
            for n, v in scores
            if v is not None and row["pass_mark"] is not None and v < row["pass_mark"]
        ]
        row["weak_questions"] = [code for _order, code in sorted(row["weak_questions"])]

    plans = _filtered(MeasurePlan.objects, "", agency_ids, years)
    for agency, year in plans.values_list("agency_id", "fiscal_year"):
        rows.setdefault((agency, year), {})
    statuses: dict[int, dict[str, str]] = defaultdict(dict)
    progress = _filtered(MeasureProgress.objects, "measure__plan__", agency_ids, years)
    for measure, rnd, status in progress.values_list("measure_id", "round__round", "status"):
        statuses[measure][rnd] = status
    counts: dict[tuple[int, int], Counter] = defaultdict(Counter)
    measures = _filtered(Measure.objects, "plan__", agency_ids, years)
    for pk, agency, year, end in measures.values_list(
        "id", "plan__agency_id", "plan__fiscal_year", "period_end"
    ):
        counts[(agency, year)][measure_state(statuses.get(pk, {}), end, today)] += 1

    agencies = (
        {
            a[0]: a[1:]
            for a in Agency.objects.filter(pk__in={k[0] for k in rows}).values_list(
                "id", "province_id", "district_id", "kind", "name"
            )
        }
        if agency_ids is not None
        else {
            a[0]: a[1:]
            for a in Agency.objects.values_list("id", "province_id", "district_id", "kind", "name")
        }
    )
    objs = []
    for (agency, year), data in rows.items():
        province, district, kind, name = agencies[agency]
        c = counts.get((agency, year), Counter())
        objs.append(
            AgencyYear(
                agency_id=agency,
                fiscal_year=year,
                province_id=province,
                district_id=district,
                kind=kind,
                name=name,
                overall=data.get("overall"),
                rating=data.get("rating") or "",
                passed=data.get("passed"),
                pass_mark=data.get("pass_mark"),
                tools=data.get("tools", {}),
                indicators=data.get("indicators", {}),
                weak_questions=_spaced(data.get("weak_questions", [])),
                weak_indicators=_spaced(data.get("weak_indicators", [])),
                measures_total=sum(c[s] for s in MEASURE_STATES),
                measures_done=c["done"],
                measures_in_progress=c["in_progress"],
                measures_overdue=c["overdue"],
                measures_not_started=c["not_started"],
                as_of=today,
            )
        )
    with transaction.atomic():
        _filtered(AgencyYear.objects.all(), "", agency_ids, years).delete()
        AgencyYear.objects.bulk_create(objs, batch_size=batch_size)
        bump_version()
    return len(objs)


def _spaced(codes: list[str]) -> str:
    return f" {' '.join(codes)} " if codes else ""


def bump_version() -> None:
    updated = RollupVersion.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        RollupVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def current_version() -> int:
    """The summaries' version: read on every dashboard request, so in plain SQL (the ORM's
    compiling of even this query cost more than the query)."""
    table = connection.ops.quote_name(RollupVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = %s", [1])
        row = cursor.fetchone()
    return row[0] if row else 0


# Saving through the app (scores, a plan, a round) refreshes that agency-year after commit. What
# changed is only noted during the request (no query); it is resolved and refreshed on commit.
_pending = threading.local()


def schedule(what: str, pk: int, year: int | None = None) -> None:
    """Note that an agency-year changed: ("agency", id, year), ("plan", id), ("round", id)…"""
    keys = getattr(_pending, "keys", None)
    if keys is None:
        keys = _pending.keys = set()
    keys.add((what, pk, year))
    transaction.on_commit(_flush)


def _flush() -> None:
    keys = getattr(_pending, "keys", None) or set()
    _pending.keys = set()
    if not keys:
        return
    ids = defaultdict(set)
    for what, pk, year in keys:
        ids[what].add(pk if what != "agency" else (pk, year))
    pairs = set(ids["agency"])
    lookups = {"plan": "pk__in", "round": "rounds__in", "measure": "measures__in"}
    for what, lookup in lookups.items():
        if ids[what]:
            pairs |= set(
                MeasurePlan.objects.filter(**{lookup: ids[what]}).values_list(
                    "agency_id", "fiscal_year"
                )
            )
    by_year: dict[int, set[int]] = defaultdict(set)
    for agency, year in pairs:
        by_year[year].add(agency)
    for year, agencies in by_year.items():
        refresh(agency_ids=agencies, years=[year])
