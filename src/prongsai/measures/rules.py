"""What the measures app's actions and pages ask, never change: the memo's drafted texts and
content hash, whose turn it is, whether an approval still holds, what a round still lacks.
(The changes themselves are in :mod:`prongsai.measures.actions`.)"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.utils.translation import gettext as _

from prongsai.core.choices import MemoStatus
from prongsai.thai import format_date, to_thai_digits

from .models import Measure, MeasurePlan, Memo, ProgressRound, SignOff


def subject_of(memo: Memo):
    return memo.round or memo.plan or memo.analysis


def content_hash(memo: Memo) -> str:
    """A hash of the memo's text and of what it carries (progress rows, measures, findings)."""
    subject = subject_of(memo)
    parts: dict = {
        "memo": [
            memo.department,
            memo.reference,
            str(memo.date),
            memo.subject,
            memo.addressee,
            memo.background,
            memo.facts,
            memo.consideration,
        ],
    }
    if memo.round_id:
        parts["progress"] = list(
            subject.progress.order_by("measure__number").values_list(
                "measure__title", "status", "result", "outcome", "suggestion", "kpi_actual"
            )
        )
    elif memo.plan_id:
        parts["measures"] = list(
            subject.measures.order_by("number").values_list(
                "number", "title", "methods", "period_start", "period_end", "kpi_target"
            )
        )
    else:  # the analysis: its findings, narratives, constraints and the scores behind it
        from prongsai.analysis.content import content_parts

        parts.update(content_parts(subject))
    text = json.dumps(parts, ensure_ascii=False, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _round_texts(round_: ProgressRound) -> dict[str, str]:
    agency, year = round_.plan.agency, round_.plan.fiscal_year
    before, this = to_thai_digits(str(year - 1)), to_thai_digits(str(year))
    if round_.round == "6m":
        span = f"รอบ ๖ เดือน (ตุลาคม {before} - มีนาคม {this})"
    else:
        span = f"รอบ ๑๒ เดือน (ตุลาคม {before} - กันยายน {this})"
    fy = f"ประจำปีงบประมาณ พ.ศ. {this}"
    count = to_thai_digits(str(round_.plan.measures.count()))
    what = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    return {
        "subject": f"{what} {fy} {span}",
        "background": (
            f"ตามที่ {agency.name} ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการ"
            f"ดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) "
            f"ในปี พ.ศ. {to_thai_digits(str(year - 1))} และได้กำหนดมาตรการส่งเสริมคุณธรรมและความ"
            f"โปร่งใสภายในหน่วยงาน {fy} จำนวน {count} มาตรการ นั้น"
        ),
        "facts": (
            f"บัดนี้ {agency.name} ได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน"
            f"หน่วยงาน {fy} {span} เรียบร้อยแล้ว รายละเอียดตามรายงานที่แนบ"
        ),
        "consideration": f"จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดอนุมัติให้เผยแพร่{what}ดังกล่าว"
        f"บนเว็บไซต์ของหน่วยงานต่อไป",
    }


def _plan_texts(plan: MeasurePlan) -> dict[str, str]:
    agency, year = plan.agency, plan.fiscal_year
    fy = f"ประจำปีงบประมาณ พ.ศ. {to_thai_digits(str(year))}"
    count = to_thai_digits(str(plan.measures.count()))
    what = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    return {
        "subject": f"ขออนุมัติ{what} {fy}",
        "background": (
            f"ตามที่ {agency.name} ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
            f"ของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) ประจำปี พ.ศ. "
            f"{to_thai_digits(str(year - 1))} เพื่อกำหนดแนวทางการพัฒนาหน่วยงานในปีถัดไป นั้น"
        ),
        "facts": (
            f"{agency.name} ได้จัดทำ{what} {fy} จำนวน {count} มาตรการ "
            f"โดยกำหนดวิธีการดำเนินการ ผู้รับผิดชอบ ระยะเวลา และตัวชี้วัด รายละเอียดตามแผนที่แนบ"
        ),
        "consideration": (
            f"จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดอนุมัติ{what}ดังกล่าว และให้เผยแพร่บนเว็บไซต์ของหน่วยงานต่อไป"
        ),
    }


def _analysis_texts(analysis) -> dict[str, str]:
    agency, year = analysis.agency, analysis.fiscal_year
    assessment = analysis.assessment
    score = ""
    if assessment.overall is not None:
        score = f" ได้คะแนน {to_thai_digits(f'{assessment.overall:.2f}')} คะแนน"
        if assessment.rating:
            score += f" ผลการประเมินอยู่ในระดับ{assessment.rating}"
    what = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
    issues = to_thai_digits(str(len({f.issue_number for f in analysis.findings.all()})))
    return {
        "subject": f"รายงานการวิเคราะห์{what} ประจำปี พ.ศ. {to_thai_digits(str(year))}",
        "background": (
            f"ตามที่ {agency.name} ได้รับการประเมิน{what} (Integrity and Transparency "
            f"Assessment : ITA) ประจำปี พ.ศ. {to_thai_digits(str(year))}{score} นั้น"
        ),
        "facts": (
            f"{agency.name} ได้วิเคราะห์ผลการประเมินดังกล่าวเป็นรายประเด็น จำนวน {issues} ประเด็น "
            f"พร้อมข้อเสนอแนะ แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ และข้อจำกัดของหน่วยงาน "
            f"รายละเอียดตามรายงานที่แนบ"
        ),
        "consideration": (
            "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดอนุมัติรายงานการวิเคราะห์ดังกล่าว "
            "เพื่อใช้กำหนดมาตรการของปีงบประมาณถัดไป และเผยแพร่บนเว็บไซต์ของหน่วยงานต่อไป"
        ),
    }


def subject_field(subject) -> str:
    if isinstance(subject, ProgressRound):
        return "round"
    if isinstance(subject, MeasurePlan):
        return "plan"
    return "analysis"


def drafted_texts(subject) -> dict[str, str]:
    kind = subject_field(subject)
    if kind == "round":
        return _round_texts(subject)
    if kind == "plan":
        return _plan_texts(subject)
    return _analysis_texts(subject)


def nothing_to_send(subject) -> str | None:
    kind = subject_field(subject)
    if kind == "plan" and not subject.measures.exists():
        return _("แผนนี้ยังไม่มีมาตรการ เพิ่มมาตรการอย่างน้อย ๑ มาตรการก่อนเสนอ")
    if kind == "analysis" and not subject.findings.exists():
        return _("ยังไม่ได้ร่างการวิเคราะห์ กด “ร่างการวิเคราะห์จากคะแนน” ก่อนเสนอ")
    return None


EDITABLE = (MemoStatus.DRAFT, MemoStatus.RETURNED)


def current_step(memo: Memo) -> SignOff | None:
    if memo.status != "in_review":
        return None
    return memo.signoffs.filter(decision="pending").order_by("order").first()


def can_act(user, step: SignOff | None) -> bool:
    return bool(
        step is not None
        and user.is_authenticated
        and (step.signatory.user_id == user.pk or user.is_superuser)
    )


def still_as_approved(memo: Memo) -> bool:
    """True when the content now is what the last signer approved (false = approval void)."""
    last = memo.signoffs.filter(decision="approved").order_by("-order").first()
    return (
        memo.status == "approved" and last is not None and last.content_hash == content_hash(memo)
    )


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


def is_overdue(measure: Measure, progress, today: date) -> bool:
    """Past its end date and not done (nor cancelled)."""
    return bool(
        measure.period_end
        and today > measure.period_end
        and (progress is None or progress.status not in ("done", "cancelled"))
    )


def thai_date(memo: Memo) -> str:
    return format_date(memo.date, "long", "thai")
