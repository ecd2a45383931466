"""Saving what was read from a document: agency, units, assessment, plan, progress round.

One transaction per document: either everything the document says is saved, or nothing is.
The input is the importer's JSON shape (``reading.to_json``), possibly edited by a person on the
review page, so the same code serves ``prongsai import`` and the web upload.

Saving is idempotent: the agency is matched by province and name, units by name, measures by
their title within the plan, progress by (round, measure); the same file is recognised by its
content hash and never creates anything twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from prongsai.agencies.models import Agency, District, Province, Unit
from prongsai.agencies.names import UnknownProvince, full_agency_name, normalize_province
from prongsai.agencies.names import split_agency_name as split_name
from prongsai.assessments.actions import Scores, scores_record
from prongsai.assessments.models import Assessment
from prongsai.core import events
from prongsai.core.actions import SYSTEM, action
from prongsai.core.errors import Invalid
from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress, ProgressRound

from .models import ImportedDocument


class ImportDataError(Invalid, ValueError):
    """The (edited) data cannot be saved; ``field`` names what to correct."""

    code = "import_invalid"

    def __init__(self, field: str, message_th: str, message_en: str):
        self._th, self.message_en = message_th, message_en
        super().__init__(message_th, field=field)

    @property
    def message_th(self) -> str:
        return self._th

    def __str__(self) -> str:
        from django.utils.translation import get_language

        english = (get_language() or "th").startswith("en")
        return self.message_en if english and self.message_en else self._th


class ImportFrozen(ImportDataError):
    """The import would change something submitted, approved or published: refused, naming it."""

    code = "frozen"
    status = 409


@dataclass
class SaveOutcome:
    document: ImportedDocument
    agency: Agency
    created: list[str] = field(default_factory=list)  # what was new, in Thai, for the user
    updated: list[str] = field(default_factory=list)
    assessment: Assessment | None = None
    plan: MeasurePlan | None = None
    round: ProgressRound | None = None
    already_saved: bool = False


def plan_year(data: dict) -> int | None:
    """The fiscal year of the measures in the document: the analysed year + 1 for an analysis."""
    year = data.get("fiscal_year")
    if year is None:
        return None
    return int(year) + 1 if data.get("kind") == "analysis_report" else int(year)


@action("import.save")
def import_save(document_id: int, data: dict | None = None, *, by) -> SaveOutcome:
    """Write ``data`` (default: what was read) into the models and mark the document saved.

    One transaction: everything the document says, or nothing. Never changes what has been
    submitted, approved or published here (refused with :class:`ImportFrozen` naming it), and a
    signed memo in the document is kept as a paper record: never an approval, never a member
    of the agency's sign-off chain, never what makes a document publishable."""
    document = ImportedDocument.objects.select_for_update().get(pk=document_id)
    data = data if data is not None else document.result
    agency, agency_created = _agency(data)
    _check_reach(by, agency, agency_created)
    outcome = SaveOutcome(document=document, agency=agency)
    (outcome.created if agency_created else outcome.updated).append(f"หน่วยงาน {agency.name}")

    if _has_scores(data):
        outcome.assessment, _report = scores_record(
            agency.pk,
            _year(data),
            Scores(
                question_scores=data.get("question_scores") or {},
                indicator_scores={
                    int(k): v for k, v in (data.get("indicator_scores") or {}).items()
                },
                stated_overall=data.get("overall_score"),
                stated_rating=(data.get("rating") or "")[:50],
                source="import",
                source_note=document.file_name[:300],
            ),
            by=by,
        )
        outcome.updated.append(f"ผลการประเมิน ITA ปี {outcome.assessment.fiscal_year}")

    measures = data.get("measures") or []
    if measures:
        _save_measures(data, agency, measures, outcome)
    if data.get("kind") == "analysis_report" and data.get("analysis") and outcome.assessment:
        _save_analysis(data["analysis"], outcome.assessment, outcome)
    if data.get("memo") and outcome.round is not None:
        _save_memo(data["memo"], agency, outcome.round, outcome, by=by)

    document.agency = agency
    document.fiscal_year = data.get("fiscal_year")
    document.result = data
    document.status = "saved"
    document.saved_at = timezone.now()
    if getattr(by, "pk", None) and document.uploaded_by_id is None:
        document.uploaded_by = by
    document.save()
    events.record(
        "import.save",
        document,
        by=by,
        agency=agency.pk,
        year=data.get("fiscal_year"),
        content_hash=document.content_hash,
        data={"kind": data.get("kind"), "file": document.file_name, "what": outcome.updated},
    )
    return outcome


def save_document(document: ImportedDocument, data: dict | None = None, *, by=None) -> SaveOutcome:
    """Shorthand of :func:`import_save` (acting as the system unless ``by`` is given)."""
    data = data if data is not None else document.result
    return import_save(document.pk, data, by=by or SYSTEM)


