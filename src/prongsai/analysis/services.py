"""Drafting and storing an agency's analysis of a year's results."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.criteria.services import get_catalog

from .models import Analysis, Finding, RecommendationText
from .rules import IssueDraft, draft_issues


class NoResults(LookupError):
    def __init__(self, agency, year: int):
        self.message_th = f"{agency.name} ยังไม่มีผลการประเมินปี {year} จึงยังวิเคราะห์ไม่ได้"
        self.message_en = f"{agency.name} has no {year} results to analyse yet"
        super().__init__(self.message_th)


def recommendation_for(year: int, issue: int, tool: str, verdict: str) -> str:
    """The most specific active text of the library for (year, issue, tool, verdict)."""
    rows = RecommendationText.objects.filter(
        Q(fiscal_year=year) | Q(fiscal_year__isnull=True),
        Q(issue_number=issue) | Q(issue_number__isnull=True),
        Q(tool=tool) | Q(tool=""),
        verdict=verdict,
        active=True,
    )

    def specificity(r: RecommendationText) -> tuple[int, int, int]:
        return (r.issue_number is not None, r.tool != "", r.fiscal_year is not None)

    best = max(rows, key=specificity, default=None)
    return best.text if best else ""


def question_scores(assessment: Assessment) -> dict[str, Decimal]:
    """What the assessment states per question (inferred scores are not evidence)."""
    return {
        code: score
        for code, score in assessment.question_scores.filter(inferred=False).values_list(
            "question__code", "score"
        )
    }


def draft(assessment: Assessment, target: Decimal | None = None) -> list[IssueDraft]:
    return draft_issues(get_catalog(assessment.fiscal_year), question_scores(assessment), target)


def draft_json(assessment: Assessment, target: Decimal | None = None) -> dict:
    """The drafted analysis as ``prongsai analyse --format json`` prints it."""
    year = assessment.fiscal_year
    return {
        "agency": assessment.agency.name,
        "fiscal_year": year,
        "target": float(target if target is not None else get_catalog(year).improve_below),
        "issues": [
            {
                "number": issue.number,
                "title": issue.title,
                "tools": [
                    {
                        "tool": t.tool,
                        "questions": [
                            {"code": q.code, "score": float(q.score)} for q in t.questions
                        ],
                        "weak": list(t.weak),
                        "verdict": t.verdict,
                        "recommendation": recommendation_for(year, issue.number, t.tool, t.verdict),
                    }
                    for t in issue.tools
                ],
            }
            for issue in draft(assessment, target)
        ],
    }


@transaction.atomic
def create_analysis(assessment: Assessment, *, target: Decimal | None = None) -> Analysis:
    """Draft the analysis of an assessment and store it; an existing one is returned as it is."""
    analysis, created = Analysis.objects.get_or_create(
        agency=assessment.agency,
        fiscal_year=assessment.fiscal_year,
        defaults={
            "assessment": assessment,
            "target": target
            if target is not None
            else get_catalog(assessment.fiscal_year).improve_below,
        },
    )
    if not created:
        return analysis
    year = assessment.fiscal_year
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
            recommendation=recommendation_for(year, issue.number, t.tool, t.verdict),
        )
        for issue in draft(assessment, analysis.target)
        for t in issue.tools
    )
    return analysis


class Frozen(PermissionError):
    def __init__(self, analysis: Analysis):
        self.message_th = _("การวิเคราะห์นี้%(status)s แก้ไขไม่ได้ (การแก้ไขหลังอนุมัติต้องทำเป็นฉบับใหม่)") % {
            "status": analysis.get_status_display()
        }
        super().__init__(self.message_th)


EDITABLE = ("draft",)


@transaction.atomic
def update_analysis(
    analysis: Analysis,
    *,
    recommendations: dict[int, str] | None = None,
    narratives: dict[int, str] | None = None,
    constraints: dict[str, str] | None = None,
) -> Analysis:
    """Save what the officer wrote: recommendations per finding id, narratives per issue number,
    constraints by field name. Refused once the analysis has left the draft state."""
    from .models import IssueNarrative

    analysis = Analysis.objects.select_for_update().get(pk=analysis.pk)
    if analysis.status not in EDITABLE:
        raise Frozen(analysis)
    for finding in analysis.findings.filter(pk__in=list(recommendations or {})):
        finding.recommendation = recommendations[finding.pk].strip()
        finding.save(update_fields=["recommendation"])
    for number, text in (narratives or {}).items():
        IssueNarrative.objects.update_or_create(
            analysis=analysis, issue_number=number, defaults={"text": text.strip()}
        )
    if constraints:
        for name, text in constraints.items():
            setattr(analysis, name, text.strip())
        analysis.save()
    return analysis
