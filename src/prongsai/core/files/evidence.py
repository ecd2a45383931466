"""Evidence files: what may be stored, judged by content, and the name it is stored under.

Accepted: PDF, PNG/JPEG/GIF images and Office files (DOCX, XLSX, PPTX: ZIP containers checked
against zip bombs by ``zipguard``), at most :data:`MAX_BYTES`. Everything else (HTML, SVG,
scripts, executables, old .doc) is refused whatever its name says, so a stored file can never be
a page that runs in a browser. The stored name is random with the extension of the content, so
a name from outside never reaches the file system.
"""

from __future__ import annotations

import secrets

from prongsai.core.files.errors import IngestError
from prongsai.core.files.sniff import image_kind
from prongsai.core.files.zipguard import open_checked_zip

MAX_BYTES = 20 * 1024 * 1024
_OFFICE = {"word/": ".docx", "xl/": ".xlsx", "ppt/": ".pptx"}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ALLOWED_TH = "PDF, รูปภาพ (PNG, JPEG, GIF), Word (.docx), Excel (.xlsx) หรือ PowerPoint (.pptx)"


class EvidenceRefused(ValueError):
    def __init__(self, message_th: str):
        self.message_th = message_th
        super().__init__(message_th)


def check_size(size: int) -> None:
    if not size:
        raise EvidenceRefused("ไฟล์ว่างเปล่า ไม่มีเนื้อหา")
    if size > MAX_BYTES:
        raise EvidenceRefused(
            f"ไฟล์ใหญ่เกินไป ({size / (1024 * 1024):.1f} MB) "
            f"แนบได้ไม่เกิน {MAX_BYTES // (1024 * 1024)} MB ต่อไฟล์"
        )


def evidence_extension(data: bytes) -> str:
    """The file's real kind as an extension (``.pdf``, ``.png``…), or :class:`EvidenceRefused`."""
    check_size(len(data))
    if data.startswith(b"%PDF-"):
        return ".pdf"
    image = image_kind(data)
    if image in ("PNG", "JPEG", "GIF"):
        return {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}[image]
    if data.startswith(b"PK\x03\x04"):
        try:
            names = open_checked_zip(data).namelist()
        except IngestError as error:
            raise EvidenceRefused(error.message_th.replace("ไฟล์ Word", "ไฟล์ Office")) from None
        if "[Content_Types].xml" in names:
            for prefix, extension in _OFFICE.items():
                if any(n.startswith(prefix) for n in names):
                    return extension
    raise EvidenceRefused(f"ชนิดไฟล์นี้แนบเป็นหลักฐานไม่ได้ (ตรวจจากเนื้อไฟล์) แนบได้เฉพาะ {ALLOWED_TH}")


def stored_name(extension: str) -> str:
    """A random name: nothing of the uploaded name reaches the disk."""
    return f"{secrets.token_hex(12)}{extension}"


def download_name(title: str, extension: str) -> str:
    """The name a downloaded file is saved under: its Thai description, without the characters
    a file system refuses, and the extension of its content."""
    cleaned = "".join(c for c in title if c.isprintable() and c not in '\\/:*?"<>|').strip(" .")
    return f"{cleaned[:80] or 'evidence'}{extension}"
