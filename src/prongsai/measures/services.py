"""Measures plans: drafted from an analysis, copied from last year, reordered."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from prongsai.core.concurrency import EditConflict
from prongsai.criteria.services import catalog_or_none
from prongsai.thai import fiscal_year_bounds

from .models import Measure, MeasurePlan
from .targets import from_findings


class PlanExists(ValueError):
    def __init__(self, plan: MeasurePlan):
        self.plan = plan
        self.message_th = gettext("มีแผนมาตรการปี %(year)s อยู่แล้ว (%(count)s มาตรการ)") % {
            "year": plan.fiscal_year,
            "count": plan.measures.count(),
        }
        super().__init__(self.message_th)


class PlanFrozen(PermissionError):
    def __init__(self, plan: MeasurePlan):
        self.message_th = gettext("แผนมาตรการนี้%(status)s แก้ไขไม่ได้") % {
            "status": plan.get_status_display()
        }
        super().__init__(self.message_th)


@transaction.atomic
def save_measure(plan: MeasurePlan, form) -> Measure:
    """Save a valid ``MeasureForm`` into ``plan`` (a new measure goes last).

    Refused with :class:`PlanFrozen` unless the plan is a draft (a submitted, approved or
    published plan is never changed; a correction is next year's copy or a new version), and
    with :class:`EditConflict` when someone saved the measure after this form was opened."""
    plan = MeasurePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != "draft":
        raise PlanFrozen(plan)
    if form.instance.pk:
        current = Measure.objects.select_for_update().get(pk=form.instance.pk)
        if not form.check_version(current):
            return current  # saved by someone else meanwhile; this person changed nothing
    else:
        form.instance.plan = plan
        form.instance.number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    return form.save()


class RoundFrozen(PermissionError):
    def __init__(self, round_):
        self.message_th = gettext("รายงานรอบนี้%(status)s แก้ไขไม่ได้") % {
            "status": round_.get_status_display()
        }
        super().__init__(self.message_th)


@transaction.atomic
def remove_evidence(evidence) -> None:
    """Take an evidence item off a draft round's measure. The row's deletion is in the history
    (who, when, what it was) and the file stays in the store, so nothing is lost."""
    round_ = evidence.progress.round
    if round_.status != "draft":
        raise RoundFrozen(round_)
    evidence.delete()


@transaction.atomic
def save_progress(round_, formset) -> list[tuple[object, EditConflict]]:
    """Save a valid progress formset of a draft round, row by row.

    A row that someone else saved after the page was opened, and that this person changed too,
    is not saved: it comes back in the list with its :class:`EditConflict`. A row they left as
    it was keeps the other person's save. Every other row is saved. Refused with
    :class:`RoundFrozen` once the round has left the draft state."""
    from .models import MeasureProgress, ProgressRound

    round_ = ProgressRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != "draft":
        raise RoundFrozen(round_)
    conflicts = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        current = MeasureProgress.objects.select_for_update().get(pk=form.instance.pk)
        if current.round_id != round_.pk:
            continue
        try:
            if not form.check_version(current):
                continue  # someone else saved this row, and this person left it as it was
        except EditConflict as conflict:
            conflicts.append((form, conflict))
            continue
        form.save()
    return conflicts


def _new_plan(agency, year: int, source: str = "manual") -> MeasurePlan:
    existing = MeasurePlan.objects.filter(agency=agency, fiscal_year=year).first()
    if existing is not None:
        raise PlanExists(existing)
    return MeasurePlan.objects.create(
        agency=agency,
        fiscal_year=year,
        title=f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}",
        source=source,
    )


@transaction.atomic
def plan_from_analysis(analysis) -> MeasurePlan:
    """A draft plan for the year after the analysed one: one measure per issue that needs one
    (a tool judged fix or improve), its methods drafted from the recommendations."""
    year = analysis.fiscal_year + 1
    plan = _new_plan(analysis.agency, year)
    start, end = fiscal_year_bounds(year)
    catalog = catalog_or_none(analysis.fiscal_year)
    by_issue: dict[int, list] = {}
    for finding in analysis.findings.all():
        by_issue.setdefault(finding.issue_number, []).append(finding)
    number = 0
    for _number, findings in sorted(by_issue.items()):
        weak = [f for f in findings if f.verdict != "keep"]
        if not weak:
            continue
        number += 1
        targets = from_findings(findings, catalog, analysis.target)
        Measure.objects.create(
            plan=plan,
            number=number,
            title=findings[0].issue_title,
            tool=weak[0].tool if len(weak) == 1 else "",
            methods=[f.recommendation for f in weak if f.recommendation],
            issue_numbers=targets.issues,
            indicator_numbers=targets.indicators,
            question_codes=targets.questions,
            period_start=start,
            period_end=end,
        )
    return plan


def _next_year(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def copy_plan(plan: MeasurePlan, to_year: int | None = None) -> MeasurePlan:
    """Last year's plan as this year's draft: the same measures, periods moved on a year,
    responsible units and KPI targets kept, statuses reset, no progress carried over."""
    to_year = to_year or plan.fiscal_year + 1
    new = _new_plan(plan.agency, to_year)
    shift = to_year - plan.fiscal_year
    for m in plan.measures.prefetch_related("responsible_units").order_by("number"):
        units = list(m.responsible_units.all())
        start, end = m.period_start, m.period_end
        for _ in range(shift):
            start, end = _next_year(start), _next_year(end)
        copy = Measure.objects.create(
            plan=new,
            number=m.number,
            title=m.title,
            tool=m.tool,
            methods=list(m.methods),
            steps=list(m.steps),
            issue_numbers=list(m.issue_numbers),
            indicator_numbers=list(m.indicator_numbers),
            question_codes=list(m.question_codes),
            responsible_text=m.responsible_text,
            period_start=start,
            period_end=end,
            kpi_target=m.kpi_target,
            kpi_unit=m.kpi_unit,
            budget=m.budget,
        )
        copy.responsible_units.set(units)
    return new


@transaction.atomic
def reorder(plan: MeasurePlan, measure_ids: list[int]) -> None:
    """Number the plan's measures 1, 2, 3… in the order given (ids not given keep their place
    after the given ones)."""
    if plan.status != "draft":
        raise PlanFrozen(plan)
    measures = {m.pk: m for m in plan.measures.select_for_update()}
    order = [i for i in measure_ids if i in measures]
    order += [
        pk for pk, _ in sorted(measures.items(), key=lambda kv: kv[1].number) if pk not in order
    ]
    # two passes so the unique (plan, number) constraint never sees a duplicate; the second
    # saves each moved measure, so the audit trail records its new number
    offset = len(order) + 1000
    for n, pk in enumerate(order, start=1):
        Measure.objects.filter(pk=pk).update(number=offset + n)
    for n, pk in enumerate(order, start=1):
        measure = measures[pk]
        moved = measure.number != n
        measure.number = n
        if moved:
            measure.save(update_fields=["number", "updated_at"])
        else:
            Measure.objects.filter(pk=pk).update(number=n)


class RoundIncomplete(ValueError):
    def __init__(self, missing: list[Measure]):
        self.missing = missing
        numbers = ", ".join(str(m.number) for m in missing)
        self.message_th = gettext(
            "ยังเสนอรายงานไม่ได้: มาตรการที่ %(numbers)s ยังไม่มีสถานะหรือผลการดำเนินงาน"
        ) % {"numbers": numbers}
        super().__init__(self.message_th)


def start_round(plan: MeasurePlan, round_code: str):
    """The round of the plan (created with one empty progress row per measure when new)."""
    from .models import MeasureProgress, ProgressRound

    round_, _ = ProgressRound.objects.get_or_create(plan=plan, round=round_code)
    existing = set(round_.progress.values_list("measure_id", flat=True))
    bulk_create_with_history(  # the first version is in the trail: edits compare against it
        [
            MeasureProgress(round=round_, measure=m)
            for m in plan.measures.all()
            if m.pk not in existing
        ],
        MeasureProgress,
    )
    return round_


def missing_results(round_) -> list[Measure]:
    """Measures of the round without a status, or without a result (a reason when cancelled)."""
    missing = []
    rows = {p.measure_id: p for p in round_.progress.all()}
    for measure in round_.plan.measures.order_by("number"):
        p = rows.get(measure.pk)
        explained = p and (p.cancel_reason.strip() if p.status == "cancelled" else p.result.strip())
        if p is None or not p.status or not explained:
            missing.append(measure)
    return missing


@transaction.atomic
def submit_round(round_) -> None:
    """A round goes up for sign-off only when every measure has a status and a result."""
    if round_.status != "draft":
        raise PlanFrozen(round_.plan)
    missing = missing_results(round_)
    if missing:
        raise RoundIncomplete(missing)
    round_.status = "submitted"
    round_.save(update_fields=["status", "updated_at"])


def is_overdue(measure: Measure, progress, today: date) -> bool:
    """Past its end date and not done (nor cancelled)."""
    return bool(
        measure.period_end
        and today > measure.period_end
        and (progress is None or progress.status not in ("done", "cancelled"))
    )
