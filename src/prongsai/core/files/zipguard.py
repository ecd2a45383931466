"""Checks on a ZIP container (DOCX) made from its directory alone, before anything is extracted.

A zip bomb declares small compressed entries that expand to gigabytes. The central directory
lists each entry's compressed and uncompressed size; Python's ``zipfile`` never returns more
than the declared uncompressed size, so refusing archives whose declared sizes are too large or
too compressible is enough to keep extraction bounded.
"""

from __future__ import annotations

import io
import zipfile

from prongsai.core.files.errors import IngestError

MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all entries together
MAX_ENTRY = 100 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024


def open_checked_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise corrupt_docx() from error
    if len(entries) > MAX_ENTRIES:
        raise _bomb(f"มีไฟล์ย่อย {len(entries):,} ไฟล์", f"it holds {len(entries):,} entries")
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > MAX_ENTRY or total > MAX_UNCOMPRESSED:
            raise _bomb(
                f"ขยายแล้วมีขนาดเกิน {MAX_UNCOMPRESSED // (1024 * 1024)} MB",
                f"it expands to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB",
            )
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise _bomb(
                f"ไฟล์ย่อย {entry.filename} ถูกบีบอัดมากผิดปกติ",
                f"entry {entry.filename} is compressed more than {MAX_RATIO}:1",
            )
    return archive


def corrupt_docx() -> IngestError:
    return IngestError(
        "corrupt_docx",
        "ไฟล์ Word (.docx) เสียหายหรือไม่สมบูรณ์ เปิดอ่านไม่ได้",
        "The Word file (.docx) is damaged or incomplete and cannot be opened.",
    )


def _bomb(reason_th: str, reason_en: str) -> IngestError:
    return IngestError(
        "zip_bomb",
        f"ไฟล์ Word นี้ผิดปกติ ({reason_th}) ระบบไม่เปิดอ่านเพื่อความปลอดภัย",
        f"This Word file is abnormal ({reason_en}); it is not opened, for safety.",
    )
