"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every agency endpoint goes through the same permission layer as the pages
(``prongsai.access.scope``): out of reach is 404, read-only reach refuses a change with 403.
What anyone may read lives under /api/public/.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI, Path, Query, Router

from prongsai.access.scope import agencies_for, agency_or_404, object_or_404
from prongsai.analysis.actions import AnalysisEdit, analysis_draft, analysis_save
from prongsai.analysis.models import Analysis
from prongsai.assessments.actions import Scores, scores_record
from prongsai.assessments.models import Assessment
from prongsai.assessments.scoring import ScoreError
from prongsai.core.errors import ActionError
from prongsai.criteria.services import CriteriaNotLoaded, get_catalog
from prongsai.measures.models import Measure, MeasurePlan, ProgressRound

from . import schemas as s
from .auth import AUTH

api = NinjaAPI(
    title="Prongsai API",
    version="1",
    description="ITA results, analyses, measures plans and progress of Thai public agencies. "
    "Authenticate with `Authorization: Bearer <token>` (`prongsai token USER`).",
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, {"detail": "not found", "detail_th": "ไม่พบข้อมูลนี้ หรือไม่มีสิทธิ์เข้าถึง"}, status=404
    )


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "forbidden", "detail_th": str(exc)}, status=403)


@api.exception_handler(ActionError)
def refused(request, exc):
    """A refusal by a rule (frozen, conflict, invalid, unscorable): ``{"code", "message",
    "field"}`` with the status the error carries, and the Thai text beside it."""
    from django.utils import translation

    with translation.override("en"):
        english = str(exc)
    body = {
        "code": exc.code,
        "message": str(exc),
        "field": exc.field,
        "detail": english,
        "detail_th": exc.message_th,
    }
    return api.create_response(request, body, status=exc.status)


def _agency_out(agency) -> dict:
    return {
        "id": agency.pk,
        "name": agency.name,
        "kind": agency.kind,
        "province": agency.province.name_th,
        "district": agency.district.name_th if agency.district_id else None,
        "website": agency.website,
    }


def _assessment_out(a: Assessment, detail: bool = False) -> dict:
    out = {
        "fiscal_year": a.fiscal_year,
        "overall": a.overall,
        "stated_overall": a.stated_overall,
        "rating": a.rating,
        "passed": a.passed,
        "source": a.source,
        "tools": {t.tool.code: t.score for t in a.tool_scores.all()},
        "indicators": {i.indicator.number: i.score for i in a.indicator_scores.all()},
    }
    if detail:
        out["questions"] = {q.question.code: q.score for q in a.question_scores.all()}
    return out


def _assessments():
    return Assessment.objects.prefetch_related(
        "tool_scores__tool", "indicator_scores__indicator", "question_scores__question"
    )


# bounded path parameters: a number out of range is a 422, never a database error
AgencyId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Year = Annotated[int, Path(ge=2400, le=2800, description="ปีงบประมาณ พ.ศ. เช่น 2566")]

agencies = Router(tags=["agencies"])


@agencies.get("", response=list[s.AgencyOut], summary="Agencies within the caller's reach")
def list_agencies(
    request,
    q: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
):
    rows = agencies_for(request.user).select_related("province", "district").order_by("pk")
    if q := q.replace("\x00", "").strip():
        rows = rows.filter(name__icontains=q)
    return [_agency_out(a) for a in rows[offset : offset + limit]]


@agencies.get("/{agency_id}", response={200: s.AgencyOut, 404: s.Error})
def get_agency(request, agency_id: AgencyId):
    return _agency_out(agency_or_404(request, agency_id))


@agencies.get("/{agency_id}/assessments", response={200: list[s.AssessmentOut], 404: s.Error})
def list_assessments(request, agency_id: AgencyId):
    agency = agency_or_404(request, agency_id)
    return [
        _assessment_out(a) for a in _assessments().filter(agency=agency).order_by("fiscal_year")
    ]


