"""The bulk pages: start a job (a form), follow it (polled by HTMX until done), take its ZIP."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from prongsai.access.scope import is_national
from prongsai.core.errors import ActionError

from .actions import bulk_start
from .forms import StartForm
from .models import BulkJob


def _visible(request, pk: int) -> BulkJob:
    job = get_object_or_404(BulkJob, pk=pk)
    if not (is_national(request.user) or job.started_by_id == request.user.pk):
        raise PermissionDenied("งานนี้ไม่ใช่ของคุณ")
    return job


def start(request):
    form = StartForm(request.POST or None, kind=request.GET.get("kind"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = bulk_start(
                data["kind"],
                data["year"],
                scope=data["scope"],
                province=data["province"],
                agency_kind=data["agency_kind"] or "",
                by=request.user,
            )
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("bulk:job", pk=job.pk)
    jobs = BulkJob.objects.select_related("province", "district")
    if not is_national(request.user):
        jobs = jobs.filter(started_by=request.user)
    return render(request, "bulk/start.html", {"form": form, "jobs": jobs[:20]})


@require_GET
def job(request, pk: int):
    found = _visible(request, pk)
    return render(request, "bulk/job.html", {"job": found, "p": found.progress()})


@require_GET
def progress(request, pk: int):
    found = _visible(request, pk)
    return render(request, "bulk/progress.html", {"job": found, "p": found.progress()})


@require_GET
def download(request, pk: int):
    found = _visible(request, pk)
    if found.status != BulkJob.Status.DONE:
        raise PermissionDenied("งานยังไม่เสร็จ")
    name = found.result.name
    return FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=name.rsplit("/", 1)[-1]
    )
