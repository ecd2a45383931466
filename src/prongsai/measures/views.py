"""The measures plan of a year: draft it, copy last year's, edit and reorder its measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.access.scope import agency_or_404, object_or_404
from prongsai.analysis.models import Analysis
from prongsai.criteria.services import catalog_or_none

from .forms import MeasureForm, ProgressFormSet
from .models import Measure, MeasurePlan
from .services import (
    PlanExists,
    PlanFrozen,
    RoundIncomplete,
    copy_plan,
    is_overdue,
    missing_results,
    plan_from_analysis,
    reorder,
    start_round,
)
from .signoff import SignOffError, draft_memo


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
    agency = agency_or_404(request, pk)
    try:
        if request.POST.get("from") == "analysis":
            analysis = object_or_404(request, Analysis.objects, agency=agency, fiscal_year=year - 1)
            plan_from_analysis(analysis)
            messages.success(request, _("ร่างแผนมาตรการจากผลการวิเคราะห์แล้ว ตรวจและแก้ไขได้"))
        elif request.POST.get("from") == "last_year":
            last = object_or_404(request, MeasurePlan.objects, agency=agency, fiscal_year=year - 1)
            copy_plan(last, year)
            messages.success(
                request,
                _("คัดลอกแผนปี %(last)s มาเป็นร่างแผนปี %(year)s แล้ว")
                % {"last": year - 1, "year": year},
            )
        else:
            with transaction.atomic():
                MeasurePlan.objects.create(agency=agency, fiscal_year=year)
            messages.success(request, _("สร้างแผนมาตรการปี %(year)s แล้ว") % {"year": year})
    except PlanExists as exc:
        messages.error(request, exc.message_th)
    return redirect("measures:plan", pk=pk, year=year)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int, year: int, measure_id: int | None = None):
    plan = object_or_404(
        request, MeasurePlan.objects.select_related("agency"), agency_id=pk, fiscal_year=year
    )
    measure = get_object_or_404(Measure, pk=measure_id, plan=plan) if measure_id else None
    form = MeasureForm(
        request.POST or None,
        instance=measure,
        agency=plan.agency,
        catalog=catalog_or_none(plan.fiscal_year - 1),
    )
    if plan.status != "draft" and request.method == "POST":
        form.add_error(None, PlanFrozen(plan).message_th)
    elif request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if measure is None:
                form.instance.plan = plan
                form.instance.number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
            form.save()
        messages.success(request, _("บันทึกมาตรการแล้ว"))
        return redirect("measures:plan", pk=pk, year=year)
    return render(
        request, "measures/measure_form.html", {"form": form, "plan": plan, "measure": measure}
    )


@login_required
@require_POST
def move(request, pk: int, year: int, measure_id: int):
    plan = object_or_404(request, MeasurePlan.objects, agency_id=pk, fiscal_year=year)
    ids = list(plan.measures.order_by("number").values_list("pk", flat=True))
    if measure_id in ids:
        i = ids.index(measure_id)
        j = i - 1 if request.POST.get("direction") == "up" else i + 1
        if 0 <= j < len(ids):
            ids[i], ids[j] = ids[j], ids[i]
            try:
                reorder(plan, ids)
            except PlanFrozen as exc:
                messages.error(request, exc.message_th)
    return redirect("measures:plan", pk=pk, year=year)


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
        start_round(plan, round_code)
        return redirect("measures:round", pk=pk, year=year, round_code=round_code)
    formset = None
    if round_ is not None:
        queryset = round_.progress.select_related("measure").prefetch_related("evidence")
        queryset = queryset.order_by("measure__number")
        editable = round_.status == "draft"
        formset = ProgressFormSet(request.POST or None, request.FILES or None, queryset=queryset)
        if request.method == "POST" and not editable:
            messages.error(
                request,
                _("รายงานรอบนี้%(status)s แก้ไขไม่ได้") % {"status": round_.get_status_display()},
            )
        elif request.method == "POST" and formset.is_valid():
            with transaction.atomic():
                formset.save()
                if request.POST.get("action") == "submit":
                    missing = missing_results(round_)
                    if missing:
                        messages.error(
                            request,
                            _("%(problem)s (บันทึกสิ่งที่กรอกไว้แล้ว)")
                            % {"problem": RoundIncomplete(missing).message_th},
                        )
                        return redirect("measures:round", pk=pk, year=year, round_code=round_code)
                    try:
                        memo = draft_memo(round_)
                    except SignOffError as exc:
                        messages.error(request, exc.message_th)
                        return redirect("measures:round", pk=pk, year=year, round_code=round_code)
                    messages.success(
                        request, _("บันทึกแล้ว ตรวจบันทึกข้อความ แล้วกด “เสนอ” เพื่อส่งให้ผู้พิจารณาตามลำดับ")
                    )
                    return redirect("measures:memo", memo_id=memo.pk)
                else:
                    messages.success(request, _("บันทึกแล้ว"))
            return redirect("measures:round", pk=pk, year=year, round_code=round_code)
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
    return render(request, "measures/round.html", context)
