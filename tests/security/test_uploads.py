"""Evidence uploads through the round page (real multipart POSTs with real files): type by
content, size limit, zip-bomb guard, random stored names; imported markup stripped by nh3."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.actions import SYSTEM
from prongsai.core.files import evidence
from prongsai.core.sanitize import clean_html, strip_markup
from prongsai.measures.actions import round_start
from prongsai.measures.models import Evidence
from tests.acting import acting
from tests.ingest.builders import zip_bytes

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("คำสั่งแต่งตั้งคณะทำงาน")
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (150 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def round_page(plan, officers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    round_start(plan.pk, "6m", by=SYSTEM)
    client = officers[0]
    url = f"/agencies/{plan.agency_id}/plans/2568/rounds/6m/"

    def post(name: str, content: bytes):
        response = client.get(url)
        data = {f.html_name: f.value() or "" for f in response.context["formset"].management_form}
        for field in response.context["formset"].forms[0]:
            if not field.name.startswith("evidence_"):
                data[field.html_name] = "" if field.value() is None else str(field.value())
        data |= {"action": "save", "form-0-evidence_title": "หลักฐานการประชุม"}
        data["form-0-evidence_file"] = SimpleUploadedFile(name, content)
        return client.post(url, data)

    return post


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("รายงาน การประชุม.pdf", b"%PDF-1.4\n%test\n", ".pdf"),
        ("photo.JPG", PNG, ".png"),  # the content says PNG, whatever the name says
        ("../../คำสั่ง.docx", None, ".docx"),
    ],
)
def test_accepted_evidence_is_stored_under_a_random_name(round_page, name, content, extension):
    response = round_page(name, content if content is not None else docx_bytes())
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Evidence.objects.get()
    path = Path(stored.file.path)
    assert path.suffix == extension and path.exists()
    assert ".." not in stored.file.name and "คำสั่ง" not in stored.file.name
    assert len(path.stem) == 24  # nothing of the uploaded name reaches the disk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "ชนิดไฟล์นี้แนบเป็นหลักฐานไม่ได้"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "ชนิดไฟล์นี้"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ชนิดไฟล์นี้"),
        ("data.zip", zip_bytes({"a.txt": b"hello"}), "ชนิดไฟล์นี้"),
        ("bomb.docx", None, "ระบบไม่เปิดอ่านเพื่อความปลอดภัย"),
        ("empty.pdf", b"", "ไฟล์ว่างเปล่า"),
    ],
    ids=["html-as-pdf", "svg-as-png", "old-doc", "zip", "zip-bomb", "empty"],
)
def test_refused_evidence_is_named_next_to_the_field(round_page, name, content, message):
    response = round_page(name, content if content is not None else zip_bomb())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_evidence_over_the_size_limit_is_refused(round_page, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_BYTES", 1024)
    response = round_page("big.pdf", b"%PDF-1.4\n" + b"0" * 4096)
    assert "ไฟล์ใหญ่เกินไป" in response.content.decode()
    assert not Evidence.objects.exists()


def test_markup_is_stripped_and_rich_text_cleaned():
    assert strip_markup("<p>๑.จัดทำ</p><script>alert(1)</script> 1 < 2 & 3") == "๑.จัดทำ 1 < 2 & 3"
    assert strip_markup('<img src=x onerror="alert(1)">ข') == "ข"
    cleaned = clean_html(
        '<p onclick="x">ก<a href="javascript:alert(1)">ลิงก์</a></p><style>*{}</style>'
    )
    assert cleaned.startswith("<p>ก<a") and "javascript" not in cleaned and "onclick" not in cleaned


@pytest.mark.django_db
def test_imported_markup_never_reaches_the_database_or_the_review_page(admin_client, seed_text):
    text = seed_text("003").replace(
        "ผู้บริหาร", "ผู้บริหาร&lt;script&gt;alert(1)&lt;/script&gt;<img src=x onerror=alert(2)>", 1
    )
    assert "onerror" in text
    response = admin_client.post(
        "/import/", {"file": SimpleUploadedFile("003.txt", text.encode("utf-8"))}
    )
    assert response.status_code == 302
    from prongsai.ingest.models import ImportedDocument

    stored = str(ImportedDocument.objects.get().result)
    assert "<script" not in stored and "onerror" not in stored
    page = admin_client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page


@pytest.mark.django_db
def test_stored_evidence_opens_for_the_agency_under_its_thai_description(round_page, officers):
    assert round_page("รายงาน.pdf", b"%PDF-1.4\n%test\n").status_code == 302
    assert round_page("คำสั่ง.docx", docx_bytes()).status_code == 302
    pdf, word = Evidence.objects.order_by("pk")
    agency_id = pdf.progress.round.plan.agency_id
    round_html = officers[0].get(f"/agencies/{agency_id}/plans/2568/rounds/6m/").content.decode()
    assert f'href="/agencies/{agency_id}/evidence/{pdf.pk}/"' in round_html

    shown = officers[0].get(f"/agencies/{agency_id}/evidence/{pdf.pk}/")
    assert shown.status_code == 200 and shown["Content-Type"] == "application/pdf"
    assert b"".join(shown.streaming_content) == b"%PDF-1.4\n%test\n"
    assert shown["Content-Disposition"].startswith("inline")
    assert "%E0%B8%AB%E0%B8%A5%E0%B8%B1%E0%B8%81" in shown["Content-Disposition"]  # หลัก…

    saved = officers[0].get(f"/agencies/{agency_id}/evidence/{word.pk}/")
    assert saved["Content-Disposition"].startswith("attachment")
    assert saved["Content-Type"].endswith("wordprocessingml.document")
    assert saved["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_evidence_missing_from_the_store_is_a_clear_not_found(round_page, officers):
    round_page("รายงาน.pdf", b"%PDF-1.4\n%test\n")
    stored = Evidence.objects.get()
    Path(stored.file.path).unlink()
    agency_id = stored.progress.round.plan.agency_id
    response = officers[0].get(f"/agencies/{agency_id}/evidence/{stored.pk}/")
    assert response.status_code == 404
    assert "ไม่พบไฟล์หลักฐาน" in response.content.decode()


@pytest.mark.django_db
def test_evidence_comes_off_a_draft_round_and_stays_in_the_history(round_page, officers):
    assert round_page("รายงาน.pdf", b"%PDF-1.4\n%test\n").status_code == 302
    stored = Evidence.objects.get()
    path = Path(stored.file.path)
    agency_id = stored.progress.round.plan.agency_id
    page = officers[0].get(f"/agencies/{agency_id}/plans/2568/rounds/6m/").content.decode()
    assert f'form="remove-evidence-{stored.pk}"' in page

    response = officers[0].post(f"/agencies/{agency_id}/evidence/{stored.pk}/remove/")
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert path.exists()  # the file stays: the history still names it
    deleted = Evidence.history.get(id=stored.pk, history_type="-")
    assert deleted.title == "หลักฐานการประชุม" and deleted.history_user is not None
    shown = officers[0].get(response["Location"]).content.decode()
    assert "นำหลักฐาน “หลักฐานการประชุม” ออกแล้ว" in shown


@pytest.mark.django_db
def test_evidence_of_a_submitted_round_cannot_be_removed(round_page, officers):
    round_page("รายงาน.pdf", b"%PDF-1.4\n%test\n")
    stored = Evidence.objects.get()
    round_ = stored.progress.round
    round_.status = "submitted"
    with acting():
        round_.save()
    agency_id = round_.plan.agency_id
    response = officers[0].post(f"/agencies/{agency_id}/evidence/{stored.pk}/remove/", follow=True)
    assert Evidence.objects.filter(pk=stored.pk).exists()
    assert "แก้ไขไม่ได้" in response.content.decode()
