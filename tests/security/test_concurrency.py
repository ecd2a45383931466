"""No lost updates: two officers edit the same measure (and the same progress row) at once,
with real POSTs from two logged-in clients."""

import pytest

from prongsai.core.actions import SYSTEM
from prongsai.measures.actions import MeasureData, measure_save, round_start


def form_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    return data


@pytest.mark.django_db
def test_second_save_of_a_measure_is_refused_and_nothing_typed_is_lost(plan, officers):
    somchai, somsri = officers
    measure = plan.measures.get()
    url = f"/agencies/{plan.agency_id}/plans/2568/measures/{measure.pk}/"
    a, b = form_data(somchai.get(url)), form_data(somsri.get(url))  # both open the form

    a.update(title="ประชุมชี้แจงเจ้าหน้าที่ทุกกอง", kpi_target="4")
    assert somchai.post(url, a).status_code == 302

    b.update(title="อบรมเจ้าหน้าที่ใหม่", methods_text="จัดอบรม\nประเมินผล", kpi_target="2")
    response = somsri.post(url, b)
    assert response.status_code == 409
    html = response.content.decode()
    assert "ยังไม่ได้บันทึก: มีผู้อื่น (somchai) บันทึกข้อมูลนี้" in html
    # what changed: their value beside hers, field by field
    differences = {d.field: (d.theirs, d.yours) for d in response.context["conflict"].differences}
    assert differences["มาตรการ/แนวทาง"] == ("ประชุมชี้แจงเจ้าหน้าที่ทุกกอง", "อบรมเจ้าหน้าที่ใหม่")
    assert differences["เป้าหมาย"] == ("4.00", "2.00")
    assert differences["วิธีการดำเนินการ"] == ("—", "จัดอบรม\nประเมินผล")
    # nothing she typed is lost: the form comes back with her input
    assert "อบรมเจ้าหน้าที่ใหม่" in html and "จัดอบรม\nประเมินผล" in html
    measure.refresh_from_db()
    assert measure.title == "ประชุมชี้แจงเจ้าหน้าที่ทุกกอง"

    # having read the differences, saving again is a deliberate overwrite
    again = form_data(response)
    assert again["version"] == measure.updated_at.isoformat()
    assert somsri.post(url, again).status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.methods) == ("อบรมเจ้าหน้าที่ใหม่", ["จัดอบรม", "ประเมินผล"])


@pytest.mark.django_db
def test_the_same_values_posted_twice_are_no_conflict(plan, officers):
    somchai, _ = officers
    measure = plan.measures.get()
    url = f"/agencies/{plan.agency_id}/plans/2568/measures/{measure.pk}/"
    data = form_data(somchai.get(url))
    data["title"] = "ประชุมชี้แจง"
    assert somchai.post(url, data).status_code == 302
    assert somchai.post(url, data).status_code == 302  # a double click: same values, no conflict


@pytest.mark.django_db
def test_progress_rows_saved_by_someone_else_come_back_the_others_are_saved(plan, officers):
    somchai, somsri = officers
    measure_save(plan.pk, MeasureData(title="เผยแพร่ข้อมูลบนเว็บไซต์"), by=SYSTEM)
    measure_save(plan.pk, MeasureData(title="จัดทำคู่มือการปฏิบัติงาน"), by=SYSTEM)
    round_start(plan.pk, "6m", by=SYSTEM)
    url = f"/agencies/{plan.agency_id}/plans/2568/rounds/6m/"

    def round_data(response):
        data = {f.html_name: f.value() or "" for f in response.context["formset"].management_form}
        for form in response.context["formset"].forms:
            for field in form:
                if not field.name.startswith("evidence_"):
                    data[field.html_name] = "" if field.value() is None else str(field.value())
        data["action"] = "save"
        return data

    a, b = round_data(somchai.get(url)), round_data(somsri.get(url))
    a.update({"form-0-status": "done", "form-0-result": "ประชุมแล้ว ๒ ครั้ง"})
    a.update({"form-2-status": "in_progress", "form-2-result": "ร่างคู่มือแล้ว"})
    assert somchai.post(url, a).status_code == 302
    b.update(
        {
            "form-0-status": "in_progress",
            "form-0-result": "กำลังนัดประชุม",
            "form-1-status": "done",
            "form-1-result": "เผยแพร่แล้ว",
        }
    )
    response = somsri.post(url, b)
    assert response.status_code == 409
    html = response.content.decode()
    assert "บางมาตรการมีผู้อื่นบันทึกไปก่อน" in html
    assert "กำลังนัดประชุม" in html  # her text for row 1 is still in the form
    rows = {p.measure.number: p for p in plan.rounds.get().progress.select_related("measure")}
    assert (rows[1].status, rows[1].result) == ("done", "ประชุมแล้ว ๒ ครั้ง")  # his, kept
    assert (rows[2].status, rows[2].result) == ("done", "เผยแพร่แล้ว")  # her other row, saved
    # the row only he changed: she left it as it was, so his save stands and is no conflict
    assert (rows[3].status, rows[3].result) == ("in_progress", "ร่างคู่มือแล้ว")
    conflicted = [f for f in response.context["formset"].forms if getattr(f, "conflict", None)]
    assert [f.instance.measure.number for f in conflicted] == [1]