def _check_reach(user, agency: Agency, created: bool) -> None:
    """Saving from the web: only into an agency the user may edit; a new agency only by a
    national admin (the transaction then rolls the new agency back)."""
    from prongsai.access.scope import can, is_national

    if getattr(user, "is_system", False) or is_national(user):
        return
    if created:
        raise ImportDataError(
            "agency.name",
            f"ยังไม่มี {agency.name} ในระบบ เฉพาะผู้ดูแลระดับประเทศเพิ่มหน่วยงานใหม่ได้ "
            "— ตรวจชื่อหน่วยงานและจังหวัด หรือติดต่อผู้ดูแลระบบ",
            f"{agency.name} is not in the system; only a national admin can add an agency",
        )
    if not can(user, agency, "edit"):
        raise ImportDataError(
            "agency.name",
            f"คุณไม่มีสิทธิ์บันทึกข้อมูลของ {agency.name}",
            f"you may not save data of {agency.name}",
        )


def _year(data: dict) -> int:
    year = data.get("fiscal_year")
    if not year:
        raise ImportDataError(
            "fiscal_year",
            "ไม่ทราบปีงบประมาณของเอกสาร โปรดระบุ",
            "the document's fiscal year is unknown: please give it",
        )
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ImportDataError(
            "fiscal_year", f"ปีงบประมาณ “{year}” ไม่ใช่ตัวเลข", f"fiscal year “{year}” is not a number"
        ) from None
    if not 2500 <= year <= 2700:
        raise ImportDataError(
            "fiscal_year",
            f"ปีงบประมาณ {year} ไม่ใช่ปี พ.ศ. ที่ถูกต้อง (เช่น 2567)",
            f"{year} is not a Buddhist-era fiscal year (e.g. 2567)",
        )
    return year


def _agency(data: dict) -> tuple[Agency, bool]:
    info = data.get("agency") or {}
    name = (info.get("name") or "").strip()
    if not name:
        raise ImportDataError(
            "agency.name", "ไม่พบชื่อหน่วยงาน โปรดระบุ", "the agency's name is missing: please give it"
        )
    kind, place = split_name(name)
    full = full_agency_name(kind, place) if kind != "other" else name
    try:
        province = Province.objects.get(name_th=normalize_province(info.get("province") or ""))
    except UnknownProvince as exc:
        raise ImportDataError("agency.province", exc.message_th, exc.message_en) from exc
    province = _resolve_province(province, full, data.get("provinces_seen") or [])
    district = None
    if info.get("district"):
        district, _ = District.objects.get_or_create(
            province=province, name_th=info["district"].strip()
        )
    agency, created = Agency.objects.get_or_create(
        province=province,
        name=full,
        defaults={"kind": info.get("kind") or kind, "place_name": place, "district": district},
    )
    if not created and district and agency.district_id is None:
        agency.district = district
        agency.save(update_fields=["district", "updated_at"])
    return agency, created


def _resolve_province(province: Province, name: str, seen: list[str]) -> Province:
    """When a document names several provinces (seed 003 does), prefer the one where an agency
    of that name already is; otherwise keep the one given (the review page shows the warning)."""
    if len(seen) < 2 or Agency.objects.filter(province=province, name=name).exists():
        return province
    known = Agency.objects.filter(name=name, province__name_th__in=seen).select_related("province")
    found = list(known[:2])
    return found[0].province if len(found) == 1 else province


def _has_scores(data: dict) -> bool:
    return bool(
        data.get("question_scores") or data.get("indicator_scores") or data.get("overall_score")
    )


_NUMBERING = re.compile(r"^\s*(?:[\d๐-๙]+\s*[.)]|\(\s*[\d๐-๙]+\s*\)|[-•*])\s*")


def _refuse_frozen(row, what_th: str, what_en: str, field: str = "measures") -> None:
    """An import never changes what has been submitted, approved or published here."""
    if row.status != "draft":
        raise ImportFrozen(
            field,
            f"{what_th}{row.get_status_display()} นำเข้าทับไม่ได้ (การแก้ไขต้องทำเป็นฉบับใหม่)",
            f"{what_en} is {row.status}: an import cannot overwrite it",
        )


def _title_key(title: str) -> str:
    """Titles compared without their numbering and spacing (๑. / 1) / - …)."""
    return re.sub(r"\s+", "", _NUMBERING.sub("", title or ""))


