"""The bulk job's tasks: ``run_job`` fans out one ``build_part`` per agency not built yet; each
part, when it is the last, sends ``finish_job``, which writes the ZIP and finishes the job
through its action. Every task is idempotent (see prongsai/queue.py)."""

from __future__ import annotations

from celery import shared_task

from prongsai.core.actions import SYSTEM
from prongsai.queue import later

from . import services
from .actions import bulk_finish
from .models import BulkJob, BulkPart


@shared_task(name="bulk.run_job")
def run_job(job_id: int) -> int:
    job = BulkJob.objects.get(pk=job_id)
    if job.status == BulkJob.Status.DONE:
        return 0
    pending = list(job.parts.filter(status=BulkPart.Status.PENDING).values_list("pk", flat=True))
    for part_id in pending:
        build_part.delay(part_id)
    if not pending:
        finish_job.delay(job_id)
    return len(pending)


@shared_task(name="bulk.build_part")
def build_part(part_id: int) -> str:
    status = services.build_part(part_id)
    job_id = BulkPart.objects.filter(pk=part_id).values_list("job_id", flat=True).get()
    if not BulkPart.objects.filter(job_id=job_id, status=BulkPart.Status.PENDING).exists():
        later(finish_job, job_id)
    return status


@shared_task(name="bulk.finish_job")
def finish_job(job_id: int) -> bool:
    job = BulkJob.objects.get(pk=job_id)
    if job.status == BulkJob.Status.DONE:
        return False
    if job.parts.filter(status=BulkPart.Status.PENDING).exists():
        return False  # a part is still to come; its task sends this again
    name = services.write_zip(job)
    return bulk_finish(job_id, name, by=SYSTEM) is not None
