"""Publishing: freeze a document into a new :class:`Publication` version (one transaction)."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.db.models import Max

from prongsai.agencies.models import Agency

from .builders import build
from .models import Publication
from .output import render


class NothingChanged(ValueError):
    def __init__(self, publication: Publication):
        self.publication = publication
        self.message_th = f"เนื้อหาเหมือนฉบับที่ {publication.version} ที่เผยแพร่แล้วทุกประการ จึงไม่สร้างฉบับใหม่"
        super().__init__(self.message_th)


def content_hash(document: dict) -> str:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def publish_document(
    kind: str,
    agency: Agency,
    year: int,
    round: str | None = None,
    *,
    by,
    digits: str = "thai",
    note: str = "",
) -> Publication:
    """Publish the current content of a document as its next version.

    Raises :class:`~prongsai.documents.builders.DocumentError` when there is nothing to publish
    and :class:`NothingChanged` when the latest version already has exactly this content.
    """
    document = build(kind, agency, year, round, digits)
    digest = content_hash(document)
    files = {fmt: render(document, fmt) for fmt in ("pdf", "docx", "xlsx", "html")}
    with transaction.atomic():
        # lock the agency row so two publishers cannot take the same version number
        Agency.objects.select_for_update().get(pk=agency.pk)
        versions = Publication.objects.filter(
            agency=agency, fiscal_year=year, kind=kind, round=document["round"] or ""
        )
        latest = versions.order_by("-version").first()
        if latest is not None and latest.content_hash == digest:
            raise NothingChanged(latest)
        number = (versions.aggregate(n=Max("version"))["n"] or 0) + 1
        return Publication.objects.create(
            agency=agency,
            fiscal_year=year,
            kind=kind,
            round=document["round"] or "",
            version=number,
            title=document["title"],
            digits=digits,
            content=document,
            content_hash=digest,
            html=files["html"].decode(),
            pdf=files["pdf"],
            docx=files["docx"],
            xlsx=files["xlsx"],
            published_by=by if getattr(by, "is_authenticated", False) else None,
            note=note,
        )


def memo_document(memo) -> tuple[str, Agency, int, str | None]:
    """What an approved memo publishes: (kind, agency, year, round)."""
    if memo.round_id:
        return "progress", memo.agency, memo.round.plan.fiscal_year, memo.round.round
    if memo.plan_id:
        return "plan", memo.agency, memo.plan.fiscal_year, None
    return "analysis", memo.agency, memo.analysis.fiscal_year, None
