"""Entering an agency's ITA results for a year, with the scores computed as the officer types."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.access.scope import agency_or_404
from prongsai.agencies.models import Agency
from prongsai.core.errors import ActionError
from prongsai.core.forms import active_lang
from prongsai.criteria.models import CriteriaYear
from prongsai.criteria.services import CriteriaNotLoaded, get_catalog
from prongsai.thai import to_arabic_digits

from .actions import Scores, require_scores_open, scores_record
from .forms import ResultsForm
from .models import Assessment


def _agency(request, pk: int, action: str | None = None) -> Agency:
    return agency_or_404(request, pk, action)


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, pk: int, year: int):
    agency = _agency(request, pk)
    try:
        catalog = get_catalog(year)
    except CriteriaNotLoaded:
        messages.error(
            request,
            _("ยังไม่มีเกณฑ์การประเมินปี %(year)s ในระบบ จึงบันทึกผลของปีนี้ไม่ได้ เลือกปีที่มีเกณฑ์แล้วจากรายการด้านล่าง")
            % {"year": year},
        )
        return redirect("assessments:choose", pk=pk)
    assessment = Assessment.objects.filter(agency=agency, fiscal_year=year).first()
    form = ResultsForm(
        request.POST if request.method == "POST" else None,
        catalog=catalog,
        initial=ResultsForm.initial_from(assessment),
    )
    frozen = None
    try:
        require_scores_open(assessment)
    except ActionError as exc:
        frozen = exc
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _assessment, report = scores_record(
                agency.pk,
                year,
                Scores(
                    source="manual",
                    stated_rating=assessment.stated_rating if assessment else "",
                    **form.inputs(),
                ),
                by=request.user,
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
            status = exc.status
        else:
            if report.overall.value is None:
                saved = _("บันทึกผลการประเมินปี %(year)s แล้ว")
            elif report.rating:
                saved = _("บันทึกผลการประเมินปี %(year)s แล้ว — คะแนนรวม %(score)s ระดับ%(rating)s")
            else:
                saved = _("บันทึกผลการประเมินปี %(year)s แล้ว — คะแนนรวม %(score)s")
            values = {"year": year, "score": report.overall.value}
            if report.rating:
                english = active_lang() == "en" and report.rating.label_en
                values["rating"] = english or report.rating.label
            messages.success(request, saved % values)
            return redirect("agencies:detail", pk=pk)
    report = form.current_report()
    return render(
        request,
        "assessments/entry.html",
        {
            "agency": agency,
            "year": year,
            "catalog": catalog,
            "assessment": assessment,
            "form": form,
            "report": report,
            "sections": form.tool_sections(report),
            "invalid": form.invalid_fields(),
            "frozen": frozen,
        },
        status=status,
    )


@login_required
@require_POST
def preview(request, pk: int, year: int):
    """The summary, computed from what is in the form now (nothing is saved), and the status
    beside each indicator and tool of the grid (swapped out of band)."""
    _agency(request, pk, "edit")
    try:
        catalog = get_catalog(year)
    except CriteriaNotLoaded as exc:
        raise Http404(exc.message_en if active_lang() == "en" else exc.message_th) from None
    form = ResultsForm(request.POST, catalog=catalog)
    report = form.current_report()
    return render(
        request,
        "assessments/_preview.html",
        {
            "catalog": catalog,
            "form": form,
            "report": report,
            "sections": form.tool_sections(report),
            "invalid": form.invalid_fields(),
        },
    )


@login_required
@require_GET
def choose(request, pk: int):
    """Which year to enter: the years whose criteria are loaded; ?year=2566 opens that year."""
    agency = _agency(request, pk)
    years = list(
        CriteriaYear.objects.order_by("-fiscal_year").annotate(
            n_questions=Count("questions", distinct=True),
            n_indicator_only=Count(
                "indicators", filter=Q(indicators__questions_known=False), distinct=True
            ),
        )
    )
    loaded = [y.fiscal_year for y in years]
    error = ""
    if "year" in request.GET:
        raw = to_arabic_digits(request.GET["year"]).strip()
        if raw.isdigit() and int(raw) in loaded:
            return redirect("assessments:entry", pk=pk, year=int(raw))
        have = ", ".join(str(y) for y in sorted(loaded))
        if not raw.isdigit() or not 2500 <= int(raw) <= 2700:
            error = _("ใส่ปีงบประมาณเป็นปี พ.ศ. เช่น %(year)s") % {"year": loaded[0] if loaded else 2567}
        elif loaded:
            error = _(
                "ยังไม่มีเกณฑ์การประเมินปี %(year)s ในระบบ เลือกได้เฉพาะปีที่มีเกณฑ์แล้ว (มีปี %(years)s)"
            ) % {"year": raw, "years": have}
        else:
            error = _("ยังไม่มีเกณฑ์การประเมินปี %(year)s ในระบบ เลือกได้เฉพาะปีที่มีเกณฑ์แล้ว") % {"year": raw}
    stored = {
        a.fiscal_year: a
        for a in Assessment.objects.filter(agency=agency).only(
            "fiscal_year", "overall", "rating", "passed", "source"
        )
    }
    rows = [
        {"year": y.fiscal_year, "criteria": y, "assessment": stored.get(y.fiscal_year)}
        for y in years
    ]
    unloaded = sorted(set(stored) - set(loaded), reverse=True)
    return render(
        request,
        "assessments/choose.html",
        {
            "agency": agency,
            "rows": rows,
            "unloaded": unloaded,
            "error": error,
            "suggested": next((r["year"] for r in rows if r["assessment"] is None), None),
        },
    )
