"""Many files at once (web upload of several files or a ZIP, `prongsai import DIR/ZIP`) and
scans on the review page (the page image beside the fields, unsure fields marked)."""

import io
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from prongsai.ingest.batch import sources
from prongsai.ingest.models import ImportedDocument, ImportedPage
from prongsai.ingest.ocr import ocr_available
from tests.conftest import SEEDS
from tests.ingest.builders import zip_bytes

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_sources_walk_folders_and_zips(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_bytes(b"x")
    (tmp_path / "notes.odt").write_bytes(b"x")  # not a format read: left out
    (tmp_path / ".hidden.txt").write_bytes(b"x")
    (tmp_path / "box.zip").write_bytes(
        zip_bytes({"in/two.md": b"y", "__MACOSX/._two.md": b"z", "pic.gif": b"g"})
    )
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    found = list(sources([str(tmp_path), str(tmp_path / "gone.txt")]))
    names = [s.name.replace(str(tmp_path), "") for s in found]
    assert names == ["/a/one.txt", "/box.zip/in/two.md", "/broken.zip", "/gone.txt"]
    assert found[1].data == b"y"
    assert found[2].error.code == "bad_archive" and found[3].error.code == "missing"


@pytest.mark.django_db
def test_import_a_folder_and_a_zip_with_a_json_summary(criteria, tmp_path):
    folder = tmp_path / "reports"
    (folder / "old").mkdir(parents=True)
    (folder / "old" / SEED_FILES[0].name).write_bytes(SEED_FILES[0].read_bytes())
    (folder / "bad.txt").write_text("สวัสดี ไม่ใช่รายงาน", encoding="utf-8")
    archive = tmp_path / "more.zip"
    archive.write_bytes(zip_bytes({f.name: f.read_bytes() for f in SEED_FILES[:2]}))
    summary = tmp_path / "summary.json"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):  # one file refused: the run says it failed
        call_command("import", str(folder), str(archive), "--summary", str(summary),
                     stdout=out, stderr=err)  # fmt: skip
    report = json.loads(summary.read_text(encoding="utf-8"))
    rows = [(r["file"].replace(str(tmp_path), ""), r["status"]) for r in report["results"]]
    assert rows == [
        ("/reports/bad.txt", "refused"),
        (f"/reports/old/{SEED_FILES[0].name}", "saved"),
        (f"/more.zip/{SEED_FILES[0].name}", "duplicate"),  # the same content again
        (f"/more.zip/{SEED_FILES[1].name}", "saved"),
    ]
    assert report["by_status"] == {"refused": 1, "saved": 2, "duplicate": 1}
    first = next(r for r in report["results"] if r["status"] == "saved")
    assert first["kind"] == "measures_report" and first["reader"] == "text"
    assert first["fields"] > 30
    refused = next(r for r in report["results"] if r["status"] == "refused")
    assert refused["reason"] == "unknown_kind"
    assert "[text]" in out.getvalue()
    assert ImportedDocument.objects.count() == 2


@pytest.mark.django_db
def test_web_upload_of_several_files_and_a_zip_lists_each(admin_client, criteria):
    files = [
        SimpleUploadedFile(SEED_FILES[0].name, SEED_FILES[0].read_bytes()),
        SimpleUploadedFile(
            "batch.zip", zip_bytes({"x/" + f.name: f.read_bytes() for f in SEED_FILES[1:3]})
        ),
        SimpleUploadedFile("empty.txt", b"   "),
    ]
    response = admin_client.post(reverse("ingest:upload"), {"file": files})
    assert response.status_code == 200
    results = response.context["results"]
    assert [r["name"] for r in results] == [
        SEED_FILES[0].name,
        f"batch.zip/x/{SEED_FILES[1].name}",
        f"batch.zip/x/{SEED_FILES[2].name}",
        "empty.txt",
    ]
    assert [bool(r["error"]) for r in results] == [False, False, False, True]
    page = response.content.decode()
    assert "ไฟล์ว่างเปล่า" in page and "อ่านแล้ว รอตรวจสอบ" in page
    assert ImportedDocument.objects.count() == 3
    for doc in ImportedDocument.objects.all():
        assert reverse("ingest:review", args=[doc.pk]) in page


def _scan_of_seed_table() -> bytes:
    """A small 'scan': a ruled table of a measures report drawn at 200 dpi, slightly noisy."""
    font = ImageFont.truetype(_thai_font(), 34)
    image = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(image)
    draw.text((80, 60), "รายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. 2567", font=font)
    draw.text((80, 120), "องค์การบริหารส่วนตำบลโคกสูง อำเภอปากท่อ จังหวัดราชบุรี", font=font)
    xs, ys = [60, 560, 1000, 1300, 1640], [220, 300, 460]
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    cells = [["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
             ["1. การเปิดเผยข้อมูล", "เผยแพร่แผนงาน", "สำนักปลัด", "ตลอดปีงบประมาณ"]]  # fmt: skip
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            draw.text((xs[c] + 14, ys[r] + 18), text, font=font)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(200, 200))
    return out.getvalue()


def _thai_font() -> str:
    from pathlib import Path

    for path in (
        "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
        "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
        "/usr/share/fonts/opentype/tlwg/Laksaman.otf",
    ):
        if Path(path).exists():
            return path
    pytest.skip("no Thai font (fonts-tlwg-laksaman-ttf, scripts/setup.sh)")


@pytest.mark.skipif(not ocr_available(), reason="needs tesseract-ocr-tha (scripts/setup.sh)")
@pytest.mark.django_db
def test_a_scan_is_read_by_ocr_and_reviewed_beside_its_page_image(admin_client, criteria):
    upload = SimpleUploadedFile("scan.png", _scan_of_seed_table())
    response = admin_client.post(reverse("ingest:upload"), {"file": upload})
    assert response.status_code == 302, response.context["form"].errors
    document = ImportedDocument.objects.get()
    result = document.result
    assert result["reader"] == "ocr" and result["kind"] == "measures_plan"
    assert result["agency"]["province"] == "ราชบุรี"
    assert [m["responsible"] for m in result["measures"]] == [["สำนักปลัด"]]
    assert result["measures"][0]["period_start"] == "2023-10-01"
    assert set(result["confidence"]) >= {"agency", "measures.0.title", "measures.0.period"}
    assert ImportedPage.objects.filter(document=document).count() == 1
    page = admin_client.get(reverse("ingest:review", args=[document.pk])).content.decode()
    assert "อ่านจากภาพสแกนด้วย OCR" in page
    assert reverse("ingest:page", args=[document.pk, 1]) in page
    image = admin_client.get(reverse("ingest:page", args=[document.pk, 1]))
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")


@pytest.mark.django_db
def test_low_confidence_fields_are_marked_on_review(admin_client, criteria):
    from prongsai.ingest.importing import stage

    document, _ = stage(SEED_FILES[4].read_bytes(), "seed.txt")
    result = dict(document.result)
    result |= {"reader": "ocr", "confidence": {"measures.0.title": 41.0, "agency": 60.0},
               "low_confidence": ["measures.0.title", "agency"]}  # fmt: skip
    ImportedDocument.objects.filter(pk=document.pk).update(result=result)
    page = admin_client.get(reverse("ingest:review", args=[document.pk])).content.decode()
    assert "อ่านจากภาพได้ไม่ชัด: หน่วยงาน (60%)" in page
    assert "อ่านจากภาพได้ไม่ชัด: ชื่อมาตรการ (41%)" in page
