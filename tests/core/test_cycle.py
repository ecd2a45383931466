"""Where the cycle stands for an agency-year, and what is due next."""

from datetime import date

import pytest

from prongsai.core.cycle import cycle_steps, due_dates, next_step


def test_due_dates_of_fiscal_year_2567():
    due = due_dates(2567)
    assert due["plan"] == date(2023, 10, 1)
    assert due["6m"] == date(2024, 4, 30)
    assert due["12m"] == date(2024, 10, 31)


def test_next_step_and_overdue():
    steps = cycle_steps(2567, results=True, analysis="approved", plan="draft", rounds={})
    assert next_step(steps).key == "plan"
    assert steps[2].overdue(date(2023, 10, 2)) and not steps[2].overdue(date(2023, 9, 30))
    done = cycle_steps(
        2567,
        results=True,
        analysis="published",
        plan="approved",
        rounds={"6m": "published", "12m": "approved"},
    )
    assert next_step(done) is None


@pytest.mark.django_db
def test_year_page_of_an_imported_agency(admin_client, demo):
    client = admin_client
    from prongsai.agencies.models import Agency

    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลปากช่อง")
    html = client.get(f"/agencies/{agency.pk}/2567/").content.decode()
    assert "ปีงบประมาณ 2567" in html
    assert "ผลการประเมิน ITA ปี 2566" in html and "ยังไม่ได้ทำ" in html
    assert "สิ่งที่ต้องทำต่อไป:</strong> ผลการประเมิน ITA ปี 2566" in html
    assert "รายงานผลรอบ ๑๒ เดือน" in html and "๓๑ ต.ค. ๖๗" in html
    assert client.get(f"/agencies/{agency.pk}/66/").status_code == 404
