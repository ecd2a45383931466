"""Drafting a plan from the analysis, copying last year's plan, reordering."""

from datetime import date

import pytest

from prongsai.agencies.models import Agency
from prongsai.analysis.services import create_analysis
from prongsai.assessments.models import Assessment
from prongsai.measures.models import MeasurePlan
from prongsai.measures.services import PlanExists, copy_plan, plan_from_analysis, reorder
from tests.conftest import drop_analyses


@pytest.fixture
def drafted(demo):
    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    drop_analyses(agency)
    MeasurePlan.objects.filter(agency=agency).delete()
    return create_analysis(Assessment.objects.get(agency=agency, fiscal_year=2566))


@pytest.mark.django_db
def test_plan_from_analysis_has_one_measure_per_issue_that_needs_it(drafted):
    plan = plan_from_analysis(drafted)
    assert plan.fiscal_year == 2567
    measures = list(plan.measures.order_by("number"))
    # in seed 003 every issue has a tool below the target, so all seven need a measure
    assert [m.number for m in measures] == [1, 2, 3, 4, 5, 6, 7]
    assert measures[2].title.startswith("ช่องทางและรูปแบบการประชาสัมพันธ์")
    assert any("แผนผัง" in step for step in measures[2].methods)  # from the OIT fix text
    assert (measures[0].period_start, measures[0].period_end) == (
        date(2023, 10, 1),
        date(2024, 9, 30),
    )
    with pytest.raises(PlanExists):
        plan_from_analysis(drafted)


@pytest.mark.django_db
def test_copy_last_years_plan_resets_and_moves_periods(demo):
    old = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลปากช่อง", fiscal_year=2567)
    new = copy_plan(old)
    assert (new.fiscal_year, new.status) == (2568, "draft")
    assert new.rounds.count() == 0
    pairs = list(zip(old.measures.order_by("number"), new.measures.order_by("number"), strict=True))
    assert len(pairs) == 5
    for a, b in pairs:
        assert a.title == b.title and a.methods == b.methods
        assert b.period_start == a.period_start.replace(year=a.period_start.year + 1)
        assert set(a.responsible_units.all()) == set(b.responsible_units.all())


@pytest.mark.django_db
def test_reorder_numbers_the_measures_in_the_given_order(demo):
    plan = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลปากช่อง", fiscal_year=2567)
    ids = list(plan.measures.order_by("number").values_list("pk", flat=True))
    reorder(plan, [ids[3], ids[0]])
    assert list(plan.measures.order_by("number").values_list("pk", flat=True)) == [
        ids[3],
        ids[0],
        ids[1],
        ids[2],
        ids[4],
    ]


@pytest.mark.django_db
def test_plan_pages_draft_edit_and_validate(admin_client, drafted):
    agency = drafted.agency
    url = f"/agencies/{agency.pk}/plans/2567/"
    page = admin_client.get(url).content.decode()
    assert "ร่างจากผลการวิเคราะห์ปี 2566" in page
    admin_client.post(url + "create/", {"from": "analysis"})
    plan = MeasurePlan.objects.get(agency=agency, fiscal_year=2567)
    measure = plan.measures.get(number=1)
    edit = f"{url}measures/{measure.pk}/"
    data = {
        "title": "มาตรการที่แก้ไข",
        "methods_text": "ขั้นที่หนึ่ง\nขั้นที่สอง",
        "steps_text": "แจ้งเวียนบุคลากร\n\nติดตามผล ",
        "period_start": "1 ต.ค. 66",
        "period_end": "30/9/2567",
        "new_unit": "กองการศึกษา",
        "kpi_target": "70",
        "kpi_unit": "คน",
    }
    assert admin_client.post(edit, data).status_code == 302
    measure.refresh_from_db()
    assert measure.methods == ["ขั้นที่หนึ่ง", "ขั้นที่สอง"]
    assert measure.steps == ["แจ้งเวียนบุคลากร", "ติดตามผล"]
    assert "แจ้งเวียนบุคลากร" in admin_client.get(url).content.decode()
    assert (measure.period_start, measure.period_end) == (date(2023, 10, 1), date(2024, 9, 30))
    assert [u.name for u in measure.responsible_units.all()] == ["กองการศึกษา"]

    bad = admin_client.post(edit, {**data, "period_end": "1/1/2560", "title": "ยังอยู่"})
    html = bad.content.decode()
    assert "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม" in html and "ยังอยู่" in html
    bad = admin_client.post(edit, {**data, "period_start": "31 ก.พ. 67"})
    assert "วัน" in bad.content.decode() and bad.status_code == 200

    admin_client.post(f"{edit}move/", {"direction": "down"})
    measure.refresh_from_db()
    assert measure.number == 2
