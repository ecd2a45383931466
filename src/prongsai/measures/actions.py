"""The measures app's actions: the only doors through which a plan, a measure, a progress round,
its rows and evidence, a memo and its sign-offs change.

Each action takes plain data (the dataclasses below, never a form), runs in one transaction with
the row locks it needs (:func:`prongsai.core.actions.action`), checks the actor's reach
(``access.scope.require``), refuses by the workflow's rules (:mod:`prongsai.core.workflow`) with
an :class:`~prongsai.core.errors.ActionError`, and writes one event row (``events.record``).
Web views, the API, the CLI, the importer and the demo call these only.

draft ──memo.send──▶ in_review ──memo.approve_step … memo.approve──▶ approved
                         │
                         └──memo.return (any step, with a reason)──▶ returned ──memo.send──▶ …

Sending is the proposer's signature (the first step of the chain is approved by the send: the
proposer is never asked to approve their own memo). While a memo is in review or approved, what
it carries is frozen (status ``submitted`` then ``approved``); a return sends a *submitted*
subject back to draft — never an approved one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.access.actions import empty_chain_message
from prongsai.access.scope import require
from prongsai.agencies.models import Signatory, Unit
from prongsai.core import events
from prongsai.core.actions import action, actor_user
from prongsai.core.choices import Decision, MemoStatus, Source, Status
from prongsai.core.errors import ActionError, Conflict, Frozen, Invalid
from prongsai.core.workflow import MEMO_EDITABLE, REOPENABLE, require_draft
from prongsai.criteria.services import catalog_or_none
from prongsai.thai import fiscal_year_bounds

from . import rules
from .models import (
    Evidence,
    Measure,
    MeasurePlan,
    MeasureProgress,
    Memo,
    MemoEvent,
    ProgressRound,
    SignOff,
)
from .targets import from_findings

# --- plain data ---------------------------------------------------------------------------


@dataclass
class MeasureData:
    """A measure as typed (the form's cleaned data, or an API body)."""

    title: str
    tool: str = ""
    methods: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    issue_numbers: list[int] = field(default_factory=list)
    indicator_numbers: list[int] = field(default_factory=list)
    question_codes: list[str] = field(default_factory=list)
    responsible_unit_ids: list[int] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None
    kpi_target: Decimal | None = None
    kpi_unit: str = ""
    budget: Decimal | None = None
    new_unit: str = ""  # a responsible unit to add to the agency (input beyond the measure)

    @classmethod
    def of(cls, measure: Measure) -> MeasureData:
        return cls(
            title=measure.title,
            tool=measure.tool,
            methods=list(measure.methods),
            steps=list(measure.steps),
            issue_numbers=list(measure.issue_numbers),
            indicator_numbers=list(measure.indicator_numbers),
            question_codes=list(measure.question_codes),
            responsible_unit_ids=sorted(u.pk for u in measure.responsible_units.all())
            if measure.pk
            else [],
            period_start=measure.period_start,
            period_end=measure.period_end,
            kpi_target=measure.kpi_target,
            kpi_unit=measure.kpi_unit,
            budget=measure.budget,
        )

    def comparable(self) -> dict:
        out = asdict(self)
        out.pop("new_unit")
        out["responsible_unit_ids"] = sorted(out["responsible_unit_ids"])
        for name in ("kpi_target", "budget"):
            out[name] = None if out[name] is None else Decimal(str(out[name])).normalize()
        return out


@dataclass
class EvidenceData:
    title: str
    url: str = ""
    file: object = None  # an uploaded file, or the name of a file already in the store


@dataclass
class ProgressData:
    """One row of a round as typed: which row, the version it was opened at, its values."""

    progress_id: int
    status: str = ""
    cancel_reason: str = ""
    result: str = ""
    outcome: str = ""
    suggestion: str = ""
    kpi_actual: Decimal | None = None
    version: str = ""
    evidence: EvidenceData | None = None

    FIELDS = ("status", "cancel_reason", "result", "outcome", "suggestion", "kpi_actual")

    def values(self) -> dict:
        out = {name: getattr(self, name) for name in self.FIELDS}
        if out["kpi_actual"] is not None:
            out["kpi_actual"] = Decimal(str(out["kpi_actual"])).normalize()
        return out

    @classmethod
    def values_of(cls, row) -> dict:
        return cls(progress_id=0, **{name: getattr(row, name) for name in cls.FIELDS}).values()


@dataclass
class MemoText:
    """The memo's text as typed on its page (or in an API body)."""

    department: str
    reference: str
    date: date
    subject: str
    addressee: str
    background: str
    facts: str
    consideration: str

    FIELDS = (
        "department",
        "reference",
        "date",
        "subject",
        "addressee",
        "background",
        "facts",
        "consideration",
    )

    @classmethod
    def of(cls, memo: Memo) -> MemoText:
        return cls(**{name: getattr(memo, name) for name in cls.FIELDS})


# --- errors -------------------------------------------------------------------------------


class Stale(Conflict):
    """Someone saved the row after this form was opened, and this person changed it too:
    ``current`` is the row as it is now (the page shows the differences)."""

    code = "stale"

    def __init__(self, current):
        self.current = current
        super().__init__(
            _("ยังไม่ได้บันทึก: มีผู้อื่นบันทึกข้อมูลนี้หลังจากที่คุณเปิดแบบฟอร์ม ตรวจความแตกต่างแล้วบันทึกอีกครั้ง")
        )


class RoundIncomplete(Invalid):
    code = "incomplete"

    def __init__(self, missing: list[Measure]):
        self.missing = missing
        super().__init__(
            _("ยังเสนอรายงานไม่ได้: มาตรการที่ %(numbers)s ยังไม่มีสถานะหรือผลการดำเนินงาน"),
            numbers=", ".join(str(m.number) for m in missing),
        )


def _plan_frozen(plan) -> None:
    require_draft(plan, _("แผนมาตรการนี้"))


def _round_frozen(round_) -> None:
    require_draft(round_, _("รายงานรอบนี้"))


def _check_version(current, version: str, typed: dict, then_of, extra: bool = False) -> bool:
    """Whether to write ``typed`` over ``current`` (the locked row): True when the row is as
    it was when the form was opened (or no version was given); False when someone saved it since
    and this person changed nothing (their save stays); :class:`Stale` when both changed it,
    unless to the same values (a double click)."""
    from prongsai.core.concurrency import parse_version

    opened = parse_version(version)
    if opened is None or current.updated_at == opened:
        return True
    if not extra:
        history = getattr(type(current), "history", None)
        then = history.filter(id=current.pk, updated_at=opened).first() if history else None
        if then is not None and then_of(then.instance) == typed:
            return False
    if then_of(current) == typed:
        return True
    raise Stale(current)


def _record(name: str, obj, by, where, **fields):
    """The event of this app's action ``name`` about ``obj``; ``where`` — a plan, a round, a
    memo or the analysis a memo carries — gives the agency and fiscal year it is filed under."""
    if isinstance(where, Memo):
        agency, year = where.agency_id, memo_year(where)
    else:
        agency, year = _agency_of(where), _year_of(where)
    return events.record(name, obj, by=by, agency=agency, year=year, **fields)


# --- plans and measures ---------------------------------------------------------------------


def _new_plan(agency_id: int, year: int, *, title: str = "", source=Source.MANUAL) -> MeasurePlan:
    existing = MeasurePlan.objects.filter(agency_id=agency_id, fiscal_year=year).first()
    if existing is None:
        try:
            with transaction.atomic():
                return MeasurePlan.objects.create(
                    agency_id=agency_id, fiscal_year=year, title=title, source=source
                )
        except IntegrityError:  # created meanwhile by a concurrent request
            existing = MeasurePlan.objects.get(agency_id=agency_id, fiscal_year=year)
    raise Conflict(
        _("มีแผนมาตรการปี %(year)s อยู่แล้ว (%(count)s มาตรการ)"),
        code="plan_exists",
        year=existing.fiscal_year,
        count=existing.measures.count(),
    )


def _title(year: int) -> str:
    return f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}"