@pytest.mark.django_db
def test_evidence_saved_beside_a_conflict_is_not_attached_twice(plan, officers, settings, tmp_path):
    """Her other row was saved with its evidence while row 1 conflicted: the page comes back
    with that row's new version and empty evidence inputs, so saving again adds nothing."""
    from prongsai.measures.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    somchai, somsri = officers
    measure_save(plan.pk, MeasureData(title="เผยแพร่ข้อมูลบนเว็บไซต์"), by=SYSTEM)
    round_start(plan.pk, "6m", by=SYSTEM)
    url = f"/agencies/{plan.agency_id}/plans/2568/rounds/6m/"

    def round_data(response):
        data = {f.html_name: f.value() or "" for f in response.context["formset"].management_form}
        for form in response.context["formset"].forms:
            for field in form:
                if field.name != "evidence_file":
                    data[field.html_name] = "" if field.value() is None else str(field.value())
        data["action"] = "save"
        return data

    a, b = round_data(somchai.get(url)), round_data(somsri.get(url))
    a.update({"form-0-status": "done", "form-0-result": "ประชุมแล้ว"})
    assert somchai.post(url, a).status_code == 302
    b.update({"form-0-result": "กำลังนัดประชุม", "form-1-result": "เผยแพร่แล้ว"})
    b.update({"form-1-evidence_title": "หน้าเว็บ", "form-1-evidence_url": "https://a.example/"})
    first = somsri.post(url, b)
    assert first.status_code == 409 and Evidence.objects.count() == 1
    again = round_data(first)  # she saves the page as it came back, row 1 now agreed to
    assert again["form-1-evidence_title"] == "" and again["form-1-evidence_url"] == ""
    assert somsri.post(url, again).status_code == 302
    assert Evidence.objects.count() == 1


@pytest.mark.django_db
def test_saving_an_untouched_stale_form_keeps_the_other_persons_save(plan, officers):
    somchai, somsri = officers
    measure = plan.measures.get()
    url = f"/agencies/{plan.agency_id}/plans/2568/measures/{measure.pk}/"
    a, b = form_data(somchai.get(url)), form_data(somsri.get(url))
    a["title"] = "ประชุมชี้แจงทุกกอง"
    assert somchai.post(url, a).status_code == 302
    assert somsri.post(url, b).status_code == 302  # she changed nothing: no conflict…
    measure.refresh_from_db()
    assert measure.title == "ประชุมชี้แจงทุกกอง"  # …and his change is not overwritten


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"), [("question_codes_text", "i1"), ("new_unit", "กองการศึกษา")]
)
def test_a_stale_form_with_only_targets_or_a_new_unit_typed_is_not_dropped(
    plan, officers, field, value
):
    """What a measure addresses and a new unit are typed outside the model's own fields: a
    stale form carrying only them is a conflict to show, not "nothing changed" to drop."""
    somchai, somsri = officers
    measure = plan.measures.get()
    url = f"/agencies/{plan.agency_id}/plans/2568/measures/{measure.pk}/"
    a, b = form_data(somchai.get(url)), form_data(somsri.get(url))
    a["title"] = "ประชุมชี้แจงทุกกอง"
    assert somchai.post(url, a).status_code == 302
    b[field] = value
    response = somsri.post(url, b)
    assert response.status_code == 409  # shown again with the differences, not dropped
    assert value in response.content.decode()  # what she typed is still there
    measure.refresh_from_db()
    assert measure.title == "ประชุมชี้แจงทุกกอง"
