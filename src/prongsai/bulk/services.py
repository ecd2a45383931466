"""Building one part (an agency's document) and the job's ZIP, through Django's storage API
(so a deployment can keep them on shared or object storage)."""

from __future__ import annotations

import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils import timezone

from prongsai.documents.builders import DocumentError, build
from prongsai.documents.output import render

from .models import BulkJob, BulkPart

log = logging.getLogger(__name__)
FORMAT = "pdf"


def folder(job: BulkJob) -> str:
    return f"bulk/job-{job.pk}"


def part_name(part: BulkPart) -> str:
    """The part's file name in the ZIP and in the storage: one per agency, always the same."""
    safe = part.agency.name.replace("/", "-").replace(" ", "_")
    return f"{part.agency_id:05d}_{safe}.{FORMAT}"


def _put(name: str, data: bytes) -> str:
    """Write ``data`` at ``name`` exactly (a previous file there — a lost build's — replaced)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def build_part(part_id: int) -> str:
    """Build one part unless it is built already; return its status. The part row is the
    tasks' bookkeeping, written by queryset updates (no action: a job's own progress)."""
    part = BulkPart.objects.select_related("job", "agency").get(pk=part_id)
    if part.status != BulkPart.Status.PENDING:
        return part.status  # built (or found to have nothing) before: nothing to do again
    job = part.job
    BulkPart.objects.filter(pk=part.pk).update(attempts=F("attempts") + 1)
    try:
        document = build(job.kind, part.agency, job.fiscal_year)
    except DocumentError as exc:
        _set(part, BulkPart.Status.SKIPPED, message=exc.message_th)
        return BulkPart.Status.SKIPPED
    except Exception as exc:  # one agency's broken data does not stop the job
        log.exception("bulk part %s failed", part.pk)
        _set(part, BulkPart.Status.FAILED, message=f"{type(exc).__name__}: {exc}")
        return BulkPart.Status.FAILED
    data = render(document, FORMAT)
    name = _put(f"{folder(job)}/{part_name(part)}", data)
    _set(part, BulkPart.Status.BUILT, file=name, builds=F("builds") + 1)
    return BulkPart.Status.BUILT


def _set(part: BulkPart, status: str, **fields) -> None:
    # only a pending part moves: a second build of the same part (a redelivered task running
    # beside the first) finds it done and changes nothing
    BulkPart.objects.filter(pk=part.pk, status=BulkPart.Status.PENDING).update(
        status=status, updated_at=timezone.now(), **fields
    )


def write_zip(job: BulkJob) -> str:
    """The job's ZIP: every built part's file, and a list of the agencies without a document
    (and why). Written again whole each time (same name), so a re-run gives the same ZIP."""
    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for part in job.parts.select_related("agency").order_by("agency_id"):
            if part.status == BulkPart.Status.BUILT:
                with default_storage.open(part.file.name, "rb") as fh:
                    zf.writestr(part_name(part), fh.read())
            else:
                missing.append(f"{part.agency.name}\t{part.get_status_display()}\t{part.message}")
        if missing:
            zf.writestr("ไม่มีเอกสาร.txt", "\n".join(missing) + "\n")
    return _put(f"{folder(job)}/{zip_filename(job)}", buffer.getvalue())


def zip_filename(job: BulkJob) -> str:
    where = {
        BulkJob.Scope.PROVINCE: f"province-{job.province_id}",
        BulkJob.Scope.DISTRICT: f"district-{job.district_id}",
        BulkJob.Scope.AGENCY_KIND: f"kind-{job.agency_kind}",
        BulkJob.Scope.NATION: "nation",
    }[job.scope]
    return f"{job.kind}-{job.fiscal_year}-{where}.zip"
