"""The words a document keeps from the agency: a plan's column labels and a round's
introduction paragraph. The importer stores what the source said; these doors let the officer
change them (or write them for a plan typed in Prongsai) while the plan or round is a draft.
A draft introduction is offered where there is none, in the words agencies use (seed 004)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.access.scope import require
from prongsai.core import events
from prongsai.core.actions import action
from prongsai.core.errors import Invalid
from prongsai.core.workflow import require_draft
from prongsai.measures.models import MeasurePlan, ProgressRound
from prongsai.thai import to_thai_digits
from prongsai.thai.fiscal import round_label

from .builders import USUAL_LABELS

LABEL_MAX = 200
INTRODUCTION_MAX = 4000


def plan_labels(plan: MeasurePlan) -> list[tuple[str, str, str]]:
    """``(role, label as the agency writes it or "", the usual label)`` for every role, the
    agency's own order first."""
    written = dict(plan.column_labels or [])
    order = [role for role, _label in plan.column_labels or [] if role in USUAL_LABELS]
    order += [role for role in USUAL_LABELS if role not in order]
    return [(role, written.get(role, ""), USUAL_LABELS[role]) for role in order]


@action("plan.labels")
def plan_labels_save(plan_id: int, labels: dict[str, str], *, by) -> MeasurePlan:
    """Keep ``labels`` (role → the agency's header; empty = the usual one) with the plan, in
    the agency's order. Refused once the plan has left the draft: the approved document's
    headers do not change."""
    plan = MeasurePlan.objects.select_for_update().get(pk=plan_id)
    require(by, plan.agency_id, "edit")
    require_draft(plan, _("แผนมาตรการนี้"))
    if unknown := sorted(set(labels) - set(USUAL_LABELS)):
        raise Invalid(_("ไม่มีคอลัมน์ %(roles)s"), field="labels", roles=", ".join(unknown))
    for role, label in labels.items():
        if len(label.strip()) > LABEL_MAX:
            raise Invalid(
                _("หัวคอลัมน์ “%(usual)s” ยาวเกิน %(max)s ตัวอักษร"),
                field=f"label-{role}",
                usual=USUAL_LABELS[role],
                max=LABEL_MAX,
            )
    order = [role for role, _written, _usual in plan_labels(plan)]
    plan.column_labels = [
        [role, labels[role].strip()] for role in order if (labels.get(role) or "").strip()
    ]
    plan.save(update_fields=["column_labels", "updated_at"])
    events.record(
        "plan.labels",
        plan,
        by=by,
        agency=plan.agency_id,
        year=plan.fiscal_year,
        data={"labels": plan.column_labels},
    )
    return plan


def draft_introduction(round_: ProgressRound) -> str:
    """The paragraph agencies put before the table (seed 004's words), for a round that has
    none yet: what was analysed, what was planned, that this is what was done."""
    plan = round_.plan
    name = plan.agency.name
    year = to_thai_digits(str(plan.fiscal_year))
    before = to_thai_digits(str(plan.fiscal_year - 1))
    when = f" ใน{round_label(round_.round)}" if round_.round_stated else ""
    return (
        f"ตามที่ {name} ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {before} "
        f"และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {year} ทั้งนี้ "
        f"{name} ได้ดำเนินการตามมาตรการดังกล่าว{when} โดยมีผลการดำเนินการดังนี้"
    )


@action("round.introduction")
def round_introduction_save(round_id: int, text: str, *, by) -> ProgressRound:
    """The round report's introduction paragraph (empty: the report starts with its table).
    Refused once the round has been submitted."""
    round_ = ProgressRound.objects.select_for_update().select_related("plan").get(pk=round_id)
    require(by, round_.plan.agency_id, "edit")
    require_draft(round_, _("รายงานรอบนี้"))
    text = " ".join(text.split())
    if len(text) > INTRODUCTION_MAX:
        raise Invalid(_("ย่อหน้านำยาวเกิน %(max)s ตัวอักษร"), field="introduction", max=INTRODUCTION_MAX)
    round_.introduction = text
    round_.save(update_fields=["introduction", "updated_at"])
    events.record(
        "round.introduction",
        round_,
        by=by,
        agency=round_.plan.agency_id,
        year=round_.plan.fiscal_year,
        data={"round": round_.round, "length": len(text)},
    )
    return round_