def _save_measures(data: dict, agency: Agency, measures: list[dict], outcome: SaveOutcome) -> None:
    year = plan_year(data) or _year(data)
    plan, created = MeasurePlan.objects.get_or_create(
        agency=agency, fiscal_year=year, defaults={"source": "import"}
    )
    outcome.plan = plan
    if data.get("column_labels") and not plan.column_labels:  # the agency's own headers
        MeasurePlan.objects.filter(pk=plan.pk).update(column_labels=data["column_labels"])
        plan.column_labels = data["column_labels"]
    report = data.get("kind") in ("measures_report", "measures_report_by_tool")
    # a progress report is imported into an approved plan (the normal order): its measures are
    # matched by title and left as approved; only a plan document may change a draft plan
    plan_frozen = plan.status != "draft"
    if not report:
        _refuse_frozen(plan, f"แผนมาตรการปี {year}", f"the {year} measures plan")
    (outcome.created if created else outcome.updated).append(f"แผนมาตรการปี {year}")
    existing = {_title_key(m.title): m for m in plan.measures.all()}
    next_number = max((m.number for m in existing.values()), default=0) + 1
    units = {u.name: u for u in agency.units.all()}

    round_ = None
    if report:
        written = {"introduction": data.get("introduction") or ""}
        round_, created = ProgressRound.objects.get_or_create(
            plan=plan,
            round=data.get("round") or "12m",
            defaults={"source": "import", "round_stated": bool(data.get("round")), **written},
        )
        if not created and written["introduction"] != round_.introduction:
            ProgressRound.objects.filter(pk=round_.pk).update(**written)
        outcome.round = round_
        _refuse_frozen(round_, f"รายงานผล{round_.get_round_display()}", "the progress report")
        label = round_.get_round_display()
        (outcome.created if created else outcome.updated).append(f"รายงานผล{label}")

    for n, item in enumerate(measures, start=1):
        title = (item.get("title") or "").strip()
        if not title:
            raise ImportDataError(
                f"measures.{n}.title", f"มาตรการที่ {n} ไม่มีชื่อ", f"measure {n} has no title"
            )
        start, end = _date(item.get("period_start"), n), _date(item.get("period_end"), n)
        if start and end and end < start:
            raise ImportDataError(
                f"measures.{n}.period_end",
                f"มาตรการที่ {n}: วันสิ้นสุดอยู่ก่อนวันเริ่ม",
                f"measure {n}: the end date is before the start date",
            )
        kpi = item.get("kpi") or {}
        values = {
            "title": title,
            "tool": (item.get("tool") or "")[:3],
            "methods": [s for s in (item.get("methods") or []) if str(s).strip()],
            "steps": [s for s in (item.get("steps") or []) if str(s).strip()],
            "method_rows": item.get("method_rows") or [],
            "responsible_text": (
                item.get("responsible_text") or ", ".join(item.get("responsible") or [])
            )[:300],
            "period_start": start,
            "period_end": end,
            "period_text": (item.get("period_text") or "")[:200],
            "kpi_target": _decimal(kpi.get("target"), f"measures.{n}.kpi.target"),
            "kpi_unit": (kpi.get("unit") or "")[:50],
        }
        measure = existing.get(_title_key(title))
        if plan_frozen:
            if measure is None:
                raise ImportDataError(
                    f"measures.{n}.title",
                    f"มาตรการ “{title[:80]}” ไม่มีในแผนมาตรการปี {year} ที่{plan.get_status_display()} "
                    "(รายงานผลต้องเป็นมาตรการในแผนเดียวกัน)",
                    f"measure “{title[:80]}” is not in the {year} plan, which is {plan.status}",
                )
            _save_progress(round_, measure, item, data.get("round") or "12m", n)
            continue
        if measure is None:
            measure = Measure.objects.create(plan=plan, number=next_number, **values)
            next_number += 1
            existing[_title_key(title)] = measure
        else:
            for key, value in values.items():
                if value not in (None, "", []):
                    setattr(measure, key, value)
            measure.save()
        for unit_name in item.get("responsible") or []:
            unit_name = unit_name.strip()[:150]
            if unit_name and unit_name not in units:
                units[unit_name], _ = Unit.objects.get_or_create(agency=agency, name=unit_name)
            if unit_name:
                measure.responsible_units.add(units[unit_name])
        if round_ is not None:
            _save_progress(round_, measure, item, data.get("round") or "12m", n)
    outcome.updated.append(f"มาตรการ {len(measures)} รายการ")


