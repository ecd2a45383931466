"""Many files at once: a folder (recursively) or a ZIP of documents, for ``prongsai import`` and
the web upload.

A ZIP archive that is not a Word file is opened with the same checks as a DOCX (``zipguard``:
sizes declared in its directory, before anything is unpacked) and each document in it is read as
a file of its own, named ``archive.zip/folder/file.pdf``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from prongsai.core.files.errors import IngestError
from prongsai.core.files.zipguard import open_checked_zip

READABLE = frozenset(
    ".txt .md .markdown .tsv .csv .text .html .htm .docx .pdf .png .jpg .jpeg .tif .tiff".split()
)
MAX_FILES = 5_000


@dataclass
class Source:
    """One document to read: its name and its bytes, or why it cannot be had."""

    name: str
    data: bytes | None = None
    error: IngestError | None = None


def is_archive(name: str, data: bytes) -> bool:
    """A ZIP of documents (not a DOCX, which is a ZIP too)."""
    return name.lower().endswith(".zip") and data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def archive_members(name: str, data: bytes) -> Iterator[Source]:
    try:
        archive = open_checked_zip(data)
    except IngestError as error:
        yield Source(name, error=_bad_archive(error))
        return
    count = 0
    for entry in sorted(archive.infolist(), key=lambda e: e.filename):
        if entry.is_dir() or Path(entry.filename).suffix.lower() not in READABLE:
            continue
        if any(part.startswith(("__MACOSX", ".")) for part in Path(entry.filename).parts):
            continue  # the Finder's and the system's own files
        count += 1
        if count > MAX_FILES:
            break
        yield Source(f"{name}/{entry.filename}", archive.read(entry))


def sources(paths: list[str]) -> Iterator[Source]:
    """Every document under the given files, folders (recursively) and ZIP archives, in order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in READABLE | {".zip"}
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )  # fmt: skip
            for file in files[:MAX_FILES]:
                yield from _file(file, str(file))
        elif path.is_file():
            yield from _file(path, str(path))
        else:
            yield Source(
                str(path), error=IngestError("missing", "ไม่พบไฟล์หรือโฟลเดอร์", "No such file.")
            )


def _file(path: Path, name: str) -> Iterator[Source]:
    data = path.read_bytes()
    if is_archive(name, data):
        yield from archive_members(name, data)
    else:
        yield Source(name, data)


def _bad_archive(error: IngestError) -> IngestError:
    return IngestError(
        "bad_archive",
        "ไฟล์ ZIP เสียหายหรือผิดปกติ ระบบไม่เปิดอ่าน" + f" ({error.message_th})",
        "The ZIP file is damaged or abnormal and is not opened" + f" ({error.message_en}).",
    )
