"""The memo (บันทึกข้อความ) and its sign-off chain, as a state machine with an event log.

draft ──send──▶ in_review ──approve (each step in turn)──▶ approved
                    │
                    └──return (any step, with a reason)──▶ returned ──send──▶ in_review …

Each step records actor, time, decision, comment and the hash of the content it approved. A
memo carries a round, a plan or an analysis; while the memo is in review or approved, that
content is frozen (its status is ``submitted`` then ``approved``); a return sends it back to
``draft`` so it can be corrected. Submitted is not approved: only the last signer's approval
approves it.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from prongsai.agencies.models import Signatory
from prongsai.core.actions import action
from prongsai.thai import format_date, to_thai_digits

from .models import MeasurePlan, Memo, MemoEvent, ProgressRound, SignOff


class SignOffError(ValueError):
    def __init__(self, message_th: str):
        self.message_th = message_th
        super().__init__(message_th)


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


def _subject_field(subject) -> str:
    if isinstance(subject, ProgressRound):
        return "round"
    if isinstance(subject, MeasurePlan):
        return "plan"
    return "analysis"


def _texts(subject) -> dict[str, str]:
    kind = _subject_field(subject)
    if kind == "round":
        return _round_texts(subject)
    if kind == "plan":
        return _plan_texts(subject)
    return _analysis_texts(subject)


def _nothing_to_send(subject) -> str | None:
    kind = _subject_field(subject)
    if kind == "plan" and not subject.measures.exists():
        return _("แผนนี้ยังไม่มีมาตรการ เพิ่มมาตรการอย่างน้อย ๑ มาตรการก่อนเสนอ")
    if kind == "analysis" and not subject.findings.exists():
        return _("ยังไม่ได้ร่างการวิเคราะห์ กด “ร่างการวิเคราะห์จากคะแนน” ก่อนเสนอ")
    return None


@transaction.atomic
def draft_memo(subject) -> Memo:
    """A memo for a progress round, a measures plan or an analysis: its three paragraphs
    drafted from the data, and its chain from the agency's active signatories (in their
    order). Editable until it is sent. The unapproved memo already drafted is returned as is."""
    agency = subject.plan.agency if isinstance(subject, ProgressRound) else subject.agency
    chain = list(Signatory.objects.filter(agency=agency, active=True).order_by("order", "pk"))
    if len(chain) < 2:
        from prongsai.access.actions import empty_chain_message

        raise SignOffError(empty_chain_message(agency))
    if problem := _nothing_to_send(subject):
        raise SignOffError(problem)
    existing = subject.memos.exclude(status__in=("approved", "paper")).first()
    if existing:
        return existing
    if subject.status != "draft":
        # approved or published: a new memo would send it round again and, returned, make
        # approved content editable; a correction is a new version
        raise SignOffError(
            _("ส่วนนี้%(status)s เสนอซ้ำไม่ได้ (การแก้ไขต้องทำเป็นฉบับใหม่)")
            % {"status": subject.get_status_display()}
        )
    last = chain[-1]
    memo = Memo.objects.create(
        agency=agency,
        department=agency.name,
        date=timezone.localdate(),
        addressee=last.position,
        **{_subject_field(subject): subject},
        **_texts(subject),
    )
    bulk_create_with_history(
        [
            SignOff(memo=memo, order=n, signatory=s, comment_label=f"ความเห็น{s.position}")
            for n, s in enumerate(chain, start=1)
        ],
        SignOff,
    )
    return memo


EDITABLE = ("draft", "returned")


@transaction.atomic
def update_memo(memo: Memo, form) -> Memo:
    """Save a valid ``MemoForm``. Only a draft or a returned memo changes: one in review or
    approved is refused (an approved memo is what was signed; a correction is a new memo)."""
    current = Memo.objects.select_for_update().get(pk=memo.pk)
    if current.status not in EDITABLE:
        raise SignOffError(
            f"บันทึกข้อความนี้{current.get_status_display()} แก้ไขไม่ได้ "
            "(เนื้อหาที่ลงนามแล้วต้องคงเดิม การแก้ไขต้องทำเป็นฉบับใหม่)"
        )
    return form.save()


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


def _user(by):
    """A saved user for the audit trail (an anonymous or absent one is recorded as none)."""
    return by if getattr(by, "pk", None) else None


def _set_subject_status(memo: Memo, status: str) -> None:
    subject = subject_of(memo)
    subject._history_user = getattr(memo, "_history_user", None)  # the audit trail's "who"
    subject.status = status
    subject.save(update_fields=["status", "updated_at"])


@action("memo.send")  # a door of the guarded analysis status (act-cycle's memo actions replace it)
def send(memo: Memo, *, by) -> Memo:
    """Send (or send again after a return) up the chain; the first signer is the proposer."""
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    memo._history_user = _user(by)  # the audit trail's "who", also outside a web request
    if memo.status not in ("draft", "returned"):
        raise SignOffError(
            _("บันทึกข้อความนี้%(status)sแล้ว ส่งซ้ำไม่ได้") % {"status": memo.get_status_display()}
        )
    if memo.round_id:
        from .services import missing_results

        missing = missing_results(memo.round)
        if missing:
            numbers = ", ".join(str(m.number) for m in missing)
            raise SignOffError(
                _("ยังเสนอไม่ได้: มาตรการที่ %(numbers)s ยังไม่มีสถานะหรือผลการดำเนินงาน")
                % {"numbers": numbers}
            )
    elif problem := _nothing_to_send(subject_of(memo)):
        raise SignOffError(problem)
    memo.signoffs.update(decision="pending", comment="", decided_at=None, content_hash="")
    memo.status = "in_review"
    memo.save(update_fields=["status", "updated_at"])
    _set_subject_status(memo, "submitted")
    MemoEvent.objects.create(memo=memo, action="sent", actor=by, content_hash=content_hash(memo))
    return memo


@action("memo.decide")
def decide(memo: Memo, *, by, decision: str, comment: str = "") -> Memo:
    """The current signer approves or returns (a return needs a reason)."""
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    memo._history_user = _user(by)
    step = current_step(memo)
    if step is None:
        raise SignOffError(_("บันทึกข้อความนี้ไม่ได้รอการพิจารณา"))
    if not can_act(by, step):
        raise SignOffError(
            _("รอการพิจารณาของ %(name)s (%(position)s)")
            % {"name": step.signatory.name, "position": step.signatory.position}
        )
    if decision not in ("approved", "returned"):
        raise SignOffError(_("เลือก เห็นชอบ หรือ ส่งกลับแก้ไข"))
    if decision == "returned" and not comment.strip():
        raise SignOffError(_("การส่งกลับแก้ไขต้องระบุเหตุผล"))
    digest = content_hash(memo)
    step.decision, step.comment, step.decided_at, step.content_hash = (
        decision,
        comment.strip(),
        timezone.now(),
        digest,
    )
    step._history_user = _user(by)
    step.save()
    MemoEvent.objects.create(
        memo=memo,
        action=decision,
        signoff=step,
        actor=by,
        signatory_name=f"{step.signatory.name} ({step.signatory.position})",
        comment=comment.strip(),
        content_hash=digest,
    )
    if decision == "returned":
        memo.status = "returned"
        _set_subject_status(memo, "draft")
    elif current_step(memo) is None:
        memo.status = "approved"
        _set_subject_status(memo, "approved")
    memo.save(update_fields=["status", "updated_at"])
    return memo


def still_as_approved(memo: Memo) -> bool:
    """True when the content now is what the last signer approved (false = approval void)."""
    last = memo.signoffs.filter(decision="approved").order_by("-order").first()
    return (
        memo.status == "approved" and last is not None and last.content_hash == content_hash(memo)
    )


def record_signed(memo: Memo) -> None:
    """A memo that arrives signed (read from a signed document): its approvals are stamped with
    the content as it arrived, so it shows as approved and can be published; a later change
    voids them like any other approval."""
    memo.signoffs.filter(decision="approved").update(content_hash=content_hash(memo))


def thai_date(memo: Memo) -> str:
    return format_date(memo.date, "long", "thai")