@action("plan.create")
def plan_create(agency_id: int, year: int, *, by, source: str = Source.MANUAL) -> MeasurePlan:
    """An empty draft plan of the year (refused when the year has one: :class:`Conflict`)."""
    require(by, agency_id, "edit")
    plan = _new_plan(agency_id, year, source=source)
    _record("plan.create", plan, by, plan, data={"from": "empty"})
    return plan


@action("plan.from_analysis")
def plan_from_analysis(analysis_id: int, *, by) -> MeasurePlan:
    """A draft plan for the year after the analysed one: one measure per issue that needs one
    (a tool judged fix or improve), its methods drafted from the recommendations."""
    from prongsai.analysis.models import Analysis

    analysis = Analysis.objects.select_related("agency").get(pk=analysis_id)
    require(by, analysis.agency_id, "edit")
    year = analysis.fiscal_year + 1
    plan = _new_plan(analysis.agency_id, year, title=_title(year))
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
    _record(
        "plan.create",
        plan,
        by,
        plan,
        data={"from": "analysis", "analysis": analysis.pk, "measures": number},
    )
    return plan


def _next_year(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@action("plan.copy")
def plan_copy(plan_id: int, to_year: int | None = None, *, by) -> MeasurePlan:
    """Last year's plan as this year's draft: the same measures, periods moved on a year,
    responsible units and KPI targets kept, statuses reset, no progress carried over."""
    plan = MeasurePlan.objects.get(pk=plan_id)
    require(by, plan.agency_id, "edit")
    to_year = to_year or plan.fiscal_year + 1
    new = _new_plan(plan.agency_id, to_year, title=_title(to_year))
    shift = to_year - plan.fiscal_year
    for m in plan.measures.prefetch_related("responsible_units").order_by("number"):
        units = list(m.responsible_units.all())
        start, end = m.period_start, m.period_end
        for _i in range(shift):
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
    _record("plan.copy", new, by, new, data={"from_plan": plan.pk})
    return new


def _locked_plan(plan_id: int, by) -> MeasurePlan:
    plan = MeasurePlan.objects.select_for_update().get(pk=plan_id)
    require(by, plan.agency_id, "edit")
    _plan_frozen(plan)
    return plan


@action("measure.save")
def measure_save(
    plan_id: int,
    data: MeasureData,
    *,
    by,
    measure_id: int | None = None,
    version: str = "",
    form_token: str = "",
) -> Measure:
    """Save a measure of a draft plan (a new one goes last).

    Refused with :class:`Frozen` unless the plan is a draft, with :class:`Stale` when someone
    saved the measure after the form was opened and this person changed it too. A new measure's
    ``form_token`` makes sending the same form again (browser back then save, a double click)
    return the measure it created instead of adding a second one."""
    plan = _locked_plan(plan_id, by)
    if measure_id:
        measure = Measure.objects.select_for_update().get(pk=measure_id, plan=plan)
        typed = data.comparable()
        if not _check_version(
            measure,
            version,
            typed,
            lambda row: MeasureData.of(row).comparable(),
            extra=bool(data.new_unit.strip()),
        ):
            return measure  # saved by someone else meanwhile; this person changed nothing
    else:
        if form_token:
            done = plan.measures.filter(form_token=form_token).first()
            if done is not None:
                return done  # this form was saved already
        # the same form sent again from a page the browser fetched anew (back, then save): a
        # measure of the same name is that measure — the same content is no second measure,
        # other content is refused, naming the measure to edit instead
        key = " ".join(data.title.split())
        for same in plan.measures.all():
            if " ".join(same.title.split()) == key:
                if MeasureData.of(same).comparable() == data.comparable():
                    return same
                raise Conflict(
                    _("มีมาตรการชื่อนี้ในแผนแล้ว (มาตรการที่ %(number)s) แก้ไขที่มาตรการนั้นแทน"),
                    code="measure_exists",
                    field="title",
                    number=same.number,
                )
        number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
        measure = Measure(plan=plan, number=number, form_token=form_token)
    for name in (
        "title",
        "tool",
        "methods",
        "steps",
        "issue_numbers",
        "indicator_numbers",
        "question_codes",
        "period_start",
        "period_end",
        "kpi_target",
        "kpi_unit",
        "budget",
    ):
        setattr(measure, name, getattr(data, name))
    if data.period_start and data.period_end and data.period_end < data.period_start:
        raise Invalid(_("วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม"), field="period_end")
    if not data.title.strip():
        raise Invalid(_("โปรดกรอกชื่อมาตรการ"), field="title")
    measure.save()
    units = list(Unit.objects.filter(agency_id=plan.agency_id, pk__in=data.responsible_unit_ids))
    if name := data.new_unit.strip():
        unit, _created = Unit.objects.get_or_create(agency_id=plan.agency_id, name=name)
        units.append(unit)
    measure.responsible_units.set(units)
    _record(
        "measure.save",
        measure,
        by,
        plan,
        data={"number": measure.number, "new": not measure_id},
    )
    return measure


def _renumber(plan: MeasurePlan, order: list[int]) -> None:
    measures = {m.pk: m for m in plan.measures.select_for_update()}
    order = [i for i in order if i in measures]
    order += [
        pk for pk, m in sorted(measures.items(), key=lambda kv: kv[1].number) if pk not in order
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


@action("measure.move")
def measure_move(plan_id: int, order: list[int], *, by) -> None:
    """Number the plan's measures 1, 2, 3… in the order given (ids not given keep their place
    after the given ones)."""
    plan = _locked_plan(plan_id, by)
    _renumber(plan, order)
    _record(
        "measure.move",
        plan,
        by,
        plan,
        data={"order": list(plan.measures.order_by("number").values_list("pk", flat=True))},
    )


def measure_step(plan_id: int, measure_id: int, direction: str, *, by) -> None:
    """Move one measure up or down a place (the ▲ ▼ buttons)."""
    ids = list(
        Measure.objects.filter(plan_id=plan_id).order_by("number").values_list("pk", flat=True)
    )
    if measure_id not in ids:
        raise Invalid(_("ไม่พบมาตรการนี้ในแผน"))
    i = ids.index(measure_id)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    measure_move(plan_id, ids, by=by)


@action("measure.delete")
def measure_delete(plan_id: int, measure_id: int, *, by) -> None:
    """Take a measure out of a draft plan (the others are numbered again)."""
    plan = _locked_plan(plan_id, by)
    measure = Measure.objects.get(pk=measure_id, plan=plan)
    if MeasureProgress.objects.filter(measure=measure).exclude(status="").exists():
        raise Invalid(_("มาตรการนี้มีผลการดำเนินงานแล้ว จึงนำออกจากแผนไม่ได้"), code="has_progress")
    number, title = measure.number, measure.title
    measure.delete()
    _renumber(plan, [])
    _record(
        "measure.delete",
        plan,
        by,
        plan,
        data={"number": number, "title": title[:200]},
    )


# --- rounds, progress, evidence -------------------------------------------------------------


@action("round.start")
def round_start(plan_id: int, round_code: str, *, by) -> ProgressRound:
    """The round of the plan (created with one empty progress row per measure when new).
    Concurrent starts of the same round meet at the plan's lock: one creates, the others get it."""
    from simple_history.utils import bulk_create_with_history

    if round_code not in ("6m", "12m"):
        raise Invalid(_("รอบรายงานต้องเป็น 6m หรือ 12m"), field="round")
    plan = MeasurePlan.objects.select_for_update().get(pk=plan_id)
    require(by, plan.agency_id, "edit")
    round_ = ProgressRound.objects.filter(plan=plan, round=round_code).first()
    created = round_ is None
    if created:
        try:
            with transaction.atomic():
                round_ = ProgressRound.objects.create(plan=plan, round=round_code)
        except IntegrityError:  # a concurrent start on a database without row locks
            round_ = ProgressRound.objects.get(plan=plan, round=round_code)
            created = False
    existing = set(round_.progress.values_list("measure_id", flat=True))
    missing = [m for m in plan.measures.all() if m.pk not in existing]
    if missing and round_.status != Status.DRAFT:
        missing = []  # a submitted round never grows
    bulk_create_with_history(  # the first version is in the trail: edits compare against it
        [MeasureProgress(round=round_, measure=m) for m in missing], MeasureProgress
    )
    if created or missing:
        _record(
            "round.start",
            round_,
            by,
            plan,
            data={"round": round_code, "rows": len(missing)},
        )
    return round_


def _locked_round(round_id: int, by) -> ProgressRound:
    round_ = ProgressRound.objects.select_for_update().select_related("plan").get(pk=round_id)
    require(by, round_.plan.agency_id, "edit")
    _round_frozen(round_)
    return round_


def _add_evidence(progress: MeasureProgress, item: EvidenceData) -> Evidence:
    if not item.title.strip():
        raise Invalid(_("โปรดใส่คำอธิบายหลักฐาน"), field="evidence_title")
    if not (item.url or item.file):
        raise Invalid(_("แนบไฟล์หรือใส่ลิงก์หลักฐาน"), field="evidence_file")
    return Evidence.objects.create(
        progress=progress, title=item.title.strip(), url=item.url or "", file=item.file or ""
    )


@action("round.save")
def round_save(round_id: int, rows: list[ProgressData], *, by) -> list[tuple[ProgressData, Stale]]:
    """Save the typed rows of a draft round, row by row.

    A row that someone else saved after the page was opened, and that this person changed too,
    is not saved: it comes back in the list with its :class:`Stale`. A row they left as it was
    keeps the other person's save. Every other row is saved, its evidence attached."""
    round_ = _locked_round(round_id, by)
    conflicts: list[tuple[ProgressData, Stale]] = []
    saved, attached = [], 0
    for row in rows:
        current = MeasureProgress.objects.select_for_update().filter(pk=row.progress_id).first()
        if current is None or current.round_id != round_.pk:
            continue
        typed = row.values()
        if typed == ProgressData.values_of(current) and row.evidence is None:
            continue
        try:
            write = _check_version(
                current, row.version, typed, ProgressData.values_of, extra=row.evidence is not None
            )
        except Stale as stale:
            conflicts.append((row, stale))
            continue
        if write:
            for name in ProgressData.FIELDS:
                setattr(current, name, getattr(row, name))
            current.save()
            saved.append(current.measure_id)
        if row.evidence is not None:
            evidence = _add_evidence(current, row.evidence)
            attached += 1
            _record(
                "evidence.add",
                evidence,
                by,
                round_,
                data={"progress": current.pk},
            )
    _record(
        "round.save",
        round_,
        by,
        round_,
        data={"rows": len(saved), "evidence": attached, "conflicts": len(conflicts)},
    )
    return conflicts


@action("round.submit")
def round_submit(round_id: int, *, by) -> Memo:
    """A draft round goes up: refused while a measure lacks a status or a result
    (:class:`RoundIncomplete`), then its memo is drafted (or the open one returned)."""
    round_ = _locked_round(round_id, by)
    missing = rules.missing_results(round_)
    if missing:
        raise RoundIncomplete(missing)
    memo = memo_draft("round", round_.pk, by=by)
    _record(
        "round.submit",
        round_,
        by,
        round_,
        data={"memo": memo.pk},
    )
    return memo


@action("evidence.add")
def evidence_add(progress_id: int, item: EvidenceData, *, by) -> Evidence:
    progress = MeasureProgress.objects.select_related("round__plan").get(pk=progress_id)
    round_ = _locked_round(progress.round_id, by)
    evidence = _add_evidence(progress, item)
    _record(
        "evidence.add",
        evidence,
        by,
        round_,
        data={"progress": progress.pk},
    )
    return evidence


@action("evidence.remove")
def evidence_remove(evidence_id: int, *, by) -> Evidence:
    """Take an evidence item off a draft round's measure. The row's deletion is in the history
    (who, when, what it was) and the file stays in the store, so nothing is lost."""
    evidence = Evidence.objects.select_related("progress__round__plan").get(pk=evidence_id)
    round_ = _locked_round(evidence.progress.round_id, by)
    _record(
        "evidence.remove",
        evidence,
        by,
        round_,
        data={"title": evidence.title, "file": evidence.file.name},
    )
    evidence.delete()
    return evidence


# --- memos and sign-offs --------------------------------------------------------------------

SUBJECTS = {"round", "plan", "analysis"}


def _subject_model(kind: str):
    if kind == "round":
        return ProgressRound
    if kind == "plan":
        return MeasurePlan
    if kind == "analysis":
        from prongsai.analysis.models import Analysis

        return Analysis
    raise Invalid(_("ส่งได้เฉพาะรายงานผล แผนมาตรการ หรือการวิเคราะห์"))


def _agency_of(subject) -> int:
    return subject.plan.agency_id if isinstance(subject, ProgressRound) else subject.agency_id


def _year_of(subject) -> int:
    return subject.plan.fiscal_year if isinstance(subject, ProgressRound) else subject.fiscal_year


def memo_year(memo: Memo) -> int:
    return _year_of(rules.subject_of(memo))


def _open_memo(kind: str, subject) -> Memo | None:
    return Memo.objects.filter(**{kind: subject}).open().first()


@action("memo.draft")
def memo_draft(kind: str, subject_id: int, *, by) -> Memo:
    """The memo that sends a round, a plan or an analysis up the chain: its paragraphs drafted
    from the data, its chain from the agency's active signatories (in their order). The open
    memo already drafted is returned as is — also under concurrency: a database constraint
    allows one open memo per subject."""
    model = _subject_model(kind)
    subject = model.objects.select_for_update().get(pk=subject_id)
    agency_id = _agency_of(subject)
    require(by, agency_id, "edit")
    existing = _open_memo(kind, subject)
    if existing is not None:
        return existing
    chain = list(Signatory.objects.filter(agency_id=agency_id, active=True).order_by("order", "pk"))
    if len(chain) < 2:
        raise Invalid(empty_chain_message(agency_id), code="no_chain")
    if problem := rules.nothing_to_send(subject):
        raise Invalid(problem, code="nothing_to_send")
    if subject.status != Status.DRAFT:
        # approved or published: a new memo would send it round again and, returned, make
        # approved content editable; a correction is a new version
        raise Frozen(
            _("ส่วนนี้%(status)s เสนอซ้ำไม่ได้ (การแก้ไขต้องทำเป็นฉบับใหม่)"),
            status=subject.get_status_display(),
        )
    agency = chain[0].agency
    try:
        with transaction.atomic():
            memo = Memo.objects.create(
                agency_id=agency_id,
                department=agency.name,
                date=timezone.localdate(),
                addressee=chain[-1].position,
                **{kind: subject},
                **rules.drafted_texts(subject),
            )
    except IntegrityError:  # drafted at the same moment by another request
        existing = _open_memo(kind, subject)
        if existing is None:
            raise
        return existing
    for n, s in enumerate(chain, start=1):
        SignOff.objects.create(
            memo=memo, order=n, signatory=s, comment_label=f"ความเห็น{s.position}"
        )
    _record("memo.draft", memo, by, subject, data={"kind": kind})
    return memo


def _locked_memo(memo_id: int) -> Memo:
    return Memo.objects.select_for_update().get(pk=memo_id)


def _write_text(memo: Memo, text: MemoText, version: str) -> bool:
    """Put the typed text on the (locked, editable) memo; False when nothing changed."""
    typed = asdict(text)
    if not _check_version(memo, version, typed, lambda row: asdict(MemoText.of(row))):
        return False
    missing = [
        name
        for name in MemoText.FIELDS
        if name != "reference" and not str(typed[name] or "").strip()
    ]
    if missing:
        raise Invalid(
            _("โปรดกรอก: %(fields)s"),
            code="required",
            field=missing[0],
            fields=", ".join(str(Memo._meta.get_field(n).verbose_name) for n in missing),
        )
    if typed == asdict(MemoText.of(memo)):
        return False
    for name, value in typed.items():
        setattr(memo, name, value)
    memo._history_user = actor_user(memo._actor)
    memo.save()
    return True


def _require_editable(memo: Memo) -> None:
    if memo.status not in MEMO_EDITABLE:
        raise Frozen(
            _("บันทึกข้อความนี้%(status)s แก้ไขไม่ได้ (เนื้อหาที่ลงนามแล้วต้องคงเดิม การแก้ไขต้องทำเป็นฉบับใหม่)"),
            status=memo.get_status_display(),
        )


@action("memo.save")
def memo_save(memo_id: int, text: MemoText, *, by, version: str = "") -> Memo:
    """Save the text of a draft or returned memo (one in review or approved is what was signed:
    refused with :class:`Frozen`)."""
    memo = _locked_memo(memo_id)
    require(by, memo.agency_id, "edit")
    _require_editable(memo)
    memo._actor = by
    if _write_text(memo, text, version):
        _record(
            "memo.save",
            memo,
            by,
            memo,
            content_hash=rules.content_hash(memo),
        )
    return memo


def _set_subject_status(memo: Memo, status: str, by, only_from: str | None = None) -> None:
    subject = (
        type(rules.subject_of(memo)).objects.select_for_update().get(pk=rules.subject_of(memo).pk)
    )
    if only_from is not None and subject.status != only_from:
        return  # e.g. a return never reopens what is approved or published
    subject._history_user = actor_user(by)  # the audit trail's "who"
    subject.status = status
    subject.save(update_fields=["status", "updated_at"])


def _trail(memo, action_code, by, digest, step=None, comment=""):
    MemoEvent.objects.create(
        memo=memo,
        action=action_code,
        signoff=step,
        actor=actor_user(by),
        signatory_name=f"{step.signatory.name} ({step.signatory.position})" if step else "",
        comment=comment,
        content_hash=digest,
    )


@action("memo.send")
def memo_send(memo_id: int, *, by, text: MemoText | None = None, version: str = "") -> Memo:
    """Send (or send again after a return) up the chain. ``text`` — what was typed on the page
    — is saved first (refused, naming the fields, when it is incomplete), so nothing typed is
    lost. Sending is the proposer's signature: the first step is approved by it, and the next
    signer is the first pending step."""
    memo = _locked_memo(memo_id)
    proposer = memo.signoffs.select_related("signatory").order_by("order").first()
    if (
        proposer is None
        or proposer.signatory.user_id is None
        or (proposer.signatory.user_id != getattr(by, "pk", None))
    ):
        require(by, memo.agency_id, "edit")  # the proposer sends their memo; else an editor
    memo._history_user = actor_user(by)
    if memo.status not in MEMO_EDITABLE:
        raise Conflict(
            _("บันทึกข้อความนี้%(status)sแล้ว ส่งซ้ำไม่ได้"),
            code="already_sent",
            status=memo.get_status_display(),
        )
    saved = False
    if text is not None:
        memo._actor = by
        saved = _write_text(memo, text, version)
    subject = rules.subject_of(memo)
    if memo.round_id:
        missing = rules.missing_results(memo.round)
        if missing:
            raise RoundIncomplete(missing)
    elif problem := rules.nothing_to_send(subject):
        raise Invalid(problem, code="nothing_to_send")
    if subject.status not in (Status.DRAFT, Status.SUBMITTED):
        raise Frozen(
            _("ส่วนนี้%(status)s เสนอซ้ำไม่ได้ (การแก้ไขต้องทำเป็นฉบับใหม่)"),
            status=subject.get_status_display(),
        )
    steps = list(memo.signoffs.select_related("signatory").order_by("order"))
    if len(steps) < 2:
        raise Invalid(_("สายการลงนามของบันทึกข้อความนี้ต้องมีอย่างน้อย ๒ คน"), code="no_chain")
    memo.signoffs.update(decision=Decision.PENDING, comment="", decided_at=None, content_hash="")
    memo.status = MemoStatus.IN_REVIEW
    memo.save(update_fields=["status", "updated_at"])
    _set_subject_status(memo, Status.SUBMITTED, by)
    digest = rules.content_hash(memo)
    proposer = steps[0]
    proposer.decision, proposer.decided_at, proposer.content_hash = (
        Decision.APPROVED,
        timezone.now(),
        digest,
    )
    proposer._history_user = actor_user(by)
    proposer.save()
    _trail(memo, "sent", by, digest, step=proposer)
    _record(
        "memo.send",
        memo,
        by,
        memo,
        content_hash=digest,
        data={"saved_text": saved, "next": steps[1].signatory_id},
    )
    return memo


def _current_step_for(memo: Memo, by) -> SignOff:
    step = rules.current_step(memo)
    if step is None:
        raise Conflict(_("บันทึกข้อความนี้ไม่ได้รอการพิจารณา"), code="not_in_review")
    if not rules.can_act(by, step):
        raise ActionError(
            _("รอการพิจารณาของ %(name)s (%(position)s)"),
            code="not_your_turn",
            name=step.signatory.name,
            position=step.signatory.position,
        )
    step._history_user = actor_user(by)
    return step


@action("memo.approve")
def memo_approve(memo_id: int, *, by, comment: str = "") -> Memo:
    """The current signer approves; the last approval approves the memo and what it carries
    (event ``memo.approve``), an earlier one passes it on (``memo.approve_step``)."""
    memo = _locked_memo(memo_id)
    memo._history_user = actor_user(by)
    step = _current_step_for(memo, by)
    digest = rules.content_hash(memo)
    step.decision, step.comment, step.decided_at, step.content_hash = (
        Decision.APPROVED,
        comment.strip(),
        timezone.now(),
        digest,
    )
    step.save()
    _trail(memo, "approved", by, digest, step=step, comment=comment.strip())
    last = rules.current_step(memo) is None
    if last:
        memo.status = MemoStatus.APPROVED
        memo.save(update_fields=["status", "updated_at"])
        _set_subject_status(memo, Status.APPROVED, by, only_from=Status.SUBMITTED)
    _record(
        "memo.approve" if last else "memo.approve_step",
        memo,
        by,
        memo,
        content_hash=digest,
        comment=comment.strip(),
        data={"order": step.order, "signatory": step.signatory_id},
    )
    return memo


@action("memo.return")
def memo_return(memo_id: int, *, by, comment: str) -> Memo:
    """The current signer returns the memo with a reason: the memo is returned and what it
    carries goes back from submitted to draft (an approved or published one never reopens)."""
    memo = _locked_memo(memo_id)
    memo._history_user = actor_user(by)
    step = _current_step_for(memo, by)
    reason = (comment or "").strip()
    if not reason:
        raise Invalid(_("การส่งกลับแก้ไขต้องระบุเหตุผล"), code="reason_required", field="comment")
    digest = rules.content_hash(memo)
    step.decision, step.comment, step.decided_at, step.content_hash = (
        Decision.RETURNED,
        reason,
        timezone.now(),
        digest,
    )
    step.save()
    _trail(memo, "returned", by, digest, step=step, comment=reason)
    memo.status = MemoStatus.RETURNED
    memo.save(update_fields=["status", "updated_at"])
    _set_subject_status(memo, Status.DRAFT, by, only_from=Status.SUBMITTED)
    _record(
        "memo.return",
        memo,
        by,
        memo,
        content_hash=digest,
        comment=reason,
        data={"order": step.order, "signatory": step.signatory_id},
    )
    return memo


# --- corrections: a new version -------------------------------------------------------------


def revision(subject) -> int:
    """Which version of its content ``subject`` is: 1 until a correction reopens it, then one
    more per approval it had (an approved memo each); paper records do not count."""
    approved = Memo.objects.filter(
        **{rules.subject_field(subject): subject}, status=MemoStatus.APPROVED
    ).count()
    return max(1, approved + (0 if subject.status in REOPENABLE else 1))


def _reopen(kind: str, subject_id: int, by, reason: str):
    """An approved (or published) subject back to draft as its next version, for a correction:
    its approved memos stay approved as the record of what they approved, what was published
    stays at its permanent URL, and the next publication (after a new memo) is the next
    version. Refused for a draft or one in review (edit it / wait for the decision)."""
    model = _subject_model(kind)
    subject = model.objects.select_for_update().get(pk=subject_id)
    require(by, _agency_of(subject), "edit")
    reason = (reason or "").strip()
    if subject.status not in REOPENABLE:
        raise Invalid(
            _("แก้ไขเป็นฉบับใหม่ได้เฉพาะส่วนที่อนุมัติแล้วหรือเผยแพร่แล้ว (สถานะตอนนี้: %(status)s)"),
            code="not_approved_yet",
            status=subject.get_status_display(),
        )
    if not reason:
        raise Invalid(_("โปรดระบุเหตุผลที่ต้องแก้ไข"), code="reason_required", field="reason")
    old, version = subject.status, revision(subject) + 1
    subject._history_user = actor_user(by)
    subject.status = Status.DRAFT
    subject.save(update_fields=["status", "updated_at"])
    _record(
        f"{kind}.reopen",
        subject,
        by,
        subject,
        comment=reason,
        data={"from": old, "version": version},
    )
    return subject


@action("plan.reopen")
def plan_reopen(plan_id: int, *, by, reason: str) -> MeasurePlan:
    """Correct an approved plan: a new draft version of it (see :func:`_reopen`)."""
    return _reopen("plan", plan_id, by, reason)


@action("analysis.reopen")
def analysis_reopen(analysis_id: int, *, by, reason: str):
    """Correct an approved analysis: a new draft version; its scores open again with it."""
    return _reopen("analysis", analysis_id, by, reason)


@action("round.reopen")
def round_reopen(round_id: int, *, by, reason: str) -> ProgressRound:
    """Correct an approved progress report: a new draft version of the round."""
    return _reopen("round", round_id, by, reason)


REOPEN = {"plan": plan_reopen, "analysis": analysis_reopen, "round": round_reopen}


def memo_decide(memo_id: int, decision: str, *, by, comment: str = "") -> Memo:
    """The page's two buttons: approve or return (a return needs a reason)."""
    if decision == Decision.APPROVED:
        return memo_approve(memo_id, by=by, comment=comment)
    if decision == Decision.RETURNED:
        return memo_return(memo_id, by=by, comment=comment)
    raise Invalid(_("เลือก เห็นชอบ หรือ ส่งกลับแก้ไข"), field="decision")
