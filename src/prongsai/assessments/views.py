"""Entering an agency's ITA results for a year, with the scores computed as the officer types."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.agencies.models import Agency
from prongsai.criteria.services import CriteriaNotLoaded, get_catalog

from .forms import ResultsForm
from .models import Assessment
from .scoring import ScoreError, score
from .services import record_scores


def _catalog_or_none(year: int):
    try:
        return get_catalog(year)
    except CriteriaNotLoaded:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, pk: int, year: int):
    agency = get_object_or_404(Agency, pk=pk)
    catalog = _catalog_or_none(year)
    if catalog is None:
        messages.error(request, f"ยังไม่มีเกณฑ์การประเมินปี {year} ในระบบ จึงบันทึกผลของปีนี้ไม่ได้")
        return redirect("agencies:detail", pk=pk)
    assessment = Assessment.objects.filter(agency=agency, fiscal_year=year).first()
    form = ResultsForm(
        request.POST or None, catalog=catalog, initial=ResultsForm.initial_from(assessment)
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_scores(agency=agency, fiscal_year=year, source="manual", **form.inputs())
        except ScoreError as exc:
            form.add_error(None, exc.message_th)
        else:
            messages.success(request, f"บันทึกผลการประเมินปี {year} แล้ว")
            return redirect("agencies:detail", pk=pk)
    report = _report(form, catalog)
    return render(
        request,
        "assessments/entry.html",
        {"agency": agency, "year": year, "form": form, "catalog": catalog, "report": report},
    )


@login_required
@require_POST
def preview(request, pk: int, year: int):
    """The summary partial, computed from what is in the form now (nothing saved)."""
    catalog = get_catalog(year)
    form = ResultsForm(request.POST, catalog=catalog)
    return render(
        request, "assessments/_summary.html", {"report": _report(form, catalog), "catalog": catalog}
    )


def _report(form: ResultsForm, catalog):
    """Scores from the valid fields only, so the summary follows the officer while typing."""
    if form.is_bound:
        form.is_valid()
        data = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}
    else:
        data = {k: form.initial.get(k) for k in form.fields}
        data = {k: (None if v in ("", None) else v) for k, v in data.items()}
    try:
        return score(catalog, **form.inputs(data))
    except ScoreError:
        return None


@login_required
def choose(request, pk: int):
    """The year chooser of the agency page: ?year=2566 → that year's entry page."""
    year = request.GET.get("year", "")
    if not year.isdigit() or not 2500 <= int(year) <= 2700:
        messages.error(request, "ใส่ปีงบประมาณเป็นปี พ.ศ. เช่น 2566")
        return redirect("agencies:detail", pk=pk)
    return redirect("assessments:entry", pk=pk, year=int(year))
