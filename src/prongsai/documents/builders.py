"""One function per document kind: gather what the document says from the models into the
document shape of :mod:`prongsai.documents.blocks`. Nothing here renders or writes.

``build(kind, agency, year, round=None, digits="thai")`` is the one entry point; a kind or a
period with no data raises :class:`DocumentError` with a Thai message.
"""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from pythainlp.util import thai_strftime

from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis
from prongsai.assessments.models import Assessment
from prongsai.measures.models import Measure, MeasurePlan, Memo, ProgressRound
from prongsai.thai import format_date, round_bounds, round_label

from . import blocks as b
from . import emblem

# the documents' names (Thai in every document; gettext_noop marks them for the app's English)
KINDS = OrderedDict(
    [
        ("analysis", gettext_noop("รายงานการวิเคราะห์ผลการประเมิน ITA")),
        ("plan", gettext_noop("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")),
        ("progress", gettext_noop("รายงานผลการดำเนินการตามมาตรการ")),
        (
            "progress-by-tool",
            gettext_noop("รายงานผลการดำเนินการตามมาตรการ แยกตามเครื่องมือการประเมิน"),
        ),
    ]
)
ROUND_KINDS = ("progress", "progress-by-tool")
TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (External Integrity and Transparency "
    "Assessment: EIT)",
    "OIT": "แบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT)",
}
PURPOSE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


class DocumentError(LookupError):
    """Why a document cannot be made, in Thai."""

    def __init__(self, message_th: str):
        self.message_th = message_th
        super().__init__(message_th)


def build(
    kind: str, agency: Agency, year: int, round: str | None = None, digits: str = "thai"
) -> dict:
    """The document ``kind`` of ``agency`` for fiscal year ``year`` (BE).

    ``year`` is the year of the ITA results for ``analysis`` and the plan's fiscal year for the
    others. ``round`` (``6m``/``12m``) defaults to the latest round with data.
    """
    if kind not in KINDS:
        raise DocumentError(f"ไม่มีเอกสารชนิด “{kind}” (ใช้ได้: {', '.join(KINDS)})")
    if digits not in ("thai", "arabic"):
        raise DocumentError(f"ชุดตัวเลข “{digits}” ไม่มี (ใช้ได้: thai, arabic)")
    with translation.override("th"):  # an official document is Thai whatever the reader's UI
        return _build(kind, agency, year, round, digits)


def _build(kind: str, agency: Agency, year: int, round: str | None, digits: str) -> dict:
    if kind == "analysis":
        document = analysis_document(agency, year)
    elif kind == "plan":
        document = plan_document(_plan(agency, year))
    else:
        progress_round = find_round(agency, year, round)
        if kind == "progress":
            document = progress_document(progress_round)
        else:
            document = progress_by_tool_document(progress_round)
    return b.localise(document, digits)


# --- Finding what a document is about -----------------------------------------------------


def _plan(agency: Agency, year: int) -> MeasurePlan:
    plan = MeasurePlan.objects.filter(agency=agency, fiscal_year=year).first()
    if plan is None:
        raise DocumentError(f"{agency.name} ยังไม่มีแผนมาตรการปีงบประมาณ {year}")
    return plan


def find_round(agency: Agency, year: int, round: str | None = None) -> ProgressRound:
    """The round ``round`` of the year's plan, or its latest round with data when not given."""
    if round not in (None, "6m", "12m"):
        raise DocumentError(f"รอบรายงาน “{round}” ไม่มี (ใช้ได้: 6m, 12m)")
    plan = _plan(agency, year)
    rounds = plan.rounds.filter(progress__isnull=False).distinct()
    if round:
        found = rounds.filter(round=round).first()
        if found is None:
            raise DocumentError(
                f"{agency.name} ยังไม่มีผลการดำเนินงาน{round_label(round, 'arabic')} "
                f"ของปีงบประมาณ {year}"
            )
        return found
    found = sorted(rounds, key=lambda r: ("6m", "12m").index(r.round))
    if not found:
        raise DocumentError(f"{agency.name} ยังไม่มีผลการดำเนินงานของปีงบประมาณ {year}")
    return found[-1]


