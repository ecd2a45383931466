"""Upload → review (what was read beside the source text) → save, in the web app."""

import pytest
from django.urls import reverse

from prongsai.agencies.models import Agency
from prongsai.ingest.models import ImportedDocument
from prongsai.measures.models import Measure
from tests.conftest import SEEDS

SEED_004 = SEEDS / "004_3bc7e1b26b525055.txt"


def upload(client, path, name=None):
    with open(path, "rb") as f:
        return client.post(reverse("ingest:upload"), {"file": f}, follow=False)


def review_post_data(client, doc):
    """The review form as the browser would send it, unchanged."""
    response = client.get(reverse("ingest:review", args=[doc.pk]))
    form, formset = response.context["form"], response.context["formset"]
    data = {}
    for f in [form, *formset.forms]:
        for field in f:
            value = field.value()
            if value is None:
                continue
            if hasattr(value, "isoformat"):
                value = f"{value.day}/{value.month}/{value.year + 543}"
            data[field.html_name] = value
    for field in formset.management_form:
        data[field.html_name] = field.value()
    return data


@pytest.mark.django_db
def test_upload_needs_login(client):
    response = client.get(reverse("ingest:upload"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_upload_review_and_save_seed_004(admin_client, criteria):
    response = upload(admin_client, SEED_004)
    doc = ImportedDocument.objects.get()
    assert response["Location"] == reverse("ingest:review", args=[doc.pk])
    page = admin_client.get(response["Location"]).content.decode()
    assert "องค์การบริหารส่วนตำบลปากช่อง" in page
    assert "ข้อความในเอกสาร" in page  # the source text beside the fields
    assert doc.status == "read" and not Agency.objects.exists()  # nothing saved before review

    response = admin_client.post(response["Location"], review_post_data(admin_client, doc))
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลปากช่อง")
    assert response.status_code == 302
    assert response["Location"] == reverse("agencies:detail", args=[agency.pk])
    assert Measure.objects.filter(plan__agency=agency, plan__fiscal_year=2567).count() == 5
    page = admin_client.get(response["Location"]).content.decode()
    assert "ด้านการใช้จ่ายงบประมาณ" in page


@pytest.mark.django_db
def test_the_same_file_twice_is_recognised(admin_client, criteria):
    upload(admin_client, SEED_004)
    response = upload(admin_client, SEED_004)
    assert ImportedDocument.objects.count() == 1
    page = admin_client.get(response["Location"]).content.decode()
    assert "เคยนำเข้าแล้ว" in page


@pytest.mark.django_db
def test_edits_on_the_review_page_are_saved(admin_client, criteria):
    upload(admin_client, SEED_004)
    doc = ImportedDocument.objects.get()
    data = review_post_data(admin_client, doc)
    data["m-0-title"] = "มาตรการที่แก้ไขแล้ว"
    data["m-1-DELETE"] = "on"
    admin_client.post(reverse("ingest:review", args=[doc.pk]), data)
    titles = list(Measure.objects.order_by("number").values_list("title", flat=True))
    assert titles[0] == "มาตรการที่แก้ไขแล้ว"
    assert len(titles) == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("province", "แอตแลนติส", "เลือกจังหวัดจากรายชื่อ 77 จังหวัด"),
        ("fiscal_year", "66", "ใส่ปี พ.ศ."),
        ("indicator_3", "120", "คะแนนต้องไม่เกิน 100"),
        ("m-0-period_end", "1/1/2560", "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม"),
        ("m-0-period_start", "32 ต.ค. 66", "วัน"),
        ("question_scores", "i1 abc", "ไม่ใช่ตัวเลข"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    admin_client, criteria, field, value, message
):
    upload(admin_client, SEED_004)
    doc = ImportedDocument.objects.get()
    data = review_post_data(admin_client, doc)
    data[field] = value
    data["m-2-title"] = "ข้อความที่พิมพ์ไว้"
    response = admin_client.post(reverse("ingest:review", args=[doc.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "ข้อความที่พิมพ์ไว้" in page  # what was typed comes back
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_an_unreadable_file_gets_a_thai_message(admin_client, criteria, tmp_path):
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    response = upload(admin_client, scanned)
    assert response.status_code == 200
    assert "ไฟล์ PDF เสียหายหรือไม่สมบูรณ์" in response.content.decode()
    assert not ImportedDocument.objects.exists()


@pytest.mark.django_db
def test_review_of_an_analysis_report_shows_its_scores_and_the_province_warning(
    admin_client, criteria
):
    upload(admin_client, SEEDS / "003_381929908bc1db9e.txt")
    doc = ImportedDocument.objects.get()
    page = admin_client.get(reverse("ingest:review", args=[doc.pk])).content.decode()
    assert "เอกสารระบุจังหวัดไม่ตรงกัน: กาฬสินธุ์ / กาญจนบุรี" in page
    assert 'value="80.42"' in page
    assert "ไม่มีในเอกสารนี้" not in page  # the scores section is open, not hidden


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_before_it_is_read(admin_client, criteria, monkeypatch):
    from prongsai.ingest import forms

    monkeypatch.setattr(forms, "MAX_BYTES", 1000)
    response = upload(admin_client, SEED_004)
    assert response.status_code == 200
    assert "เกินขนาดที่รับได้" in response.content.decode()
    assert not ImportedDocument.objects.exists()
