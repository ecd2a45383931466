"""Files that cannot be read: each raises IngestError with a code and a message in Thai and
English, and nothing else."""

import io

import pytest
from PIL import Image

from prongsai.core.files import zipguard
from prongsai.ingest import MAX_BYTES, IngestError, read_blocks, read_document
from prongsai.ingest.ocr import ocr_available
from tests.ingest.builders import docx_from_document, scanned_pdf, zip_bytes
from tests.ingest.conftest import seed_path


def refused(data: bytes, name: str = "file.txt") -> IngestError:
    with pytest.raises(IngestError) as error:
        read_document(data, name)
    assert error.value.message_th and error.value.message_en
    assert str(error.value) == error.value.message_th
    return error.value


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"])
def test_empty_file(data):
    assert refused(data).code == "empty"


def test_binary_garbage():
    error = refused(bytes(range(256)) * 40, "report.txt")
    assert error.code == "binary"
    assert "PDF" in error.message_th


def test_text_in_an_unknown_encoding():
    # Latin-1 bytes that are neither UTF-8 nor Thai
    assert refused("Résumé café ñandú".encode("latin-1") * 10).code == "unknown_encoding"


def test_file_over_the_size_limit():
    error = refused(b"a" * (MAX_BYTES + 1))
    assert error.code == "too_large"
    assert "50 MB" in error.message_th and "50 MB" in error.message_en


def test_text_too_long_to_be_a_report():
    error = refused("ก".encode() * 6_000_000)
    assert error.code == "too_large"
    assert "ตัวอักษร" in error.message_th


def test_file_at_the_size_limit_is_read_not_refused_for_size():
    data = seed_path("004").read_bytes()
    padded = data + b"\n" * (MAX_BYTES - len(data))
    assert len(padded) == MAX_BYTES
    assert len(read_document(padded, "big.txt").measures) == 5


def _docx_parts() -> dict[str, bytes]:
    return {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def test_docx_zip_bomb_is_refused_before_extraction(monkeypatch):
    import docx

    def never(*args, **kwargs):
        raise AssertionError("python-docx must not open a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    bomb = zip_bytes({**_docx_parts(), "word/media/image1.png": b"\0" * (3 * 1024 * 1024)})
    assert len(bomb) < 20_000
    error = refused(bomb, "report.docx")
    assert error.code == "zip_bomb"
    assert "image1.png" in error.message_en


def test_docx_whose_total_size_is_too_large(monkeypatch):
    monkeypatch.setattr(zipguard, "MAX_UNCOMPRESSED", 1000)
    data = zip_bytes({**_docx_parts(), "word/a.xml": b"x" * 600, "word/b.xml": b"y" * 600})
    assert refused(data, "a.docx").code == "zip_bomb"


def test_docx_with_too_many_entries(monkeypatch):
    monkeypatch.setattr(zipguard, "MAX_ENTRIES", 3)
    data = zip_bytes({**_docx_parts(), "a": b"1", "b": b"2"})
    assert refused(data, "a.docx").code == "zip_bomb"


def test_damaged_docx():
    good = docx_from_document(read_blocks(seed_path("002").read_bytes()))
    assert refused(good[: len(good) // 2], "a.docx").code == "corrupt_docx"
    broken = zip_bytes({**_docx_parts(), "word/document.xml": b"<not xml"})
    assert refused(broken, "a.docx").code == "corrupt_docx"


def test_scanned_pdf_without_ocr_says_so(monkeypatch):
    monkeypatch.setattr("prongsai.ingest.ocr.ocr_available", lambda: False)
    error = refused(scanned_pdf(), "scan.pdf")
    assert error.code == "pdf_no_text"
    assert "OCR" in error.message_th and "OCR" in error.message_en


@pytest.mark.skipif(not ocr_available(), reason="needs tesseract-ocr-tha (scripts/setup.sh)")
def test_a_scan_of_nothing_gets_a_clear_thai_message():
    error = refused(scanned_pdf(), "scan.pdf")  # a 2×2 grey picture: no text on it
    assert error.code == "ocr_nothing"
    assert error.message_th.startswith("อ่านข้อความจากภาพไม่ได้")
    blank = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(blank, "PNG")  # an A4 page at 200 dpi, empty
    assert refused(blank.getvalue(), "blank.png").code == "ocr_nothing"
    assert refused(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "broken.png").code == "ocr_nothing"


def test_damaged_pdf():
    assert refused(b"%PDF-1.7\n" + b"\x00garbage" * 100, "a.pdf").code == "corrupt_pdf"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a" + b"\0" * 64, "image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "legacy_office"),
        (b"{\\rtf1\\ansi hello}", "unsupported_format"),
    ],
)
def test_files_of_formats_never_read(data, code):
    error = refused(data, "report.docx")
    assert error.code == code


def test_scanned_image_message_says_no_ocr(monkeypatch):
    monkeypatch.setattr("prongsai.ingest.ocr.ocr_available", lambda: False)
    for data in (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, b"\xff\xd8\xff\xe0" + b"\0" * 64):
        error = refused(data, "scan.png")
        assert error.code == "image"
        assert "OCR" in error.message_th


def test_document_of_unknown_kind():
    text = "ประกาศองค์การบริหารส่วนตำบลปากช่อง\nเรื่อง การรับสมัครพนักงานจ้าง\n\nรายละเอียดตามแนบ"
    error = refused(text.encode(), "notice.txt")
    assert error.code == "unknown_kind"
    assert "ชนิด" in error.message_th


def test_a_memo_alone_is_of_unknown_kind_and_says_so():
    text = "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\nที่ ขก 1/2\nวันที่ 1 ตุลาคม 2566\nเรื่อง ก\nเรียน ข\n"
    error = refused(text.encode(), "memo.txt")
    assert error.code == "unknown_kind"
    assert "บันทึกข้อความ" in error.message_th and "memo" in error.message_en


def test_read_blocks_wants_bytes():
    with pytest.raises(TypeError):
        read_blocks("text, not bytes")
