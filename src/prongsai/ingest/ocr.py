"""OCR of scanned pages (placeholder until the Tesseract reader lands)."""

from __future__ import annotations


def ocr_available() -> bool:
    return False


def read_scanned_pdf(data: bytes):
    raise NotImplementedError