def _save_analysis(analysis: dict, assessment: Assessment, outcome: SaveOutcome) -> None:
    """The analysis the document wrote: a finding per issue and tool, narratives, constraints."""
    from prongsai.analysis.models import Analysis, Finding, IssueNarrative

    constraints = analysis.get("constraints") or {}
    year = assessment.fiscal_year
    current = Analysis.objects.filter(agency=assessment.agency, fiscal_year=year).first()
    if current is not None:
        _refuse_frozen(current, f"การวิเคราะห์ผลปี {year} ", f"the {year} analysis", "analysis")
    row, created = Analysis.objects.update_or_create(
        agency=assessment.agency,
        fiscal_year=assessment.fiscal_year,
        defaults={
            "assessment": assessment,
            "cover_title": analysis.get("cover_title") or "",
            "constraint_staff": constraints.get("staff") or "",
            "constraint_budget": constraints.get("budget") or "",
            "constraint_technology": constraints.get("technology") or "",
            "constraint_area": constraints.get("area") or "",
            "constraint_economy": constraints.get("economy_culture") or "",
        },
    )
    for issue in analysis.get("issues") or []:
        by_tool: dict[str, list[dict]] = {}
        for q in issue.get("questions") or []:
            if q.get("tool"):
                by_tool.setdefault(q["tool"], []).append(q)
        for tool, questions in by_tool.items():
            written = next((q for q in questions if q.get("verdict")), None)
            Finding.objects.update_or_create(
                analysis=row,
                issue_number=issue["number"],
                tool=tool,
                defaults={
                    "issue_title": (issue.get("title") or "")[:300],
                    "questions": [{"code": q["code"], "score": str(q["score"])} for q in questions],
                    "verdict": written["verdict"] if written else "keep",
                    "recommendation": written["verdict_text"] if written else "",
                },
            )
        IssueNarrative.objects.update_or_create(
            analysis=row,
            issue_number=issue["number"],
            defaults={"text": issue.get("narrative") or ""},
        )
    (outcome.created if created else outcome.updated).append(
        f"การวิเคราะห์ผลการประเมินปี {assessment.fiscal_year}"
    )


def _save_memo(
    memo: dict, agency: Agency, round_: ProgressRound, outcome: SaveOutcome, *, by
) -> None:
    """A memo that came with a report was signed on paper: it is kept as that record — its
    text, the signatures as printed, who imported it and when ("ลงนามในเอกสารกระดาษ นำเข้าโดย
    … เมื่อ …"). It has no sign-off steps, so it never counts as an approval here, never adds
    anyone to the agency's chain and never makes the round publishable: that takes a memo sent
    up the agency's own chain in Prongsai."""
    from prongsai.core.events import _actor_name
    from prongsai.measures.models import Memo

    memo_date = _date(memo.get("date"), 0) or timezone.localdate()
    signatures = [
        {
            "name": (sig.get("name") or "")[:150],
            "position": (sig.get("position") or "")[:200],
            "comment": sig.get("comment") or "",
            "label": (sig.get("label") or "")[:100],  # the step's own label, as printed
        }
        for sig in memo.get("signatures") or []
    ]
    _memo, created = Memo.objects.update_or_create(
        agency=agency,
        round=round_,
        status="paper",
        subject=(memo.get("subject") or "")[:500],
        defaults={
            "department": (memo.get("department") or agency.name)[:300],
            "reference": (memo.get("reference") or "")[:100],
            "date": memo_date,
            "addressee": (memo.get("to") or "")[:300],
            "background": memo.get("background") or "",
            "facts": memo.get("facts") or "",
            "consideration": memo.get("considerations") or "",
            "paper_signatures": signatures,
            "paper_imported_by": by if getattr(by, "pk", None) else None,
            "paper_imported_by_name": _actor_name(by)[:150],
            "paper_imported_at": timezone.now(),
        },
    )
    (outcome.created if created else outcome.updated).append(
        "บันทึกข้อความที่ลงนามในเอกสารกระดาษ (เก็บเป็นหลักฐาน ไม่ใช่การอนุมัติในระบบ)"
    )


def _save_progress(round_: ProgressRound, measure: Measure, item: dict, round_code: str, n: int):
    kpi = item.get("kpi") or {}
    result = (item.get("result") or "").strip()
    if item.get("status"):
        status = item["status"]
    elif result:
        status = "done" if round_code == "12m" else "in_progress"
    else:
        status = "not_started"
    MeasureProgress.objects.update_or_create(
        round=round_,
        measure=measure,
        defaults={
            "status": status,
            "result": result,
            "outcome": (item.get("outcome") or "").strip(),
            "suggestion": (item.get("suggestion") or "").strip(),
            "kpi_actual": _decimal(kpi.get("actual"), f"measures.{n}.kpi.actual"),
        },
    )


def _date(value, n: int) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ImportDataError(
            f"measures.{n}.period",
            f"มาตรการที่ {n}: วันที่ “{value}” ไม่ถูกต้อง (ใช้รูปแบบ ปปปป-ดด-วว)",
            f"measure {n}: “{value}” is not a date (use YYYY-MM-DD)",
        ) from None


def _decimal(value, field_name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ImportDataError(
            field_name, f"“{value}” ไม่ใช่ตัวเลข", f"“{value}” is not a number"
        ) from None
    if not number.is_finite() or number < 0:
        raise ImportDataError(
            field_name, f"“{value}” ต้องเป็นตัวเลขไม่ติดลบ", f"“{value}” must be a non-negative number"
        )
    return number
