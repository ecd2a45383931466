"""The doors of a bulk job: it is started (by a person, the CLI or the system) and finished (by
its last task, as the system). Both record an Event; the tasks do the building (tasks.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.access import scope as access
from prongsai.agencies.models import Agency
from prongsai.core import events
from prongsai.core.actions import action, actor_user
from prongsai.core.errors import Invalid
from prongsai.documents.builders import KINDS
from prongsai.queue import later

from .models import BulkJob, BulkPart


def agencies_in_scope(
    scope: str, *, province=None, district=None, agency_kind: str = ""
) -> tuple[dict, object]:
    """The job's scope fields and the agencies it covers."""
    agencies = Agency.objects.all()
    fields: dict = {"scope": scope}
    if scope == BulkJob.Scope.PROVINCE:
        if province is None:
            raise Invalid(_("เลือกจังหวัด"), field="province")
        agencies = agencies.filter(province=province)
        fields["province_id"] = getattr(province, "pk", province)
    elif scope == BulkJob.Scope.DISTRICT:
        if district is None:
            raise Invalid(_("เลือกอำเภอ"), field="district")
        agencies = agencies.filter(district=district)
        fields["district_id"] = getattr(district, "pk", district)
    elif scope == BulkJob.Scope.AGENCY_KIND:
        if agency_kind not in dict(Agency.KIND_CHOICES):
            raise Invalid(_("เลือกประเภทหน่วยงาน"), field="agency_kind")
        agencies = agencies.filter(kind=agency_kind)
        fields["agency_kind"] = agency_kind
    elif scope != BulkJob.Scope.NATION:
        raise Invalid(_("ขอบเขตไม่ถูกต้อง"), field="scope")
    if province is not None and scope == BulkJob.Scope.AGENCY_KIND:
        agencies = agencies.filter(province=province)  # a kind within one province
        fields["province_id"] = getattr(province, "pk", province)
    return fields, agencies


@action("bulk.start")
def bulk_start(
    kind: str,
    year: int,
    *,
    scope: str,
    province=None,
    district=None,
    agency_kind: str = "",
    by,
) -> BulkJob:
    """Start building document ``kind`` of ``year`` for every agency of the scope: the actor
    must be able to see every one of them. The work is sent to the queue on commit."""
    if kind not in KINDS:
        raise Invalid(_("ไม่มีเอกสารชนิดนี้"), field="kind")
    fields, agencies = agencies_in_scope(
        scope, province=province, district=district, agency_kind=agency_kind
    )
    ids = list(agencies.order_by("pk").values_list("pk", flat=True))
    if not ids:
        raise Invalid(_("ไม่มีหน่วยงานในขอบเขตนี้"), field="scope")
    visible = access.agencies_for(by, "view").filter(pk__in=ids).count()
    if visible != len(ids):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์ดูข้อมูลของทุกหน่วยงานในขอบเขตนี้"))
    job = BulkJob.objects.create(
        kind=kind,
        fiscal_year=year,
        total=len(ids),
        started_by=actor_user(by),
        started_by_name=events._actor_name(by),
        **fields,
    )
    BulkPart.objects.bulk_create([BulkPart(job=job, agency_id=pk) for pk in ids])
    events.record(
        "bulk.start",
        job,
        by=by,
        year=year,
        data={"kind": kind, "scope": scope, "total": len(ids)},
    )
    from .tasks import run_job

    later(run_job, job.pk)
    return job


@action("bulk.finish")
def bulk_finish(job_id: int, zip_name: str, *, by) -> BulkJob | None:
    """Mark the job done with its ZIP (``zip_name`` in the default storage). A job already
    done, or with parts still to build, is left as it is (``None``): the last part's task and a
    re-run may both try."""
    job = BulkJob.objects.select_for_update().get(pk=job_id)
    if job.status == BulkJob.Status.DONE:
        return None
    progress = job.progress()
    if progress["finished"] < job.total:
        return None
    job.status = BulkJob.Status.DONE
    job.result.name = zip_name
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "finished_at"])
    events.record(
        "bulk.finish",
        job,
        by=by,
        year=job.fiscal_year,
        data={k: progress[k] for k in ("built", "skipped", "failed", "total")},
    )
    return job
