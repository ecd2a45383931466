"""The words a document keeps, set in the app: a plan's column labels, a round's introduction
(drafted when there is none), the analysis cover title, and the memos' ครุฑ (a national
setting). Each is a door with its rule: frozen once the plan or round has left the draft."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from PIL import Image

from prongsai.access.actions import membership_grant
from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import Invalid
from prongsai.core.models import Event
from prongsai.documents import blocks
from prongsai.documents.builders import build, memo_blocks
from prongsai.documents.emblem import emblem_path
from prongsai.documents.wording import plan_labels_save, round_introduction_save
from prongsai.measures.actions import MeasureData, measure_save, plan_create, round_start
from prongsai.measures.models import Memo
from tests.acting import acting

PAKCHONG = "องค์การบริหารส่วนตำบลปากช่อง"


@pytest.fixture
def agency(demo):
    return Agency.objects.get(name=PAKCHONG)


@pytest.fixture
def officer(agency):
    user = User.objects.create_user("officer-wording", password="x")
    membership_grant(by=SYSTEM, user=user, role="editor", agency=agency)
    return user


@pytest.fixture
def plan(agency, officer):
    plan = plan_create(agency.pk, 2599, by=officer)
    measure_save(plan.pk, MeasureData(title="เผยแพร่ข้อมูลข่าวสาร", methods=["ประชุม"]), by=officer)
    return plan


def png(size=150) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), "black").save(out, "PNG")
    return out.getvalue()


def table_headers(document) -> list[str]:
    (table,) = blocks.tables(document)
    return table["columns"]


@pytest.mark.django_db
def test_the_agency_s_column_labels_head_the_plan_s_table(client, agency, officer, plan):
    client.force_login(officer)
    page = client.get(f"/documents/{agency.pk}/2599/wording/")
    assert page.status_code == 200
    assert "หัวคอลัมน์ของตาราง" in page.text and 'placeholder="มาตรการ/แนวทาง"' in page.text
    answer = client.post(
        f"/documents/{agency.pk}/2599/wording/",
        {"part": "labels", "label-title": "  มาตรการ  ", "label-methods": "กิจกรรม"},
        follow=True,
    )
    assert "บันทึกหัวคอลัมน์แล้ว" in answer.text
    plan.refresh_from_db()
    assert plan.column_labels == [["title", "มาตรการ"], ["methods", "กิจกรรม"]]
    assert table_headers(build("plan", agency, 2599))[:2] == ["มาตรการ", "กิจกรรม"]
    assert Event.objects.filter(action="plan.labels", object_id=plan.pk).exists()
    with pytest.raises(Invalid, match="ไม่มีคอลัมน์ colour"):
        plan_labels_save(plan.pk, {"colour": "x"}, by=SYSTEM)
    # an empty box is the usual label again
    client.post(f"/documents/{agency.pk}/2599/wording/", {"part": "labels", "label-title": ""})
    plan.refresh_from_db()
    assert plan.column_labels == []
    assert table_headers(build("plan", agency, 2599))[0] == "มาตรการ/แนวทาง"


@pytest.mark.django_db
def test_labels_of_a_plan_in_review_do_not_change(client, agency, officer, plan):
    with acting():  # in review (its memo sent up the chain)
        type(plan).objects.filter(pk=plan.pk).update(status="submitted")
    client.force_login(officer)
    page = client.get(f"/documents/{agency.pk}/2599/wording/").text
    assert "จึงแก้หัวคอลัมน์ไม่ได้" in page
    answer = client.post(
        f"/documents/{agency.pk}/2599/wording/", {"part": "labels", "label-title": "อื่น"}
    )
    assert answer.status_code == 409
    plan.refresh_from_db()
    assert plan.column_labels == []


@pytest.mark.django_db
def test_a_round_gets_a_drafted_introduction_that_is_printed_once_saved(
    client, agency, officer, plan
):
    round_ = round_start(plan.pk, "6m", by=officer)
    client.force_login(officer)
    page = client.get(f"/documents/{agency.pk}/2599/wording/").text
    drafted = f"ตามที่ {PAKCHONG} ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๙๘"
    assert drafted in page and "ในรอบ ๖ เดือน โดยมีผลการดำเนินการดังนี้" in page
    assert "ข้อความร่างจากระบบ" in page
    # a draft is only a suggestion: the report prints nothing until it is saved
    assert drafted not in " ".join(blocks.texts(build("progress", agency, 2599, "6m")))
    text = "ผลการดำเนินงาน\nตามมาตรการ   ดังนี้"
    answer = client.post(
        f"/documents/{agency.pk}/2599/wording/", {"part": "6m", "introduction": text}, follow=True
    )
    assert "บันทึกย่อหน้านำของรายงานแล้ว" in answer.text
    round_.refresh_from_db()
    assert round_.introduction == "ผลการดำเนินงาน ตามมาตรการ ดังนี้"
    assert round_.introduction in blocks.texts(build("progress", agency, 2599, "6m"))
    assert (
        client.post(
            f"/documents/{agency.pk}/2599/wording/", {"part": "12m", "introduction": "x"}
        ).status_code
        == 400
    )  # no such round yet


@pytest.mark.django_db
def test_the_introduction_of_a_submitted_round_is_frozen(agency, officer, plan):
    from prongsai.core.errors import Frozen

    round_ = round_start(plan.pk, "6m", by=officer)
    with acting():
        type(round_).objects.filter(pk=round_.pk).update(status="submitted")
    with pytest.raises(Frozen):
        round_introduction_save(round_.pk, "ใหม่", by=officer)


@pytest.mark.django_db
def test_someone_outside_the_agency_cannot_change_its_words(client, plan, agency):
    stranger = User.objects.create_user("stranger-wording", password="x")
    client.force_login(stranger)
    answer = client.post(
        f"/documents/{agency.pk}/2599/wording/", {"part": "labels", "label-title": "x"}
    )
    assert answer.status_code in (403, 404)
    plan.refresh_from_db()
    assert plan.column_labels == []


@pytest.mark.django_db
def test_the_analysis_cover_title_is_written_on_the_constraints_page(client, demo):
    analysis = Analysis.objects.filter(status="draft").select_related("agency").first()
    if analysis is None:  # the demo's analyses are approved: draft one from other scores
        pytest.fail("the demo has no draft analysis to write a cover title on")
    user = User.objects.create_user("analyst-wording", password="x")
    membership_grant(by=SYSTEM, user=user, role="editor", agency=analysis.agency)
    client.force_login(user)
    url = f"/agencies/{analysis.agency_id}/analysis/{analysis.fiscal_year}/constraints/"
    assert "ชื่อเรื่องบนปก" in client.get(url).text
    form = {name: getattr(analysis, name) for name in ("constraint_staff", "constraint_budget")}
    answer = client.post(url, {**form, "cover_title": "รายงานผลการวิเคราะห์\nของหน่วยงาน"})
    assert answer.status_code == 302
    analysis.refresh_from_db()
    assert analysis.cover_title == "รายงานผลการวิเคราะห์\nของหน่วยงาน"
    document = build("analysis", analysis.agency, analysis.fiscal_year)
    assert "รายงานผลการวิเคราะห์" in blocks.texts(document)


@pytest.mark.django_db
def test_a_national_admin_sets_the_emblem_once_for_every_memo(
    client, demo, agency, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the uploads of this test only
    assert emblem_path() is None
    client.force_login(officer)  # an agency's editor may not
    assert client.get("/documents/emblem/").status_code == 403
    assert "ตราครุฑ" not in client.get("/").text
    admin = User.objects.create_superuser("national-wording", "n@example.invalid", "x")
    client.force_login(admin)
    assert "ตราครุฑ" in client.get("/").text
    assert "ยังไม่ได้ตั้งภาพครุฑ" in client.get("/documents/emblem/").text
    small = client.post("/documents/emblem/", {"emblem": io.BytesIO(png(40))}, follow=True)
    assert "ภาพเล็กเกินไป (40×40 จุด)" in small.text and emblem_path() is None
    text = io.BytesIO(b"not an image")
    text.name = "garuda.png"
    assert (
        "ไม่ใช่ภาพ PNG หรือ JPEG"
        in client.post("/documents/emblem/", {"emblem": text}, follow=True).text
    )
    image = io.BytesIO(png())
    image.name = "garuda.png"
    answer = client.post("/documents/emblem/", {"emblem": image}, follow=True)
    assert "ตั้งภาพครุฑแล้ว" in answer.text
    assert client.get("/documents/emblem/image.png").status_code == 200
    memo = Memo.objects.filter(agency__name="องค์การบริหารส่วนตำบลท่ากระเสริม").first()
    path = memo_blocks(memo)[0]["emblem"]  # every memo's head carries it
    assert path and Image.open(path).size == (150, 150)
    assert Event.objects.filter(action="emblem.set").count() == 1
    client.post("/documents/emblem/", {"action": "remove"})
    assert emblem_path() is None and memo_blocks(memo)[0]["emblem"] is None