# --- Shared pieces ------------------------------------------------------------------------


def _place(agency: Agency) -> str:
    parts = []
    if agency.district_id:
        parts.append(f"อำเภอ{agency.district.name_th}")
    if agency.province_id:
        parts.append(f"จังหวัด{agency.province.name_th}")
    return " ".join(parts)


def _period(measure: Measure) -> str:
    if measure.period_text:
        return measure.period_text
    if measure.period_start and measure.period_end:
        start = format_date(measure.period_start, digits="arabic")
        end = format_date(measure.period_end, digits="arabic")
        return f"{start} – {end}"
    return ""


def _responsible(measure: Measure) -> str:
    units = [unit.name for unit in measure.responsible_units.all()]
    return measure.responsible_text or ", ".join(units)


def _number(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(str(value)).normalize():f}"


def _score(value) -> str:
    return "" if value is None else f"{Decimal(str(value)):.2f}"


# the year's usual column labels, by role (the importer's roles, prongsai.ingest.columns); a
# plan that came from a document keeps the agency's own in ``column_labels``
USUAL_LABELS = {
    "tool": "แบบวัดการรับรู้",
    "title": "มาตรการ/แนวทาง",
    "methods": "วิธีการดำเนินการ",
    "steps": "ขั้นตอน/วิธีปฏิบัติ",
    "responsible": "ผู้รับผิดชอบ",
    "period": "ระยะเวลาดำเนินการ",
    "responsible_period": "ผู้รับผิดชอบ / ระยะเวลาดำเนินการ",
    "result": "ผลการดำเนินงาน",
    "outcome": "ผลลัพธ์หรือความสำเร็จ",
    "suggestion": "ข้อเสนอแนะ",
    "kpi": "เป้าหมาย",
}
BY_TOOL_LABELS = {  # seed 002's, the usual ones of a report by assessment tool
    "methods": "มาตรการหรือกิจกรรมที่ดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "result": "สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม",
    "outcome": "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
}
ROLE_WIDTHS = {
    "tool": 2,
    "title": 2.4,
    "methods": 3.4,
    "steps": 3,
    "responsible": 1.6,
    "period": 1.6,
    "responsible_period": 2,
    "result": 3.4,
    "outcome": 2.6,
    "suggestion": 1.6,
    "kpi": 1.2,
}


def role_table(
    caption: str,
    plan: MeasurePlan | None,
    roles: list[str],
    rows: list[dict],
    *,
    usual: dict | None = None,
    **options,
) -> dict:
    """A table of ``rows`` (``{role: cell}``) with only the columns some row has a value in
    (the first always), in the order and under the labels of the agency's own table when the
    plan has them (else ``roles`` and the usual labels). A document that had one column
    "ผู้รับผิดชอบ / ระยะเวลา" gets the two in one again."""
    written = [(role, label) for role, label in (plan.column_labels if plan else []) or []]
    labels = dict(written)
    if "responsible_period" in labels and not {"responsible", "period"} & labels.keys():
        for row in rows:
            parts = (row.pop("responsible", ""), row.pop("period", ""))
            row.setdefault("responsible_period", " / ".join(part for part in parts if part))
    order = [role for role, _ in written if role in roles or role == "responsible_period"]
    order += [role for role in roles if role not in order]
    if "responsible_period" in order and not any(row.get("responsible_period") for row in rows):
        order.remove("responsible_period")
    shown = [r for i, r in enumerate(order) if i == 0 or any(row.get(r) for row in rows)]
    return b.table(
        caption,
        [labels.get(role) or {**USUAL_LABELS, **(usual or {})}[role] for role in shown],
        [[row.get(role, "") for role in shown] for row in rows],
        [ROLE_WIDTHS[role] for role in shown],
        **options,
    )


