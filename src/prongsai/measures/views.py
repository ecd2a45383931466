"""The measures plan of a year: draft it, copy last year's, edit and reorder its measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.access.scope import agency_or_404, object_or_404
from prongsai.analysis.models import Analysis
from prongsai.core.concurrency import EditConflict, rebound_with_version, version_of
from prongsai.core.errors import ActionError
from prongsai.core.files.evidence import CONTENT_TYPES, download_name
from prongsai.criteria.services import catalog_or_none

from . import actions
from .forms import MeasureForm, ProgressFormSet
from .models import Evidence, Measure, MeasurePlan, MeasureProgress
from .rules import is_overdue, missing_results


@login_required
def plan_page(request, pk: int, year: int):
    agency = agency_or_404(request, pk)
    plan = (
        MeasurePlan.objects.filter(agency=agency, fiscal_year=year)
        .prefetch_related("measures__responsible_units")
        .first()
    )
    context = {
        "agency": agency,
        "year": year,
        "plan": plan,
        "measures": plan.measures.order_by("number") if plan else [],
        "analysis": Analysis.objects.filter(agency=agency, fiscal_year=year - 1).first(),
        "last_year": MeasurePlan.objects.filter(agency=agency, fiscal_year=year - 1).first(),
    }
    return render(request, "measures/plan.html", context)


@login_required
@require_POST
def create_plan(request, pk: int, year: int):
    agency = agency_or_404(request, pk, "edit")
    try:
        if request.POST.get("from") == "analysis":
            analysis = object_or_404(request, Analysis.objects, agency=agency, fiscal_year=year - 1)
            actions.plan_from_analysis(analysis.pk, by=request.user)
            messages.success(request, _("ร่างแผนมาตรการจากผลการวิเคราะห์แล้ว ตรวจและแก้ไขได้"))
        elif request.POST.get("from") == "last_year":
            last = object_or_404(request, MeasurePlan.objects, agency=agency, fiscal_year=year - 1)
            actions.plan_copy(last.pk, year, by=request.user)
            messages.success(
                request,
                _("คัดลอกแผนปี %(last)s มาเป็นร่างแผนปี %(year)s แล้ว")
                % {"last": year - 1, "year": year},
            )
        else:
            actions.plan_create(agency.pk, year, by=request.user)
            messages.success(request, _("สร้างแผนมาตรการปี %(year)s แล้ว") % {"year": year})
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("measures:plan", pk=pk, year=year)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int, year: int, measure_id: int | None = None):
    plan = object_or_404(
        request, MeasurePlan.objects.select_related("agency"), agency_id=pk, fiscal_year=year
    )
    measure = get_object_or_404(Measure, pk=measure_id, plan=plan) if measure_id else None
    form_kwargs = {
        "instance": measure,
        "agency": plan.agency,
        "catalog": catalog_or_none(plan.fiscal_year - 1),
    }
    form = MeasureForm(request.POST or None, **form_kwargs)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.measure_save(
                plan.pk,
                form.data_typed(),
                by=request.user,
                measure_id=measure.pk if measure else None,
                version=form.cleaned_data.get("version") or "",
                form_token=form.cleaned_data.get("form_token") or "",
            )
        except actions.Stale as exc:
            conflict = EditConflict(exc.current, form.differences(exc.current))
            form = rebound_with_version(MeasureForm, request.POST, exc.current, **form_kwargs)
            form.is_valid()
            form.add_error(None, conflict.message_th)
            status = 409
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            status = exc.status
        else:
            messages.success(request, _("บันทึกมาตรการแล้ว"))
            return redirect("measures:plan", pk=pk, year=year)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "measures/measure_form.html",
        {"form": form, "plan": plan, "measure": measure, "conflict": conflict},
        status=status,
    )


@login_required
@require_POST
def move(request, pk: int, year: int, measure_id: int):
    plan = object_or_404(request, MeasurePlan.objects, agency_id=pk, fiscal_year=year)
    try:
        actions.measure_step(
            plan.pk, measure_id, request.POST.get("direction", "down"), by=request.user
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("measures:plan", pk=pk, year=year)


@login_required
@require_POST
def delete(request, pk: int, year: int, measure_id: int):
    """Take a measure out of a draft plan (refused, with its 4xx, once the plan is sent)."""
    plan = object_or_404(request, MeasurePlan.objects, agency_id=pk, fiscal_year=year)
    measure = get_object_or_404(Measure, pk=measure_id, plan=plan)
    try:
        actions.measure_delete(plan.pk, measure.pk, by=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
        response = plan_page(request, pk=pk, year=year)
        response.status_code = exc.status
        return response
    messages.success(request, _("นำมาตรการที่ %(number)s ออกจากแผนแล้ว") % {"number": measure.number})
    return redirect("measures:plan", pk=pk, year=year)


def _rebind_saved_rows(formset, conflicted: set[int]) -> None:
    """The rows that were saved, shown again beside the conflicting ones: with their new
    version, and without the evidence just attached (saving the page again must not attach it
    a second time)."""
    rows = [form for form in formset.forms if id(form) not in conflicted]
    versions = {
        row.pk: version_of(row)
        for row in MeasureProgress.objects.filter(pk__in=[form.instance.pk for form in rows])
    }
    for form in rows:
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = versions[form.instance.pk]
        for name in ("evidence_title", "evidence_url", "evidence_kept"):
            form.data[form.add_prefix(name)] = ""


def _save_round(request, plan, round_, formset):
    """Save the rows (and submit when asked); None when some rows met an edit conflict: the
    page is shown again with those rows as typed, their differences and the new versions."""
    pk, year, round_code = plan.agency_id, plan.fiscal_year, round_.round
    forms_by_id = {form.instance.pk: form for form in formset.forms}
    conflicts = actions.round_save(
        round_.pk, [form.row_typed() for form in formset.forms], by=request.user
    )
    if conflicts:
        for row, stale in conflicts:
            form = forms_by_id[row.progress_id]
            conflict = EditConflict(stale.current, form.differences(stale.current))
            form.add_error(None, conflict.message_th)
            form.conflict = conflict
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = version_of(stale.current)
            form.keep_file()
        _rebind_saved_rows(formset, {id(forms_by_id[row.progress_id]) for row, _s in conflicts})
        messages.error(
            request,
            _(
                "บางมาตรการมีผู้อื่นบันทึกไปก่อน จึงยังไม่ได้บันทึกมาตรการเหล่านั้น "
                "(มาตรการอื่นบันทึกแล้ว) ตรวจความแตกต่างแล้วกดบันทึกอีกครั้ง"
            ),
        )
        return None
    if request.POST.get("action") == "submit":
        try:
            memo = actions.round_submit(round_.pk, by=request.user)
        except actions.RoundIncomplete as exc:
            messages.error(request, _("%(problem)s (บันทึกสิ่งที่กรอกไว้แล้ว)") % {"problem": exc})
            return redirect("measures:round", pk=pk, year=year, round_code=round_code)
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect("measures:round", pk=pk, year=year, round_code=round_code)
        messages.success(request, _("บันทึกแล้ว ตรวจบันทึกข้อความ แล้วกด “เสนอ” เพื่อส่งให้ผู้พิจารณาตามลำดับ"))
        return redirect("measures:memo", memo_id=memo.pk)
    messages.success(request, _("บันทึกแล้ว"))
    return redirect("measures:round", pk=pk, year=year, round_code=round_code)


@login_required
@require_http_methods(["GET", "POST"])
def round_page(request, pk: int, year: int, round_code: str):
    plan = object_or_404(
        request, MeasurePlan.objects.select_related("agency"), agency_id=pk, fiscal_year=year
    )
    if round_code not in ("6m", "12m"):
        raise Http404(_("รอบรายงานต้องเป็น 6m หรือ 12m"))
    round_ = plan.rounds.filter(round=round_code).first()
    if request.method == "POST" and request.POST.get("action") == "start":
        try:
            actions.round_start(plan.pk, round_code, by=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
        return redirect("measures:round", pk=pk, year=year, round_code=round_code)
    formset = None
    status = 200
    if round_ is not None:
        queryset = round_.progress.select_related("measure").prefetch_related("evidence")
        queryset = queryset.order_by("measure__number")
        formset = ProgressFormSet(request.POST or None, request.FILES or None, queryset=queryset)
        if request.method == "POST":
            if formset.is_valid():
                try:
                    response = _save_round(request, plan, round_, formset)
                except ActionError as exc:
                    messages.error(request, str(exc))
                    response, status = None, exc.status
                if response is not None:
                    return response
                status = 409 if status == 200 else status
            else:
                # shown again with the errors: every valid file chosen is kept, not dropped
                for form in formset.forms:
                    form.keep_file()
                status = 400
    today = timezone.localdate()
    rows = []
    if formset is not None:
        for form in formset.forms:
            progress = form.instance
            rows.append(
                {
                    "form": form,
                    "measure": progress.measure,
                    "progress": progress,
                    "overdue": is_overdue(progress.measure, progress, today),
                    "kept": getattr(form, "kept_name", None),
                }
            )
    context = {
        "plan": plan,
        "round_code": round_code,
        "round": round_,
        "formset": formset,
        "rows": rows,
        "label": _("รอบ ๖ เดือน") if round_code == "6m" else _("รอบ ๑๒ เดือน"),
        "missing": missing_results(round_) if round_ else [],
    }
    return render(request, "measures/round.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD"])
def evidence_file(request, pk: int, evidence_id: int):
    """An uploaded evidence file, to the agency's people and those who may view its data.
    Images and PDFs open in the browser; Office files download."""
    item = object_or_404(
        request,
        Evidence.objects.exclude(file=""),
        pk=evidence_id,
        progress__round__plan__agency_id=pk,
    )
    extension = "." + item.file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        message = _("ไม่พบไฟล์หลักฐานนี้ในที่เก็บ (อาจยังไม่ได้กู้คืนไฟล์จากข้อมูลสำรอง)")
        return render(request, "404.html", {"message": message}, status=404)
    return FileResponse(
        handle,
        as_attachment=extension not in (".pdf", ".png", ".jpg", ".gif"),
        filename=download_name(item.title, extension),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )


@login_required
@require_POST
def evidence_remove(request, pk: int, evidence_id: int):
    item = object_or_404(
        request,
        Evidence.objects.select_related("progress__round__plan"),
        pk=evidence_id,
        progress__round__plan__agency_id=pk,
    )
    plan, round_ = item.progress.round.plan, item.progress.round
    try:
        actions.evidence_remove(item.pk, by=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("นำหลักฐาน “%(title)s” ออกแล้ว") % {"title": item.title})
    return redirect("measures:round", pk=pk, year=plan.fiscal_year, round_code=round_.round)
