"""Reading across the stages: the home list, an agency's overview, a year of its cycle, and
"my work" — a selector over what is open now, never a copy of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from prongsai.access.models import Membership
from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis
from prongsai.assessments.models import Assessment, IndicatorScore, ToolScore
from prongsai.core.cycle import Step, cycle_steps, due_dates
from prongsai.measures.models import (
    Measure,
    MeasurePlan,
    MeasureProgress,
    Memo,
    ProgressRound,
    SignOff,
)
from prongsai.thai import fiscal_year_of

DUE_SOON_DAYS = 7
EDITOR_ROLES = ("editor", "agency_admin")


# ----------------------------------------------------------------------------- home, agency


def agencies_with_assessments() -> QuerySet[Agency]:
    plans = MeasurePlan.objects.annotate(measure_count=Count("measures")).order_by("-fiscal_year")
    return Agency.objects.select_related("province", "district").prefetch_related(
        Prefetch("assessments", queryset=Assessment.objects.order_by("-fiscal_year")),
        Prefetch("plans", queryset=plans),
    )


def agency_overview(pk: int, within: QuerySet[Agency] | None = None) -> Agency:
    """One agency with everything its page shows, in a fixed number of queries; ``within`` is
    the set it must belong to (the user's reach), else ``Agency.DoesNotExist``."""
    measures = Measure.objects.order_by("number").prefetch_related(
        "responsible_units",
        Prefetch("progress", queryset=MeasureProgress.objects.select_related("round")),
    )
    return (
        (Agency.objects.all() if within is None else within)
        .select_related("province", "district")
        .prefetch_related(
            "units",
            "signatories",
            Prefetch(
                "assessments",
                queryset=Assessment.objects.order_by("-fiscal_year").prefetch_related(
                    Prefetch("tool_scores", queryset=ToolScore.objects.select_related("tool")),
                    Prefetch(
                        "indicator_scores",
                        queryset=IndicatorScore.objects.select_related("indicator__tool"),
                    ),
                ),
            ),
            Prefetch(
                "analyses",
                queryset=Analysis.objects.order_by("-fiscal_year").prefetch_related(
                    "findings", "narratives"
                ),
            ),
            Prefetch(
                "plans",
                queryset=MeasurePlan.objects.order_by("-fiscal_year").prefetch_related(
                    Prefetch("measures", queryset=measures),
                    Prefetch("rounds", queryset=ProgressRound.objects.order_by("round")),
                ),
            ),
        )
        .get(pk=pk)
    )


def cycle_years(agency: Agency, today: date) -> list[tuple[int, str]]:
    """Every fiscal year of the agency's cycle, newest first, each with "current"/"next"/"":
    from the first year something exists for (results and analyses of Y−1 belong to the cycle
    of Y) to the year after the current one (a new year starts from nothing). Uses the
    overview's prefetched rows."""
    current = fiscal_year_of(today)
    years = {current}
    years |= {a.fiscal_year + 1 for a in agency.assessments.all()}
    years |= {a.fiscal_year + 1 for a in agency.analyses.all()}
    years |= {p.fiscal_year for p in agency.plans.all()}
    last = max(years | {current + 1})
    tags = {current: "current", current + 1: "next"}
    return [(y, tags.get(y, "")) for y in range(last, min(years) - 1, -1)]


# ----------------------------------------------------------------------------- a year


def cycle_of(agency: Agency, year: int) -> tuple[list[Step], MeasurePlan | None]:
    """The steps of ``agency``'s cycle for fiscal year ``year`` (see prongsai.core.cycle)."""
    plan = MeasurePlan.objects.filter(agency=agency, fiscal_year=year).first()
    rounds = (
        dict(ProgressRound.objects.filter(plan=plan).values_list("round", "status")) if plan else {}
    )
    return cycle_steps(
        year,
        results=Assessment.objects.filter(agency=agency, fiscal_year=year - 1).exists(),
        analysis=Analysis.objects.filter(agency=agency, fiscal_year=year - 1)
        .values_list("status", flat=True)
        .first(),
        plan=plan.status if plan else None,
        rounds=rounds,
    ), plan


def step_url(agency_id: int, year: int, key: str) -> str:
    """The page where step ``key`` of the cycle of ``year`` is done."""
    if key == "results":
        return reverse("assessments:entry", args=[agency_id, year - 1])
    if key == "analysis":
        return reverse("analysis:page", args=[agency_id, year - 1])
    if key == "plan":
        return reverse("measures:plan", args=[agency_id, year])
    return reverse("measures:round", args=[agency_id, year, key])


# the pages of the steps: URL name → (step key, how the URL's year maps to the cycle's year)
STEP_PAGES = {
    "assessments:entry": ("results", 1),
    "analysis:page": ("analysis", 1),
    "measures:plan": ("plan", 0),
    "measures:round": (None, 0),  # the round code is in the URL
}


@dataclass(frozen=True)
class Return:
    """Why a memo came back and who sent it back."""

    memo: Memo
    reason: str
    by: str  # the signatory, "name (position)"
    at: datetime | None


def last_return(memo: Memo) -> Return | None:
    step = (
        SignOff.objects.filter(memo=memo, decision="returned")
        .select_related("signatory")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if step is None:
        return None
    return Return(
        memo, step.comment, f"{step.signatory.name} ({step.signatory.position})", step.decided_at
    )


def returns_of_year(agency: Agency, year: int) -> list[Return]:
    """The memos of this year's cycle that are back with their proposer, with the reason."""
    memos = Memo.objects.filter(agency=agency, status="returned").filter(
        Q(round__plan__fiscal_year=year)
        | Q(plan__fiscal_year=year)
        | Q(analysis__fiscal_year=year - 1)
    )
    return [r for m in memos.order_by("-updated_at") if (r := last_return(m))]


def memo_year(memo: Memo) -> int:
    """The fiscal year of the cycle a memo belongs to (an analysis of Y−1 is in the cycle of Y)."""
    if memo.round_id:
        return memo.round.plan.fiscal_year
    if memo.plan_id:
        return memo.plan.fiscal_year
    return memo.analysis.fiscal_year + 1


# ----------------------------------------------------------------------------- my work


def _current_steps() -> QuerySet[SignOff]:
    """Sign-off steps whose turn it is: pending, in a memo in review, no earlier step pending."""
    earlier = SignOff.objects.filter(
        memo=OuterRef("memo"), decision="pending", order__lt=OuterRef("order")
    )
    return SignOff.objects.filter(decision="pending", memo__status="in_review").exclude(
        Exists(earlier)
    )


def waiting_for(user) -> QuerySet[SignOff]:
    """The steps waiting for ``user``'s decision (their signatory's turn)."""
    return (
        _current_steps()
        .filter(signatory__user=user, signatory__active=True)
        .select_related("memo__agency", "signatory")
        .order_by("memo__updated_at")
    )


def _edited_agencies(user) -> QuerySet:
    return Membership.objects.filter(user=user, role__in=EDITOR_ROLES, agency__isnull=False).values(
        "agency"
    )


def returned_to(user) -> QuerySet[Memo]:
    """Memos returned to ``user``: they are its proposer (the first signatory's user), or the
    proposer has no account and they edit the agency's data."""
    first = SignOff.objects.filter(memo=OuterRef("pk")).order_by("order")
    proposer_user = first.values("signatory__user")[:1]
    return (
        Memo.objects.filter(status="returned")
        .alias(proposer=proposer_user)
        .filter(Q(proposer=user.pk) | Q(proposer__isnull=True, agency__in=_edited_agencies(user)))
        .select_related("agency", "round__plan", "plan", "analysis")
        .order_by("-updated_at")
    )


def due_steps(user, today: date) -> list[dict]:
    """The steps of the agencies ``user`` edits that are due within 7 days or overdue (of the
    fiscal years around today: last year's 12-month report is due in October)."""
    agencies = Agency.objects.filter(pk__in=_edited_agencies(user)).order_by("name")
    return [item for agency in agencies for item in agency_due(agency, today)]


def agency_due(agency: Agency, today: date) -> list[dict]:
    current = fiscal_year_of(today)
    items = []
    for year in (current - 1, current, current + 1):
        steps, _plan = cycle_of(agency, year)
        for step in steps:
            if step.finished or step.due is None:
                continue
            overdue = today > step.due
            if not overdue and (step.due - today) > timedelta(days=DUE_SOON_DAYS):
                continue
            items.append(
                {
                    "agency": agency,
                    "year": year,
                    "step": step,
                    "overdue": overdue,
                    "days": abs((step.due - today).days),
                    "url": step_url(agency.pk, year, step.key),
                }
            )
    return items + oit_due(agency, today, years=(current - 1, current, current + 1))


@dataclass(frozen=True)
class OitDue:
    """An OIT item not ready by its due date, in the shape of a cycle step (key, label, due,
    state_label) so my work and the reminders list both alike."""

    key: str
    label: str
    due: date
    state_label: str


def oit_due(agency: Agency, today: date, *, years) -> list[dict]:
    """The agency's OIT items of ``years`` not ready and due within 7 days or overdue (the
    OIT app's selector ``due_items``, narrowed to the agency)."""
    from django.utils.translation import gettext as _

    from prongsai.oit.services import due_items

    rows = due_items(today, within_days=DUE_SOON_DAYS).filter(
        workspace__agency=agency, workspace__fiscal_year__in=years
    )
    items = []
    for item in rows:
        year = item.workspace.fiscal_year
        step = OitDue(
            key=f"oit-{item.code}",
            label=_("OIT %(code)s %(title)s") % {"code": item.code, "title": item.title},
            due=item.due,
            state_label=item.get_status_display(),
        )
        url = reverse("oit:workspace", args=[agency.pk, year]) + f"#item-{item.code}"
        items.append(
            {
                "agency": agency,
                "year": year,
                "step": step,
                "overdue": today > item.due,
                "days": abs((item.due - today).days),
                "url": url,
            }
        )
    return items


def deadlines(today: date) -> list[dict]:
    """The dates of the current fiscal year's cycle (core.cycle's due dates): the analysis and
    plan at the start of the year, the 6-month report by the close of the OIT window, the
    12-month report after the year ends."""
    year = fiscal_year_of(today)
    labels = {
        s.key: s.label
        for s in cycle_steps(year, results=False, analysis=None, plan=None, rounds={})
    }
    return [
        {"label": labels[key], "due": due, "past": today > due, "year": year}
        for key, due in sorted(due_dates(year).items(), key=lambda kv: kv[1])
    ]


def my_work(user, today: date) -> dict:
    waiting = list(waiting_for(user))
    returned = [(m, last_return(m)) for m in returned_to(user)]
    due = due_steps(user, today)
    return {
        "waiting": waiting,
        "returned": returned,
        "due": due,
        "deadlines": deadlines(today),
        "count": len(waiting) + len(returned) + len(due),
    }


def my_work_count(user, today: date) -> int:
    return waiting_for(user).count() + returned_to(user).count() + len(due_steps(user, today))
