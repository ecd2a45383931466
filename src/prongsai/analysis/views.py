"""The analysis of a year's results: draft it, edit recommendations and narratives, constraints."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.access.scope import agency_or_404, object_or_404
from prongsai.assessments.models import Assessment
from prongsai.core.errors import ActionError
from prongsai.criteria.services import catalog_or_none

from .actions import TEXT_FIELDS, AnalysisEdit, analysis_draft, analysis_save
from .forms import ConstraintsForm
from .models import Analysis


def _issue_marks(year: int) -> dict[int, dict]:
    """How sure the year's criteria are of each issue (for the "ยังไม่ยืนยัน" mark): its
    confidence, its source as written in the file's sources, and whether Prongsai derived it
    from the items because the NACC's grouping is not known."""
    catalog = catalog_or_none(year)
    if catalog is None:
        return {}
    return {
        i.number: {
            "confidence": i.confidence,
            "source_text": catalog.sources.get(i.source, i.source),
            "derived": i.derived,
        }
        for i in catalog.analysis_issues
    }


def _issues(analysis: Analysis) -> list[dict]:
    """Findings grouped by issue, with the narrative of each and how sure its grouping is."""
    narratives = {n.issue_number: n.text for n in analysis.narratives.all()}
    marks = _issue_marks(analysis.fiscal_year)
    issues: dict[int, dict] = {}
    for f in analysis.findings.all():
        issue = issues.setdefault(
            f.issue_number,
            {
                "number": f.issue_number,
                "title": f.issue_title,
                "findings": [],
                "narrative": narratives.get(f.issue_number, ""),
                "mark": marks.get(f.issue_number, {}),
            },
        )
        issue["findings"].append(f)
    return list(issues.values())


@login_required
@require_http_methods(["GET", "POST"])
def analysis_page(request, pk: int, year: int):
    agency = agency_or_404(request, pk)
    analysis = (
        Analysis.objects.filter(agency=agency, fiscal_year=year)
        .prefetch_related("findings", "narratives")
        .first()
    )
    assessment = Assessment.objects.filter(agency=agency, fiscal_year=year).first()
    if request.method == "POST" and analysis is None:
        try:
            analysis_draft(agency.pk, year, by=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("ร่างการวิเคราะห์จากคะแนนแล้ว ตรวจและแก้ไขข้อเสนอแนะได้เลย"))
        return redirect("analysis:page", pk=pk, year=year)
    if request.method == "POST":
        recommendations = {
            int(key.removeprefix("rec-")): value
            for key, value in request.POST.items()
            if key.startswith("rec-") and key.removeprefix("rec-").isdigit()
        }
        narratives = {
            int(key.removeprefix("nar-")): value
            for key, value in request.POST.items()
            if key.startswith("nar-") and key.removeprefix("nar-").isdigit()
        }
        try:
            analysis_save(analysis.pk, AnalysisEdit(recommendations, narratives), by=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("บันทึกข้อเสนอแนะและคำบรรยายแล้ว"))
        return redirect("analysis:page", pk=pk, year=year)
    context = {
        "agency": agency,
        "year": year,
        "analysis": analysis,
        "assessment": assessment,
        "issues": _issues(analysis) if analysis else [],
        "editable": analysis is not None and analysis.status == "draft",
    }
    return render(request, "analysis/page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def constraints(request, pk: int, year: int):
    analysis = object_or_404(
        request, Analysis.objects.select_related("agency"), agency_id=pk, fiscal_year=year
    )
    form = ConstraintsForm(request.POST or None, instance=analysis)
    if request.method == "POST" and form.is_valid():
        constraints = {name: form.cleaned_data[name] for name in TEXT_FIELDS}
        try:
            analysis_save(analysis.pk, AnalysisEdit(constraints=constraints), by=request.user)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("บันทึกชื่อเรื่องบนปกและข้อจำกัดของหน่วยงานแล้ว"))
            return redirect("analysis:page", pk=pk, year=year)
    return render(request, "analysis/constraints.html", {"form": form, "analysis": analysis})
