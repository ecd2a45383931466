"""The doors to an analysis: :func:`analysis_draft` (from the scores) and :func:`analysis_save`
(what the officer wrote). Its review and approval go through its memo (measures' actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from prongsai.access import scope
from prongsai.assessments.models import Assessment
from prongsai.core import events
from prongsai.core.actions import action
from prongsai.core.errors import Invalid
from prongsai.core.workflow import require_draft
from prongsai.criteria.services import get_catalog

from .content import content_hash
from .models import Analysis, Finding, IssueNarrative
from .services import draft, recommendation_for

CONSTRAINT_FIELDS = (
    "constraint_staff",
    "constraint_budget",
    "constraint_technology",
    "constraint_area",
    "constraint_economy",
)
# what the officer writes of the report itself: its cover title and part 3's constraints
TEXT_FIELDS = ("cover_title", *CONSTRAINT_FIELDS)


@dataclass
class AnalysisEdit:
    """What the officer wrote: recommendations by finding id, narratives by issue number,
    the report's own texts by field name (:data:`TEXT_FIELDS`: the cover title and the
    constraints; ``None`` = leave as they are)."""

    recommendations: dict[int, str] = field(default_factory=dict)
    narratives: dict[int, str] = field(default_factory=dict)
    constraints: dict[str, str] | None = None


def _what(analysis: Analysis):
    return _("การวิเคราะห์ผลปี %(year)s ") % {"year": analysis.fiscal_year}


@action("analysis.draft")
def analysis_draft(
    agency_id: int, fiscal_year: int, *, target: Decimal | None = None, by
) -> tuple[Analysis, bool]:
    """Draft the analysis of the agency's results of ``fiscal_year`` and store it: one finding
    per issue and tool, its verdict and the library's recommendation. An existing analysis is
    returned as it is (``created`` False); two requests at once make one."""
    agency_id = getattr(agency_id, "pk", agency_id)
    scope.require(by, agency_id, "edit")
    assessment = Assessment.objects.filter(agency_id=agency_id, fiscal_year=fiscal_year).first()
    if assessment is None:
        raise Invalid(
            _("ยังไม่มีผลการประเมินปี %(year)s จึงยังร่างการวิเคราะห์ไม่ได้"),
            code="no_results",
            year=fiscal_year,
        )
    existing = Analysis.objects.filter(agency_id=agency_id, fiscal_year=fiscal_year).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # the unique (agency, year): a racing twin loses here
            analysis = Analysis.objects.create(
                agency_id=agency_id,
                fiscal_year=fiscal_year,
                assessment=assessment,
                target=target if target is not None else get_catalog(fiscal_year).improve_below,
            )
    except IntegrityError:
        return Analysis.objects.get(agency_id=agency_id, fiscal_year=fiscal_year), False
    Finding.objects.bulk_create(
        Finding(
            analysis=analysis,
            issue_number=issue.number,
            issue_title=issue.title,
            tool=t.tool,
            questions=[
                {"code": q.code, "score": str(q.score), "weak": q.weak} for q in t.questions
            ],
            verdict=t.verdict,
            recommendation=recommendation_for(fiscal_year, issue.number, t.tool, t.verdict),
        )
        for issue in draft(assessment, analysis.target)
        for t in issue.tools
    )
    events.record(
        "analysis.draft",
        analysis,
        by=by,
        agency=agency_id,
        year=fiscal_year,
        content_hash=content_hash(analysis),
    )
    return analysis, True


@action("analysis.save")
def analysis_save(analysis_id: int, edit: AnalysisEdit, *, by) -> Analysis:
    """Save what the officer wrote. Refused (Frozen) once the analysis has left the draft."""
    analysis = Analysis.objects.select_for_update().get(pk=analysis_id)
    scope.require(by, analysis.agency_id, "edit")
    require_draft(analysis, _what(analysis))
    recommendations = edit.recommendations or {}
    findings = dict(analysis.findings.values_list("pk", "issue_number"))
    if unknown := sorted(set(recommendations) - set(findings)):
        raise Invalid(
            _("ไม่พบข้อเสนอแนะหมายเลข %(ids)s ในการวิเคราะห์นี้"),
            field="recommendations",
            ids=", ".join(str(i) for i in unknown[:5]),
        )
    if unknown := sorted(set(edit.narratives or {}) - set(findings.values())):
        raise Invalid(
            _("การวิเคราะห์นี้ไม่มีประเด็นที่ %(numbers)s"),
            field="narratives",
            numbers=", ".join(str(i) for i in unknown[:5]),
        )
    for finding in analysis.findings.filter(pk__in=list(recommendations)):
        finding.recommendation = recommendations[finding.pk].strip()
        finding.save(update_fields=["recommendation"])
    for number, text in (edit.narratives or {}).items():
        IssueNarrative.objects.update_or_create(
            analysis=analysis, issue_number=number, defaults={"text": text.strip()}
        )
    if edit.constraints:
        for name, text in edit.constraints.items():
            if name not in TEXT_FIELDS:
                raise Invalid(_("ไม่มีช่อง %(name)s"), field=name, name=name)
            setattr(analysis, name, text.strip())
        analysis.save()
    events.record(
        "analysis.save",
        analysis,
        by=by,
        agency=analysis.agency_id,
        year=analysis.fiscal_year,
        content_hash=content_hash(analysis),
    )
    return analysis
