"""The audit trail: who changed what and when, on each object's history page; approved content
refused by the services with a Thai message."""

import pytest

from prongsai.access.actions import signatory_add
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import Frozen
from prongsai.measures.actions import (
    measure_save,
    memo_approve,
    memo_draft,
    memo_save,
    memo_send,
    round_start,
)
from prongsai.measures.forms import MeasureForm, MemoForm
from prongsai.measures.models import Measure
from tests.acting import acting


def edit(client, plan, measure, **changes):
    url = f"/agencies/{plan.agency_id}/plans/{plan.fiscal_year}/measures/{measure.pk}/"
    form = client.get(url).context["form"]
    data = {f.html_name: "" if f.value() is None else f.value() for f in form}
    data.update(changes)
    return client.post(url, data)


@pytest.mark.django_db
def test_history_page_shows_who_when_and_each_field_old_to_new(plan, officers):
    somchai, somsri = officers
    measure = plan.measures.get()
    assert edit(somchai, plan, measure, title="ประชุมชี้แจงทุกกอง", kpi_target="4").status_code == 302
    assert edit(somsri, plan, measure, kpi_target="6", period_start="1/10/2567").status_code == 302

    page = somchai.get(f"/agencies/{plan.agency_id}/plans/2568/measures/{measure.pk}/")
    link = f"/history/measure/{measure.pk}/"
    assert link in page.content.decode()  # linked from the measure's own page
    history = somchai.get(link)
    assert history.status_code == 200
    entries = history.context["entries"]
    newest, older = entries[0], entries[1]
    assert (newest.who, newest.kind) == ("somsri (somsri)", "แก้ไข")
    changes = {c.field: (c.old, c.new) for c in newest.changes}
    assert changes == {"เป้าหมาย": ("4.00", "6.00"), "วันเริ่ม": ("—", "1 ตุลาคม 2567")}
    assert older.who == "somchai (somchai)"
    assert {c.field: (c.old, c.new) for c in older.changes}["มาตรการ/แนวทาง"] == (
        "ประชุมชี้แจงเจ้าหน้าที่",
        "ประชุมชี้แจงทุกกอง",
    )
    html = history.content.decode()
    assert "ประวัติการแก้ไข" in html and "somsri" in html and "6.00" in html
    # the "back" link goes to a page of this site only
    back = f"/agencies/{plan.agency_id}/plans/2568/"
    assert f'href="{back}"' in somchai.get(f"{link}?back={back}").content.decode()
    for elsewhere in ["//evil.example/", "/\\evil.example/", "https://evil.example/"]:
        page = somchai.get(link, {"back": elsewhere}).content.decode()
        assert "กลับ</a>" not in page and 'href="/\\' not in page and 'href="//' not in page

    # the plan's page shows its measures' changes too, and who created what
    plan_history = somchai.get(f"/history/plan/{plan.pk}/").context["entries"]
    assert {e.what for e in plan_history} >= {"มาตรการที่ 1", "แผนมาตรการ"}


@pytest.mark.django_db
def test_scores_history_records_each_changed_score(criteria, plan, admin_client):
    from prongsai.assessments.services import record_scores

    scores = {f"i{n}": 80 for n in range(1, 31)}
    assessment, _ = record_scores(agency=plan.agency, fiscal_year=2567, question_scores=scores)
    record_scores(agency=plan.agency, fiscal_year=2567, question_scores=scores | {"i3": 95})
    entries = admin_client.get(f"/history/assessment/{assessment.pk}/").context["entries"]
    i3 = [e for e in entries if e.what == "คะแนนข้อ i3" and e.kind == "แก้ไข"]
    assert len(i3) == 1 and {c.field: (c.old, c.new) for c in i3[0].changes}["คะแนน"] == (
        "80.00",
        "95.00",
    )
    assert not [e for e in entries if e.what == "คะแนนข้อ i4" and e.kind == "แก้ไข"]


@pytest.mark.django_db
def test_a_submitted_plan_refuses_changes_in_the_service_and_on_the_page(plan, officers):
    somchai, _ = officers
    measure = plan.measures.get()
    plan.status = "approved"
    with acting():
        plan.save()
    form = MeasureForm({"title": "แก้หลังอนุมัติ"}, instance=measure, agency=plan.agency)
    assert form.is_valid(), form.errors
    with pytest.raises(Frozen) as refused:
        measure_save(plan.pk, form.data_typed(), by=SYSTEM, measure_id=measure.pk)
    assert refused.value.message_th.startswith("แผนมาตรการนี้อนุมัติแล้ว แก้ไขไม่ได้")
    response = edit(somchai, plan, measure, title="แก้หลังอนุมัติ")
    assert "แผนมาตรการนี้อนุมัติแล้ว แก้ไขไม่ได้" in response.content.decode()
    assert Measure.objects.get().title == "ประชุมชี้แจงเจ้าหน้าที่"


@pytest.mark.django_db
def test_an_approved_memo_refuses_changes(plan, admin_user):
    for n, (name, position) in enumerate([("นางสาวก ข", "นักวิเคราะห์"), ("นายค ง", "นายก")], 1):
        signatory_add(by=SYSTEM, agency=plan.agency, name=name, position=position, order=n)
    round_ = round_start(plan.pk, "6m", by=SYSTEM)
    round_.progress.update(status="done", result="ประชุมแล้ว")
    memo = memo_draft("round", round_.pk, by=SYSTEM)
    memo_send(memo.pk, by=admin_user)  # the proposer's signature
    memo = memo_approve(memo.pk, by=admin_user)
    assert memo.status == "approved"
    data = {f: getattr(memo, f) for f in MemoForm._meta.fields}
    form = MemoForm(data | {"subject": "แก้หลังอนุมัติ", "date": "1/4/2568"}, instance=memo)
    assert form.is_valid(), form.errors
    with pytest.raises(Frozen) as refused:
        memo_save(memo.pk, form.text(), by=admin_user)
    assert "บันทึกข้อความนี้อนุมัติแล้ว แก้ไขไม่ได้" in refused.value.message_th
    memo.refresh_from_db()
    assert memo.subject != "แก้หลังอนุมัติ"
    # the approval and its steps are in the trail, with the person who acted
    assert memo.history.filter(status="approved", history_user=admin_user).exists()