def _measure_cells(m: Measure) -> dict[str, str]:
    """Measure, methods, responsible, period: the first columns of every measures table."""
    return {
        "title": f"{m.number}. {m.title}",
        "methods": b.numbered(m.methods),
        "responsible": _responsible(m),
        "period": _period(m),
    }


def _measures(plan: MeasurePlan):
    return plan.measures.order_by("number").prefetch_related("responsible_units")


def protected_names(agency: Agency) -> list[str]:
    """What a line must never break inside in the agency's documents: its name and place
    (``ขามทะเลสอ``, ``อบต.ปากช่อง``), district and province, units and signers, in the
    document's digits too (the renderer sees the localised text)."""
    names = [agency.name, agency.place_name, agency.short_name]
    if agency.district_id:
        names += [agency.district.name_th, f"อำเภอ{agency.district.name_th}"]
    if agency.province_id:
        names += [agency.province.name_th, f"จังหวัด{agency.province.name_th}"]
    names += [unit.name for unit in agency.units.all()]
    for signer in agency.signatories.all():
        names += [signer.name, *signer.name.split()]
    return sorted({name for name in names if name and len(name) > 2})


def _document(kind: str, title: str, agency: Agency, year: int, blocks: list, **extra) -> dict:
    return {
        "protected": protected_names(agency),
        "kind": kind,
        "title": title,
        "agency": agency.name,
        "agency_id": agency.pk,
        "fiscal_year": year,
        "round": extra.pop("round", None),
        "digits": "arabic",
        "blocks": blocks,
        **extra,
    }


# --- ITA analysis report (seed 003) -------------------------------------------------------


def _shown_scores(scores) -> dict[int, float]:
    """Indicator number → its score (``score`` is already the stated one when there is one)."""
    return {s.indicator.number: float(s.score) for s in scores if s.score is not None}


def _indicator_chart(assessment: Assessment, scores) -> dict:
    """The indicator scores of the year beside the year before's (when the agency has them),
    with the year's pass mark: the chart under the score table of the analysis report."""
    year = assessment.fiscal_year
    this_year = _shown_scores(scores)
    numbers = [s.indicator.number for s in scores]
    labels = [f"{s.indicator.number}. {s.indicator.name_th}" for s in scores]
    series = [(f"ปี {year}", [this_year.get(n) for n in numbers])]
    before = (
        Assessment.objects.filter(agency_id=assessment.agency_id, fiscal_year=year - 1)
        .prefetch_related("indicator_scores__indicator")
        .first()
    )
    if before is not None:
        earlier = _shown_scores(before.indicator_scores.all())
        if any(n in earlier for n in numbers):
            series.append((f"ปี {year - 1}", [earlier.get(n) for n in numbers]))
    pass_mark = assessment.criteria.pass_mark if assessment.criteria_id else None
    return b.chart(
        "แผนภูมิคะแนนรายตัวชี้วัด" + (f" เทียบกับปี {year - 1}" if len(series) > 1 else ""),
        labels,
        series,
        mark=float(pass_mark) if pass_mark else None,
        mark_label=f"เกณฑ์ผ่าน {pass_mark:.0f}" if pass_mark else "",
    )


def _part_2_rows(m: Measure) -> list[list[str]]:
    """A topic of part 2: one row per method, each with its own steps, responsible and period,
    as the document had them (seed 003's first topic: three methods, steps 1–2, 1–2, 1–2);
    the topic's title on its first row. Once the methods or steps were edited in the app, one
    row with them all."""
    cells = _measure_cells(m)
    rows = m.method_rows or []
    if (
        len(rows) > 1
        and [x for row in rows for x in row.get("methods", [])] == m.methods
        and [x for row in rows for x in row.get("steps", [])] == m.steps
    ):
        return [
            [
                cells["title"] if index == 0 else "",
                b.numbered(row["methods"]),
                row.get("responsible") or cells["responsible"],
                b.numbered(row["steps"]),
                row.get("period") or cells["period"],
            ]
            for index, row in enumerate(rows)
        ]
    return [
        [cells["title"], cells["methods"], cells["responsible"], b.numbered(m.steps),
         cells["period"]]
    ]  # fmt: skip


