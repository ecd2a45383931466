"""What a file is, judged by its content (magic bytes), never by its name; and the size limit."""

from __future__ import annotations

from prongsai.core.files.errors import IngestError

MAX_BYTES = 50 * 1024 * 1024  # 50 MB: larger than any report; larger files are refused unread
# A report of a few hundred pages is well under a million characters of text; more is no report.
MAX_TEXT_CHARS = 5_000_000

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
EXTENSIONS = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "html": (".html", ".htm"),
    "text": (".txt", ".md", ".markdown", ".tsv", ".csv", ".text"),
    "scan": (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
}


def check_size(data: bytes) -> None:
    if not data or not data.strip():
        raise IngestError("empty", "ไฟล์ว่างเปล่า ไม่มีเนื้อหา", "The file is empty.")
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        limit = MAX_BYTES // (1024 * 1024)
        raise IngestError(
            "too_large",
            f"ไฟล์ใหญ่เกินไป ({size:.1f} MB) ระบบรับไฟล์ไม่เกิน {limit} MB",
            f"The file is too large ({size:.1f} MB); the limit is {limit} MB.",
        )


def check_text_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            "too_large",
            f"เอกสารมีข้อความยาวเกินไป ({len(text):,} ตัวอักษร) ระบบอ่านได้ไม่เกิน "
            f"{MAX_TEXT_CHARS:,} ตัวอักษร",
            f"The document holds too much text ({len(text):,} characters); the limit is "
            f"{MAX_TEXT_CHARS:,}.",
        )


def image_kind(data: bytes) -> str | None:
    """``"PNG"``, ``"JPEG"``, ``"GIF"`` or ``"TIFF"`` from the first bytes, else None."""
    return next((name for magic, name in _IMAGES if data.startswith(magic)), None)


def sniff(data: bytes) -> str:
    """``"pdf"``, ``"zip"``, ``"image"`` or ``"text"``, or ``IngestError`` for a kind of file
    never read."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise IngestError(
            "legacy_office",
            "ไฟล์ Word รุ่นเก่า (.doc) อ่านไม่ได้ โปรดบันทึกเป็น .docx หรือ PDF แล้วนำเข้าใหม่",
            "Old Word files (.doc) cannot be read; save it as .docx or PDF and import again.",
        )
    if name := image_kind(data):
        if name == "GIF":
            raise IngestError(
                "image",
                "ไฟล์ภาพ GIF อ่านไม่ได้ โปรดสแกนเป็น PDF, PNG, JPEG หรือ TIFF",
                "GIF images are not read; scan to PDF, PNG, JPEG or TIFF.",
            )
        return "image"  # a scan: read by OCR
    if data.startswith(b"{\\rtf"):
        raise IngestError(
            "unsupported_format",
            "ไฟล์ RTF อ่านไม่ได้ โปรดบันทึกเป็น .docx หรือ PDF",
            "RTF files cannot be read; save it as .docx or PDF.",
        )
    return "text"


def extension_mismatch(filename: str, content_format: str) -> str | None:
    """A warning when the file's name says another format than its content."""
    name = (filename or "").lower()
    for fmt, extensions in EXTENSIONS.items():
        if name.endswith(extensions) and fmt != content_format:
            if fmt in ("text", "html") and content_format in ("text", "html"):
                return None
            if fmt == "pdf" and content_format == "scan":
                return None  # a PDF of page images
            return (
                f"ชื่อไฟล์ “{filename}” บอกว่าเป็น {fmt} แต่เนื้อไฟล์เป็น {content_format} ระบบอ่านตามเนื้อไฟล์"
            )
    return None
