"""Publishing as an action: ``document_publish`` freezes a document into its next
:class:`~prongsai.documents.models.Publication` version — only what its memo approved.

The rules, each written once elsewhere and asked here: approved before published
(:func:`prongsai.core.workflow.require_publishable`, plus the approving memo's signatures still
covering the content); a version number is never given twice, also after a restore of an
older backup (the numbers handed out are kept in a ledger beside the uploaded files, which a
restore never deletes).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.access.scope import require
from prongsai.agencies.models import Agency
from prongsai.core import events
from prongsai.core.actions import action, actor_user
from prongsai.core.choices import MemoStatus, Status
from prongsai.core.errors import Conflict, Invalid, NotApproved
from prongsai.core.workflow import require_publishable

from .builders import KINDS, ROUND_KINDS, DocumentError, build
from .models import Publication
from .output import render
from .services import content_hash


class NothingChanged(Conflict):
    code = "unchanged"

    def __init__(self, publication: Publication):
        self.publication = publication
        super().__init__(
            _("เนื้อหาเหมือนฉบับที่ %(version)s ที่เผยแพร่แล้วทุกประการ จึงไม่สร้างฉบับใหม่"),
            version=publication.version,
        )


def subject_of_document(kind: str, agency: Agency, year: int, round_code: str | None):
    """The analysis, plan or round a document presents (what must be approved)."""
    from prongsai.analysis.models import Analysis
    from prongsai.measures.models import MeasurePlan, ProgressRound

    if kind == "analysis":
        return Analysis.objects.filter(agency=agency, fiscal_year=year).first()
    if kind == "plan":
        return MeasurePlan.objects.filter(agency=agency, fiscal_year=year).first()
    return ProgressRound.objects.filter(
        plan__agency=agency, plan__fiscal_year=year, round=round_code
    ).first()


def require_approved(subject) -> None:
    """Approved before published: its status, and an approved memo whose signatures still
    cover the content (an approval of other content is void)."""
    from prongsai.measures.rules import still_as_approved

    if subject is None:
        raise Invalid(_("ยังไม่มีเนื้อหาที่จะเผยแพร่"), code="nothing")
    require_publishable(subject)
    memos = subject.memos.filter(status=MemoStatus.APPROVED)
    if not any(still_as_approved(memo) for memo in memos):
        raise NotApproved(_("ยังเผยแพร่ไม่ได้: ไม่มีบันทึกข้อความที่อนุมัติเนื้อหานี้ครบทุกลำดับ"))


def _ledger_dir(agency: Agency, year: int, kind: str, round_code: str) -> str:
    stamp = agency.created_at.strftime("%Y%m%d%H%M%S%f") if agency.created_at else "0"
    slug = f"{kind}-{round_code}" if round_code else kind
    return f"publications/ledger/{agency.pk}-{stamp}/{year}/{slug}"


def _ledger_max(folder: str) -> int:
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    numbers = [int(f[1:]) for f in files if f.startswith("v") and f[1:].isdigit()]
    return max(numbers, default=0)


@action("document.publish")
def document_publish(
    kind: str,
    agency_id: int,
    year: int,
    round_code: str | None = None,
    *,
    by,
    digits: str = "thai",
    note: str = "",
) -> Publication:
    """Publish the current content of an approved document as its next version.

    Refused (:class:`~prongsai.core.errors.Invalid`) unless what it presents was approved by a
    memo whose signatures still hold; :class:`NothingChanged` when the latest version already
    has exactly this content; ``DocumentError`` when there is nothing to build."""
    if kind not in KINDS:
        raise Invalid(_("ไม่มีเอกสารชนิดนี้"), code="unknown_kind")
    # lock the agency row so two publishers cannot take the same version number
    agency = Agency.objects.select_for_update().get(pk=agency_id)
    require(by, agency.pk, "edit")
    document = build(kind, agency, year, round_code, digits)
    round_code = document["round"] or ""
    if kind in ROUND_KINDS and not round_code:
        raise DocumentError("ไม่พบรอบรายงาน")
    subject = subject_of_document(kind, agency, year, round_code)
    require_approved(subject)
    digest = content_hash(document)
    versions = Publication.objects.filter(
        agency=agency, fiscal_year=year, kind=kind, round=round_code
    )
    latest = versions.order_by("-version").first()
    if latest is not None and latest.content_hash == digest:
        raise NothingChanged(latest)
    folder = _ledger_dir(agency, year, kind, round_code)
    number = max(versions.aggregate(n=Max("version"))["n"] or 0, _ledger_max(folder)) + 1
    # the number is taken before the row is written: a failure leaves a gap, never a reuse
    default_storage.save(f"{folder}/v{number}", ContentFile(digest.encode()))
    files = {fmt: render(document, fmt) for fmt in ("pdf", "docx", "xlsx", "html")}
    publication = Publication.objects.create(
        agency=agency,
        fiscal_year=year,
        kind=kind,
        round=round_code,
        version=number,
        title=document["title"],
        digits=digits,
        content=document,
        content_hash=digest,
        html=files["html"].decode(),
        pdf=files["pdf"],
        docx=files["docx"],
        xlsx=files["xlsx"],
        published_by=actor_user(by),
        note=note,
    )
    if subject.status != Status.PUBLISHED:  # approved → published (its memo still holds)
        subject._history_user = actor_user(by)
        subject.status = Status.PUBLISHED
        subject.save(update_fields=["status", "updated_at"])
    slug = publication.slug
    url = reverse(
        "public:view", kwargs={"pk": agency.pk, "year": year, "slug": slug, "version": number}
    )
    events.record(
        "document.publish",
        publication,
        by=by,
        agency=agency.pk,
        year=year,
        content_hash=digest,
        data={
            "kind": kind,
            "year": year,
            "version": number,
            "url": url,
            "round": round_code,
            "title": publication.title[:200],
        },
    )
    return publication