def _analysis_cover(analysis: Analysis, head: str, year: int) -> list[dict]:
    """The cover: the agency's own title (seed 003's three lines) over its name and place, then
    the report's heading; without one, the report's heading is the cover."""
    agency = analysis.agency
    report = [head, f"ของหน่วยงานภาครัฐ ในปีงบประมาณ พ.ศ. {year}"]
    cover = [line for line in analysis.cover_title.splitlines() if line.strip()]
    if not cover:
        return [b.title(*report, agency.name, _place(agency))]
    return [b.title(*cover, agency.name, _place(agency)), b.title(*report)]


def analysis_document(agency: Agency, year: int) -> dict:
    analysis = (
        Analysis.objects.filter(agency=agency, fiscal_year=year)
        .select_related("assessment__criteria")
        .prefetch_related("findings", "narratives")
        .first()
    )
    if analysis is None:
        raise DocumentError(f"{agency.name} ยังไม่มีการวิเคราะห์ผลการประเมินปี {year}")
    assessment: Assessment = analysis.assessment
    next_year = year + 1
    overall = assessment.overall if assessment.overall is not None else assessment.stated_overall
    head = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    blocks: list[dict] = [
        *_analysis_cover(analysis, head, year),
        b.fields(
            ("ชื่อหน่วยงาน", agency.name),
            ("อำเภอ", agency.district.name_th if agency.district_id else ""),
            ("จังหวัด", agency.province.name_th if agency.province_id else ""),
        ),
        b.para(
            f"คะแนนภาพรวมของหน่วยงาน {agency.name} คะแนนที่ได้ {_score(overall)} คะแนน "
            f"ระดับผลการประเมินอยู่ที่ {assessment.rating or assessment.stated_rating or '-'} "
            "โดยแบ่งคะแนนตามประเด็นดังต่อไปนี้"
        ),
    ]
    scores = assessment.indicator_scores.select_related("indicator__tool").order_by(
        "indicator__number"
    )
    rows = []
    for score in scores:
        tool = score.indicator.tool.code
        rows.append(
            [tool, str(score.indicator.number), score.indicator.name_th, _score(score.score)]
        )
    blocks.append(
        b.table(
            "คะแนนรายตัวชี้วัด",
            ["แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"],
            rows,
            [1, 1, 5, 1.4],
        )
    )
    if rows:
        blocks.append(_indicator_chart(assessment, scores))
    blocks.append(
        b.heading(f"ส่วนที่ 1 ข้อมูลรายละเอียดการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}")
    )
    issues: OrderedDict[int, list] = OrderedDict()
    for finding in analysis.findings.all():
        issues.setdefault(finding.issue_number, []).append(finding)
    narratives = {n.issue_number: n.text for n in analysis.narratives.all()}
    for number, findings in issues.items():
        issue_title = findings[0].issue_title
        blocks.append(b.heading(f"ประเด็นที่ {number} {issue_title}"))
        rows = []
        for finding in findings:
            questions = finding.questions or [{"code": "", "score": None}]
            for index, question in enumerate(questions):
                first = index == 0
                verdict = finding.get_verdict_display()
                rows.append(
                    [
                        finding.tool if first else "",
                        f"ข้อ {question['code']}" if question.get("code") else "",
                        _score(question.get("score")),
                        (finding.recommendation or verdict) if first else "",
                    ]
                )
        blocks.append(
            b.table(
                "",
                ["เครื่องมือการประเมิน", "ข้อคำถาม", "คะแนน", "ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ"],
                rows,
                [2, 1.3, 1.2, 5],
            )
        )
        if narratives.get(number):
            blocks += [
                b.heading(f"วิเคราะห์บรรยายเชิงพรรณนา ประเด็น ({number}) {issue_title}"),
                b.para(narratives[number]),
            ]
    blocks.append(
        b.heading(f"ส่วนที่ 2 การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. {next_year}")
    )
    plan = MeasurePlan.objects.filter(agency=agency, fiscal_year=next_year).first()
    if plan is None:
        blocks.append(b.para(f"(ยังไม่ได้จัดทำแผนมาตรการปีงบประมาณ {next_year})"))
    else:
        rows = []
        for m in _measures(plan):
            rows += _part_2_rows(m)
        blocks.append(
            b.table(
                "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
                [
                    "หัวข้อ",
                    "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ",
                    "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง",
                    "ขั้นตอน/วิธีปฏิบัติ",
                    "ระยะเวลาดำเนินงาน",
                ],
                rows,
                [2.5, 4.5, 2, 4, 2],
                landscape=True,
            )
        )
    blocks.append(
        b.heading(
            "ส่วนที่ 3 การวิเคราะห์ข้อจำกัดของหน่วยงานในการดำเนินการประเมินคุณธรรมและความโปร่งใส"
            "ในการดำเนินงานของหน่วยงานภาครัฐ"
        )
    )
    constraints = [
        ("ข้อจำกัดด้านบุคลากร", analysis.constraint_staff),
        ("ข้อจำกัดด้านงบประมาณ", analysis.constraint_budget),
        ("ข้อจำกัดด้านเทคโนโลยี", analysis.constraint_technology),
        ("ข้อจำกัดด้านสภาพพื้นที่", analysis.constraint_area),
        ("ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่", analysis.constraint_economy),
    ]
    for number, (label, text) in enumerate(constraints, 1):
        blocks.append(b.para(f"{number}. {label}: {text or '-'}"))
    return _document(
        "analysis",
        f"รายงานการวิเคราะห์ผลการประเมิน ITA ปี {year}",
        agency,
        year,
        blocks,
        source_id=analysis.pk,
    )


