"""Suggestions where they are used: an officer's plan and analysis pages (and adding one to the
plan through the actions), the national and provincial dashboards (aggregates only)."""

import re

import pytest
from django.core.cache import cache

from prongsai.access.actions import membership_grant
from prongsai.agencies.models import Agency
from prongsai.assessments.models import IndicatorScore
from prongsai.core.actions import SYSTEM
from prongsai.demo.national import PLANTED_FAMILIES
from prongsai.measures.models import Measure, MeasurePlan
from prongsai.suggestions.models import Effect, FamilyMember
from prongsai.suggestions.selectors import CAVEAT_TH

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    found = re.search(
        r'<section class="card suggestions[^"]*" id="suggestions">(.*?)</section>', html, re.S
    )
    assert found, "no suggestions section"
    return found.group(1)


def _weak_on_10_with_a_draft_plan():
    year = MeasurePlan.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True)[0]
    drafts = MeasurePlan.objects.filter(fiscal_year=year, status="draft").values_list(
        "agency_id", flat=True
    )
    score = (
        IndicatorScore.objects.filter(
            assessment__agency_id__in=list(drafts),
            assessment__fiscal_year=year - 1,
            indicator__number=10,
            score__lt=85,
        )
        .select_related("assessment__agency")
        .order_by("assessment__agency_id")
        .first()
    )
    assert score is not None
    return score.assessment.agency, year


def test_officer_sees_suggestions_adds_one_and_others_see_aggregates_only(
    planted_country, client, django_user_model
):
    planted_country()
    agency, year = _weak_on_10_with_a_draft_plan()
    officer = django_user_model.objects.create_user("officer", password="x-secret-1")
    membership_grant(by=SYSTEM, user=officer, role="editor", agency=agency)
    client.force_login(officer)

    planted = PLANTED_FAMILIES[0]  # the one that moves indicator 10
    family = FamilyMember.objects.get(
        measure=Measure.objects.filter(title=planted.titles[0]).first()
    ).family
    effect = Effect.objects.get(family=family, indicator_number=10, question_code="")
    # the questions of indicator 10 the family clearly moved (interval above zero)
    moved = Effect.objects.filter(
        family=family, indicator_number=10, ci_low__gt=0, n_treated__gte=10, n_control__gte=10
    ).exclude(question_code="")
    assert effect.ci_low > 0 and moved.exists()

    for url in (
        f"/agencies/{agency.pk}/plans/{year}/",
        f"/agencies/{agency.pk}/analysis/{year - 1}/",
    ):
        section = _section(client.get(url).content.decode())
        assert CAVEAT_TH in section
        assert family.name in section
        assert f"{effect.ci_low:.2f} – {effect.ci_high:.2f}" in section
        assert f"{effect.n_treated} / {effect.n_control}" in section
        assert "เพิ่มเป็นมาตรการ" in section
        for q in moved:
            assert f'data-question="{q.question_code}"' in section
            assert f"{q.estimate:+.2f} [{q.ci_low:.2f}, {q.ci_high:.2f}]" in section
        not_moved = Effect.objects.filter(family=family, indicator_number=10, ci_low__lte=0)
        for q in not_moved.exclude(question_code=""):
            assert f'data-question="{q.question_code}"' not in section

    before = Measure.objects.filter(plan__agency=agency, plan__fiscal_year=year).count()
    post = {"family": family.key, "indicator": "10", "next": f"/agencies/{agency.pk}/plans/{year}/"}
    response = client.post(f"/agencies/{agency.pk}/plans/{year}/suggestions/adopt/", post)
    assert response.status_code == 302
    added = Measure.objects.get(plan__agency=agency, plan__fiscal_year=year, title=family.name)
    assert added.indicator_numbers == [10]
    assert family.examples[0]["title"] == family.name  # the name's own methods come with it
    assert added.methods == family.examples[0]["methods"]
    client.post(f"/agencies/{agency.pk}/plans/{year}/suggestions/adopt/", post)  # sent twice
    assert Measure.objects.filter(plan__agency=agency, plan__fiscal_year=year).count() == before + 1
    page = client.get(f"/agencies/{agency.pk}/plans/{year}/").content.decode()
    assert family.name in page

    # another agency's officer may not add to this plan
    other = django_user_model.objects.create_user("other", password="x-secret-1")
    membership_grant(
        by=SYSTEM, user=other, role="editor", agency=Agency.objects.exclude(pk=agency.pk).first()
    )
    client.force_login(other)
    response = client.post(f"/agencies/{agency.pk}/plans/{year}/suggestions/adopt/", post)
    assert response.status_code in (403, 404)
    assert Measure.objects.filter(plan__agency=agency, plan__fiscal_year=year).count() == before + 1

    # the dashboards: the families × indicators table, figures only, no agency named
    admin = django_user_model.objects.create_user("nation", password="x-secret-1")
    membership_grant(by=SYSTEM, user=admin, role="national_admin")
    client.force_login(admin)
    names = set(Agency.objects.values_list("name", flat=True))
    for url in ("/dashboards/", f"/dashboards/province/{agency.province_id}/"):
        cache.clear()
        section = _section(client.get(url).content.decode())
        assert CAVEAT_TH in section
        assert family.name in section
        assert (
            f"[{effect.ci_low:.2f}, {effect.ci_high:.2f}] n {effect.n_treated}/{effect.n_control}"
            in section
        )
        assert not [n for n in names if n in section]
        shown = [int(n) for n in re.findall(r"n (\d+)/", section)]
        assert shown and min(shown) >= 10
