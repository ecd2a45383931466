"""The cycle's changes through the API: plans, measures, rounds, memos and publishing — each
endpoint only parses its body and calls the action (the same one the pages call), so the
rules hold on this door too. A refusal is ``{"code", "message", "field"}`` with its 4xx."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Path, Router, Schema
from pydantic import Field

from prongsai.access.scope import agency_or_404, object_or_404
from prongsai.core.errors import ActionError
from prongsai.documents import actions as documents
from prongsai.measures import actions
from prongsai.measures.models import MeasurePlan, Memo, ProgressRound

AgencyId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Year = Annotated[int, Path(ge=2400, le=2800, description="ปีงบประมาณ พ.ศ. เช่น 2567")]
RoundCode = Literal["6m", "12m"]

router = Router(tags=["cycle"])


class Refusal(Schema):
    code: str
    message: str
    field: str | None = None
    detail: str = ""


class Detail(Schema):
    detail: str
    detail_th: str = ""


class PlanIn(Schema):
    source: Literal["empty", "analysis", "last_year"] = "empty"


class PlanCreated(Schema):
    id: int
    fiscal_year: int
    status: str
    measures: int


class MeasureIn(Schema):
    title: str = Field(min_length=1, max_length=5000)
    tool: Literal["", "IIT", "EIT", "OIT"] = ""
    methods: list[str] = []
    period_start: date | None = None
    period_end: date | None = None
    kpi_target: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    kpi_unit: str = Field(default="", max_length=50)
    form_token: str = Field(
        default="",
        max_length=64,
        description="one value per measure to create: sending the same body again returns "
        "the measure it created instead of a second one",
    )


class MeasureSaved(Schema):
    id: int
    number: int
    title: str


class RoundStarted(Schema):
    id: int
    round: str
    status: str
    rows: int


class MemoTextIn(Schema):
    department: str = Field(max_length=300)
    reference: str = Field(default="", max_length=100)
    date: date
    subject: str = Field(max_length=500)
    addressee: str = Field(max_length=300)
    background: str
    facts: str
    consideration: str


class SendIn(Schema):
    text: MemoTextIn | None = None


class DecisionIn(Schema):
    decision: Literal["approved", "returned"]
    comment: str = Field(default="", max_length=5000)


class MemoOut(Schema):
    id: int
    status: str
    subject: str
    next_signer: str | None = None


class PublishIn(Schema):
    round: RoundCode | None = None


class Published(Schema):
    kind: str
    round: str
    version: int
    url: str


REFUSALS = {400: Refusal, 403: Detail, 404: Detail, 409: Refusal}


def _memo_out(memo: Memo) -> dict:
    from prongsai.measures.rules import current_step

    step = current_step(memo)
    return {
        "id": memo.pk,
        "status": memo.status,
        "subject": memo.subject,
        "next_signer": f"{step.signatory.name} ({step.signatory.position})" if step else None,
    }


@router.post("/agencies/{agency_id}/plans/{year}/create", response={201: PlanCreated, **REFUSALS})
def create_plan(request, agency_id: AgencyId, year: Year, payload: PlanIn):
    """Start the year's plan: empty, drafted from last year's analysis, or copied from last
    year's plan (refused when the year has a plan)."""
    agency = agency_or_404(request, agency_id, "edit")
    if payload.source == "analysis":
        from prongsai.analysis.models import Analysis

        analysis = object_or_404(request, Analysis.objects, agency=agency, fiscal_year=year - 1)
        plan = actions.plan_from_analysis(analysis.pk, by=request.user)
    elif payload.source == "last_year":
        last = object_or_404(request, MeasurePlan.objects, agency=agency, fiscal_year=year - 1)
        plan = actions.plan_copy(last.pk, year, by=request.user)
    else:
        plan = actions.plan_create(agency.pk, year, by=request.user)
    return 201, {
        "id": plan.pk,
        "fiscal_year": plan.fiscal_year,
        "status": plan.status,
        "measures": plan.measures.count(),
    }


@router.post(
    "/agencies/{agency_id}/plans/{year}/measures", response={201: MeasureSaved, **REFUSALS}
)
def add_measure(request, agency_id: AgencyId, year: Year, payload: MeasureIn):
    plan = object_or_404(
        request, MeasurePlan.objects, "edit", agency_id=agency_id, fiscal_year=year
    )
    data = actions.MeasureData(
        title=payload.title,
        tool=payload.tool,
        methods=[m for m in payload.methods if m.strip()],
        period_start=payload.period_start,
        period_end=payload.period_end,
        kpi_target=payload.kpi_target,
        kpi_unit=payload.kpi_unit,
    )
    measure = actions.measure_save(plan.pk, data, by=request.user, form_token=payload.form_token)
    return 201, {"id": measure.pk, "number": measure.number, "title": measure.title}