# --- Measures plan ------------------------------------------------------------------------


def _plan_rows(plan: MeasurePlan) -> list[dict]:
    rows = []
    for m in _measures(plan):
        kpi = f"{_number(m.kpi_target)} {m.kpi_unit}".strip()
        rows.append({**_measure_cells(m), "steps": b.numbered(m.steps), "kpi": kpi})
    return rows


def plan_document(plan: MeasurePlan) -> dict:
    agency = plan.agency
    year = plan.fiscal_year
    blocks = [
        b.title(
            plan.title or PURPOSE,
            f"ประจำปีงบประมาณ พ.ศ. {year}",
            agency.name,
            _place(agency),
        ),
        role_table(
            "มาตรการ",
            plan,
            ["title", "methods", "steps", "responsible", "period", "kpi"],
            _plan_rows(plan),
            landscape=True,
        ),
    ]
    return _document(
        "plan",
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปี {year}",
        agency,
        year,
        blocks,
        source_id=plan.pk,
    )


# --- Progress report for a round (seeds 000, 001, 004), with its memo (seed 000) ------------


def _round_period(round_: ProgressRound) -> str:
    start, end = round_bounds(round_.plan.fiscal_year, round_.round)
    months = "%B %Y"
    return f"{thai_strftime(start, months)} – {thai_strftime(end, months)}"


CLOSING = "จึงเรียนมาเพื่อโปรดทราบและพิจารณา"


def _step_label(step, index: int, count: int) -> str:
    """The step's own label as the agency set it; for a chain set up without labels, the
    customary ones (the writer signs under the text without one)."""
    if step.comment_label:
        return step.comment_label
    if index == 0:
        return ""
    if index == count - 1:
        return "ข้อสั่งการ"
    return f"ความเห็น{step.signatory.position}"


