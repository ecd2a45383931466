"""Progress rounds: fill each measure, KPI percent, evidence, overdue, submit only when complete."""

from datetime import date

import pytest

from prongsai.access.actions import signatory_add
from prongsai.core.actions import SYSTEM
from prongsai.measures.actions import RoundIncomplete, round_start, round_submit
from prongsai.measures.models import Evidence, MeasurePlan
from prongsai.measures.rules import is_overdue
from tests.acting import acting


@pytest.fixture
def plan(demo):
    return MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลปากช่อง", fiscal_year=2567)


def post_data(page_response, **changes):
    formset = page_response.context["formset"]
    data = {f.html_name: f.value() or "" for f in formset.management_form}
    for form in formset.forms:
        for field in form:
            if field.name.startswith("evidence_"):
                continue
            value = field.value()
            data[field.html_name] = "" if value is None else value
    data.update(changes)
    return data


@pytest.mark.django_db
def test_start_fill_and_submit_the_6_month_round(admin_client, plan):
    url = f"/agencies/{plan.agency_id}/plans/2567/rounds/6m/"
    assert "เริ่มรายงานรอบ ๖ เดือน" in admin_client.get(url).content.decode()
    admin_client.post(url, {"action": "start"})
    round_ = plan.rounds.get(round="6m")
    assert round_.progress.count() == 5

    page = admin_client.get(url)
    data = post_data(page, action="submit")
    data["form-0-status"] = "in_progress"
    data["form-0-result"] = "ประชุมชี้แจงแล้ว"
    response = admin_client.post(url, data, follow=True)
    assert "ยังเสนอรายงานไม่ได้: มาตรการที่ 2, 3, 4, 5" in response.content.decode()
    round_.refresh_from_db()
    assert round_.status == "draft"
    assert round_.progress.get(measure__number=1).result == "ประชุมชี้แจงแล้ว"  # kept

    signatory_add(by=SYSTEM, agency=plan.agency, name="นางสาวก ข", position="นักวิเคราะห์", order=1)
    signatory_add(by=SYSTEM, agency=plan.agency, name="นายค ง", position="นายก อบต.", order=2)
    data = post_data(admin_client.get(url), action="submit")  # the page as saved (versions)
    for n in range(5):
        data[f"form-{n}-status"] = "done"
        data[f"form-{n}-result"] = f"ผลที่ {n + 1}"
    data["form-1-evidence_title"] = "หน้าเว็บ"
    data["form-1-evidence_url"] = "https://www.pakchong.go.th/"
    response = admin_client.post(url, data)
    memo = round_.memos.get()
    assert response["Location"] == f"/agencies/memos/{memo.pk}/"  # on to the memo and its chain
    assert Evidence.objects.get().url == "https://www.pakchong.go.th/"


@pytest.mark.django_db
def test_bad_progress_input_is_refused_next_to_the_field(admin_client, plan):
    url = f"/agencies/{plan.agency_id}/plans/2567/rounds/6m/"
    admin_client.post(url, {"action": "start"})
    data = post_data(admin_client.get(url), action="save")
    data["form-0-status"] = "cancelled"
    data["form-0-result"] = "ข้อความที่พิมพ์"
    data["form-1-kpi_actual"] = "-5"
    data["form-2-evidence_url"] = "ไม่ใช่ลิงก์"
    html = admin_client.post(url, data).content.decode()
    assert "โปรดระบุเหตุผลที่ยกเลิก" in html
    assert "ต้องไม่ติดลบ" in html
    assert "ลิงก์ต้องขึ้นต้นด้วย http://" in html
    assert "ข้อความที่พิมพ์" in html


@pytest.mark.django_db
def test_kpi_percent_and_overdue(plan):
    round_ = round_start(plan.pk, "12m", by=SYSTEM)
    progress = round_.progress.select_related("measure").first()
    measure = progress.measure
    measure.kpi_target = 70
    progress.kpi_actual = 60
    progress.status = "in_progress"
    with acting():
        measure.save()
        progress.save()
    assert str(progress.kpi_percent) == "85.71"
    assert is_overdue(measure, progress, date(2024, 10, 1))
    progress.status = "done"
    assert not is_overdue(measure, progress, date(2024, 10, 1))
    with pytest.raises(RoundIncomplete):
        round_submit(round_start(plan.pk, "6m", by=SYSTEM).pk, by=SYSTEM)  # nothing filled in yet