@agencies.get("/{agency_id}/assessments/{year}", response={200: s.AssessmentDetail, 404: s.Error})
def get_assessment(request, agency_id: AgencyId, year: Year):
    agency = agency_or_404(request, agency_id)
    assessment = _assessments().filter(agency=agency, fiscal_year=year).first()
    if assessment is None:
        raise Http404
    return _assessment_out(assessment, detail=True)


@agencies.put(
    "/{agency_id}/assessments/{year}/scores",
    response={200: s.AssessmentDetail, 403: s.Error, 404: s.Error, 409: s.Error, 422: s.Error},
    summary="Bulk upload of a year's question (and indicator) scores",
)
def put_scores(request, agency_id: AgencyId, year: Year, payload: s.ScoresIn):
    """Replaces the year's scores and computes indicators, tools, overall and rating — the same
    service the results page uses, in one transaction."""
    agency = agency_or_404(request, agency_id, "edit")
    try:
        get_catalog(year)
    except CriteriaNotLoaded as exc:
        raise ScoreError(exc.message_th, f"no criteria for {year}") from None
    if not payload.question_scores and not payload.indicator_scores:
        raise ScoreError("ไม่มีคะแนนที่จะบันทึก", "no scores given")
    scores_record(
        agency.pk,
        year,
        Scores(
            question_scores=payload.question_scores,
            indicator_scores=payload.indicator_scores,
            stated_overall=payload.stated_overall,
            stated_rating=payload.stated_rating,
            source="import",
            source_note="API",
        ),
        by=request.user,
    )
    return _assessment_out(_assessments().get(agency=agency, fiscal_year=year), detail=True)


def _analysis_out(analysis: Analysis) -> dict:
    return {
        "fiscal_year": analysis.fiscal_year,
        "status": analysis.status,
        "target": analysis.target,
        "findings": list(analysis.findings.all()),
    }


@agencies.get("/{agency_id}/analyses/{year}", response={200: s.AnalysisOut, 404: s.Error})
def get_analysis(request, agency_id: AgencyId, year: Year):
    analysis = object_or_404(
        request,
        Analysis.objects.prefetch_related("findings"),
        agency_id=agency_id,
        fiscal_year=year,
    )
    return _analysis_out(analysis)


@agencies.post(
    "/{agency_id}/analyses/{year}",
    response={200: s.AnalysisOut, 400: s.Error, 403: s.Error, 404: s.Error},
    summary="Draft the analysis of a year's results from its scores (an existing one is returned)",
)
def draft_analysis(request, agency_id: AgencyId, year: Year):
    agency = agency_or_404(request, agency_id, "edit")
    analysis, _created = analysis_draft(agency.pk, year, by=request.user)
    return _analysis_out(analysis)


@agencies.patch(
    "/{agency_id}/analyses/{year}",
    response={200: s.AnalysisOut, 400: s.Error, 403: s.Error, 404: s.Error, 409: s.Error},
    summary="Save recommendations, narratives and constraints of a draft analysis",
)
def save_analysis(request, agency_id: AgencyId, year: Year, payload: s.AnalysisIn):
    analysis = object_or_404(request, Analysis.objects.all(), agency_id=agency_id, fiscal_year=year)
    constraints = None
    if payload.constraints is not None:
        constraints = {f"constraint_{k}": v for k, v in payload.constraints.items()}
    edit = AnalysisEdit(payload.recommendations, payload.narratives, constraints)
    return _analysis_out(analysis_save(analysis.pk, edit, by=request.user))