def signature_block(step, index: int, count: int) -> dict:
    """One step of the chain as it was signed: its label, what was said (the comment; the
    decision when it was given in the app with no comment; nothing when nothing was said),
    dotted lines to write on while the step waits for its signature, then the signer.

    The writer (the first step) proposes and decides nothing: no decision, no lines."""
    writer = index == 0
    decided = step.decision != "pending"
    said = step.comment.strip()
    if not said and decided and step.decided_at and not writer:
        said = step.get_decision_display()  # pressed in the app: that is what was given
    return {
        "type": "signature",
        "label": _step_label(step, index, count),
        "comment": "" if writer and not step.comment.strip() else said,
        "lines": 0 if writer or decided or said else 2,  # to write on by hand
        "name": f"({step.signatory.name})",
        "position": step.signatory.position,
        "date": format_date(step.decided_at.date(), digits="arabic")
        if step.decided_at and decided
        else "",
        "writer": writer,
    }


def memo_blocks(memo: Memo, enclosure: str = "") -> list[dict]:
    """The memo (บันทึกข้อความ) in the form of แบบที่ ๒๙ of the ระเบียบงานสารบรรณ, then the
    chain as it was signed (see docs/documents.md, "บันทึกข้อความ")."""
    head = {
        "type": "memo_head",
        "department": memo.department,
        "reference": memo.reference,
        "date": format_date(memo.date, digits="arabic"),
        "subject": memo.subject,
        "addressee": memo.addressee,
        "enclosure": enclosure,
        "emblem": emblem.emblem_path(),
    }
    blocks = [head]
    for label, text in (
        ("เรื่องเดิม", memo.background),
        ("ข้อเท็จจริง", memo.facts),
        ("ข้อพิจารณา", memo.consideration),
    ):
        if text.strip():
            blocks += [{**b.heading(label), "memo": True}, b.para(text)]
    said = " ".join([memo.background, memo.facts, memo.consideration])
    if "จึงเรียนมา" not in said:
        blocks.append(b.para(CLOSING))
    steps = list(memo.signoffs.select_related("signatory").order_by("order"))
    blocks += [signature_block(step, i, len(steps)) for i, step in enumerate(steps)]
    if memo.status == "paper":  # signed on paper, imported: printed as the record it is
        signatures = memo.paper_signatures
        for index, sig in enumerate(signatures):
            blocks.append(
                {
                    "type": "signature",
                    "label": sig.get("label") or "",
                    "comment": sig.get("comment") or "",  # what was written, nothing invented
                    "lines": 0,
                    "name": f"({sig.get('name', '')})",
                    "position": sig.get("position", ""),
                    "date": "",
                    "writer": index == 0,
                }
            )
        when = format_date(timezone.localtime(memo.paper_imported_at).date(), digits="arabic")
        who = memo.paper_imported_by_name or "ไม่ทราบ"
        blocks.append(b.para(f"ลงนามในเอกสารกระดาษ นำเข้าโดย {who} เมื่อ {when}"))
    blocks.append(b.pagebreak())
    return blocks


def _round_memo(round_: ProgressRound) -> Memo | None:
    return round_.memos.order_by("-date", "-pk").first()


def _round_name(round_: ProgressRound) -> str:
    """``รอบ 6 เดือน`` when the round is known; "" for a report that states none."""
    return round_label(round_.round, "arabic") if round_.round_stated else ""


def _round_title(round_: ProgressRound, suffix: str = "") -> list[str]:
    agency = round_.plan.agency
    year = f"ประจำปีงบประมาณ พ.ศ. {round_.plan.fiscal_year}"
    if round_.round_stated:
        year += f" {_round_name(round_)} ({_round_period(round_)})"
    return [f"รายงานผลการดำเนินการตาม{PURPOSE}{suffix}", f"ของ{agency.name} {_place(agency)}", year]


