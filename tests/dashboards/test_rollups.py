"""Roll-up figures against the rows behind them, and the pure rules."""

from datetime import date
from decimal import Decimal

import pytest

from prongsai.assessments.models import Assessment, QuestionScore
from prongsai.criteria.models import CriteriaYear
from prongsai.criteria.services import get_catalog
from prongsai.dashboards.models import AgencyYear
from prongsai.dashboards.rollups import Filters, Scope, band_of, ranking, summarize
from prongsai.dashboards.summaries import measure_state

TODAY = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("statuses", "end", "state"),
    [
        ({"6m": "done"}, date(2026, 3, 31), "done"),
        ({"6m": "done", "12m": "in_progress"}, date(2026, 9, 30), "in_progress"),
        ({"6m": "in_progress"}, date(2026, 3, 31), "overdue"),
        ({}, date(2026, 3, 31), "overdue"),
        ({}, date(2026, 9, 30), "not_started"),
        ({"6m": "not_started"}, None, "not_started"),
        ({"12m": "cancelled"}, date(2026, 3, 31), "cancelled"),
    ],
)
def test_measure_state(statuses, end, state):
    assert measure_state(statuses, end, TODAY) == state


@pytest.mark.parametrize(
    ("score", "band"),
    [(12.5, 0), (49.99, 0), (50, 50), (84.99, 80), (85, 85), (99.9, 95), (100, 95)],
)
def test_band_of(score, band):
    assert band_of(score) == band


def _latest():
    return Assessment.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True)[0]


@pytest.mark.django_db
def test_national_figures_match_the_assessments(country):
    country(agencies=80)
    year = _latest()
    rows = AgencyYear.objects.filter(fiscal_year=year)
    r = summarize(rows, get_catalog(year), child="province", child_names={})
    assessed = Assessment.objects.filter(fiscal_year=year)
    assert r.whole.assessed == assessed.count()
    assert r.whole.passed == assessed.filter(passed=True).count()
    assert r.pass_mark == float(CriteriaYear.objects.get(fiscal_year=year).pass_mark)
    assert sum(n for _, _, n in r.bands) == r.whole.assessed
    assert sum(g.agencies for g in r.by_child) == r.whole.agencies
    assert sum(g.passed for g in r.by_kind) == r.whole.passed
    top = r.weak_questions[0]
    below = QuestionScore.objects.filter(
        assessment__fiscal_year=year,
        question__code=top["code"],
        score__lt=Decimal(str(r.pass_mark)),
    )
    assert top["weak"] == below.count()
    # every figure drills down to exactly the agencies behind it
    assert ranking(rows, Filters(weak_question=top["code"])).count == top["weak"]
    assert ranking(rows, Filters(passed=True)).count == r.whole.passed
    lo, hi, n = next(b for b in r.bands if b[2])
    assert ranking(rows, Filters(low=lo or None, high=hi if hi < 100 else None)).count == n
    ind = max(r.indicators, key=lambda i: i["weak"])
    assert ranking(rows, Filters(weak_indicator=str(ind["number"]))).count == ind["weak"]


@pytest.mark.django_db
def test_pass_mark_comes_from_the_criteria_not_the_code(country):
    country(agencies=30)
    year = _latest()
    CriteriaYear.objects.filter(fiscal_year=year).update(pass_mark=90)
    from prongsai.dashboards.summaries import refresh

    refresh()
    rows = AgencyYear.objects.filter(fiscal_year=year)
    r = summarize(rows, get_catalog(year), child=None, child_names={})
    assert r.pass_mark == 90.0
    ind = r.indicators[0]
    expected = sum(
        1
        for v in rows.values_list("indicators", flat=True)
        if v.get("1") is not None and v["1"] < 90
    )
    assert ind["weak"] == expected


@pytest.mark.django_db
def test_scope_search_sort_and_pages(country):
    country(agencies=120)
    year = _latest()
    some = AgencyYear.objects.filter(fiscal_year=year, overall__isnull=False).first()
    rows = Scope(province=some.province_id).apply(AgencyYear.objects.filter(fiscal_year=year))
    assert set(rows.values_list("province_id", flat=True)) == {some.province_id}
    found = ranking(rows, Filters(q=some.name[-6:]))
    assert some.agency_id in [r["agency_id"] for r in found.rows]
    everyone = AgencyYear.objects.filter(fiscal_year=year)
    page1 = ranking(everyone, Filters(), page=1, size=10)
    page2 = ranking(everyone, Filters(), page=2, size=10)
    scores = [r["overall"] for r in page1.rows + page2.rows]
    assert scores == sorted(scores, reverse=True)
    low = ranking(everyone, Filters(sort="low"), page=1, size=5)
    assert low.rows[0]["overall"] == min(
        everyone.exclude(overall=None).values_list("overall", flat=True)
    )
    assert ranking(everyone, Filters(), page=999, size=10).number == page1.pages


@pytest.mark.django_db
def test_refresh_command_rebuilds_the_summaries(country):
    from django.core.management import call_command

    country(agencies=12)
    year = _latest()
    AgencyYear.objects.filter(fiscal_year=year).update(overall=None, measures_total=0)
    call_command("dashboards", "refresh", "--year", str(year))
    assert AgencyYear.objects.filter(fiscal_year=year, overall__isnull=False).count() == (
        Assessment.objects.filter(fiscal_year=year).count()
    )
    assert AgencyYear.objects.filter(fiscal_year=year, measures_total__gt=0).exists()
