"""The measures plan of a year: draft it, copy last year's, edit and reorder its measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis

from .forms import MeasureForm
from .models import Measure, MeasurePlan
from .services import PlanExists, PlanFrozen, copy_plan, plan_from_analysis, reorder


@login_required
def plan_page(request, pk: int, year: int):
    agency = get_object_or_404(Agency, pk=pk)
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
    agency = get_object_or_404(Agency, pk=pk)
    try:
        if request.POST.get("from") == "analysis":
            analysis = get_object_or_404(Analysis, agency=agency, fiscal_year=year - 1)
            plan_from_analysis(analysis)
            messages.success(request, "ร่างแผนมาตรการจากผลการวิเคราะห์แล้ว ตรวจและแก้ไขได้")
        elif request.POST.get("from") == "last_year":
            last = get_object_or_404(MeasurePlan, agency=agency, fiscal_year=year - 1)
            copy_plan(last, year)
            messages.success(request, f"คัดลอกแผนปี {year - 1} มาเป็นร่างแผนปี {year} แล้ว")
        else:
            with transaction.atomic():
                MeasurePlan.objects.create(agency=agency, fiscal_year=year)
            messages.success(request, f"สร้างแผนมาตรการปี {year} แล้ว")
    except PlanExists as exc:
        messages.error(request, exc.message_th)
    return redirect("measures:plan", pk=pk, year=year)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int, year: int, measure_id: int | None = None):
    plan = get_object_or_404(
        MeasurePlan.objects.select_related("agency"), agency_id=pk, fiscal_year=year
    )
    measure = get_object_or_404(Measure, pk=measure_id, plan=plan) if measure_id else None
    form = MeasureForm(request.POST or None, instance=measure, agency=plan.agency)
    if plan.status != "draft" and request.method == "POST":
        form.add_error(None, PlanFrozen(plan).message_th)
    elif request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if measure is None:
                form.instance.plan = plan
                form.instance.number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
            form.save()
        messages.success(request, "บันทึกมาตรการแล้ว")
        return redirect("measures:plan", pk=pk, year=year)
    return render(
        request, "measures/measure_form.html", {"form": form, "plan": plan, "measure": measure}
    )


@login_required
@require_POST
def move(request, pk: int, year: int, measure_id: int):
    plan = get_object_or_404(MeasurePlan, agency_id=pk, fiscal_year=year)
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