def progress_document(round_: ProgressRound, *, with_memo: bool = True) -> dict:
    plan = round_.plan
    agency = plan.agency
    memo = _round_memo(round_) if with_memo else None
    title = _round_title(round_)
    blocks = memo_blocks(memo, f"{title[0]} {title[-1]} จำนวน 1 ฉบับ") if memo else []
    blocks.append(b.title(*title))
    if round_.introduction:
        blocks.append(b.para(round_.introduction))
    rows = []
    progress = round_.progress.select_related("measure").prefetch_related(
        "measure__responsible_units"
    )
    for p in progress.order_by("measure__number"):
        m = p.measure
        result = p.result
        if p.status == "cancelled" and p.cancel_reason:
            result = f"ยกเลิก: {p.cancel_reason}"
        if p.kpi_actual is not None:
            kpi = f"ผลที่ได้ {_number(p.kpi_actual)} {m.kpi_unit}".strip()
            if m.kpi_target:
                kpi += f" จากเป้าหมาย {_number(m.kpi_target)} (ร้อยละ {p.kpi_percent})"
            result = f"{result}\n{kpi}".strip()
        cells = {"result": result, "outcome": p.outcome, "suggestion": p.suggestion}
        rows.append({**_measure_cells(m), **cells})
    roles = ["title", "methods", "responsible", "period", "result", "outcome", "suggestion"]
    blocks.append(role_table("ผลการดำเนินการตามมาตรการ", plan, roles, rows, landscape=True))
    return _document(
        "progress",
        f"รายงานผลการดำเนินการตามมาตรการ ปี {plan.fiscal_year} {_round_name(round_)}".strip(),
        agency,
        plan.fiscal_year,
        blocks,
        round=round_.round,
        source_id=round_.pk,
        memo_id=memo.pk if memo else None,
    )


# --- Progress report by assessment tool (seed 002) ----------------------------------------


def progress_by_tool_document(round_: ProgressRound) -> dict:
    plan = round_.plan
    agency = plan.agency
    by_tool: OrderedDict[str, list] = OrderedDict((tool, []) for tool in ("IIT", "EIT", "OIT"))
    others = []
    progress = round_.progress.select_related("measure").prefetch_related(
        "measure__responsible_units"
    )
    for p in progress.order_by("measure__number"):
        by_tool.get(p.measure.tool, others).append(p)
    blocks = [b.title(*_round_title(round_, " แยกตามเครื่องมือการประเมิน"))]
    if round_.introduction:
        blocks.append(b.para(round_.introduction))
    rows = []
    groups = [(TOOL_NAMES[tool], items) for tool, items in by_tool.items() if items]
    if others:
        groups.append(("มาตรการอื่น (ไม่ได้ระบุเครื่องมือการประเมิน)", others))
    for name, items in groups:
        if len(items) == 1:
            name = items[0].measure.title or name
        rows.append(
            {
                "tool": name,
                "methods": b.numbered(
                    [b.numbered(p.measure.methods) or p.measure.title for p in items]
                ),
                "result": "\n".join(p.result for p in items if p.result),
                "responsible_period": "\n".join(
                    " / ".join(x for x in (_responsible(p.measure), _period(p.measure)) if x)
                    for p in items
                ),
                "outcome": "\n".join(p.outcome for p in items if p.outcome),
            }
        )
    blocks.append(
        role_table(
            "ผลการดำเนินการแยกตามเครื่องมือการประเมิน",
            plan,
            ["tool", "methods", "result", "responsible_period", "outcome"],
            rows,
            usual=BY_TOOL_LABELS,
            landscape=True,
        )
    )
    return _document(
        "progress-by-tool",
        f"รายงานผลการดำเนินการแยกตามเครื่องมือ ปี {plan.fiscal_year} {_round_name(round_)}".strip(),
        agency,
        plan.fiscal_year,
        blocks,
        round=round_.round,
        source_id=round_.pk,
    )