@agencies.get("/{agency_id}/plans/{year}", response={200: s.PlanOut, 404: s.Error})
def get_plan(request, agency_id: AgencyId, year: Year):
    plan = object_or_404(
        request,
        MeasurePlan.objects.prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.order_by("number").prefetch_related("responsible_units"),
            )
        ),
        agency_id=agency_id,
        fiscal_year=year,
    )
    measures = [
        {
            **{f: getattr(m, f) for f in s.MeasureOut.model_fields if f != "responsible"},
            "responsible": [u.name for u in m.responsible_units.all()]
            or ([m.responsible_text] if m.responsible_text else []),
        }
        for m in plan.measures.all()  # in the prefetch's order, by number
    ]
    return {"fiscal_year": plan.fiscal_year, "status": plan.status, "measures": measures}


@agencies.get(
    "/{agency_id}/plans/{year}/rounds/{round_code}",
    response={200: s.RoundOut, 404: s.Error},
)
def get_round(request, agency_id: AgencyId, year: Year, round_code: Literal["6m", "12m"]):
    round_ = object_or_404(
        request,
        ProgressRound.objects.prefetch_related("progress__measure"),
        plan__agency_id=agency_id,
        plan__fiscal_year=year,
        round=round_code,
    )
    progress = [
        {
            "measure_number": p.measure.number,
            "measure_title": p.measure.title,
            "status": p.status,
            "result": p.result,
            "outcome": p.outcome,
            "suggestion": p.suggestion,
            "kpi_actual": p.kpi_actual,
            "kpi_percent": p.kpi_percent,
        }
        for p in sorted(round_.progress.all(), key=lambda p: p.measure.number)
    ]
    return {"round": round_.round, "status": round_.status, "progress": progress}


public = Router(tags=["public"], auth=None)


@public.get("/criteria/{year}", response={200: s.CriteriaOut, 404: s.Error})
def get_criteria(request, year: Year):
    """The ITA criteria of a year, as the system scores them (public data)."""
    try:
        catalog = get_catalog(year)
    except CriteriaNotLoaded:
        raise Http404 from None
    return {
        "fiscal_year": catalog.fiscal_year,
        "title_th": catalog.title_th,
        "pass_mark": catalog.pass_mark,
        "tools": {t.code: t.weight for t in catalog.tools},
        "indicators": [
            {"number": i.number, "tool": i.tool, "name_th": i.name_th, "name_en": i.name_en}
            for i in catalog.indicators
        ],
        "questions": [
            {"code": q.code, "indicator": q.indicator, "text_th": q.text_th, "kind": q.kind}
            for q in catalog.questions
        ],
    }


@public.get(
    "/agencies/{agency_id}/documents/{year}",
    response={200: list[s.PublicationOut], 404: s.Error},
)
def published_documents(request, agency_id: AgencyId, year: Year):
    """An agency's published documents of a fiscal year, newest version first, with their
    permanent URLs (what an agency cites as OIT evidence). Unpublished work never shows."""
    from prongsai.documents.models import Publication

    rows = Publication.objects.filter(agency_id=agency_id, fiscal_year=year).defer(
        "html", "pdf", "docx", "xlsx", "content"
    )
    out = []
    for p in rows.order_by("kind", "round", "-version"):
        where = {"pk": agency_id, "year": year, "slug": p.slug, "version": p.version}
        out.append(
            {
                "kind": p.kind,
                "round": p.round,
                "version": p.version,
                "title": p.title,
                "published_at": p.published_at.isoformat(),
                "sha256": p.content_hash,
                "page": request.build_absolute_uri(reverse("public:view", kwargs=where)),
                "pdf": request.build_absolute_uri(
                    reverse("public:file", kwargs={**where, "fmt": "pdf"})
                ),
                "docx": request.build_absolute_uri(
                    reverse("public:file", kwargs={**where, "fmt": "docx"})
                ),
            }
        )
    return out


api.add_router("/agencies", agencies)
api.add_router("/public", public)

from .cycle import register as _register_cycle  # noqa: E402  (the cycle's changes, see cycle.py)

_register_cycle(api)

from .oit import register as _register_oit  # noqa: E402  (the OIT workspace, see oit.py)

_register_oit(api)
