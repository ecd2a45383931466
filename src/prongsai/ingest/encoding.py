"""Decoding the bytes of a text file: UTF-8 (with or without BOM), UTF-16/32 and TIS-620.

Thai offices still save text as TIS-620 (Windows-874, a superset). The order of the tries:
a byte-order mark decides; then UTF-8 (which almost never decodes text in another encoding by
accident); then UTF-16 without a mark, recognised by its zero bytes; then Windows-874 when the
bytes look like Thai. Text full of control characters is binary, not text.
"""

from __future__ import annotations

import codecs
import unicodedata

from prongsai.core.files.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Share of characters that may be control characters before text counts as binary.
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; ``IngestError`` when the bytes are not text in a known encoding."""
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_not_binary(text)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise _bad_bytes(encoding) from error
    if encoding := _utf16_without_bom(data):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_thai_8bit(data):
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError:
            text = ""
        if text and _plausible_thai(text):
            return text, "tis-620"
    if b"\x00" in data[:4096]:
        raise _binary()
    raise IngestError(
        "unknown_encoding",
        "อ่านตัวอักษรในไฟล์ไม่ได้: ไม่ใช่ UTF-8, UTF-16 หรือ TIS-620 (โปรดบันทึกไฟล์เป็น UTF-8)",
        "The file's characters cannot be read: it is not UTF-8, UTF-16 or TIS-620 "
        "(save it as UTF-8).",
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text: in ASCII and Thai, one byte of each pair is almost always 0x00 or 0x0E."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        marks = high.count(0) + high.count(0x0E)
        if marks > 0.7 * len(high) and low.count(0) < 0.05 * len(low):
            return encoding
    return None


def _looks_thai_8bit(data: bytes) -> bool:
    """Most bytes above 0x7F fall in TIS-620's Thai block (0xA1–0xFB)."""
    high = [b for b in data[:65536] if b > 0x7F]
    if not high:
        return False
    thai = sum(1 for b in high if 0xA1 <= b <= 0xFB)
    return thai >= 0.9 * len(high)


_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))


def _plausible_thai(text: str) -> bool:
    """Vowel and tone marks sit on Thai consonants: Latin-1 text read as TIS-620 puts them on
    Latin letters (``é`` is byte 0xE9, the tone mark ``้``)."""
    marks = misplaced = 0
    for previous, char in zip(" " + text, text, strict=False):  # each char and the one before
        if char in _MARKS:
            marks += 1
            if previous not in _CONSONANTS and previous not in _MARKS:
                misplaced += 1
    return misplaced <= 0.05 * marks


def _check_not_binary(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(
        1
        for ch in sample
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise _binary()


def _binary() -> IngestError:
    return IngestError(
        "binary",
        "ไฟล์นี้ไม่ใช่ข้อความ เอกสาร Word (.docx) หรือ PDF ที่ระบบอ่านได้",
        "This file is not text, a Word document (.docx) or a PDF that can be read.",
    )


def _bad_bytes(encoding: str) -> IngestError:
    return IngestError(
        "unknown_encoding",
        f"ไฟล์ระบุว่าเป็น {encoding.upper()} แต่มีไบต์ที่อ่านไม่ได้ (ไฟล์อาจเสียหาย)",
        f"The file says it is {encoding.upper()} but holds bytes that cannot be read "
        "(it may be damaged).",
    )
