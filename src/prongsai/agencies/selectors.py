"""Reading agencies."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from .models import Agency
from .names import full_agency_name, split_agency_name


class AgencyNotFound(LookupError):
    def __init__(self, text: str, candidates: list[Agency] | None = None):
        self.text, self.candidates = text, candidates or []
        if self.candidates:
            where = ", ".join(f"{a.name} จ.{a.province.name_th}" for a in self.candidates)
            self.message_th = f"ชื่อ “{text}” ตรงกับหลายหน่วยงาน: {where} (ระบุจังหวัดด้วย)"
            self.message_en = f"“{text}” matches several agencies: {where} (give the province too)"
        else:
            self.message_th = f"ไม่พบหน่วยงานชื่อ “{text}”"
            self.message_en = f"no agency named “{text}”"
        super().__init__(self.message_th)


def find_agency(text: str, province: str | None = None) -> Agency:
    """The one agency called ``text`` (full or abbreviated name, e.g. ทต.พนมทวน)."""
    kind, place = split_agency_name(text)
    name = full_agency_name(kind, place) if kind != "other" else place
    qs = Agency.objects.select_related("province", "district").filter(name=name)
    if province:
        qs = qs.filter(province__name_th=province)
    found = list(qs[:10])
    if len(found) == 1:
        return found[0]
    raise AgencyNotFound(text, found)


def agencies_with_assessments() -> QuerySet[Agency]:
    from prongsai.assessments.models import Assessment
    from prongsai.measures.models import MeasurePlan

    plans = MeasurePlan.objects.annotate(measure_count=Count("measures")).order_by("-fiscal_year")
    return Agency.objects.select_related("province", "district").prefetch_related(
        Prefetch("assessments", queryset=Assessment.objects.order_by("-fiscal_year")),
        Prefetch("plans", queryset=plans),
    )


def agency_overview(pk: int, within: QuerySet[Agency] | None = None) -> Agency:
    """One agency with everything its page shows, in a fixed number of queries; ``within`` is
    the set it must belong to (the user's reach), else ``Agency.DoesNotExist``."""
    from prongsai.analysis.models import Analysis
    from prongsai.assessments.models import Assessment, IndicatorScore, ToolScore
    from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress, ProgressRound

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


def cycle_of(agency: Agency, year: int):
    """The steps of ``agency``'s cycle for fiscal year ``year`` (see prongsai.core.cycle)."""
    from prongsai.analysis.models import Analysis
    from prongsai.assessments.models import Assessment
    from prongsai.core.cycle import cycle_steps
    from prongsai.measures.models import MeasurePlan, ProgressRound

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
