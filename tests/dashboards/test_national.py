"""The generated country: plausible, deterministic, from the criteria files, consistent."""

import pytest

from prongsai.agencies.models import Agency
from prongsai.assessments.models import Assessment, QuestionScore
from prongsai.assessments.services import report_for
from prongsai.criteria.services import get_catalog
from prongsai.dashboards.models import AgencyYear
from prongsai.demo.national import CountryExists
from prongsai.measures.models import Measure, MeasureProgress

pytestmark = pytest.mark.django_db


def _fingerprint():
    return sorted(
        Assessment.objects.values_list(
            "agency__name", "agency__province_id", "fiscal_year", "overall"
        )
    )


def test_country_has_every_province_kinds_years_and_plans(country):
    result = country(agencies=120)
    assert result.agencies == Agency.objects.count() == 120
    assert Agency.objects.values("province").distinct().count() == 77
    kinds = set(Agency.objects.values_list("kind", flat=True))
    assert {"pao", "sao", "tambon_municipality"} <= kinds
    years = sorted(set(Assessment.objects.values_list("fiscal_year", flat=True)))
    assert len(years) == 5
    assert Measure.objects.count() == result.measures > 0
    assert MeasureProgress.objects.count() == result.progress > 0
    assert AgencyYear.objects.count() >= result.assessments


def test_question_scores_come_from_each_years_catalog(country):
    country(agencies=30)
    for year in set(Assessment.objects.values_list("fiscal_year", flat=True)):
        codes = set(
            QuestionScore.objects.filter(assessment__fiscal_year=year).values_list(
                "question__code", flat=True
            )
        )
        assert codes == {q.code for q in get_catalog(year).questions}


def test_stored_scores_are_what_the_scoring_rules_give(country):
    country(agencies=20)
    for assessment in Assessment.objects.order_by("pk")[:15]:
        report = report_for(assessment)
        assert report.overall.value == assessment.overall
        assert report.passed == assessment.passed


def test_same_seed_same_country_and_rerun_refuses_or_replaces(country):
    country(agencies=40, seed=5)
    first = _fingerprint()
    with pytest.raises(CountryExists):
        country(agencies=40, seed=5)
    country(agencies=40, seed=5, replace=True)
    assert _fingerprint() == first
    assert Agency.objects.count() == 40
    country(agencies=40, seed=6, replace=True)
    assert _fingerprint() != first


def test_replace_keeps_agencies_that_are_not_generated(country, demo):
    before = set(Agency.objects.values_list("name", flat=True))
    country(agencies=20)
    country(agencies=20, replace=True)
    assert before <= set(Agency.objects.values_list("name", flat=True))
    assert Agency.objects.count() == len(before) + 20


def test_the_command_on_a_database_without_the_seed_agencies(criteria, capsys):
    """`prongsai demo --national` alone: the country and a demo login, no seed agencies needed
    (the roles that belong to seed agencies wait for `prongsai demo`)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("demo", "--national", "--agencies", "80", "--seed", "2")
    assert Agency.objects.count() == 80
    users = get_user_model().objects
    assert users.get(username="demo").is_superuser
    assert users.get(username="kanchanaburi").memberships.get().province.name_th == "กาญจนบุรี"
    assert not users.filter(username="officer").exists()
    assert "demo" in capsys.readouterr().out
