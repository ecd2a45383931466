"""Import = read → review → confirm: staging a file, and importing it in one go (the CLI)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from prongsai.core import events
from prongsai.core.actions import SYSTEM, action

from .models import ImportedDocument, ImportedPage
from .reader import read_document
from .result import to_json
from .saving import SaveOutcome, import_save

MAX_NAME = 200


def safe_file_name(name: str) -> str:
    """The base name only, without path parts or control characters, at most 200 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip(" .") or "document"
    return base[-MAX_NAME:]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stage(data: bytes, filename: str, *, by=None) -> tuple[ImportedDocument, bool]:
    """Read a file and keep what was read for review. The same bytes again: the same document.

    Returns (document, created). Raises IngestError when the file cannot be read; nothing is
    stored then.
    """
    return import_read(data, filename, by=by or SYSTEM)


@action("import.read")
def import_read(data: bytes, filename: str, *, by) -> tuple[ImportedDocument, bool]:
    digest = content_hash(data)
    existing = ImportedDocument.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, False
    result = read_document(data, safe_file_name(filename))
    try:
        with transaction.atomic():
            document = ImportedDocument.objects.create(
                content_hash=digest,
                file_name=safe_file_name(filename),
                size=len(data),
                kind=result.kind,
                fiscal_year=result.fiscal_year,
                result=to_json(result),
                source_text=result.document.text(),
                uploaded_by=by if getattr(by, "pk", None) else None,
            )
            ImportedPage.objects.bulk_create(
                ImportedPage(document=document, number=n, image=png)
                for n, png in enumerate(result.document.page_images, 1)
            )
    except IntegrityError:  # the same file staged at the same moment by someone else
        return ImportedDocument.objects.get(content_hash=digest), False
    events.record(
        "import.read",
        document,
        by=by,
        year=document.fiscal_year,
        content_hash=digest,
        data={"kind": document.kind, "file": document.file_name},
    )
    return document, True


@dataclass
class ImportOutcome:
    document: ImportedDocument
    saved: SaveOutcome | None  # None when the file had been imported before


def import_file(data: bytes, filename: str, *, by=None) -> ImportOutcome:
    """Read and save a file in one transaction (``prongsai import`` without ``--dry-run``),
    acting as ``by`` (the system when no user is given)."""
    by = by or SYSTEM
    with transaction.atomic():
        document, _created = stage(data, filename, by=by)
        if document.status == "saved":
            return ImportOutcome(document, None)
        return ImportOutcome(document, import_save(document.pk, by=by))