@router.post(
    "/agencies/{agency_id}/plans/{year}/rounds/{round_code}/start",
    response={200: RoundStarted, **REFUSALS},
)
def start_round(request, agency_id: AgencyId, year: Year, round_code: RoundCode):
    plan = object_or_404(
        request, MeasurePlan.objects, "edit", agency_id=agency_id, fiscal_year=year
    )
    round_ = actions.round_start(plan.pk, round_code, by=request.user)
    return {
        "id": round_.pk,
        "round": round_.round,
        "status": round_.status,
        "rows": round_.progress.count(),
    }


@router.post("/agencies/{agency_id}/plans/{year}/memo", response={200: MemoOut, **REFUSALS})
def plan_memo(request, agency_id: AgencyId, year: Year):
    """Draft the memo that sends the plan up the chain (the open one when drafted already)."""
    plan = object_or_404(
        request, MeasurePlan.objects, "edit", agency_id=agency_id, fiscal_year=year
    )
    return _memo_out(actions.memo_draft("plan", plan.pk, by=request.user))


@router.post(
    "/agencies/{agency_id}/plans/{year}/rounds/{round_code}/submit",
    response={200: MemoOut, **REFUSALS},
)
def submit_round(request, agency_id: AgencyId, year: Year, round_code: RoundCode):
    """A complete round goes up: its memo is drafted (refused naming the measures without a
    status or a result)."""
    round_ = object_or_404(
        request,
        ProgressRound.objects,
        "edit",
        plan__agency_id=agency_id,
        plan__fiscal_year=year,
        round=round_code,
    )
    return _memo_out(actions.round_submit(round_.pk, by=request.user))


def _plan(request, agency_id: int, year: int) -> MeasurePlan:
    return object_or_404(
        request, MeasurePlan.objects, "edit", agency_id=agency_id, fiscal_year=year
    )


def _memo(request, memo_id: int, action: str = "view") -> Memo:
    return object_or_404(request, Memo.objects, action, pk=memo_id)


class ReopenIn(Schema):
    reason: str = Field(min_length=1, max_length=500, description="why it must be corrected")


class Reopened(Schema):
    id: int
    fiscal_year: int
    status: str
    version: int


@router.post("/agencies/{agency_id}/{kind}/{year}/reopen", response={200: Reopened, **REFUSALS})
def reopen(
    request,
    agency_id: AgencyId,
    kind: Literal["plans", "analyses"],
    year: Year,
    payload: ReopenIn,
):
    """Correct an approved (or published) plan or analysis: a new draft version. Its approved
    memos stay as the record; what was published keeps its URL; the next publication, after a
    new memo, is the next version (400 ``not_approved_yet`` for a draft or one in review)."""
    from prongsai.analysis.models import Analysis

    model = MeasurePlan if kind == "plans" else Analysis
    subject = object_or_404(request, model.objects, "edit", agency_id=agency_id, fiscal_year=year)
    name = "plan" if kind == "plans" else "analysis"
    done = actions.REOPEN[name](subject.pk, by=request.user, reason=payload.reason)
    return {
        "id": done.pk,
        "fiscal_year": done.fiscal_year,
        "status": done.status,
        "version": actions.revision(done),
    }


@router.get("/memos/{memo_id}", response={200: MemoOut, 404: Detail})
def get_memo(request, memo_id: AgencyId):
    return _memo_out(_memo(request, memo_id))


@router.post("/memos/{memo_id}/send", response={200: MemoOut, **REFUSALS})
def send_memo(request, memo_id: AgencyId, payload: SendIn):
    """Send (again) up the chain, saving ``text`` first when given."""
    memo = _memo(request, memo_id)
    text = actions.MemoText(**payload.text.dict()) if payload.text else None
    return _memo_out(actions.memo_send(memo.pk, by=request.user, text=text))


@router.post("/memos/{memo_id}/decision", response={200: MemoOut, **REFUSALS})
def decide_memo(request, memo_id: AgencyId, payload: DecisionIn):
    """The current signer approves or returns (with a reason)."""
    memo = _memo(request, memo_id)
    return _memo_out(
        actions.memo_decide(memo.pk, payload.decision, by=request.user, comment=payload.comment)
    )


@router.post(
    "/agencies/{agency_id}/documents/{year}/{kind}/publish",
    response={201: Published, **REFUSALS},
)
def publish(
    request,
    agency_id: AgencyId,
    year: Year,
    kind: Literal["analysis", "plan", "progress", "progress-by-tool"],
    payload: PublishIn,
):
    """Publish the approved document as its next version (refused unless approved)."""
    from prongsai.documents.builders import DocumentError

    agency = agency_or_404(request, agency_id, "edit")
    try:
        publication = documents.document_publish(
            kind, agency.pk, year, payload.round, by=request.user
        )
    except DocumentError as exc:
        raise ActionError(exc.message_th, code="nothing") from None
    where = {
        "pk": agency.pk,
        "year": year,
        "slug": publication.slug,
        "version": publication.version,
    }
    return 201, {
        "kind": publication.kind,
        "round": publication.round,
        "version": publication.version,
        "url": request.build_absolute_uri(reverse("public:view", kwargs=where)),
    }


def register(api) -> None:
    """Add the cycle's operations (their refusals go through api.py's one ActionError handler)."""
    api.add_router("", router)
